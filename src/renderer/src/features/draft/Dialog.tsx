import { useRef, type ReactNode } from 'react';
import { useModalFocus } from './modal-focus';

/**
 * A modal dialog: Escape or the close button cancels; the keyboard stays in it (useModalFocus).
 */
export function Dialog({ title, children, onClose, wide }: { title: string; children: ReactNode; onClose: () => void; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const keepTabInside = useModalFocus(box, onClose);
  return (
    <div className="bd-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`bd-modal${wide ? ' bd-modal-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} ref={box} onKeyDown={keepTabInside}>
        <header>
          <h2>{title}</h2>
          <button className="bd-close" aria-label="关闭" onClick={onClose}>×</button>
        </header>
        {children}
      </div>
    </div>
  );
}

export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: { title: string; message: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="bd-modal-body">{message}</div>
      <footer>
        <button className="bd-btn" onClick={onCancel}>取消</button>
        <button className={`bd-btn ${danger ? 'bd-btn-danger' : 'bd-btn-primary'}`} autoFocus onClick={onConfirm}>{confirmLabel}</button>
      </footer>
    </Dialog>
  );
}

/** Asks before an existing file is written over: 替换 goes on, 取消 (or Escape) keeps the file. */
export function ReplaceFileQuestion({ file, onReplace, onKeep }: { file: string; onReplace: () => void; onKeep: () => void }) {
  return <ConfirmDialog title="替换文件" message={`文件已存在：${file}，是否替换？`} confirmLabel="替换" danger onConfirm={onReplace} onCancel={onKeep} />;
}

/** Where a file goes: the path field with 选择位置…, and the line saying what became of it. */
export function SaveTargetFields(props: {
  path: string;
  onPath: (path: string) => void;
  onChoose: () => void;
  busy: boolean;
  label: string;
  placeholder: string;
  message: { text: string; error: boolean } | null;
  resultTestId: string;
}) {
  const { message } = props;
  return (
    <>
      <div className="bd-excel-row">
        <input className="bd-input" value={props.path} onChange={(e) => props.onPath(e.target.value)} aria-label={props.label} placeholder={props.placeholder} />
        <button type="button" className="bd-btn" disabled={props.busy} onClick={props.onChoose}>选择位置…</button>
      </div>
      {message && (
        <p className={message.error ? 'bd-error-text' : 'bd-excel-ok'} role={message.error ? 'alert' : 'status'} data-testid={props.resultTestId}>
          {message.text}
        </p>
      )}
    </>
  );
}
