import { useEffect, useState } from 'react';
import type { PublicationPreview } from '../../../../shared/api/publication';
import type { DraftMeta } from '../../../../shared/draft';
import { CallError, isExistingFileRefusal, type CallFn } from '../../api/client';
import { Dialog, ReplaceFileQuestion, SaveTargetFields } from '../draft/Dialog';

const PDF_FILTERS = [{ name: 'PDF 文件', extensions: ['pdf'] }];
const UNSAFE = /[\\/:*?"<>|]/g;

/** `<单位编码> <单位名称> <年度>年部门预算公开.pdf`, safe as a file name. */
export function pdfFileName(meta: Pick<DraftMeta, 'unitCode' | 'unitName' | 'year'>): string {
  return `${meta.unitCode} ${meta.unitName} ${meta.year}年部门预算公开.pdf`.replace(UNSAFE, '_');
}

/**
 * 发布（PDF）: the disclosure as the public reads it. The pages are previewed first (the
 * document as it prints, with its page count and 目录); a draft with 强制 findings can only
 * be saved as a marked draft, after saying so; an unsigned one carries 未审签 on every page.
 */
export function PublishDialog(props: { call: CallFn; meta: DraftMeta; onSaved: (message: string) => void; onClose: () => void }) {
  const { call, meta } = props;
  const defaultName = pdfFileName(meta);
  const [preview, setPreview] = useState<PublicationPreview | null>(null);
  const [path, setPath] = useState('');
  const [asDraft, setAsDraft] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [existing, setExisting] = useState<string | null>(null);
  const report = (err: unknown) => setMessage({ text: err instanceof CallError ? err.message : String(err), error: true });

  useEffect(() => {
    let live = true;
    call('publication/preview', { draftId: meta.id }).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setMessage({ text: err instanceof CallError ? err.message : String(err), error: true }),
    );
    return () => {
      live = false;
    };
  }, [call, meta.id]);

  const blocked = (preview?.blocking ?? 0) > 0;

  async function save(file: string, replace = false) {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('publication/pdf', { draftId: meta.id, path: file, replace, draft: asDraft });
      const mark = r.blocking ? '，每页标明“草稿”' : preview?.signed ? '' : '，每页标明“未审签”';
      const text = `已生成 PDF（${r.pages} 页${mark}）：${r.path}`;
      setMessage({ text, error: false });
      props.onSaved(text);
    } catch (err) {
      if (!replace && isExistingFileRefusal(err)) setExisting(file);
      else report(err);
    } finally {
      setBusy(false);
    }
  }

  async function choose() {
    try {
      const r = await call('files/chooseSave', { title: '发布（PDF）', defaultName, filters: PDF_FILTERS });
      if (!r.path) return;
      setPath(r.path);
      await save(r.path, true);
    } catch (err) {
      report(err);
    }
  }

  return (
    <Dialog title="发布（PDF）" onClose={existing ? () => {} : props.onClose} wide>
      <form
        className="bd-modal-body bd-publish"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void save(path.trim());
        }}
      >
        {!preview && !message && <p className="bd-muted">正在排版预览…</p>}
        {preview && (
          <>
            <p className="bd-publish-summary" data-testid="publish-summary">
              共 {preview.pages} 页（A4，宽表横排）{preview.signed ? '，已审签' : '，未审签：每页标明“未审签”'}
              {blocked ? `；尚有 ${preview.blocking} 个强制性问题` : ''}
            </p>
            {preview.contents.length > 0 && (
              <ol className="bd-publish-contents" aria-label="目录">
                {preview.contents.map((c) => (
                  <li key={c.title}>
                    <span>{c.title}</span>
                    <span>{c.page ?? '—'}</span>
                  </li>
                ))}
              </ol>
            )}
            <iframe className="bd-publish-preview" title="页面预览" sandbox="" srcDoc={preview.html} />
            {blocked && (
              <label className="bd-publish-draft" role="alert">
                <input type="checkbox" checked={asDraft} onChange={(e) => setAsDraft(e.target.checked)} />
                尚有 {preview.blocking} 个强制性问题，不能作为正式文件公开；只生成每页标明“草稿”的审阅稿
              </label>
            )}
          </>
        )}
        <SaveTargetFields
          path={path}
          onPath={setPath}
          onChoose={() => void choose()}
          busy={busy}
          label="PDF 保存路径"
          placeholder={defaultName}
          message={message}
          resultTestId="publish-result"
        />
        <footer>
          <button type="button" className="bd-btn" onClick={props.onClose}>关闭</button>
          <button type="submit" className="bd-btn bd-btn-primary" disabled={busy || !preview || !path.trim() || (blocked && !asDraft)}>
            {busy ? '正在生成…' : '生成 PDF'}
          </button>
        </footer>
      </form>
      {existing && (
        <ReplaceFileQuestion
          file={existing}
          onKeep={() => {
            setExisting(null);
            setMessage({ text: `未生成，已保留原文件：${existing}`, error: false });
          }}
          onReplace={() => {
            setExisting(null);
            void save(existing, true);
          }}
        />
      )}
    </Dialog>
  );
}
