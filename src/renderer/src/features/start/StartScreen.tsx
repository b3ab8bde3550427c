import { useCallback, useEffect, useState } from 'react';
import type { DraftMeta } from '../../../../shared/draft';
import { DRAFT_STATUS_LABELS } from '../../../../shared/draft';
import { call } from '../../api/client';
import { ConfirmDialog, Dialog } from '../draft/Dialog';
import { DictionaryButton } from '../dictionary/DictionaryButton';
import { StartImportButton } from '../excel/StartImport';
import { formatTime } from '../draft/DraftWindow';
import type { AppInfo } from '../../../../shared/api/store';
import { RecoveryScreen } from './RecoveryScreen';
import { AccountBar } from './AccountBar';

type Template = { id: string; name: string; year: number; region: string };

/** The list of drafts: create, open, duplicate, delete. */
export function StartScreen({ onOpen }: { onOpen: (draftId: string) => void }) {
  const [drafts, setDrafts] = useState<DraftMeta[] | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DraftMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<AppInfo['recovery'] | null>(null);

  const refresh = useCallback(async () => {
    try {
      // A database that cannot be used as it is goes to recovery, never to an empty list.
      const info = await call('app/info', {});
      setRecovery(info.recovery ?? null);
      if (info.recovery) return;
      const [list, tpls] = await Promise.all([call('drafts/list', {}), call('templates/list', {})]);
      setDrafts([...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
      setTemplates(tpls);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    // Loads asynchronously; state is set when the store answers.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  const run = async (fn: () => Promise<unknown>) => {
    try {
      setError(null);
      await fn();
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const chosen = drafts?.find((d) => d.id === selected) ?? null;
  if (recovery) return <RecoveryScreen recovery={recovery} onDone={() => void refresh()} />;

  return (
    <div className="bd-start">
      <header className="bd-start-head">
        <h1>部门预算编制</h1>
        <div className="bd-actions">
          <button className="bd-btn bd-btn-primary" onClick={() => setCreating(true)}>新建预算稿</button>
          <StartImportButton onOpen={onOpen} />
          <button className="bd-btn" disabled={!chosen} onClick={() => chosen && onOpen(chosen.id)}>打开</button>
          <button className="bd-btn" disabled={!chosen} onClick={() => chosen && void run(() => call('drafts/duplicate', { draftId: chosen.id }))}>复制</button>
          <button className="bd-btn bd-btn-danger" disabled={!chosen} onClick={() => setDeleting(chosen)}>删除</button>
          <DictionaryButton />
          <AccountBar onChanged={() => void refresh()} />
        </div>
      </header>
      {error && <p className="bd-error-text" role="alert">{error}</p>}
      <table className="bd-draft-list" aria-label="预算稿">
        <thead>
          <tr>
            <th>单位编码</th>
            <th>单位名称</th>
            <th>预算年度</th>
            <th>报表模板</th>
            <th>状态</th>
            <th>最后修改</th>
          </tr>
        </thead>
        <tbody>
          {drafts?.map((d) => (
            <tr key={d.id} aria-selected={d.id === selected} data-draft={d.id} onClick={() => setSelected(d.id)} onDoubleClick={() => onOpen(d.id)}>
              <td>{d.unitCode}</td>
              <td>{d.unitName}</td>
              <td>{d.year}</td>
              <td>{templates.find((t) => t.id === d.templateId)?.name ?? d.templateId}</td>
              <td><span className={`bd-status bd-status-${d.status}`}>{DRAFT_STATUS_LABELS[d.status]}</span></td>
              <td>{formatTime(d.updatedAt)}</td>
            </tr>
          ))}
          {drafts && drafts.length === 0 && (
            <tr>
              <td colSpan={6} className="bd-muted">还没有预算稿。点击“新建预算稿”开始编制。</td>
            </tr>
          )}
        </tbody>
      </table>
      {creating && (
        <CreateDraftDialog
          templates={templates}
          drafts={drafts ?? []}
          onCancel={() => setCreating(false)}
          onCreate={(args) =>
            void run(async () => {
              const meta = await call('drafts/create', args);
              setCreating(false);
              onOpen(meta.id);
            })
          }
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="删除预算稿"
          message={`确定删除“${deleting.unitCode} ${deleting.unitName} ${deleting.year} 年”预算稿吗？删除后不能恢复（可从自动备份中找回）。`}
          confirmLabel="删除"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            setSelected(null);
            void run(() => call('drafts/delete', { draftId: id }));
          }}
        />
      )}
    </div>
  );
}

type CreateArgs = { unitCode: string; unitName: string; year: number; templateId: string; fromDraftId?: string };

function CreateDraftDialog({ templates, drafts, onCreate, onCancel }: { templates: Template[]; drafts: DraftMeta[]; onCreate: (a: CreateArgs) => void; onCancel: () => void }) {
  const last = drafts[0];
  const [unitCode, setUnitCode] = useState(last?.unitCode ?? '');
  const [unitName, setUnitName] = useState(last?.unitName ?? '');
  // The next budget year: after the latest draft's, else the template's year.
  const [year, setYear] = useState(String(drafts.length ? Math.max(...drafts.map((d) => d.year)) + 1 : (templates[0]?.year ?? new Date().getFullYear() + 1)));
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [from, setFrom] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const y = Number(year);
    if (!unitCode.trim() || !unitName.trim()) return setProblem('请填写单位编码和单位名称');
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return setProblem(`“${year}”不是有效的预算年度`);
    if (!templateId) return setProblem('请选择报表模板');
    onCreate({ unitCode: unitCode.trim(), unitName: unitName.trim(), year: y, templateId, ...(from ? { fromDraftId: from } : {}) });
  };
  return (
    <Dialog title="新建预算稿" onClose={onCancel}>
      <form
        className="bd-modal-body bd-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>单位编码<input className="bd-input" value={unitCode} autoFocus onChange={(e) => setUnitCode(e.target.value)} /></label>
        <label>单位名称<input className="bd-input" value={unitName} onChange={(e) => setUnitName(e.target.value)} /></label>
        <label>预算年度<input className="bd-input" value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value)} /></label>
        <label>
          报表模板
          <select className="bd-input" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label>
          起始数据
          <select className="bd-input" value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">空白（从头编制）</option>
            {drafts.map((d) => <option key={d.id} value={d.id}>提取“{d.unitName} {d.year} 年”的数据</option>)}
          </select>
        </label>
        {problem && <p className="bd-error-text" role="alert">{problem}</p>}
        <footer>
          <button type="button" className="bd-btn" onClick={onCancel}>取消</button>
          <button type="submit" className="bd-btn bd-btn-primary">创建</button>
        </footer>
      </form>
    </Dialog>
  );
}
