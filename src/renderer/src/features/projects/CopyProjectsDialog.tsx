import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../../shared/api';
import type { DraftMeta } from '../../../../shared/draft';
import { formatMoney, parseMoney } from '../../../../shared/money';
import { hasPack, templateOf } from '../../../../shared/regions';
import { tableByRole, tableUnit } from '../../../../shared/template/types';
import { Dialog } from '../draft/Dialog';
import type { TableViewProps } from '../slots';
import { runChange } from './edit';

/** Choose another draft (last year's) and the projects to copy with their indicators. */
export function CopyProjectsDialog(props: TableViewProps & { onClose: () => void; onCopied: (rows: string[]) => void }) {
  const { draft, call, onClose } = props;
  const [drafts, setDrafts] = useState<DraftMeta[]>([]);
  const [from, setFrom] = useState('');
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('drafts/list', {})
      .then((list) => {
        const others = list.filter((d) => d.id !== draft.meta.id).sort((a, b) => Number(b.year === draft.meta.year - 1) - Number(a.year === draft.meta.year - 1));
        setDrafts(others);
        if (others[0]) setFrom(others[0].id);
      })
      .catch((e: Error) => setError(e.message));
  }, [call, draft.meta.id, draft.meta.year]);

  useEffect(() => {
    if (!from) return;
    call('projects/list', { draftId: from })
      .then((list) => {
        setProjects(list);
        setChosen(new Set());
      })
      .catch((e: Error) => setError(e.message));
  }, [call, from]);

  // The source draft's figures are in its own pack's unit (元 or 万元).
  const source = drafts.find((d) => d.id === from);
  const sourceTemplate = source && hasPack(source.templateId) ? templateOf(source) : draft.template;
  const sourceProjects = tableByRole(sourceTemplate, 'projects');
  const unit = sourceProjects ? tableUnit(sourceTemplate, sourceProjects) : sourceTemplate.unitOfMeasure;

  const copy = async () => {
    const r = await runChange(props, () => call('projects/copyFromDraft', { draftId: draft.meta.id, fromDraftId: from, projectIds: [...chosen] }));
    if (!r) return;
    props.notify(`已复制 ${r.added.length} 个项目${r.skipped.length ? `；${r.skipped.map((s) => s.message).join('；')}` : ''}`);
    props.onCopied(r.added.map((a) => a.row));
    onClose();
  };
  const amount = (p: ProjectSummary) => {
    const a = parseMoney(p.fiscal);
    const b = parseMoney(p.otherFunds);
    return formatMoney((a.ok ? a.value ?? 0 : 0) + (b.ok ? b.value ?? 0 : 0));
  };

  return (
    <Dialog title="从其他预算稿复制项目" onClose={onClose} wide>
      <div className="bd-modal-body bd-form">
        {drafts.length === 0 ? (
          <p className="bd-muted">没有其他预算稿。请先导入或新建上年的预算稿。</p>
        ) : (
          <label>
            来源预算稿
            <select className="bd-input" aria-label="来源预算稿" value={from} onChange={(e) => setFrom(e.target.value)}>
              {drafts.map((d) => (
                <option key={d.id} value={d.id}>{d.year} 年 · {d.unitCode} {d.unitName}</option>
              ))}
            </select>
          </label>
        )}
        <ul className="bd-copy-list" aria-label="可复制的项目">
          {projects.map((p) => (
            <li key={p.row}>
              <label>
                <input
                  type="checkbox"
                  aria-label={p.name || p.row}
                  checked={chosen.has(p.row)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(p.row);
                    else next.delete(p.row);
                    setChosen(next);
                  }}
                />
                {p.name || '（未命名）'} <span className="bd-muted">{p.code} · {amount(p)} {unit} · {p.indicatorCount} 项指标</span>
              </label>
            </li>
          ))}
          {from && projects.length === 0 && <li className="bd-muted">该预算稿没有项目</li>}
        </ul>
        {error && <p className="bd-error-text">{error}</p>}
      </div>
      <footer>
        <button className="bd-btn" onClick={onClose}>取消</button>
        <button className="bd-btn bd-btn-primary" disabled={chosen.size === 0} onClick={() => void copy()}>复制所选 {chosen.size} 个项目</button>
      </footer>
    </Dialog>
  );
}
