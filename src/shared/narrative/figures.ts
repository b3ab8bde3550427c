import { toFixedString } from '../money';
import { parseMoney } from '../money';
import type { Label } from './labels';
import { findLabels, lastHit } from './labels';
import { foldText } from './normalize';

/**
 * The figures a text states: every amount in the unit of measure, and the amounts stated
 * right after a known label (the label's cell key → amount), as two-decimal text. Used to compare a drafted
 * text with a published one.
 */
export function moneyFigures(text: string, labels: Label[], unit: string): { all: string[]; byLabel: Record<string, string> } {
  const folded = foldText(text);
  const all: string[] = [];
  const byLabel: Record<string, string> = {};
  const hits = findLabels(folded, labels);
  const re = new RegExp(`(\\d+(?:\\.\\d+)?)${unit}`, 'g');
  for (const m of folded.matchAll(re)) {
    if (m.index > 0 && /[\d.]/.test(folded[m.index - 1])) continue;
    const r = parseMoney(m[1]);
    if (!r.ok || r.value === null) continue;
    const value = toFixedString(r.value);
    all.push(value);
    const h = lastHit(hits, m.index);
    if (h && h.label.key && m.index - h.end <= 8 && !/[\d,.;:。]/.test(folded.slice(h.end, m.index)) && !(h.label.key in byLabel)) byLabel[h.label.key] = value;
  }
  return { all, byLabel };
}
