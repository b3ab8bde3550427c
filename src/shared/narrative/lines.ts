import Decimal from 'decimal.js';
import { cellKey, TOTAL_ROW } from '../draft';
import { convertUnit, roundMicro, type Micro } from '../money';
import { rowUnit, tableByRole, tableUnit, type TableRole, type Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { FUNCTION_CLASSES } from '../regions/common/classes';
import { narrativePackOf, textUnit } from './draft';
import { priorYearRow } from './kit';

/**
 * 逐条原因 (reasons line by line): the text's main spending lines with last year's figure and
 * this year's. A line changing by the pack's threshold or more (NarrativePack.review
 * .reasonThreshold, in percent), or from zero, needs a written reason. The lines are the
 * pack's key figures (review.reasonLines: rows of the 上年对比 table) and, where the pack
 * has a per-科目 table (role lineNotes), one line per 项 code of 财政拨款支出.
 */

export interface ReasonLine {
  /** A key figure's name, or a function code. */
  id: string;
  kind: 'figure' | 'item';
  /** "“三公”经费", "行政运行（2040601）". */
  label: string;
  /** Figures in the text's unit; prior is null while last year's figure is not entered. */
  prior: Micro | null;
  current: Micro;
  /** The change in percent of last year's figure (two decimals, signed); null without a base. */
  rate: string | null;
  needsReason: boolean;
  reason: string;
  /** Where last year's figure and the reason are typed. */
  priorCell: string;
  reasonCell: string;
  /** Where this year's figure comes from. */
  currentCells: string[];
}

/** Name of a function code, where the draft's tables do not carry it (the dictionary's). */
export type CodeNames = (code: string) => string | undefined;

/** The fiscal tables whose 项 rows are the per-科目 lines, in the text's order. */
export const FISCAL_ROLES: TableRole[] = ['generalSpending', 'fundSpending', 'capitalSpending'];

/** The name of a function code: as a table of the draft carries it, else the dictionary's, else the 类 list's. */
export function functionName(view: ValueView, template: Template, code: string, names?: CodeNames): string {
  for (const role of [...FISCAL_ROLES, 'spending', 'income', 'lineNotes'] as TableRole[]) {
    const t = tableByRole(template, role);
    const name = t && t.rows.kind === 'coded' ? view.text(t.id, code, 'name').trim() : '';
    if (name) return name;
  }
  return names?.(code) ?? FUNCTION_CLASSES.find(([c]) => c === code)?.[1] ?? '';
}

export interface ItemLine {
  code: string;
  /** The fiscal tables' cells of the code's total. */
  cells: string[];
  /** Sum over them, in the tables' unit. */
  amount: Micro;
}

/** 项 codes with 财政拨款 spending, summed over the three fiscal tables, in the tables' order. */
export function fiscalItems(view: ValueView, template: Template): ItemLine[] {
  const byCode = new Map<string, ItemLine>();
  for (const role of FISCAL_ROLES) {
    const t = tableByRole(template, role);
    if (!t || t.rows.kind !== 'coded') continue;
    const leaf = t.rows.levels[t.rows.levels.length - 1];
    for (const code of view.rows(t.id)) {
      if (code === TOTAL_ROW || code.length !== leaf) continue;
      const v = view.value(t.id, code, 'total');
      if (!v) continue;
      const line = byCode.get(code) ?? { code, cells: [], amount: 0 };
      line.cells.push(cellKey(t.id, code, 'total'));
      line.amount += v;
      byCode.set(code, line);
    }
  }
  return [...byCode.values()];
}

/** Whether a change needs a reason: by the threshold (percent) or from zero. */
export function changeNeedsReason(prior: Micro | null, current: Micro, threshold: number): boolean {
  if (prior === null) return false;
  const change = roundMicro(current - prior, 2);
  if (change === 0) return false;
  if (prior === 0) return true;
  return new Decimal(Math.abs(change)).times(100).gte(new Decimal(threshold).times(Math.abs(prior)));
}

/** The rate of change in percent, two decimals, signed ("15.00", "-4.25"); null without a base. */
export function changeRate(prior: Micro | null, current: Micro): string | null {
  if (prior === null || prior === 0) return null;
  return new Decimal(current - prior).times(100).div(prior).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function reasonLines(view: ValueView, template: Template, names?: CodeNames): ReasonLine[] {
  const pack = narrativePackOf(template);
  if (!pack) return [];
  const unit = textUnit(template);
  const threshold = pack.review.reasonThreshold;
  const lines: ReasonLine[] = [];
  const py = tableByRole(template, 'priorYear');
  if (py && py.rows.kind === 'fixed') {
    for (const name of pack.review.reasonLines) {
      const row = priorYearRow(template, name);
      const def = py.rows.rows.find((r) => r.id === row);
      if (!row || !def) continue;
      const inText = (v: Micro | null) => (v === null ? null : convertUnit(v, rowUnit(template, py, row), unit).value);
      const prior = inText(view.value(py.id, row, 'prior'));
      const current = inText(view.value(py.id, row, 'current')) ?? 0;
      const reason = view.text(py.id, row, 'reason');
      lines.push({
        id: name, kind: 'figure', label: Object.values(def.labels)[0] ?? name, prior, current,
        rate: changeRate(prior, current), needsReason: changeNeedsReason(prior, current, threshold), reason,
        priorCell: cellKey(py.id, row, 'prior'), reasonCell: cellKey(py.id, row, 'reason'), currentCells: [cellKey(py.id, row, 'current')],
      });
    }
  }
  const notes = tableByRole(template, 'lineNotes');
  if (notes) {
    const items = fiscalItems(view, template);
    const tableUnitOf = (key: string) => tableUnit(template, template.tables.find((t) => t.id === key.slice(0, key.indexOf('!')))!);
    const seen = new Set(items.map((i) => i.code));
    // A line last year that has no figure this year still needs its reason.
    for (const code of view.rows(notes.id)) {
      if (code !== TOTAL_ROW && !seen.has(code) && view.value(notes.id, code, 'prior')) items.push({ code, cells: [], amount: 0 });
    }
    for (const item of items) {
      const notesUnit = tableUnit(template, notes);
      const priorRaw = view.value(notes.id, item.code, 'prior');
      const prior = priorRaw === null ? null : convertUnit(priorRaw, notesUnit, unit).value;
      const current = item.cells.length ? convertUnit(item.amount, tableUnitOf(item.cells[0]), unit).value : 0;
      lines.push({
        id: item.code, kind: 'item', label: `${functionName(view, template, item.code, names) || '（未知科目）'}（${item.code}）`,
        prior, current, rate: changeRate(prior, current), needsReason: changeNeedsReason(prior, current, threshold),
        reason: view.text(notes.id, item.code, 'reason'),
        priorCell: cellKey(notes.id, item.code, 'prior'), reasonCell: cellKey(notes.id, item.code, 'reason'), currentCells: item.cells,
      });
    }
  }
  return lines;
}

/** Lines that need a reason and have none. */
export const linesLackingReason = (lines: ReasonLine[]) => lines.filter((l) => l.needsReason && !l.reason.trim());
