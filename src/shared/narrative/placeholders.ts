import { parseCellKey } from '../draft';
import { convertUnit, toDecimalString, toFixedString, type Micro } from '../money';
import { byId, rowUnit, type Template, type UnitOfMeasure } from '../template/types';
import type { ValueView } from '../validation/types';

/**
 * Figures in the text are placeholders bound to cells: `{{t06!total!public}}` prints the
 * current value, so a drafted sentence that the clerk edited still follows the tables.
 * A format may follow a bar: `|abs` (absolute amount), `|dir` (增加/减少/持平),
 * `|chg` ("增加 6.50万元" / "减少 95.77万元" / "持平"), `|pct` (a rate with %),
 * `|qty` (a count without decimals), `|text` (a text cell), `|join` (a multi-line text cell
 * as one sentence, lines joined by ，). Money is printed in the text's unit (the pack's: 上海
 * states 万元 while its tables are in 元), converted exactly.
 */

export const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+![A-Za-z0-9_]+![A-Za-z0-9_]+)\s*(?:\|\s*([a-z]+)\s*)?\}\}/g;

export type PlaceholderFormat = 'abs' | 'dir' | 'chg' | 'pct' | 'qty' | 'text' | 'join';

export function placeholder(key: string, format?: PlaceholderFormat): string {
  return format ? `{{${key}|${format}}}` : `{{${key}}}`;
}

export function directionWord(change: Micro | null): '增加' | '减少' | '持平' {
  if (!change) return '持平';
  return change > 0 ? '增加' : '减少';
}

export interface RenderedPart {
  text: string;
  /** The cell key a placeholder stood for; undefined for literal text. */
  key: string | undefined;
}

/** Every part has both fields (one shape): the export renders every figure of the text. */
function part(text: string, key: string | undefined): RenderedPart {
  return { text, key };
}

/** Render placeholders with the current figures; unknown keys stay visible (and are a finding). */
export function renderParts(source: string, view: ValueView, template: Template, unit: UnitOfMeasure = template.unitOfMeasure): RenderedPart[] {
  const parts: RenderedPart[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(part(source.slice(last, m.index), undefined));
    const rendered = renderOne(m[1], (m[2] ?? '') as PlaceholderFormat | '', view, template, unit);
    parts.push(rendered === null ? part(m[0], undefined) : part(rendered, m[1]));
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push(part(source.slice(last), undefined));
  return parts;
}

export function renderText(source: string, view: ValueView, template: Template, unit: UnitOfMeasure = template.unitOfMeasure): string {
  let text = '';
  for (const p of renderParts(source, view, template, unit)) text += p.text;
  return text;
}

function renderOne(key: string, format: PlaceholderFormat | '', view: ValueView, template: Template, unit: UnitOfMeasure): string | null {
  const { table, row, col } = parseCellKey(key);
  const tableDef = byId(template.tables, table);
  const colDef = tableDef && byId(tableDef.columns, col);
  if (!tableDef || !colDef) return null;
  if (format === 'join') {
    const sentences: string[] = [];
    for (const line of view.text(table, row, col).split('\n')) {
      const sentence = line.trim().replace(/[。；;，,]$/, '');
      if (sentence) sentences.push(sentence);
    }
    return sentences.join('，');
  }
  if (format === 'text' || (format === '' && (colDef.kind === 'text' || colDef.kind === 'code'))) return view.text(table, row, col);
  const raw = view.value(table, row, col);
  const v = raw !== null && colDef.kind === 'money' ? convertUnit(raw, rowUnit(template, tableDef, row), unit).value : raw;
  switch (format) {
    case 'abs':
      return toFixedString(Math.abs(v ?? 0));
    case 'dir':
      return directionWord(v);
    case 'chg':
      return v ? `${directionWord(v)}${toFixedString(Math.abs(v))}${unit}` : '持平';
    case 'pct':
      return `${toFixedString(v ?? 0)}%`;
    case 'qty':
      return toDecimalString(v ?? 0);
    case '':
      return colDef.kind === 'quantity' ? toDecimalString(v ?? 0) : toFixedString(v ?? 0);
    default:
      return null;
  }
}
