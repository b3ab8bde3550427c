import type { Dictionaries } from '../dictionary';
import { TOTAL_ROW } from '../draft';
import { printedRows } from '../template/layout';
import { sideBySideLines } from '../template/side-by-side';
import type { ColumnDef, TableDef } from '../template/types';

/**
 * What a published table prints in its cells, shared by the workbook and the PDF so that
 * the two cannot disagree: row labels, codes and dictionary names of coded rows, list text,
 * and whether a table counts as empty (then it prints its empty-table note).
 */

/** What printing needs of a draft: its rows and its cells (DraftModel has them). */
export interface PrintView {
  rows(table: string): string[];
  value(table: string, row: string, col: string): number | null;
  text(table: string, row: string, col: string): string;
}

/** The text of a text, code or label cell as printed. */
export function printedText(view: PrintView, table: TableDef, rowId: string, def: ColumnDef, dictionaries?: Dictionaries): string {
  const rows = table.rows;
  const labels = rows.kind === 'fixed' ? rows.rows.find((r) => r.id === rowId)?.labels : undefined;
  if (labels && labels[def.id] !== undefined) return labels[def.id];
  if (rowId === TOTAL_ROW) {
    if (rows.kind === 'coded' && def.role === 'name') return rows.totalLabel;
    if (rows.kind === 'list' && rows.totalRow?.labelColumn === def.id) return rows.totalRow.label;
    return '';
  }
  if (rows.kind === 'coded') {
    if (def.role === 'code') return rowId;
    if (def.role === 'name') {
      const entered = view.text(table.id, rowId, def.id);
      if (entered) return entered;
      const dict = rows.scheme === 'function' ? dictionaries?.function : dictionaries?.economic;
      return dict?.get(rowId)?.name ?? '';
    }
  }
  return view.text(table.id, rowId, def.id);
}

/** A coded or list table without a figure (or a record) prints its empty-table note instead of rows. */
export function isEmptyTable(view: PrintView, table: TableDef, rows: string[]): boolean {
  if (table.rows.kind === 'fixed') return false;
  const records = rows.filter((r) => r !== TOTAL_ROW);
  if (table.rows.kind === 'list') return records.length === 0;
  return !records.some((r) => table.columns.some((c) => (view.value(table.id, r, c.id) ?? 0) !== 0));
}

/** Whether a total row or a fixed row marked as a total (printed bold). */
export function isTotalRow(table: TableDef, rowId: string): boolean {
  if (rowId === TOTAL_ROW) return true;
  return table.rows.kind === 'fixed' && !!table.rows.rows.find((r) => r.id === rowId)?.isTotal;
}

/**
 * Whether the information line states 单位：万元 (or 元): only a table with money whose
 * headers do not already name the unit (价值（金额单位：万元）) does.
 */
export function statesUnit(table: TableDef): boolean {
  return table.columns.some((c) => c.kind === 'money') && !table.columns.some((c) => c.header.some((h) => h.includes('单位：')));
}

/** One printed line of a table: the row each column shows, and labels printed instead of the row's own. */
export interface PrintLine {
  rowOf: (colId: string) => string | undefined;
  labels?: Record<string, string>;
  isTotal: boolean;
}

/**
 * The printed lines of a table: its rows (printedRows), or for a side-by-side table its two
 * halves paired (sideBySideLines: income on the left, spending on the right, the totals closing).
 */
export function printLines(view: PrintView, table: TableDef): PrintLine[] {
  const rows = view.rows(table.id);
  if (!table.sideBySide) return printedRows(table, rows).map((rowId) => ({ rowOf: () => rowId, isTotal: isTotalRow(table, rowId) }));
  const right = new Set(table.sideBySide.right);
  const rightMoney = table.columns.filter((c) => right.has(c.id) && c.kind === 'money');
  const labelCol = table.sideBySide.right.find((c) => table.columns.find((d) => d.id === c)?.role === 'label');
  const lines = sideBySideLines(table, (rowId) => rightMoney.some((c) => (view.value(table.id, rowId, c.id) ?? 0) !== 0));
  return lines.map((line) => ({
    rowOf: (colId) => (right.has(colId) ? line.right : line.left),
    ...(labelCol && line.rightLabel !== undefined && { labels: { [labelCol]: line.rightLabel } }),
    isTotal: !!line.isTotal,
  }));
}
