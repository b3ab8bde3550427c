import { cellKey, parseCellKey, TOTAL_ROW } from '../../../../shared/draft';
import type { DraftView } from '../../../../shared/engine/replica';
import { formatMoney, toDecimalString, toFixedString } from '../../../../shared/money';
import type { ColumnDef, FixedRowDef, TableDef } from '../../../../shared/template/types';
import { cellInWords, layoutReason } from '../../../../shared/edit-policy';
import { isNumericKind } from '../../../../shared/engine/compiled';

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

/** A column of figures (money, quantities, rates) rather than labels, codes or text. */
export function isFigureColumn(col: ColumnDef | undefined): boolean {
  return !!col && isNumericKind(col.kind) && !col.role;
}

/** Why a cell cannot be typed into given the layout, or null when it can (see shared/edit-policy). */
export function readOnlyReason(model: DraftView, table: TableDef, rowId: string, colId: string): string | null {
  return layoutReason(table, rowId, colId, model.isDerived(cellKey(table.id, rowId, colId)));
}

/**
 * The printed text of a cell: money in the unit with two decimals and separators. A derived zero
 * is blank as the published tables (and the export) print it, except in a comparison, where a
 * zero (or nothing) on a row that compares anything is a figure: 持平 is 0.00, not a gap.
 */
export function displayText(model: DraftView, table: TableDef, rowId: string, col: ColumnDef, names?: NameLookup): string {
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
      if (derived && !v) return zeroIsAFigure(model, table, rowId) ? formatMoney(0) : '';
      return v === null ? '' : formatMoney(v);
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

/** Whether a derived zero is shown on this row: in the year-on-year comparison, once either year has a figure. */
function zeroIsAFigure(model: DraftView, table: TableDef, rowId: string): boolean {
  if (table.role !== 'priorYear') return false;
  return table.columns.some((c) => c.kind === 'money' && !c.role && (model.valueByKey(cellKey(table.id, rowId, c.id)) ?? 0) !== 0);
}

/** The text a cell is copied or edited as: exact figures without separators, text as stored. */
export function rawText(model: DraftView, table: TableDef, rowId: string, col: ColumnDef, names?: NameLookup): string {
  const key = cellKey(table.id, rowId, col.id);
  if ((col.kind === 'money' || col.kind === 'quantity') && !col.role) {
    if (!model.isDerived(key)) return model.text(table.id, rowId, col.id);
    const v = model.valueByKey(key);
    return v === null ? '' : toDecimalString(v);
  }
  return displayText(model, table, rowId, col, names);
}

/** Whether a row holds any figure or text (asks for confirmation before removal). */
export function rowHasFigures(model: DraftView, table: TableDef, rowId: string): boolean {
  return table.columns.some((c) => {
    if (c.role) return false;
    const key = cellKey(table.id, rowId, c.id);
    return (model.valueByKey(key) ?? 0) !== 0 || (!!model.content.cells[key] && c.kind === 'text');
  });
}

/** The name a list record goes by in words (a project's name), if it has one. */
function recordName(model: DraftView, table: TableDef, rowId: string): string | undefined {
  const col = table.columns.find((c) => c.id === 'name') ?? table.columns.find((c) => c.kind === 'text');
  return col ? model.text(table.id, rowId, col.id) || undefined : undefined;
}

/** A cell key in words ("表5 合计 基本支出"). */
export function keyInWords(model: DraftView, key: string): string {
  const ref = parseCellKey(key);
  const table = model.template.tables.find((t) => t.id === ref.table);
  return table ? cellInWords(table, ref.row, ref.col, recordName(model, table, ref.row)) : key;
}

/** How a calculated cell is computed, in words: "= 表5 合计 基本支出", "= 205 02 各下级科目之和（3 项）". */
export function formulaInWords(model: DraftView, key: string): string | null {
  const formula = model.formulaFor(key);
  if (!formula) return null;
  if (formula.kind === 'ratio') return `= ${keyInWords(model, formula.terms[0])} ÷ ${keyInWords(model, formula.terms[1])} × 100%`;
  const terms = formula.terms.map((t, i) => ({ ref: parseCellKey(t), sign: formula.signs[i] < 0 ? -1 : 1, key: t }));
  if (!terms.length) return '= 0';
  const self = parseCellKey(key);
  const sameColumn = terms.every((t) => t.ref.table === self.table && t.ref.col === self.col && t.sign > 0);
  if (sameColumn && terms.length > 1) {
    const table = model.template.tables.find((t) => t.id === self.table);
    const what = table?.rows.kind === 'coded' ? (self.row === TOTAL_ROW ? '各类级科目' : '各下级科目') : '各行';
    return `= ${what}“${table ? cellInWords(table, TOTAL_ROW, self.col).split(' ').pop() : self.col}”之和（${terms.length} 项）`;
  }
  const shown = terms.slice(0, 6).map((t, i) => `${i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + '}${keyInWords(model, t.key)}`);
  return `= ${shown.join('')}${terms.length > 6 ? ` …（共 ${terms.length} 项）` : ''}`;
}

/**
 * The entered cell a calculated one comes from: down its formula, the first term holding a
 * figure (else the first term), until a cell the clerk types. Null when it leads nowhere.
 */
export function enteredSource(model: DraftView, key: string): string | null {
  const seen = new Set<string>();
  let current = key;
  while (model.isDerived(current)) {
    if (seen.has(current)) return null;
    seen.add(current);
    const formula = model.formulaFor(current);
    if (!formula || !formula.terms.length) return null;
    const withFigure = formula.terms.find((t) => (model.valueByKey(t) ?? 0) !== 0);
    current = withFigure ?? formula.terms[0];
  }
  return current === key ? null : current;
}
