import { useLayoutEffect, useRef } from 'react';
import type { CellRef } from '../../../../shared/draft';
import { formatMoney } from '../../../../shared/money';
import { tableByRole, tableUnit } from '../../../../shared/template/types';
import type { TableViewProps } from '../slots';
import { CodePicker } from './CodePicker';
import { setCells } from './edit';
import { Choice, Field } from './Field';
import { IndicatorGrid, indicatorRows } from './IndicatorGrid';

const PLAN = [['plan03', '3月底'], ['plan06', '6月底'], ['plan10', '10月底'], ['plan12', '12月底']] as const;

/** The 项目绩效目标表 of one project, laid out as the published sheet. */
export function ProjectSheet(props: TableViewProps & { project: string; located?: CellRef }) {
  const { draft, project, located, table: def } = props;
  const TABLE = def.id;
  const indicatorTable = tableByRole(draft.template, 'indicators')?.id;
  const sheet = useRef<HTMLElement>(null);
  // A finding's cell: bring its field (or indicator row) into view and put the cursor in it.
  useLayoutEffect(() => {
    if (located) focusLocated(sheet.current);
  }, [located]);
  const here = (col: string) => located?.table === TABLE && located.row === project && located.col === col;
  const model = draft.model;
  const ro = draft.readOnly;
  const text = (col: string) => model.text(TABLE, project, col);
  const set = (col: string, value: string) => setCells(props, [{ table: TABLE, row: project, col, value }]);
  const goals = text('goals').split('\n').map((g) => g.trim()).filter(Boolean);
  const indicators = new Set(indicatorRows(props, project));
  const findings = draft.findings.filter((f) => f.cells.some((c) => (c.table === TABLE && c.row === project) || (c.table === indicatorTable && indicators.has(c.row))));
  const fundOptions = def.columns.find((c) => c.id === 'fund')?.options ?? [];
  // 项目支出 (the default, stored blank) or 基本支出 (kept out of 项目支出).
  const spendingOptions = def.columns.find((c) => c.id === 'spending')?.options ?? [];

  return (
    <article ref={sheet} className="bd-project-sheet" aria-label="项目绩效目标表" data-project={project}>
      <h2>{text('name') || '（未命名项目）'}绩效目标表 <span className="bd-muted">单位：{tableUnit(draft.template, def)}</span></h2>
      <div className="bd-sheet-grid">
        <label>项目编码</label>
        <Field label="项目编码" value={text('code')} readOnly={ro} located={here('code')} onCommit={(v) => set('code', v)} />
        <label>项目名称</label>
        <Field label="项目名称" value={text('name')} readOnly={ro} located={here('name')} onCommit={(v) => set('name', v)} />
        <label>功能分类科目</label>
        <CodePicker call={props.call} templateId={draft.template.id} value={text('functionCode')} readOnly={ro} located={here('functionCode')} onPick={(code) => void set('functionCode', code)} />
        <label>资金性质</label>
        <Choice label="资金性质" value={text('fund')} options={fundOptions} readOnly={ro} located={here('fund')} onCommit={(v) => void set('fund', v)} />
        <label>支出类别</label>
        <Choice label="支出类别" value={text('spending') || (spendingOptions[0] ?? '')} options={spendingOptions} readOnly={ro} located={here('spending')} onCommit={(v) => void set('spending', v === spendingOptions[0] ? '' : v)} />
        <label>预算数</label>
        <output data-testid="project-amount" className={`bd-derived-value${here('amount') ? ' is-located' : ''}`} data-located={here('amount') || undefined} tabIndex={-1}>{formatMoney(model.value(TABLE, project, 'amount')) || '0.00'}</output>
        <label>其中：财政资金</label>
        <Field label="财政资金" value={text('fiscal')} readOnly={ro} located={here('fiscal')} onCommit={(v) => set('fiscal', v)} />
        <label>其他资金</label>
        <Field label="其他资金" value={text('otherFunds')} readOnly={ro} located={here('otherFunds')} onCommit={(v) => set('otherFunds', v)} />
        <label style={{ gridColumn: 1 }}>资金用途</label>
        <Field label="资金用途" multiline value={text('use')} readOnly={ro} located={here('use')} onCommit={(v) => set('use', v)} style={{ gridColumn: 'span 3' }} />
      </div>
      <div className="bd-plan" role="group" aria-label="资金支出计划（累计 %）">
        <span>资金支出计划（累计 %）</span>
        {PLAN.map(([col, label]) => (
          <label key={col}>
            {label}
            <Field label={`${label}累计支出比例`} value={text(col)} readOnly={ro} located={here(col)} onCommit={(v) => set(col, v)} style={{ width: 70 }} />
          </label>
        ))}
      </div>
      <div className="bd-goals">
        <span className="bd-field-label">绩效目标（每行一项）</span>
        <Field label="绩效目标" multiline value={text('goals')} readOnly={ro} located={here('goals')} onCommit={(v) => set('goals', v)} />
        {goals.length > 0 && (
          <ol className="bd-goal-list">
            {goals.map((g, i) => <li key={i}>{g}</li>)}
          </ol>
        )}
      </div>
      <IndicatorGrid {...props} project={project} located={located} />
      {findings.length > 0 && (
        <ul className="bd-project-findings" aria-label="本项目的审核发现">
          {findings.map((f) => (
            <li key={f.id} className={`sev-${f.severity}`}>{f.message}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Scroll the located element into view and focus it (or the first control inside it). */
function focusLocated(root: HTMLElement | null) {
  const marked = root?.querySelectorAll<HTMLElement>('[data-located]');
  // The innermost mark: an indicator's field rather than its row.
  const el = marked?.[marked.length - 1];
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const control = el.matches('input, select, textarea, button, output') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
  control?.focus({ preventScroll: true });
}
