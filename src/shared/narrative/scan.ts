import { parseMoney, roundMicro, toFixedString, type Micro } from '../money';
import { SENTENCE_END } from './normalize';

/** The pieces of text the checks look for: numbers with their units, direction words, boundaries. */

export const NUMBER = '(\\d+(?:,\\d{3})*(?:\\.\\d+)?)';
export const INCREASE = ['增加', '增长', '上升', '提高'];
export const DECREASE = ['减少', '下降', '降低', '压减', '缩减'];
export const FLAT = ['持平', '无变化', '没有变化', '不变'];
/** A rate of change by its noun: "增幅 10.66%", "降幅为 14.51%" (a rate, in % only). */
export const RATE_UP = ['增幅', '涨幅'];
export const RATE_DOWN = ['降幅', '减幅'];
/** Up (1), down (-1) or level (0), as a direction word or a rate's noun says. */
export const signOf = (word: string): number => (INCREASE.includes(word) || RATE_UP.includes(word) ? 1 : DECREASE.includes(word) || RATE_DOWN.includes(word) ? -1 : 0);
export interface Token {
  start: number;
  end: number;
  number: string;
  unit: string;
}
export function boundaryBefore(text: string, pos: number, pattern: RegExp): number {
  const key = pattern.source;
  let known = boundaries.get(key);
  if (known?.text !== text) {
    // Where the piece holding each position starts, for the whole text at once: scanning back
    // from every figure would take time in the square of a long paragraph's length.
    const starts = new Int32Array(text.length + 1);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      starts[i] = start;
      if (pattern.test(text[i])) start = i + 1;
    }
    starts[text.length] = start;
    known = { text, starts };
    boundaries.set(key, known);
  }
  return known.starts[Math.max(0, Math.min(pos, text.length))];
}
/** The last text's piece starts by boundary pattern (a handful of patterns). */
const boundaries = new Map<string, { text: string; starts: Int32Array }>();
export const MONEY_TOKEN = new RegExp(`${NUMBER}(万元|亿元|元|%|个百分点)?`, 'g');
export function moneyTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(MONEY_TOKEN)) {
    if (m.index > 0 && /[\d.]/.test(text[m.index - 1])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, number: m[1].replace(/,/g, ''), unit: m[2] ?? '' });
  }
  return out;
}
export function micro(number: string): Micro | null {
  const r = parseMoney(number);
  return r.ok ? r.value : null;
}
export function decimalsOf(number: string): number {
  return number.includes('.') ? number.split('.')[1].length : 0;
}
/** A stated amount equals a table figure when it is the figure to two decimals (or to its own, finer, precision). */
export function sameAmount(stated: Micro, actual: Micro, statedDecimals: number): boolean {
  return stated === roundMicro(actual, Math.min(6, Math.max(2, statedDecimals)));
}
export const fmt = (v: Micro, unit: string) => `${toFixedString(v)} ${unit}`;

/**
 * Whether each count of a text, met in order, is a part of the one before it: a 其中 breaks
 * down a count of the same thing earlier in its sentence ("共有车辆 2 辆，其中：一般公务用车 1 辆、
 * 执法执勤用车 1 辆", "项目共8个，其中3个项目为新增项目，重点项目2个").
 */
export function partsOfCounts(text: string): (what: string, start: number, end: number) => boolean {
  let whole: { what: string; sentence: number; end: number } | undefined;
  return (what, start, end) => {
    const sentence = boundaryBefore(text, start, SENTENCE_END);
    if (whole?.sentence === sentence && whole.what === what && text.slice(whole.end, start).includes('其中')) return true;
    whole = { what, sentence, end };
    return false;
  };
}
