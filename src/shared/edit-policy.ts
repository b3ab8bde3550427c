import Decimal from 'decimal.js';
import type { Role } from './api/review';
import { TOTAL_ROW, type DraftStatus } from './draft';
import { MICRO_DIGITS, normalizeNumberText, parseMoney, toDecimalString } from './money';
import { tableRef } from './review/labels';
import { editRefusal } from './review/states';
import { printedCode } from './template/layout';
import type { ColumnDef, ColumnKind, FixedRowDef, TableDef } from './template/types';

/**
 * The one place that decides what a clerk may type and what it is stored as: a typed value
 * (figures, `=12+3.5`, 25%) read into its canonical stored text, and why a cell cannot be
 * typed into given the template, the draft's status and the user's role. The grid uses it
 * before anything travels; the store uses it for every edit, so what is stored is what is shown.
 */

/** Money is entered, stored and printed with two decimals, in 元 as in 万元. */
export const MONEY_DECIMALS = 2;
/** Quantities and percentages keep what the clerk typed, up to the store's precision. */
const EXACT_DECIMALS = MICRO_DIGITS;
/** Figures stay below a billion of the table's unit (the store's safe range). */
const LIMIT = new Decimal(1e9);

export type TypedValue =
  /** `value`: canonical text to store, null to clear; `note`: what was done to the input (rounded, computed). */
  { ok: true; value: string | null; note?: string } | { ok: false; message: string };

/**
 * Where a value comes from. 'typed': what a clerk types or pastes (money rounded to two
 * decimals with a note, `=` arithmetic computed). 'stored': figures brought in whole (a
 * workbook, a draft file, another draft, a consolidation), kept exact to the micro-unit and
 * refused beyond it, so that nothing brought in changes silently.
 */
export type ValueSource = 'typed' | 'stored';

const KIND_WORDS: Partial<Record<ColumnKind, string>> = { money: '金额', quantity: '数量', percent: '百分比' };

/**
 * Read a value of a column kind as the text to store: the one parse of figures, used by the
 * grid before anything travels and by the store for every edit.
 */
export function parseTyped(kind: ColumnKind, input: string, source: ValueSource = 'typed'): TypedValue {
  if (kind === 'text' || kind === 'code') return { ok: true, value: input === '' ? null : input };
  const typed = input.trim();
  if (typed === '') return { ok: true, value: null };
  const what = KIND_WORDS[kind] ?? '数字';
  let body = normalizeNumberText(typed);
  if (kind === 'percent') body = body.replace(/%$/, '');
  let exact: Decimal;
  let computed = false;
  if (body.startsWith('=') && source === 'typed') {
    const r = evaluate(body.slice(1));
    if (!r.ok) return { ok: false, message: `“${typed}”无法计算：${r.message}` };
    exact = r.value;
    computed = true;
  } else {
    const r = parseMoney(body, source === 'typed' ? 30 : MICRO_DIGITS);
    if (!r.ok) {
      if (/小数位数过多/.test(r.message)) return { ok: false, message: `“${typed}”小数位数过多${source === 'stored' ? `，最多 ${MICRO_DIGITS} 位` : ''}` };
      return {
        ok: false,
        message: kind === 'percent' ? `“${typed}”不是有效的百分比，请输入例如 25 或 25%` : r.message.replace('金额', what).replace(/“.*?”/, `“${typed}”`),
      };
    }
    if (r.value === null) return { ok: true, value: null };
    if (source === 'stored' || !hasMoreDecimals(body, kind === 'money' ? MONEY_DECIMALS : EXACT_DECIMALS)) {
      // Exact in micro-units already: no decimal arithmetic needed (imports of 60,000 cells).
      if (kind === 'quantity' && r.value < 0) return { ok: false, message: `数量不能为负数：“${typed}”` };
      return { ok: true, value: toDecimalString(r.value) };
    }
    // parseMoney checked the form; digits beyond the micro-unit are read exactly here.
    const inBrackets = /^\(.*\)$/.test(body);
    const digits = (inBrackets ? body.slice(1, -1) : body).replace(/,/g, '').replace(/\.$/, '');
    exact = inBrackets ? new Decimal(digits).neg() : new Decimal(digits);
  }
  if (kind === 'quantity' && exact.isNegative() && !exact.isZero()) return { ok: false, message: `数量不能为负数：“${typed}”` };
  const decimals = kind === 'money' ? MONEY_DECIMALS : EXACT_DECIMALS;
  const rounded = exact.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  if (rounded.abs().greaterThanOrEqualTo(LIMIT)) return { ok: false, message: `“${typed}”${what}过大` };
  const value = canonical(rounded);
  const shown = rounded.toFixed(kind === 'money' ? MONEY_DECIMALS : Math.max(0, rounded.decimalPlaces()));
  if (computed)
    return {
      ok: true,
      value,
      note: `${typed} = ${shown}${rounded.equals(exact) ? '' : `（已按${decimals}位小数四舍五入）`}`,
    };
  if (!rounded.equals(exact)) return { ok: true, value, note: `“${typed}”已按两位小数四舍五入为 ${shown}` };
  return { ok: true, value };
}

/** Whether a number's text (checked by parseMoney) has significant decimals beyond `decimals`. */
function hasMoreDecimals(body: string, decimals: number): boolean {
  const point = body.indexOf('.');
  if (point < 0) return false;
  return body.slice(point + 1).replace(/\)$/, '').replace(/0+$/, '').length > decimals;
}

