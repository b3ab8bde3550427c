import { useState } from 'react';
import type { DraftMeta } from '../../../../shared/draft';
import { CallError, isExistingFileRefusal, type CallFn } from '../../api/client';
import { ReplaceFileQuestion } from '../draft/Dialog';
import { ReviewModal } from './ReviewModal';

export const DRAFT_FILE_FILTERS = [{ name: '预算草稿文件', extensions: ['json'] }];

/**
 * Review elsewhere: save the draft as a file to send to the supervisor (or back to the clerk),
 * and open a file that came back. The native file dialog is used where there is one; the path
 * can always be typed.
 */
export function DraftFileDialog(props: { call: CallFn; meta: DraftMeta; onOpened: (meta: DraftMeta) => void; onClose: () => void }) {
  const { call, meta } = props;
  const defaultName = `${meta.unitCode}-${meta.unitName}-${meta.year}年部门预算.budget.json`;
  const [savePath, setSavePath] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  /** The path the native save dialog returned: it asked already if the file exists. */
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  /** An existing file the clerk is asked about. */
  const [existing, setExisting] = useState<string | null>(null);

  const report = (err: unknown) => setMessage({ text: err instanceof CallError ? err.message : String(err), error: true });

  async function choose(kind: 'save' | 'open') {
    try {
      const r =
        kind === 'save'
          ? await call('files/chooseSave', { title: '保存草稿文件', defaultName, filters: DRAFT_FILE_FILTERS })
          : await call('files/chooseOpen', { title: '打开草稿文件', filters: DRAFT_FILE_FILTERS });
      if (!r.path) return;
      if (kind === 'save') {
        setSavePath(r.path);
        setChosenPath(r.path);
      } else setOpenPath(r.path);
    } catch (err) {
      report(err);
    }
  }

  async function save(replace = savePath.trim() === chosenPath) {
    const path = savePath.trim();
    try {
      const r = await call('draftFile/save', { draftId: meta.id, path, replace });
      setMessage({ text: `已保存到 ${r.path}`, error: false });
    } catch (err) {
      if (!replace && isExistingFileRefusal(err)) setExisting(path);
      else report(err);
    }
  }

  async function open() {
    try {
      props.onOpened(await call('draftFile/open', { path: openPath.trim() }));
    } catch (err) {
      report(err);
    }
  }

  return (
    <ReviewModal label="草稿文件" onCancel={props.onClose}>
      <div className="bd-review-dialog bd-review-wide">
        <h2>草稿文件（送审与返回）</h2>
        <p className="bd-review-hint">
          把草稿保存为文件交给审核人；审核人审签或退回后保存的文件在这里打开。文件若比本机草稿旧，或审签后被改动，会被发现并说明，不会当作已审签。
        </p>
        <label>
          保存到
          <div className="bd-review-row">
            <input value={savePath} onChange={(e) => setSavePath(e.target.value)} aria-label="保存路径" placeholder={defaultName} />
            <button type="button" onClick={() => void choose('save')}>
              选择位置…
            </button>
            <button type="button" className="bd-review-primary" disabled={!savePath.trim()} onClick={() => void save()}>
              保存
            </button>
          </div>
        </label>
        <label>
          打开文件
          <div className="bd-review-row">
            <input value={openPath} onChange={(e) => setOpenPath(e.target.value)} aria-label="打开路径" />
            <button type="button" onClick={() => void choose('open')}>
              选择文件…
            </button>
            <button type="button" className="bd-review-primary" disabled={!openPath.trim()} onClick={() => void open()}>
              打开
            </button>
          </div>
        </label>
        {message && (
          <p className={message.error ? 'bd-review-error' : 'bd-review-hint'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <div className="bd-review-buttons">
          <button type="button" onClick={props.onClose}>
            关闭
          </button>
        </div>
      </div>
      {existing && (
        <ReplaceFileQuestion
          file={existing}
          onKeep={() => {
            setExisting(null);
            setMessage({ text: `未保存，已保留原文件：${existing}`, error: false });
          }}
          onReplace={() => {
            setExisting(null);
            void save(true);
          }}
        />
      )}
    </ReviewModal>
  );
}
