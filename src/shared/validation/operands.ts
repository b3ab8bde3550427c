import { TOTAL_ROW, type CellRef } from '../draft';
import type { Micro } from '../money';
import type { Labels } from './labels';
import { excludedFromList, listFilterText, scanListSums, type ListOperand, type ListSumsOf } from './list-sums';
import type { KeyOf, Operand, Term } from './rule-types';
import type { ValueView } from './types';

/** Reading, locating and naming the operands of equations. Blank cells and missing rows are zero. */

export function operandRef(op: Operand): CellRef | null {
  if ('cell' in op) return op.cell;
  if ('total' in op) return { table: op.total.table, row: TOTAL_ROW, col: op.total.col };
  if ('code' in op) return { table: op.code.table, row: op.code.code, col: op.code.col };
  return null;
}

function records(view: ValueView, table: string): string[] {
  return view.rows(table).filter((r) => r !== TOTAL_ROW);
}

function matches(view: ValueView, op: ListOperand, rec: string): boolean {
  return !excludedFromList(view, op, rec) && (!op.where || listFilterText(view, op, rec) === op.where.equals);
}

export function operandValue(view: ValueView, op: Operand, listSums?: ListSumsOf): Micro {
  const ref = operandRef(op);
  if (ref) return view.value(ref.table, ref.row, ref.col) ?? 0;
  const list = (op as { list: ListOperand }).list;
  // A finding engine keeps the sums of its lists (RuleContext.listSums); without one, a scan.
  const sums = listSums ? listSums(list) : scanListSums(view, list);
  return sums.get(list.where ? list.where.equals : '') ?? 0;
}

export function sumTerms(view: ValueView, terms: Term[], listSums?: ListSumsOf): Micro {
  let total = 0;
  for (const t of terms) total += (t.sign ?? 1) * operandValue(view, t.of, listSums);
  return total;
}

/**
 * Keys the operand reads. A list operand reads its columns as wholes (row '*'): its instances
 * do not depend on the records there are, and the engine re-checks them when records come or go.
 */
export function operandReads(key: KeyOf, op: Operand): string[] {
  const ref = operandRef(op);
  if (ref) return [key(ref.table, ref.row, ref.col)];
  const list = (op as { list: ListOperand }).list;
  const keys = [key(list.table, '*', list.col)];
  if (list.where) keys.push(key(list.table, '*', list.where.col));
  if (list.except) keys.push(key(list.table, '*', list.except.col));
  return keys;
}

/** Cells a finding points at for this operand (list operands: the records that contribute). */
export function operandCells(view: ValueView, op: Operand): CellRef[] {
  const ref = operandRef(op);
  if (ref && 'code' in op && !view.rows(ref.table).includes(ref.row)) return []; // no such row: nothing to point at
  if (ref) return [ref];
  const list = (op as { list: ListOperand }).list;
  return records(view, list.table)
    .filter((rec) => matches(view, list, rec) && (view.value(list.table, rec, list.col) ?? 0) !== 0)
    .map((rec) => ({ table: list.table, row: rec, col: list.col }));
}

/** The operand in words, relative to the anchor's table ("“上年结转结余”行", "表3“合计”行“合计”栏"). */
export function describeOperand(view: ValueView, labels: Labels, op: Operand, anchor: CellRef): string {
  const ref = operandRef(op);
  if (!ref) {
    const list = (op as { list: ListOperand }).list;
    const except = list.except ? `${labels.column(list.table, list.except.col)}不为“${list.except.equals}”` : '';
    const where = list.where
      ? `${labels.column(list.table, list.where.col)}为“${list.where.equals}”${except ? `（${except}）` : ''}的`
      : except ? `${except}的` : '';
    return `${labels.table(list.table)}中${where}各行“${labels.column(list.table, list.col)}”之和`;
  }
  const row = labels.rowPhrase(view, ref.table, ref.row, ref.col);
  const col = `“${labels.column(ref.table, ref.col)}”栏`;
  if (ref.table !== anchor.table) return `${labels.table(ref.table)}${row}${col}`;
  if (ref.col === anchor.col) return row;
  if (ref.row === anchor.row) return col;
  return `${row}${col}`;
}

export function describeTerms(view: ValueView, labels: Labels, terms: Term[], anchor: CellRef): string {
  if (terms.length === 0) return '零';
  const refs = terms.map((t) => operandRef(t.of));
  // Several rows of one column of one table, all added: name the table and column once.
  const first = refs[0];
  if (terms.length > 1 && first && terms.every((t, i) => t.sign !== -1 && refs[i]?.table === first.table && refs[i]?.col === first.col)) {
    const rows = refs.map((r) => labels.rowPhrase(view, r!.table, r!.row, r!.col)).join('、');
    const where = first.table === anchor.table ? '' : labels.table(first.table);
    const col = first.col === anchor.col && first.table === anchor.table ? '' : `的“${labels.column(first.table, first.col)}”栏`;
    return `${where}${rows}${col}之和`;
  }
  // Several columns of one row of one table, all added: name the table and row once.
  if (terms.length > 1 && first && terms.every((t, i) => t.sign !== -1 && refs[i]?.table === first.table && refs[i]?.row === first.row)) {
    const cols = refs.map((r) => `“${labels.column(r!.table, r!.col)}”`).join('、');
    const where = first.table === anchor.table ? '' : labels.table(first.table);
    const row = first.row === anchor.row && first.table === anchor.table ? '本行' : labels.rowPhrase(view, first.table, first.row, first.col);
    return `${where}${row}${cols}栏之和`;
  }
  const parts = terms.map((t, i) => {
    const words = describeOperand(view, labels, t.of, anchor);
    return i === 0 ? (t.sign === -1 ? `负的${words}` : words) : `${t.sign === -1 ? '减' : '加'}${words}`;
  });
  if (parts.length === 1) return parts[0];
  if (!terms.some((t) => t.sign === -1)) return `${parts.join('')}之和`;
  return `${parts.join('')}${parts.length === 2 ? '的差' : '的结果'}`;
}