/** Canonical stored text of a decimal: no separators, no trailing zeros ("12.5", "-3", "0"). */
function canonical(d: Decimal): string {
  const s = d.toFixed();
  const trimmed = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return trimmed === '-0' ? '0' : trimmed;
}

// ------------------------------------------------------------------ =arithmetic

type Eval = { ok: true; value: Decimal } | { ok: false; message: string };

/** + − × ÷ and brackets over decimal numbers, exact (decimal.js), as after = in Excel. */
function evaluate(expr: string): Eval {
  const text = expr
    .replace(/[×xX*]/g, '*')
    .replace(/÷/g, '/')
    .replace(/,/g, '');
  let i = 0;
  const peek = () => text[i];
  const fail = (message: string): never => {
    throw new EvalError(message);
  };
  const number = (): Decimal => {
    const m = /^\d+(?:\.\d*)?|^\.\d+/.exec(text.slice(i));
    if (!m) fail(i >= text.length ? '算式不完整' : `“${text[i]}”不是数字或运算符`);
    i += m![0].length;
    return new Decimal(m![0]);
  };
  const factor = (): Decimal => {
    const c = peek();
    if (c === '-') {
      i++;
      return factor().neg();
    }
    if (c === '+') {
      i++;
      return factor();
    }
    if (c === '(') {
      i++;
      const v = sum();
      if (peek() !== ')') fail('括号不成对');
      i++;
      return v;
    }
    return number();
  };
  const product = (): Decimal => {
    let v = factor();
    while (peek() === '*' || peek() === '/') {
      const op = text[i++];
      const r = factor();
      if (op === '/' && r.isZero()) fail('除数为零');
      v = op === '*' ? v.mul(r) : v.div(r);
    }
    return v;
  };
  const sum = (): Decimal => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = text[i++];
      const r = product();
      v = op === '+' ? v.add(r) : v.sub(r);
    }
    return v;
  };
  try {
    if (!text) return { ok: false, message: '= 后面没有算式' };
    const value = sum();
    if (i < text.length) fail(text[i] === ')' ? '括号不成对' : `“${text[i]}”不是数字或运算符`);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, message: e.message };
    throw e;
  }
}

// ------------------------------------------------------------------ read-only cells

/** Who is looking at a draft in which state; absent when only the layout matters. */
export interface EditContext {
  status?: DraftStatus;
  role?: Role;
}

/** The 序号 column's id (see template/layout's SERIAL_COLUMN). */
const SERIAL = 'serial';

function fixedRowOf(table: TableDef, rowId: string): FixedRowDef | undefined {
  return table.rows.kind === 'fixed' ? table.rows.rows.find((r) => r.id === rowId) : undefined;
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

/**
 * Why a cell cannot be typed into, or null when it can. `derived`: whether the template
 * computes the cell (the model's isDerived). The draft's status and the user's role come first:
 * they decide for every cell.
 */
export function readOnlyReason(table: TableDef, rowId: string, colId: string, derived: boolean, context: EditContext = {}): string | null {
  return draftRefusal(context) ?? layoutReason(table, rowId, colId, derived);
}

/**
 * Why nothing of a draft can be changed by this user in its status, or null. Without a role
 * (nobody logged in where no accounts exist) the clerk's rule applies; main's review guard
 * decides with the logged-in user (ReviewState.editRefusal), which the window then shows.
 */
export function draftRefusal(context: EditContext): string | null {
  if (!context.status) return null;
  return editRefusal(context.status, context.role ?? 'clerk');
}

/** Why the layout itself keeps a cell from being typed into (labels, codes, sums, formulas). */
export function layoutReason(table: TableDef, rowId: string, colId: string, derived: boolean): string | null {
  if (colId === SERIAL) return '序号由系统编排';
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
  if (derived) return '该单元格由公式自动计算，不能直接填写';
  if (table.rows.kind === 'list' && rowId === TOTAL_ROW) return '合计行由公式自动计算';
  if (table.rows.kind === 'fixed') {
    const label = labelColumnOf(table, colId);
    const row = fixedRowOf(table, rowId);
    if (label && row && !row.labels[label.id]) return '该行在此栏没有项目，不需填写';
  }
  return null;
}

// ------------------------------------------------------------------ cells in words

/** A cell as the clerk reads it: "表5 合计 基本支出", "表1 一般公共预算 本年收入". */
export function cellInWords(table: TableDef, rowId: string, colId: string, recordName?: string): string {
  const col = table.columns.find((c) => c.id === colId);
  const colLabel = col ? col.header[col.header.length - 1] : colId;
  let rowLabel: string;
  if (rowId === TOTAL_ROW && table.rows.kind !== 'fixed') rowLabel = table.rows.kind === 'coded' ? table.rows.totalLabel : (table.rows.totalRow?.label ?? '合计');
  else if (table.rows.kind === 'coded') rowLabel = printedCode(table, rowId);
  else if (table.rows.kind === 'fixed') {
    const row = fixedRowOf(table, rowId);
    const label = labelColumnOf(table, colId);
    rowLabel = (row && ((label && row.labels[label.id]) || Object.values(row.labels).find(Boolean))) || rowId;
    rowLabel = rowLabel.replace(/^[一二三四五六七八九十]+、|^\d+[.．、]\s*|^其中：/, '').trim();
  } else rowLabel = recordName || '该行';
  return `${tableRef(table)} ${rowLabel} ${colLabel}`;
}
