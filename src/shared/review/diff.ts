import { parseCellKey, type DraftContent } from '../draft';
import type { Template } from '../template/types';
import type { CellChange } from '../api/review';
import { columnLabel, rowLabel, tableTitle } from './labels';

/**
 * Entered cells that differ between two contents, cell by cell, in the order the tables
 * print them (template table order, then row order, then column order). A blank cell and
 * an absent one are the same.
 */
export function diffContents(template: Template, before: DraftContent, after: DraftContent): CellChange[] {
  const keys = new Set([...Object.keys(before.cells), ...Object.keys(after.cells)]);
  const changes: CellChange[] = [];
  for (const key of keys) {
    const oldValue = before.cells[key] || null;
    const newValue = after.cells[key] || null;
    if (oldValue === newValue) continue;
    const ref = parseCellKey(key);
    const table = template.tables.find((t) => t.id === ref.table);
    changes.push({
      key,
      table: ref.table,
      row: ref.row,
      col: ref.col,
      tableTitle: tableTitle(template, ref.table),
      rowLabel: rowLabel(template, ref.table, ref.row, [after, before], ref.col),
      colLabel: columnLabel(table, ref.col),
      oldValue,
      newValue,
    });
  }
  const tableOrder = new Map(template.tables.map((t, i) => [t.id, i]));
  const rowOrder = (c: CellChange): number => {
    const table = template.tables.find((t) => t.id === c.table);
    if (table?.rows.kind === 'fixed') return table.rows.rows.findIndex((r) => r.id === c.row);
    const i = (after.rows[c.table] ?? []).indexOf(c.row);
    return i >= 0 ? i : 1e6 + (before.rows[c.table] ?? []).indexOf(c.row);
  };
  const colOrder = (c: CellChange): number => template.tables.find((t) => t.id === c.table)?.columns.findIndex((col) => col.id === c.col) ?? -1;
  return changes.sort(
    (a, b) =>
      (tableOrder.get(a.table) ?? 1e6) - (tableOrder.get(b.table) ?? 1e6) ||
      (a.table < b.table ? -1 : a.table > b.table ? 1 : 0) ||
      rowOrder(a) - rowOrder(b) ||
      (a.row < b.row ? -1 : a.row > b.row ? 1 : 0) ||
      colOrder(a) - colOrder(b),
  );
}
