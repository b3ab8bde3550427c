import type { Dictionaries } from '../dictionary';
import { TOTAL_ROW } from '../draft';
import { printedRows } from '../template/layout';
import { sideBySideLines } from '../template/side-by-side';
import { byId, type ColumnDef, type TableDef } from '../template/types';

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
  const labels = rows.kind === 'fixed' ? byId(rows.rows, rowId)?.labels : undefined;
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
  for (const r of rows) {
    if (r === TOTAL_ROW) continue;
    if (table.rows.kind === 'list') return false;
    for (const c of table.columns) if ((view.value(table.id, r, c.id) ?? 0) !== 0) return false;
  }
  return true;
}

/** Whether a total row or a fixed row marked as a total (printed bold). */
export function isTotalRow(table: TableDef, rowId: string): boolean {
  if (rowId === TOTAL_ROW) return true;
  return table.rows.kind === 'fixed' && !!byId(table.rows.rows, rowId)?.isTotal;
}

/**
 * One printed line of a table: the row each column shows (lineRow), and labels printed instead
 * of the row's own. One object literal with every field, read by a function of the module: a
 * closure per line, or a class instance, would take its optimized code with it when the
 * export's last line dies, and each export would compile it again.
 */
export interface PrintLine {
  /** The row of the line (of its left half, for a side-by-side table). */
  left: string | undefined;
  /** The row of its right half, shown in `rightColumns`; undefined for a table that is not side by side. */
  right: string | undefined;
  rightColumns: ReadonlySet<string> | undefined;
  labels: Record<string, string> | undefined;
  isTotal: boolean;
}

function printLine(left: string | undefined, right: string | undefined, rightColumns: ReadonlySet<string> | undefined, labels: Record<string, string> | undefined, isTotal: boolean): PrintLine {
  return { left, right, rightColumns, labels, isTotal };
}

/** The row a column of a printed line shows. */
export function lineRow(line: PrintLine, colId: string): string | undefined {
  return line.rightColumns !== undefined && line.rightColumns.has(colId) ? line.right : line.left;
}

/**
 * The printed lines of a table: its rows (printedRows), or for a side-by-side table its two
 * halves paired (sideBySideLines: income on the left, spending on the right, the totals closing).
 */
export function printLines(view: PrintView, table: TableDef): PrintLine[] {
  const rows = view.rows(table.id);
  if (!table.sideBySide) {
    const lines: PrintLine[] = [];
    for (const rowId of printedRows(table, rows)) lines.push(printLine(rowId, undefined, undefined, undefined, isTotalRow(table, rowId)));
    return lines;
  }
  const right = new Set(table.sideBySide.right);
  const rightMoney = table.columns.filter((c) => right.has(c.id) && c.kind === 'money');
  const labelCol = table.sideBySide.right.find((c) => table.columns.find((d) => d.id === c)?.role === 'label');
  const lines = sideBySideLines(table, (rowId) => rightMoney.some((c) => (view.value(table.id, rowId, c.id) ?? 0) !== 0));
  return lines.map(
    (line) => printLine(line.left, line.right, right, labelCol && line.rightLabel !== undefined ? { [labelCol]: line.rightLabel } : undefined, !!line.isTotal),
  );
}
