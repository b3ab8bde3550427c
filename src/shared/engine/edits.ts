import { cellKey, TOTAL_ROW } from '../draft';
import { foldName, normalizeCode, type Dictionaries } from '../dictionary';
import { parseTyped, type ValueSource } from '../edit-policy';
import { fixedRowLabel } from '../template/layout';
import type { CodeScheme, ColumnDef, TableDef, Template } from '../template/types';
import { compileTemplate } from './compiled';
import type { DraftView } from './replica';

/**
 * Pure checks of what a clerk types against the template and the code dictionary, before
 * anything is stored: the cell exists and is entered (not derived, not a label), the value
 * reads as the column's kind, codes exist. Messages are the Chinese the clerk will see.
 */

export interface CellInput {
  table: string;
  row: string;
  col: string;
  value: string;
}

export type EditProblem = 'invalid-value' | 'unknown-code' | 'not-found' | 'read-only';

export type EditCheck =
  | { ok: true; key: string; /** Canonical text, or null to clear. */ value: string | null }
  | { ok: false; code: EditProblem; message: string };

export type RowCheck = { ok: true; code: string } | { ok: false; code: EditProblem; message: string };

const MAX_TEXT = 20_000;

/** Where a code column's codes come from and which code lengths it takes. */
export function codeColumnScheme(template: Template, table: string, col: string): { scheme: CodeScheme; levels: number[] | null } {
  return compileTemplate(template).codeColumn(table, col);
}

function columnLabel(c: ColumnDef): string {
  return c.header[c.header.length - 1] ?? c.id;
}

/** "表“部门预算支出总表” 2010306 行“基本支出”栏" */
export function cellLabel(table: TableDef, row: string, col: ColumnDef | undefined): string {
  const rowLabel = fixedRowLabel(table, row, col?.id) ?? (row === TOTAL_ROW ? '合计' : row);
  return `表“${table.title}”${rowLabel} 行${col ? `“${columnLabel(col)}”栏` : ''}`;
}

/**
 * Checks edits of one draft; figures are read by the edit policy's one parse, as typed by a
 * clerk or, for content brought in whole, as stored (see ValueSource). Row lookups are
 * cached: create one per batch, after the model's rows last changed.
 */
export function createEditChecker(
  model: Pick<DraftView, 'template' | 'content' | 'rows' | 'isDerived'>,
  dictionaries: Dictionaries,
  source: ValueSource = 'typed',
): (edit: CellInput) => EditCheck {
  const template = model.template;
  const tables = new Map(template.tables.map((t) => [t.id, t]));
  // A single edit scans the row list; a paste builds a set once per table.
  const rowSets = new Map<string, Set<string>>();
  const lookups = new Map<string, number>();
  const hasRow = (table: string, row: string) => {
    const set = rowSets.get(table);
    if (set) return set.has(row);
    const n = (lookups.get(table) ?? 0) + 1;
    lookups.set(table, n);
    if (n < 8) return model.rows(table).includes(row);
    const built = new Set(model.rows(table));
    rowSets.set(table, built);
    return built.has(row);
  };
  const bad = (code: EditProblem, message: string): EditCheck => ({ ok: false, code, message });

  return (edit) => {
    const table = tables.get(edit.table);
    if (!table) return bad('not-found', `模板“${template.name}”中没有表 ${edit.table}`);
    const col = table.columns.find((c) => c.id === edit.col);
    if (!col) return bad('not-found', `表“${table.title}”中没有栏目 ${edit.col}`);
    if (!hasRow(edit.table, edit.row)) return bad('not-found', `表“${table.title}”中没有 ${edit.row} 行，请先添加该行`);
    const where = cellLabel(table, edit.row, col);
    const key = cellKey(edit.table, edit.row, edit.col);
    if (col.role === 'label') return bad('read-only', `${where}是表中的固定文字，不能修改`);
    if (col.role === 'code') return bad('read-only', `${where}：科目编码由行决定，请通过“添加行”“删除行”修改`);
    if (model.isDerived(key)) return bad('read-only', `${where}由其他数字计算得出，不能直接填写`);
    if (edit.row === TOTAL_ROW && table.rows.kind !== 'fixed') return bad('read-only', `${where}：合计行不能填写`);
    if (typeof edit.value !== 'string') return bad('invalid-value', `${where}：值应为文字`);

    switch (col.kind) {
      case 'money':
      case 'quantity':
      case 'percent': {
        const r = parseTyped(col.kind, edit.value, source);
        return r.ok ? { ok: true, key, value: r.value } : bad('invalid-value', `${where}：${r.message}`);
      }
      case 'code': {
        const code = normalizeCode(edit.value);
        if (code === '') return { ok: true, key, value: null };
        const { scheme, levels } = codeColumnScheme(template, edit.table, edit.col);
        const entry = dictionaries[scheme].get(code);
        const schemeName = scheme === 'function' ? '功能分类' : '经济分类';
        if (!entry) return bad('unknown-code', `${where}：科目编码“${edit.value.trim()}”不在${schemeName}科目表中`);
        if (levels && !levels.includes(code.length)) {
          return bad('invalid-value', `${where}：应填写 ${levels.join('/')} 位的${schemeName}科目编码，“${code}”是${entry.level}级科目`);
        }
        return { ok: true, key, value: code };
      }
      case 'text': {
        const text = edit.value;
        if (text.trim() === '') return { ok: true, key, value: null };
        if (text.length > MAX_TEXT) return bad('invalid-value', `${where}：文字过长（最多 ${MAX_TEXT} 字）`);
        if (table.parent && table.parent.col === col.id) {
          if (!(model.content.rows[table.parent.table] ?? []).includes(text)) {
            return bad('not-found', `${where}：所属的记录 ${text} 不存在`);
          }
          return { ok: true, key, value: text };
        }
        if (col.options?.length) {
          const folded = foldName(text);
          const option = col.options.find((o) => foldName(o) === folded);
          if (!option) return bad('invalid-value', `${where}：“${text.trim()}”不是可选的值，应为：${col.options.join('、')}`);
          return { ok: true, key, value: option };
        }
        return { ok: true, key, value: text };
      }
    }
  };
}

/** Check a code to be added as a row of a coded table: it exists at one of the table's levels. */
export function checkNewCodedRow(template: Template, dictionaries: Dictionaries, tableId: string, input: string): RowCheck {
  const table = template.tables.find((t) => t.id === tableId);
  if (!table) return { ok: false, code: 'not-found', message: `模板中没有表 ${tableId}` };
  if (table.rows.kind !== 'coded') return { ok: false, code: 'invalid-value', message: `表“${table.title}”的行不是科目，不能按编码添加` };
  const code = normalizeCode(input);
  const schemeName = table.rows.scheme === 'function' ? '功能分类' : '经济分类';
  if (!/^\d+$/.test(code)) return { ok: false, code: 'invalid-value', message: `“${input}”不是科目编码，应为数字` };
  if (!table.rows.levels.includes(code.length)) {
    return { ok: false, code: 'invalid-value', message: `表“${table.title}”只接受 ${table.rows.levels.join('/')} 位的${schemeName}科目编码，“${code}”不符合` };
  }
  if (!dictionaries[table.rows.scheme].has(code)) {
    return { ok: false, code: 'unknown-code', message: `科目编码“${code}”不在${schemeName}科目表中` };
  }
  return { ok: true, code };
}
