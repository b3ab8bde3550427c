import { cellKey, TOTAL_ROW } from '../../../../shared/draft';
import type { DraftModel } from '../../../../shared/engine/model';
import { formatMoney, toDecimalString, toFixedString } from '../../../../shared/money';
import type { ColumnDef, FixedRowDef, TableDef } from '../../../../shared/template/types';
import { SERIAL_COLUMN } from '../../../../shared/template/layout';

/**
 * What a cell of the standard layout shows and whether the clerk may type into it, from the
 * template and the computed model alone (pure, no grid): labels, codes, names, figures.
 */

/** Names of coded rows the draft has no name cell for (parents added by the engine), by code. */
export type NameLookup = (scheme: string, code: string) => string | undefined;

export function fixedRow(table: TableDef, rowId: string): FixedRowDef | undefined {
  return table.rows.kind === 'fixed' ? table.rows.rows.find((r) => r.id === rowId) : undefined;
}

/** Indent level of a row's label: 类/款/项 depth in coded tables, `indent` in fixed tables. */
export function indentOf(table: TableDef, rowId: string): number {
  if (table.rows.kind === 'coded') return rowId === TOTAL_ROW ? 0 : Math.max(0, table.rows.levels.indexOf(rowId.length));
  return fixedRow(table, rowId)?.indent ?? 0;
}

export function isTotalRow(table: TableDef, rowId: string): boolean {
  if (table.rows.kind === 'fixed') return !!fixedRow(table, rowId)?.isTotal;
  return rowId === TOTAL_ROW;
}

/** The label column a value column belongs to in fixed tables (the nearest label column to its left). */
function labelColumnOf(table: TableDef, colId: string): ColumnDef | undefined {
  let label: ColumnDef | undefined;
  for (const c of table.columns) {
    if (c.id === colId) return label;
    if (c.role === 'label') label = c;
  }
  return undefined;
}

/** Why a cell cannot be typed into, or null when it can. */
export function readOnlyReason(model: DraftModel, table: TableDef, rowId: string, colId: string): string | null {
  if (colId === SERIAL_COLUMN) return '序号由系统编排';
  const col = table.columns.find((c) => c.id === colId);
  if (!col) return '没有这个栏目';
  if (col.role === 'label') return '项目名称是表样的一部分，不能修改';
  if (col.role === 'code') return '科目编码请通过“添加科目”选择';
  if (table.rows.kind === 'coded') {
    if (rowId === TOTAL_ROW) return '合计行由各科目汇总，不能直接填写';
    if (col.role === 'name') return null;
    const deepest = Math.max(...table.rows.levels);
    if (rowId.length < deepest) return `${deepest === 7 ? '类、款' : '类'}级科目由下级科目汇总，请在${deepest === 7 ? '项' : '款'}级科目填写`;
  }
  if (model.isDerived(cellKey(table.id, rowId, colId))) return '该单元格由公式自动计算，不能直接填写';
  if (table.rows.kind === 'list' && rowId === TOTAL_ROW) return '合计行由公式自动计算';
  if (table.rows.kind === 'fixed') {
    const label = labelColumnOf(table, colId);
    const row = fixedRow(table, rowId);
    if (label && row && !row.labels[label.id]) return '该行在此栏没有项目，不需填写';
  }
  return null;
}

/** The printed text of a cell: money in the unit with two decimals and separators, derived zero blank. */
export function displayText(model: DraftModel, table: TableDef, rowId: string, col: ColumnDef, names?: NameLookup): string {
  const tableId = table.id;
  if (col.role === 'label') {
    const row = fixedRow(table, rowId);
    if (row) return row.labels[col.id] ?? '';
    if (table.rows.kind === 'list' && rowId === TOTAL_ROW && table.rows.totalRow?.labelColumn === col.id) return table.rows.totalRow.label;
    return model.text(tableId, rowId, col.id);
  }
  if (table.rows.kind === 'coded') {
    if (col.role === 'code') return rowId === TOTAL_ROW ? '' : rowId;
    if (col.role === 'name') {
      if (rowId === TOTAL_ROW) return table.rows.totalLabel;
      return model.text(tableId, rowId, col.id) || names?.(table.rows.scheme, rowId) || '';
    }
  }
  if (table.rows.kind === 'list' && rowId === TOTAL_ROW && table.rows.totalRow?.labelColumn === col.id) return table.rows.totalRow.label;
  const key = cellKey(tableId, rowId, col.id);
  const derived = model.isDerived(key);
  switch (col.kind) {
    case 'money': {
      const v = model.valueByKey(key);
      if (v === null || (derived && v === 0)) return '';
      return formatMoney(v);
    }
    case 'quantity': {
      const v = model.valueByKey(key);
      if (v === null || (derived && v === 0)) return '';
      return toDecimalString(v);
    }
    case 'percent': {
      if (!derived) return model.text(tableId, rowId, col.id);
      const v = model.valueByKey(key);
      return v === null ? '' : `${toFixedString(v, 2)}%`;
    }
    default:
      return model.text(tableId, rowId, col.id);
  }
}

/** The text a cell is copied or edited as: exact figures without separators, text as stored. */
export function rawText(model: DraftModel, table: TableDef, rowId: string, col: ColumnDef, names?: NameLookup): string {
  const key = cellKey(table.id, rowId, col.id);
  if ((col.kind === 'money' || col.kind === 'quantity') && !col.role) {
    if (!model.isDerived(key)) return model.text(table.id, rowId, col.id);
    const v = model.valueByKey(key);
    return v === null ? '' : toDecimalString(v);
  }
  return displayText(model, table, rowId, col, names);
}

/** Whether a row holds any figure or text (asks for confirmation before removal). */
export function rowHasFigures(model: DraftModel, table: TableDef, rowId: string): boolean {
  return table.columns.some((c) => {
    if (c.role) return false;
    const key = cellKey(table.id, rowId, c.id);
    return (model.valueByKey(key) ?? 0) !== 0 || (!!model.content.cells[key] && c.kind === 'text');
  });
}
