import { useEffect, useState } from 'react';
import type { DraftToolbarProps } from '../slots';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

/**
 * The message of an import, shown once the draft is re-opened: re-opening replaces the window's
 * view (and this toolbar), so the message waits here for the new one.
 */
let afterReload: { draftId: string; message: string } | null = null;

/** 导出 Excel and 导入上年数 in the draft window's toolbar. */
export function ExcelToolbar({ draft, call, reload, notify }: DraftToolbarProps) {
  const [open, setOpen] = useState<null | 'export' | 'import'>(null);
  useEffect(() => {
    if (afterReload?.draftId !== draft.meta.id) return;
    notify(afterReload.message);
    afterReload = null;
  }, [draft.meta.id, notify]);
  return (
    <>
      <button className="bd-btn" onClick={() => setOpen('export')} title="按标准格式导出全部报表">导出 Excel</button>
      <button
        className="bd-btn"
        disabled={draft.readOnly}
        onClick={() => setOpen('import')}
        title={draft.readOnly ? '已送审或已签名的预算稿不能导入' : '从上年的预算工作簿导入上年数'}
      >
        导入 Excel…
      </button>
      {open === 'export' && <ExportDialog call={call} meta={draft.meta} findings={draft.findings} onExported={(m) => notify(m)} onClose={() => setOpen(null)} />}
      {open === 'import' && (
        <ImportDialog
          call={call}
          target={{ as: 'prior', meta: draft.meta }}
          onClose={() => setOpen(null)}
          onCommitted={(_meta, cells) => {
            setOpen(null);
            afterReload = { draftId: draft.meta.id, message: `已导入上年数 ${cells} 项（见“上年对比”）` };
            void reload();
          }}
        />
      )}
    </>
  );
}
