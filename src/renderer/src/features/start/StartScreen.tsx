import { useCallback, useEffect, useRef, useState } from 'react';
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
import { openSampleBudget, SAMPLE_LABEL } from './sample';

/** A region pack as templates/list gives it: the layout of a region and year, for a 部门 or a 单位. */
type Pack = { id: string; name: string; year: number; region: string; scope: 'department' | 'unit' };
const SCOPE_WORDS: Record<Pack['scope'], string> = { department: '部门预算', unit: '单位预算' };

/** The list of drafts: create, open, duplicate, delete. `returnedFrom`: the draft whose window was just closed. */
export function StartScreen({ onOpen, returnedFrom }: { onOpen: (draftId: string) => void; returnedFrom?: string | null }) {
  const [drafts, setDrafts] = useState<DraftMeta[] | null>(null);
  const [templates, setTemplates] = useState<Pack[]>([]);
  const [loadingSample, setLoadingSample] = useState(false);
  const [selected, setSelected] = useState<string | null>(returnedFrom ?? null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DraftMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<AppInfo['recovery'] | null>(null);
  // The keyboard goes to the drafts, where the clerk goes next, once the list is read: on opening the
  // screen (or coming back from a draft) when nothing has it, and after a login whatever has it.
  const [focusList, setFocusList] = useState<'always' | 'if-lost' | null>('if-lost');
  const list = useRef<HTMLTableElement>(null);

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

  useEffect(() => {
    if (!focusList || drafts === null) return;
    if (focusList === 'always' || document.activeElement === document.body) list.current?.querySelector<HTMLElement>('tbody tr[tabindex="0"]')?.focus();
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setFocusList(null);
  }, [focusList, drafts]);

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
  // The row in the Tab order: the selected one, else the first.
  const tabStop = chosen?.id ?? drafts?.[0]?.id;
  const openSample = () =>
    void run(async () => {
      setLoadingSample(true);
      try {
        onOpen((await openSampleBudget(call)).id);
      } finally {
        setLoadingSample(false);
      }
    });
  const firstRun = drafts !== null && drafts.length === 0;
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
          <AccountBar onChanged={(loggedIn) => void refresh().then(() => loggedIn && setFocusList('always'))} />
        </div>
      </header>
      {error && <p className="bd-error-text" role="alert">{error}</p>}
      {firstRun && (
        <section className="bd-welcome" aria-label="开始编制" data-testid="first-run">
          <h2>欢迎使用部门预算编制</h2>
          <p>还没有预算稿。选择一种方式开始：</p>
          <ol className="bd-welcome-steps">
            <li>
              <button className="bd-btn bd-btn-primary" onClick={() => setCreating(true)}>新建预算稿</button>
              <span>选择报表模板（地区、部门或单位）和预算年度，从空白表格开始填写。</span>
            </li>
            <li>
              <StartImportButton onOpen={onOpen} label="从上年的 Excel 工作簿开始…" />
              <span>读入上年已公开的预算表（本软件导出的或手工制作的），作为今年的起点和上年对比。</span>
            </li>
            <li>
              <button className="bd-btn" onClick={openSample} disabled={loadingSample}>{loadingSample ? '正在载入示例…' : '打开示例预算'}</button>
              <span>{SAMPLE_LABEL}：一套完整填好的真实预算，先看看各表怎样填写、怎样审核。</span>
            </li>
          </ol>
          <p className="bd-muted">表格操作与 Excel 相同：直接输入数字，Enter、Tab 或方向键确认并移到下一格；F2 修改；Ctrl+C/V 复制粘贴；Ctrl+Z 撤销。</p>
        </section>
      )}
      {!firstRun && (
      <table className="bd-draft-list" aria-label="预算稿" ref={list}>
        <thead>
          <tr>
            <th>单位编码</th>
            <th>单位名称</th>
            <th>预算年度</th>
            <th>报表模板</th>
            <th>状态</th>
            <th>创建时间</th>
            <th>最后修改</th>
          </tr>
        </thead>
        <tbody>
          {drafts?.map((d) => (
            <tr
              key={d.id}
              aria-selected={d.id === selected}
              data-draft={d.id}
              // One row in the Tab order (tabStop); the arrows move, Enter opens.
              tabIndex={d.id === tabStop ? 0 : -1}
              onFocus={() => setSelected(d.id)}
              onClick={() => setSelected(d.id)}
              onDoubleClick={() => onOpen(d.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onOpen(d.id);
                else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const row = e.currentTarget[e.key === 'ArrowDown' ? 'nextElementSibling' : 'previousElementSibling'];
                  if (row instanceof HTMLElement) row.focus();
                }
              }}
            >
              <td>{d.unitCode}</td>
              <td>
                {d.unitName}
                {d.label && <span className="bd-copy-label">（{d.label}）</span>}
              </td>
              <td>{d.year}</td>
              <td>{templates.find((t) => t.id === d.templateId)?.name ?? d.templateId}</td>
              <td><span className={`bd-status bd-status-${d.status}`}>{DRAFT_STATUS_LABELS[d.status]}</span></td>
              <td>{formatTime(d.createdAt)}</td>
              <td>{formatTime(d.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
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

/** The year a new draft is most likely for: after the latest draft's, else next calendar year (budgets are made the year before). */
export function defaultBudgetYear(drafts: Pick<DraftMeta, 'year'>[], today = new Date()): number {
  return drafts.length ? Math.max(...drafts.map((d) => d.year)) + 1 : today.getFullYear() + 1;
}

/** How a draft is told apart in the 起始数据 list: unit, year, status, last change. */
export function draftChoiceLabel(d: DraftMeta, packs: Pack[]): string {
  const pack = packs.find((p) => p.id === d.templateId);
  return `${d.unitCode} ${d.unitName}${d.label ? `（${d.label}）` : ''} · ${d.year} 年 · ${DRAFT_STATUS_LABELS[d.status]} · ${pack ? `${pack.region}${SCOPE_WORDS[pack.scope]} · ` : ''}修改于 ${formatTime(d.updatedAt)}`;
}

function CreateDraftDialog({ templates, drafts, onCreate, onCancel }: { templates: Pack[]; drafts: DraftMeta[]; onCreate: (a: CreateArgs) => void; onCancel: () => void }) {
  const last = drafts[0];
  const [unitCode, setUnitCode] = useState(last?.unitCode ?? '');
  const [unitName, setUnitName] = useState(last?.unitName ?? '');
  const [year, setYear] = useState(String(defaultBudgetYear(drafts)));
  // The clerk's choice, else the pack of the latest draft (the same department next year), else
  // the first: worked out at each render, as the list of packs may arrive after the dialog opens.
  const [chosenTemplate, setTemplateId] = useState('');
  const templateId = chosenTemplate || (templates.find((t) => t.id === last?.templateId)?.id ?? templates[0]?.id ?? '');
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
          <select className="bd-input" aria-label="报表模板" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
        <label>
          起始数据
          <select className="bd-input" value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">空白（从头编制）</option>
            {drafts.map((d) => <option key={d.id} value={d.id}>{draftChoiceLabel(d, templates)}</option>)}
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
