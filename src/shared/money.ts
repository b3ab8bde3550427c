/**
 * Money as integer micro-units (1e-6 of the budget's unit of measure, usually 万元).
 * Integers stay exact in JS numbers up to 2^53 (≈ 9e9 万元 at this scale), so sums of
 * micro-units are exact; every conversion to or from text is done on the digits, never
 * through binary floating point.
 */

import Decimal from 'decimal.js';

export type Micro = number;

export const MICRO_DIGITS = 6;
export const MICRO_PER_UNIT = 1_000_000;

export type ParseResult = { ok: true; value: Micro | null } | { ok: false; message: string };

const FULL_WIDTH_OFFSET = 0xfee0;

/** Fold full-width digits and punctuation to ASCII, drop spaces and currency marks. */
export function normalizeNumberText(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    else if (ch === '\u3000' || ch === '\u00a0') out += ' ';
    else if (ch === '。') out += '.';
    else if (ch === '－' || ch === '—' || ch === '−') out += '-';
    else out += ch;
  }
  return out.replace(/[\s¥￥$]/g, '').replace(/^RMB/i, '');
}

/**
 * Parse what a clerk types into a money cell. Blank means "no figure" (null).
 * Accepts thousands separators, full-width digits, a leading ￥, a sign, "(12.30)" for negatives.
 */
export function parseMoney(input: string | number | null | undefined, maxDecimals = MICRO_DIGITS): ParseResult {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: '不是有效的金额' };
    // Numbers from spreadsheets carry binary noise (409.29999999999995): round in decimal first.
    return parseMoney(new Decimal(input).toDecimalPlaces(maxDecimals).toFixed(), maxDecimals);
  }
  let text = normalizeNumberText(input);
  if (text === '' || text === '-') return { ok: true, value: null };
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === undefined && !match[2])) {
    return { ok: false, message: `“${input.trim()}”不是有效的金额，请输入数字，例如 1,234.50` };
  }
  const whole = (match[1] ?? '0').replace(/,/g, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > maxDecimals) {
    return { ok: false, message: `“${input.trim()}”小数位数过多，最多 ${maxDecimals} 位` };
  }
  if (whole.replace(/^0+/, '').length > 9) {
    return { ok: false, message: `“${input.trim()}”金额过大` };
  }
  const micro = Number(whole) * MICRO_PER_UNIT + Number(fraction.padEnd(MICRO_DIGITS, '0') || '0');
  return { ok: true, value: negative && micro !== 0 ? -micro : micro };
}

/** Parse or throw an Error carrying the Chinese message. */
export function money(input: string | number): Micro {
  const r = parseMoney(input);
  if (!r.ok) throw new Error(r.message);
  if (r.value === null) throw new Error('金额不能为空');
  return r.value;
}

/** Canonical decimal text for storage: no separators, no trailing zeros ("12.5", "-3", "0"). */
export function toDecimalString(value: Micro): string {
  assertMicro(value);
  const negative = value < 0;
  const abs = Math.abs(value);
  const whole = Math.floor(abs / MICRO_PER_UNIT);
  const frac = String(abs % MICRO_PER_UNIT).padStart(MICRO_DIGITS, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + String(whole) + (frac ? '.' + frac : '');
}

/** Fixed-decimals text, rounded half away from zero ("1234.50"). */
export function toFixedString(value: Micro, decimals = 2): string {
  assertMicro(value);
  const negative = value < 0;
  const step = 10 ** (MICRO_DIGITS - decimals);
  const rounded = Math.round(Math.abs(value) / step); // exact: integer division of safe integers
  const scale = 10 ** decimals;
  const whole = Math.floor(rounded / scale);
  const frac = decimals > 0 ? '.' + String(rounded % scale).padStart(decimals, '0') : '';
  return (negative && rounded !== 0 ? '-' : '') + String(whole) + frac;
}

/** Display text with thousands separators and two decimals ("1,234.50"). */
export function formatMoney(value: Micro | null | undefined, decimals = 2): string {
  if (value === null || value === undefined) return '';
  const fixed = toFixedString(value, decimals);
  const [intPart, frac] = fixed.split('.');
  const sign = intPart.startsWith('-') ? '-' : '';
  const digits = intPart.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + digits + (frac !== undefined ? '.' + frac : '');
}

/** Round to a number of decimals of the unit (for published 2-decimal figures). */
export function roundMicro(value: Micro, decimals = 2): Micro {
  const step = 10 ** (MICRO_DIGITS - decimals);
  const sign = value < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(value) / step) * step;
}

export function sumMicro(values: Iterable<Micro | null | undefined>): Micro {
  let total = 0;
  for (const v of values) if (v) total += v;
  assertMicro(total);
  return total;
}

export function assertMicro(value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError('金额超出可精确表示的范围');
}

/** The units money is kept or printed in, by how many 元 each is: the one table of them. */
export const YUAN_PER_UNIT = { 元: 1, 千元: 1_000, 万元: 10_000 } as const;
export type MoneyUnit = keyof typeof YUAN_PER_UNIT;

/**
 * A figure in micro-units of `from` as micro-units of `to`, exactly: to a larger unit 元
 * with two decimals stay whole micro-units of 万元; anything finer is rounded half away from
 * zero to the micro-unit (`rounded` tells).
 */
export function convertUnit(value: Micro, from: MoneyUnit, to: MoneyUnit): { value: Micro; rounded: boolean } {
  if (from === to) return { value, rounded: false };
  if (YUAN_PER_UNIT[from] > YUAN_PER_UNIT[to]) {
    const scaled = value * (YUAN_PER_UNIT[from] / YUAN_PER_UNIT[to]);
    assertMicro(scaled);
    return { value: scaled, rounded: false };
  }
  const divisor = YUAN_PER_UNIT[to] / YUAN_PER_UNIT[from];
  const abs = Math.abs(value);
  const rest = abs % divisor;
  const quotient = (abs - rest) / divisor + (rest * 2 >= divisor ? 1 : 0);
  return { value: value < 0 && quotient !== 0 ? -quotient : quotient, rounded: rest !== 0 };
}

/** A JS number (e.g. a cell value from exceljs) as plain decimal text without exponent. */
export function numberToPlainString(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mantissa, expText] = s.toLowerCase().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const [a, b = ''] = mantissa.replace('-', '').split('.');
  const digits = a + b;
  const point = a.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (negative ? '-' : '') + out;
}
