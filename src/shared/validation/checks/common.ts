import { parseCellKey, TOTAL_ROW, type CellRef } from '../../draft';
import { formatMoney, MICRO_PER_UNIT, type Micro } from '../../money';
import type { Check, FindingBody, RuleContext, RuleDef } from '../rule-types';
import type { ValueView } from '../types';

/**
 * Instances of rules: a rule applied at one anchor (a cell, a row, a project), with the
 * cell keys it reads and an evaluator. Instances are generated once per row set; the
 * engine re-evaluates an instance when one of its keys changes.
 */
export interface Instance {
  rule: RuleDef;
  anchor: string;
  reads: string[];
  /**
   * The instance's own figures, passed to `evaluate`: the generators of the many-instance
   * rules share one evaluator per rule instead of a closure per instance.
   */
  data?: unknown;
  evaluate: (view: ValueView, data: never) => FindingBody | null;
}

export type Spec = Omit<Instance, 'rule'>;

/** A published figure may differ by one cent through rounding: say so, but still report it. */
const ROUNDING_RESIDUE = MICRO_PER_UNIT / 100;

/** "X 为 A，应等于 Y B，多/少 D" with the figures as fields. */
export function mismatch(ctx: RuleContext, view: ValueView, at: CellRef, actual: Micro, expected: Micro, expectedWords: string, cells: CellRef[]): FindingBody {
  const { labels } = ctx;
  const diff = actual - expected;
  const residue = Math.abs(diff) <= ROUNDING_RESIDUE ? '（可能是四舍五入尾差，仍须调整一致）' : '';
  // Two decimals as published, more when a figure has them (a 0.001 difference must not read "0.00").
  const decimals = decimalsFor(actual, expected);
  return {
    cells,
    message:
      `${labels.cell(view, at.table, at.row, at.col)}为 ${labels.money(actual, decimals)}，应等于${expectedWords} ${labels.money(expected, decimals)}，` +
      `${diff > 0 ? '多' : '少'} ${labels.money(Math.abs(diff), decimals)}${residue}。`,
    expected: formatMoney(expected, decimals),
    actual: formatMoney(actual, decimals),
    difference: formatMoney(diff, decimals),
  };
}

/** The fewest decimals (at least 2) that show every figure exactly. */
export function decimalsFor(...values: Micro[]): number {
  let decimals = 2;
  for (const v of values) {
    while (decimals < 6 && v % 10 ** (6 - decimals) !== 0) decimals++;
  }
  return decimals;
}

export const percent = (v: Micro | null) => (v === null ? '空' : `${formatMoney(v).replace(/\.?0+$/, '')}%`);

/** The rows of a table without its 合计 row; with `only`, those it accepts. */
export function bodyRows(view: ValueView, table: string, only?: RowFilter): string[] {
  return view.rows(table).filter((r) => r !== TOTAL_ROW && (!only || only(table, r)));
}

export function codedModel(ctx: RuleContext, table: string) {
  const model = ctx.labels.tableDef(table)?.rows;
  return model?.kind === 'coded' ? model : undefined;
}

/** A cell's figure by key (blank = 0), through the view's fast path when it has one. */
export function valueAt(view: ValueView, k: string): Micro {
  if (view.valueByKey) return view.valueByKey(k) ?? 0;
  const r = parseCellKey(k);
  return view.value(r.table, r.row, r.col) ?? 0;
}

/** The cells of a sum a finding points at: those holding a figure. */
export function nonBlank(view: ValueView, keys: string[]): CellRef[] {
  return keys.filter((k) => valueAt(view, k) !== 0).map(parseCellKey);
}

export function sumKeys(view: ValueView, keys: string[]): Micro {
  let total = 0;
  for (const k of keys) total += valueAt(view, k);
  return total;
}

/** Which anchor rows to build instances for (a row change rebuilds those of the rows it touched). */
export type RowFilter = (table: string, row: string) => boolean;

/**
 * The instances of a check for the view's rows; with `only`, a check built row by row (see
 * the engine's staleRows) builds just the instances anchored at the rows `only` accepts.
 */
export type Generator<K extends Check['kind']> = (check: Extract<Check, { kind: K }>, view: ValueView, ctx: RuleContext, only?: RowFilter) => Spec[];
