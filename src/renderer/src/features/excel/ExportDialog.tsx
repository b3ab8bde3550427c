import { useState } from 'react';
import type { DraftMeta } from '../../../../shared/draft';
import { CallError, isExistingFileRefusal, type CallFn } from '../../api/client';
import { Dialog, ReplaceFileQuestion, SaveTargetFields } from '../draft/Dialog';
import type { Finding } from '../../../../shared/findings';
import { openIssuesText, OpenIssuesWarning, useOpenIssues } from '../review/open-issues';
import { exportFileName, XLSX_FILTERS } from './paths';

/**
 * Export the draft as the standard workbook. The native save dialog picks the place where
 * there is one; the path can always be typed. An existing file is replaced only after 替换.
 */
export function ExportDialog(props: { call: CallFn; meta: DraftMeta; findings: readonly Finding[]; onExported: (message: string) => void; onClose: () => void }) {
  const { call, meta } = props;
  const issues = useOpenIssues(call, meta.id, props.findings);
  const defaultName = exportFileName(meta);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  /** The existing file the clerk is asked about. */
  const [existing, setExisting] = useState<string | null>(null);
  const report = (err: unknown) => setMessage({ text: err instanceof CallError ? err.message : String(err), error: true });

  async function exportTo(file: string, replace = false) {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('excel/export', { draftId: meta.id, path: file, replace });
      const open = openIssuesText(issues);
      const text = `已导出 ${r.sheets.length} 张工作表到 ${r.path}${open ? `（${open}，报表可能不一致）` : ''}`;
      setMessage({ text, error: !!open });
      props.onExported(text);
    } catch (err) {
      if (!replace && isExistingFileRefusal(err)) setExisting(file);
      else report(err);
    } finally {
      setBusy(false);
    }
  }

  async function choose() {
    try {
      const r = await call('files/chooseSave', { title: '导出 Excel', defaultName, filters: XLSX_FILTERS });
      if (!r.path) return;
      setPath(r.path);
      await exportTo(r.path, true); // the save dialog asked already if the file exists
    } catch (err) {
      report(err);
    }
  }

  return (
    // While the question is open, Escape answers it (取消) and leaves this dialog open.
    <Dialog title="导出 Excel" onClose={existing ? () => {} : props.onClose} wide>
      <form
        className="bd-modal-body bd-excel-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void exportTo(path.trim());
        }}
      >
        <p className="bd-muted">按报表模板的标准格式导出全部报表（每表一张工作表，含项目绩效目标、政府采购、资产和情况说明）。</p>
        <OpenIssuesWarning issues={issues} consequence="仍可导出，但导出的报表可能互不相符，公开前请先处理。" />
        <SaveTargetFields
          path={path}
          onPath={setPath}
          onChoose={() => void choose()}
          busy={busy}
          label="保存路径"
          placeholder={defaultName}
          message={message}
          resultTestId="export-result"
        />
        <footer>
          <button type="button" className="bd-btn" onClick={props.onClose}>关闭</button>
          <button type="submit" className="bd-btn bd-btn-primary" disabled={busy || !path.trim()}>{busy ? '正在导出…' : '导出'}</button>
        </footer>
      </form>
      {existing && (
        <ReplaceFileQuestion
          file={existing}
          onKeep={() => {
            setExisting(null);
            setMessage({ text: `未导出，已保留原文件：${existing}`, error: false });
          }}
          onReplace={() => {
            setExisting(null);
            void exportTo(existing, true);
          }}
        />
      )}
    </Dialog>
  );
}
