import { useRef, useState } from 'react';
import { TOTAL_ROW, type CellRef } from '../../../../shared/draft';
import { formatMoney } from '../../../../shared/money';
import { tableUnit } from '../../../../shared/template/types';
import { ConfirmDialog } from '../draft/Dialog';
import { useFocusNext } from '../draft/focus-next';
import type { TableViewProps } from '../slots';
import { CopyProjectsDialog } from './CopyProjectsDialog';
import { runChange } from './edit';
import { ProjectSheet } from './ProjectSheet';

/** Table 10: the department's projects, and the 绩效目标表 of the selected one. */
export function ProjectsView(props: TableViewProps) {
  const { draft, table } = props;
  const TABLE = table.id;
  const model = draft.model;
  const projects = model.rows(TABLE).filter((r) => r !== TOTAL_ROW);
  /** The project a cell belongs to: its own row, or the parent named by a child list's record (an indicator). */
  const projectOf = (ref: CellRef | undefined): string | null => {
    if (!ref || ref.row === TOTAL_ROW) return null;
    if (ref.table === TABLE) return ref.row;
    const parent = draft.template.tables.find((t) => t.id === ref.table)?.parent;
    return parent?.table === TABLE ? model.text(ref.table, ref.row, parent.col) || null : null;
  };
  const [selected, setSelected] = useState<string | null>(projectOf(props.selected) ?? projects[0] ?? null);
  // The cell of a clicked finding (or an undo), highlighted in its project's sheet.
  const [located, setLocated] = useState<CellRef | null>(projectOf(props.selected) ? { ...props.selected! } : null);
  const [copying, setCopying] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [request, setRequest] = useState(props.selected);
  if (props.selected !== request) {
    // A finding was clicked: show its project and the field or indicator concerned.
    setRequest(props.selected);
    const owner = projectOf(props.selected);
    if (owner) {
      setSelected(owner);
      setLocated({ ...props.selected! }); // a new object: the same finding clicked again locates again
    }
  }
  const choose = (row: string) => {
    setSelected(row);
    setLocated(null);
  };
  const current = selected && projects.includes(selected) ? selected : (projects[0] ?? null);
  const ro = draft.readOnly;
  const money = (row: string, col: string) => formatMoney(model.value(TABLE, row, col));
  const marked = (row: string) => draft.findings.filter((f) => f.cells.some((c) => c.table === TABLE && c.row === row));

  // A project added: its sheet shows and the cursor is in its 项目编码, where the clerk starts.
  const view = useRef<HTMLDivElement>(null);
  const focusNext = useFocusNext(view);
  const add = async () => {
    const r = await runChange(props, () => props.call('rows/add', { draftId: draft.meta.id, table: TABLE }));
    if (r) {
      choose(r.rowId);
      props.notify('已添加项目，请填写项目编码、名称和预算');
      focusNext('[aria-label="项目编码"]');
    }
  };
  const remove = async () => {
    setConfirm(false);
    if (!current) return;
    const r = await runChange(props, () => props.call('rows/remove', { draftId: draft.meta.id, table: TABLE, rows: [current] }));
    if (r) props.notify('已删除项目及其绩效指标（可撤销）');
  };

  return (
    <div className="bd-projects" data-testid="projects-view" ref={view}>
      <div className="bd-sheet-head">
        <h1>表{table.number} {table.title}</h1>
        <div className="bd-info-line">
          <span className="bd-info-unit" title={`${draft.meta.unitCode} ${draft.meta.unitName}`}>单位：{draft.meta.unitCode} {draft.meta.unitName}</span>
          <span>预算年度：{draft.meta.year}</span>
          <span>单位：{tableUnit(draft.template, table)}</span>
        </div>
        {!ro && (
          <div className="bd-sheet-tools">
            <button className="bd-btn" onClick={() => void add()}>＋ 添加项目</button>
            <button className="bd-btn" onClick={() => setCopying(true)}>从其他预算稿复制…</button>
            <button className="bd-btn" disabled={!current} onClick={() => setConfirm(true)}>删除所选项目</button>
          </div>
        )}
      </div>
      <table className="bd-project-list" aria-label="项目清单">
        <thead>
          <tr>
            <th>序号</th><th>项目编码</th><th>项目名称</th><th>功能分类科目</th><th>资金性质</th>
            <th>预算数</th><th>其中：财政资金</th><th>其他资金</th><th>审核</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((row, i) => {
            const f = marked(row);
            return (
              <tr key={row} data-row={row} aria-selected={row === current} className={row === current ? 'is-selected' : undefined} onClick={() => choose(row)}>
                <td>{i + 1}</td>
                <td>{model.text(TABLE, row, 'code')}</td>
                <td>{model.text(TABLE, row, 'name') || <span className="bd-muted">（未命名）</span>}</td>
                <td>{model.text(TABLE, row, 'functionCode')}</td>
                <td>{model.text(TABLE, row, 'fund')}</td>
                <td className="num" data-col="amount">{money(row, 'amount')}</td>
                <td className="num">{money(row, 'fiscal')}</td>
                <td className="num">{money(row, 'otherFunds')}</td>
                <td>{f.length > 0 && <span className={`bd-badge sev-${f.some((x) => x.severity === 'error') ? 'error' : 'warning'}`}>{f.length}</span>}</td>
              </tr>
            );
          })}
          <tr className="is-total">
            <td /><td /><td>合计</td><td /><td />
            <td className="num" data-testid="projects-total">{money(TOTAL_ROW, 'amount')}</td>
            <td className="num">{money(TOTAL_ROW, 'fiscal')}</td>
            <td className="num">{money(TOTAL_ROW, 'otherFunds')}</td>
            <td />
          </tr>
        </tbody>
      </table>
      {projects.length === 0 && <p className="bd-muted">尚无项目。点击“添加项目”，或从上年的预算稿复制。</p>}
      {current && <ProjectSheet key={current} {...props} project={current} located={located && projectOf(located) === current ? located : undefined} />}
      {copying && <CopyProjectsDialog {...props} onClose={() => setCopying(false)} onCopied={(rows) => rows[0] && choose(rows[0])} />}
      {confirm && current && (
        <ConfirmDialog
          title="删除项目"
          message={`删除项目“${model.text(TABLE, current, 'name') || current}”及其全部绩效指标？（可用 Ctrl+Z 撤销）`}
          confirmLabel="删除"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirm(false)}
        />
      )}
    </div>
  );
}
