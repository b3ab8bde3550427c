import { cellKey } from '../draft';
import { parseMoney, toDecimalString } from '../money';
import { rowUnit, tableByRole, type Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { fmt } from './scan';

/**
 * A reason of 比上年增减 explains the change it was written against. The 上年对比 table keeps
 * that change beside the reason (its hidden `reasonBasis` column), written in the same step
 * as the reason; when the figures move on, the reason is flagged as possibly stale until the
 * clerk rewrites (or re-confirms) it. A reason with no basis recorded (written before, or
 * brought in from a file) is not judged.
 */

export const REASON_COL = 'reason';
export const BASIS_COL = 'reasonBasis';
const CHANGE_COL = 'change';

interface Edit {
  table: string;
  row: string;
  col: string;
  value: string;
}

/** The edits that record, for every reason written in `edits`, the change it explains now. */
export function reasonBasisEdits(template: Template, view: ValueView, edits: readonly Edit[]): Edit[] {
  const py = tableByRole(template, 'priorYear');
  if (!py || !py.columns.some((c) => c.id === BASIS_COL)) return [];
  return edits
    .filter((e) => e.table === py.id && e.col === REASON_COL)
    .map((e) => ({ table: py.id, row: e.row, col: BASIS_COL, value: e.value.trim() ? toDecimalString(view.value(py.id, e.row, CHANGE_COL) ?? 0) : '' }));
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
