import { useState } from 'react';
import type { DictionarySourceInfo } from '../../../../shared/api/store';
import { WORKBOOK_FORMATS_SHORT, WORKBOOK_OPEN_FILTERS } from '../../../../shared/workbook/formats';
import { call } from '../../api/client';
import { Dialog } from '../draft/Dialog';
import './dictionary.css';

const SCHEME_LABELS: Record<DictionarySourceInfo['scheme'], string> = {
  function: '支出功能分类科目',
  economic: '部门预算支出经济分类科目',
};

/** "科目表…" on the start screen: which code lists are in use, load the year's official list, or go back. */
export function DictionaryButton() {
  const [sources, setSources] = useState<DictionarySourceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [paths, setPaths] = useState<Partial<Record<DictionarySourceInfo['scheme'], string>>>({});

  const run = async (fn: () => Promise<DictionarySourceInfo[] | null>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await fn();
      if (next) setSources(next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const open = () => void run(() => call('dictionary/sources', {}));
  const browse = (scheme: DictionarySourceInfo['scheme']) =>
    run(async () => {
      const { path } = await call('files/chooseOpen', { title: `选择${SCHEME_LABELS[scheme]}表`, filters: WORKBOOK_OPEN_FILTERS });
      if (path) setPaths((p) => ({ ...p, [scheme]: path }));
      return null;
    });
  const load = (scheme: DictionarySourceInfo['scheme']) =>
    run(async () => {
      const path = paths[scheme]?.trim();
      if (!path) throw new Error('请先选择或输入科目表文件的路径');
      const next = await call('dictionary/replace', { scheme, path });
      setPaths((p) => ({ ...p, [scheme]: '' }));
      return next;
    });

  return (
    <>
      <button className="bd-btn" onClick={open}>科目表…</button>
      {sources && (
        <Dialog title="科目表" onClose={() => setSources(null)} wide>
          <div className="bd-modal-body">
            <p>新增科目行、检查科目编码和名称时使用下列科目表。随软件提供的是 2024 年科目的整理稿；请载入本年度财政部门发布的正式科目表（Excel、WPS、OpenDocument 或 CSV 表格，须有“科目编码”“科目名称”两列）。</p>
            <table className="bd-dict-table" data-testid="dictionary-sources">
              <thead>
                <tr><th>科目表</th><th>来源</th><th>科目数</th><th /></tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <tr key={s.scheme} data-scheme={s.scheme}>
                    <td>{SCHEME_LABELS[s.scheme]}</td>
                    <td>{s.source === 'user' ? `已载入：${s.fileName ?? ''}（${(s.loadedAt ?? '').slice(0, 10)}）` : '随软件提供（整理稿）'}</td>
                    <td>{s.size}</td>
                    <td>
                      <input
                        aria-label={`${SCHEME_LABELS[s.scheme]}文件路径`}
                        placeholder={`正式科目表文件（${WORKBOOK_FORMATS_SHORT}）`}
                        value={paths[s.scheme] ?? ''}
                        onChange={(e) => setPaths((p) => ({ ...p, [s.scheme]: e.target.value }))}
                      />
                      <button className="bd-btn" disabled={busy} onClick={() => void browse(s.scheme)}>浏览…</button>
                      <button className="bd-btn bd-btn-primary" disabled={busy} onClick={() => void load(s.scheme)}>载入</button>
                      {s.source === 'user' && (
                        <button className="bd-btn" disabled={busy} onClick={() => void run(() => call('dictionary/reset', { scheme: s.scheme }))}>恢复随软件提供的</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {error && <p className="bd-error-text" role="alert">{error}</p>}
          </div>
          <footer>
            <button className="bd-btn bd-btn-primary" onClick={() => setSources(null)}>完成</button>
          </footer>
        </Dialog>
      )}
      {!sources && error && <span className="bd-error-text" role="alert">{error}</span>}
    </>
  );
}
