import { cellKey } from '../draft';
import { parseMoney, toDecimalString } from '../money';
import { rowUnit, tableByRole, type Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { fmt } from './scan';

/**
 * A reason of 比上年增减 explains the change it was written against. The 上年对比 table keeps
 * that change beside the reason (its hidden `reasonBasis` column), written in the same step
 * as the reason; when the figures move on, the reason is flagged as possibly stale until the
 * clerk rewrites (or re-confirms) it. Main records the basis (src/main/services); a reason
 * with none recorded (written in the same step as its figures) is not judged.
 */

export const REASON_COL = 'reason';
export const BASIS_COL = 'reasonBasis';
const CHANGE_COL = 'change';

/** A cell as a change writes it (null: emptied). */
interface CellWrite {
  key: string;
  value: string | null;
}

/**
 * The basis cells to write with a change: for every reason it writes, the change that reason
 * explains as the figures stand (an emptied reason empties its basis). A change that writes
 * anything besides reasons records none: the change its reasons explain is known only once
 * its figures apply, so those reasons go unjudged, as before they were written.
 */
export function reasonBases(template: Template, view: ValueView, writes: readonly CellWrite[]): CellWrite[] {
  const py = tableByRole(template, 'priorYear');
  if (!py || !py.columns.some((c) => c.id === BASIS_COL)) return [];
  const reasons: Array<{ row: string; value: string | null }> = [];
  for (const w of writes) {
    const [table, row, col] = w.key.split('!');
    if (table !== py.id || (col !== REASON_COL && col !== BASIS_COL)) return [];
    if (col === REASON_COL) reasons.push({ row, value: w.value });
  }
  return reasons.map(({ row, value }) => ({
    key: cellKey(py.id, row, BASIS_COL),
    value: value?.trim() ? toDecimalString(view.value(py.id, row, CHANGE_COL) ?? 0) : null,
  }));
}

/**
 * A content brought in whole (an imported workbook, a draft file) with the basis of every
 * reason it carries without one: its reasons were written for its own figures.
 */
export function withReasonBases(template: Template, view: ValueView, cells: Record<string, string>): Record<string, string> {
  const py = tableByRole(template, 'priorYear');
  if (!py || py.rows.kind !== 'fixed' || !py.columns.some((c) => c.id === BASIS_COL)) return cells;
  const out = { ...cells };
  for (const r of py.rows.rows) {
    const basis = cellKey(py.id, r.id, BASIS_COL);
    if (out[basis] === undefined && out[cellKey(py.id, r.id, REASON_COL)]?.trim()) out[basis] = toDecimalString(view.value(py.id, r.id, CHANGE_COL) ?? 0);
  }
  return out;
}

export interface StaleReason {
  cells: string[];
  message: string;
}

/** The reason of a 上年对比 row written for a change other than today's, or null. */
export function staleReason(view: ValueView, template: Template, row: string): StaleReason | null {
  const py = tableByRole(template, 'priorYear');
  if (!py || py.rows.kind !== 'fixed') return null;
  const basis = view.text(py.id, row, BASIS_COL).trim();
  if (!basis || !view.text(py.id, row, REASON_COL).trim()) return null;
  const now = view.value(py.id, row, CHANGE_COL) ?? 0;
  if (toDecimalString(now) === basis) return null;
  const then = parseMoney(basis);
  if (!then.ok || then.value === null) return null;
  const unit = rowUnit(template, py, row);
  const label = Object.values(py.rows.rows.find((r) => r.id === row)?.labels ?? {})[0] ?? row;
  const words = (v: number) => (v === 0 ? '持平' : `${v > 0 ? '增加' : '减少'} ${fmt(Math.abs(v), unit)}`);
  return {
    cells: [cellKey(py.id, row, REASON_COL), cellKey(py.id, row, CHANGE_COL)],
    message:
      `“${label}”的增减原因是在比上年${words(then.value)}时写的，现在为比上年${words(now)}：` +
      '请核对原因是否仍然成立，修改或重新填写原因后此提示消失。',
  };
}
