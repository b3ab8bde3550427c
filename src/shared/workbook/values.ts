import Decimal from 'decimal.js';
import { normalizeNumberText, parseMoney, toDecimalString, YUAN_PER_UNIT } from '../money';
import type { ColumnKind } from '../template/types';
import type { UnitOfMeasure } from './text';
import type { GridCell } from './types';

/** Reading one cell's value into the canonical text the draft stores, converting units exactly. */

export type CellRead = { ok: true; text: string | null } | { ok: false; message: string };

export function cellText(cell: GridCell | null | undefined): string {
  if (!cell || cell.v === null || cell.v === undefined) return '';
  return String(cell.v).trim();
}

/** Whether a cell holds a figure (a number, or text that reads as one). */
export function isNumericCell(cell: GridCell | null | undefined): boolean {
  if (!cell || cell.v === null) return false;
  if (typeof cell.v === 'number') return true;
  return /^[-+(]?[\d,]*\d(\.\d+)?\)?%?$/.test(normalizeNumberText(cell.v));
}

/** Exact decimal of a cell's figure in its own unit; null when blank ('-', '—' count as blank). */
function decimalOf(cell: GridCell): { ok: true; value: Decimal | null; percentText: boolean } | { ok: false; message: string } {
  if (typeof cell.v === 'number') {
    if (!Number.isFinite(cell.v)) return { ok: false, message: '不是有效的数字' };
    // Spreadsheet numbers carry binary noise (409.29999999999995): six decimals are exact for budget figures.
    return { ok: true, value: new Decimal(cell.v).toDecimalPlaces(6), percentText: false };
  }
  let text = String(cell.v ?? '');
  const percentText = /[%％]\s*$/.test(text);
  if (percentText) text = text.replace(/[%％]\s*$/, '');
  const parsed = parseMoney(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return { ok: true, value: parsed.value === null ? null : new Decimal(toDecimalString(parsed.value)), percentText };
}

/**
 * A cell as the draft's canonical text: money converted from the sheet's unit to the
 * template's (元 → 万元 divides by 10,000 in decimal), percents as numbers of percent.
 */
export function readCell(cell: GridCell | null | undefined, kind: ColumnKind, from: UnitOfMeasure, to: UnitOfMeasure): CellRead {
  if (!cell || cell.v === null || (typeof cell.v === 'string' && cell.v.trim() === '')) return { ok: true, text: null };
  if (kind === 'text' || kind === 'code') return { ok: true, text: String(cell.v).trim() };
  // Fast path: a plain number in the target unit with at most six decimals is already exact text.
  if (typeof cell.v === 'number' && (kind === 'quantity' || kind === 'percent' || (kind === 'money' && from === to)) && Number.isFinite(cell.v)) {
    // JS prints a double as the shortest decimal that reads back to it: for at most six decimals
    // and nine integer digits that is the figure's own canonical text ("409.3", "46", "-2.5").
    const plain = String(cell.v);
    const pct = kind === 'percent' && cell.pct;
    // A fraction under a % format (0.25 shown as 25%) is read as the percent: the point moves two
    // places, so two integer digits fewer stay within the nine money allows.
    if ((pct ? /^-?\d{1,7}(\.\d{0,5}[1-9])?$/ : /^-?\d{1,9}(\.\d{0,5}[1-9])?$/).test(plain)) {
      if (plain === '-0') return { ok: true, text: '0' };
      return { ok: true, text: pct ? timesHundred(plain) : plain };
    }
  }
  const d = decimalOf(cell);
  if (!d.ok) return { ok: false, message: `“${String(cell.v).trim()}”不是有效的数字` };
  if (d.value === null) return { ok: true, text: null };
  let value = d.value;
  if (kind === 'money') value = value.times(YUAN_PER_UNIT[from]).div(YUAN_PER_UNIT[to]);
  if (kind === 'percent' && cell.pct && !d.percentText) value = value.times(100);
  if (value.decimalPlaces() > 6) {
    return { ok: false, message: `“${String(cell.v).trim()}”换算后超过六位小数，无法精确保存` };
  }
  const check = parseMoney(value.toFixed());
  if (!check.ok) return { ok: false, message: check.message };
  return { ok: true, text: check.value === null ? null : toDecimalString(check.value) };
}

/** Canonical decimal text times 100, exactly ("0.075" → "7.5", "-1" → "-100"), by moving the point. */
function timesHundred(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = fraction.padEnd(2, '0');
  const int = `${whole}${digits.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = digits.slice(2).replace(/0+$/, '');
  const out = rest ? `${int}.${rest}` : int;
  return negative && out !== '0' ? `-${out}` : out;
}
