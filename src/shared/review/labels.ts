import { TOTAL_ROW, parseCellKey, type DraftContent } from '../draft';
import { fixedRowLabel } from '../template/layout';
import type { TableDef, Template } from '../template/types';

/**
 * Words for where a cell is, as the printed tables name it: the table title, the row by
 * its code and name (coded tables), its label (fixed tables) or its position and name
 * (list tables), and the column by its header path.
 */

/**
 * A table as the draft window names it wherever a clerk reads it (findings, comments, history),
 * the name on its tab: "表3 支出总表"; its printed title where the pack gives no short name.
 */
export function tableTitle(template: Template, tableId: string): string {
  const t = template.tables.find((x) => x.id === tableId);
  return t ? (t.number ? `表${t.number} ${t.shortName ?? t.title}` : (t.shortName ?? t.title)) : tableId;
}

/** A table referred to within a sentence or on a button: "表3", or the name of a table without a number. */
export function tableRef(table: TableDef): string {
  return table.number ? `表${table.number}` : (table.shortName ?? table.title);
}

export function columnLabel(table: TableDef | undefined, colId: string): string {
  const col = table?.columns.find((c) => c.id === colId);
  return col ? col.header.join('/') : colId;
}

function listLabelColumn(table: TableDef): string | undefined {
  if (table.rows.kind === 'list' && table.rows.totalRow) return table.rows.totalRow.labelColumn;
  return table.columns.find((c) => c.role === 'label' || c.role === 'name')?.id ?? table.columns.find((c) => c.kind === 'text')?.id;
}

/**
 * Label of a row; `contents` are searched in order for names of coded rows and records. A row
 * labelled on both sides (收入总计 | 支出总计) is named by the side of `colId`, by both without one.
 */
export function rowLabel(template: Template, tableId: string, rowId: string, contents: DraftContent[], colId?: string): string {
  const table = template.tables.find((t) => t.id === tableId);
  if (!table) return rowId;
  const cellText = (col: string): string => {
    for (const c of contents) {
      const v = c.cells[`${tableId}!${rowId}!${col}`];
      if (v) return v;
    }
    return '';
  };
  const model = table.rows;
  if (model.kind === 'fixed') {
    const def = model.rows.find((r) => r.id === rowId);
    if (!def) return rowId;
    if (colId) return fixedRowLabel(table, rowId, colId) ?? rowId;
    return Object.values(def.labels).filter(Boolean).join(' / ') || rowId;
  }
  if (rowId === TOTAL_ROW) return model.kind === 'coded' ? model.totalLabel : (model.totalRow?.label ?? '合计');
  if (model.kind === 'coded') {
    const nameCol = table.columns.find((c) => c.role === 'name')?.id;
    const name = nameCol ? cellText(nameCol) : '';
    return name ? `${rowId} ${name}` : rowId;
  }
  let position = 0;
  for (const c of contents) {
    const i = (c.rows[tableId] ?? []).indexOf(rowId);
    if (i >= 0) {
      position = i + 1;
      break;
    }
  }
  const labelCol = listLabelColumn(table);
  const name = labelCol ? cellText(labelCol) : '';
  const where = position ? `第${position}行` : '已删除的行';
  return name ? `${where}（${name}）` : where;
}

/** "表3 支出总表 · 2010301 行政运行 · 基本支出" */
export function cellLabel(template: Template, key: string, contents: DraftContent[]): string {
  const ref = parseCellKey(key);
  const table = template.tables.find((t) => t.id === ref.table);
  return `${tableTitle(template, ref.table)} · ${rowLabel(template, ref.table, ref.row, contents, ref.col)} · ${columnLabel(table, ref.col)}`;
}
