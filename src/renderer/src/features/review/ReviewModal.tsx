import { useRef, type ReactNode } from 'react';
import { useModalFocus } from '../draft/modal-focus';

/** The review's dialogs (登录, 退回修改, 审签 …): modal, the keyboard kept in them as in every dialog (useModalFocus). */
export function ReviewModal({ label, onCancel, children }: { label: string; onCancel?: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const keepTabInside = useModalFocus(box, onCancel);
  return (
    <div className="bd-review-backdrop" role="dialog" aria-modal="true" aria-label={label} ref={box} onKeyDown={keepTabInside}>
      {children}
    </div>
  );
}
