import { useRef } from 'react';
import { cellKey, TOTAL_ROW, type CellRef } from '../../../../shared/draft';
import { describeIndicatorValue, parseIndicatorValue } from '../../../../shared/projects/indicator-value';
import { tableByRole } from '../../../../shared/template/types';
import { useFocusNext } from '../draft/focus-next';
import type { TableViewProps } from '../slots';
import { runChange, setCells } from './edit';
import { Choice, Field } from './Field';

/** The indicator rows of one project (the indicators list filtered by its parent column). */
export function indicatorRows(props: TableViewProps, project: string): string[] {
  const def = tableByRole(props.draft.template, 'indicators');
  if (!def) return [];
  const TABLE = def.id;
  const parentCol = def.parent?.col ?? 'project';
  return props.draft.model.rows(TABLE).filter((r) => r !== TOTAL_ROW && props.draft.model.text(TABLE, r, parentCol) === project);
}

/** 绩效指标 of a project: levels from the standard lists, 指标值 shown parsed and flagged. */
export function IndicatorGrid(props: TableViewProps & { project: string; located?: CellRef }) {
  const { draft, project, located } = props;
  // An indicator added: the cursor in its 一级指标, the first thing to choose.
  const box = useRef<HTMLElement>(null);
  const focusNext = useFocusNext(box);
  const def = tableByRole(draft.template, 'indicators');
  if (!def) return null;
  const TABLE = def.id;
  const level1Options = def.columns.find((c) => c.id === 'level1')?.options ?? [];
  const allLevel2 = def.columns.find((c) => c.id === 'level2')?.options ?? [];
  const rows = indicatorRows(props, project);
  const ro = draft.readOnly;
  const text = (row: string, col: string) => draft.model.text(TABLE, row, col);
  const set = (row: string, col: string, value: string) => setCells(props, [{ table: TABLE, row, col, value }]);
  const add = async () => {
    const r = await runChange(props, () => props.call('rows/add', { draftId: draft.meta.id, table: TABLE, parentRow: project }));
    if (!r) return;
    props.notify('已添加一项指标');
    focusNext(`tr[data-row="${CSS.escape(r.rowId)}"] select`);
  };
  const remove = (row: string) => void runChange(props, () => props.call('rows/remove', { draftId: draft.meta.id, table: TABLE, rows: [row] })).then((r) => r && props.notify('已删除该指标（可撤销）'));

  return (
    <section className="bd-indicators" aria-label="绩效指标" ref={box}>
      <table className="bd-form-table" data-testid="indicator-grid">
        <thead>
          <tr>
            <th>序号</th>
            <th>一级指标</th>
            <th>二级指标</th>
            <th>三级指标</th>
            <th>绩效指标描述</th>
            <th>指标值</th>
            <th>指标值确定依据</th>
            {!ro && <th />}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const level1 = text(row, 'level1');
            const value = text(row, 'value');
            const parsed = parseIndicatorValue(value);
            const problem = parsed.problems.join('；');
            const marked = draft.findings.some((f) => f.cells.some((c) => c.table === TABLE && c.row === row));
            const locatedRow = located?.table === TABLE && located.row === row;
            const here = (col: string) => locatedRow && located.col === col;
            const classes = [marked && 'bd-row-marked', locatedRow && 'is-located'].filter(Boolean).join(' ');
            return (
              <tr key={row} data-row={row} className={classes || undefined} data-located={locatedRow || undefined}>
                <td>{i + 1}</td>
                <td><Choice label="一级指标" value={level1} options={level1Options} readOnly={ro} located={here('level1')} onCommit={(v) => void set(row, 'level1', v)} /></td>
                <td><Choice label="二级指标" value={text(row, 'level2')} options={allLevel2} readOnly={ro} located={here('level2')} onCommit={(v) => void set(row, 'level2', v)} /></td>
                <td><Field label="三级指标" value={text(row, 'level3')} readOnly={ro} located={here('level3')} onCommit={(v) => set(row, 'level3', v)} /></td>
                <td><Field label="绩效指标描述" value={text(row, 'description')} readOnly={ro} located={here('description')} onCommit={(v) => set(row, 'description', v)} /></td>
                <td className="bd-indicator-value">
                  <Field label="指标值" value={value} readOnly={ro} located={here('value')} invalid={value && problem ? problem : undefined} onCommit={(v) => set(row, 'value', v)} />
                  <span className={problem ? 'bd-error-text' : 'bd-muted'} data-testid={`indicator-parsed-${cellKey(TABLE, row, 'value')}`}>
                    {value ? (problem ? `⚠ ${problem}` : describeIndicatorValue(parsed.value)) : ''}
                  </span>
                </td>
                <td><Field label="指标值确定依据" value={text(row, 'basis')} readOnly={ro} located={here('basis')} onCommit={(v) => set(row, 'basis', v)} /></td>
                {!ro && <td><button className="bd-link bd-btn-danger" onClick={() => remove(row)} title="删除该指标">删除</button></td>}
              </tr>
            );
          })}
          {rows.length === 0 && (
            <tr><td colSpan={8} className="bd-muted">尚无绩效指标：每个项目至少需要一项产出、效益和满意度指标。</td></tr>
          )}
        </tbody>
      </table>
      {!ro && <button className="bd-btn" onClick={() => void add()}>＋ 添加指标</button>}
    </section>
  );
}
