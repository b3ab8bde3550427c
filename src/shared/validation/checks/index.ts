import type { Check, RuleContext, RuleDef } from '../rule-types';
import type { ValueView } from '../types';
import { codeKnown, codeName, codeParent, recordCode } from './codes';
import type { Generator, Instance, RowFilter } from './common';
import { childLevels, indicatorValue, planFull, planMax, planOrder } from './projects';
import { classRows, codeByCode, equal, notGreater, onlyOn, rollup, rowNotGreater, rowSum, zeroImplies } from './sums';

export type { Instance, RowFilter } from './common';
export { mismatch, valueAt } from './common';

const custom: Generator<'custom'> = (check, view, ctx) =>
  check.instances(view, ctx).map((inst) => ({ anchor: inst.anchor, reads: inst.reads.map((r) => ctx.key(r.table, r.row, r.col)), evaluate: inst.evaluate }));

const GENERATORS: { [K in Check['kind']]: Generator<K> } = {
  rollup,
  rowSum,
  equal,
  classRows,
  codeByCode,
  onlyOn,
  codeKnown,
  codeName,
  codeParent,
  recordCode,
  planOrder,
  planMax,
  planFull,
  childLevels,
  indicatorValue,
  notGreater,
  rowNotGreater,
  zeroImplies,
  custom,
};

export function instancesOf(rule: RuleDef, view: ValueView, ctx: RuleContext, only?: RowFilter): Instance[] {
  const generate = GENERATORS[rule.check.kind] as Generator<Check['kind']>;
  const specs = generate(rule.check, view, ctx, only) as Instance[];
  for (const spec of specs) spec.rule = rule;
  return specs;
}

/** Columns whose edits regroup records (an indicator moved to another project): the engine re-indexes. */
export function groupingColumns(rule: RuleDef): string[] {
  const c = rule.check;
  if (c.kind === 'childLevels' || c.kind === 'indicatorValue') return [`${c.table}!${c.parentCol}`];
  if (c.kind === 'custom') return c.groupBy ?? [];
  return [];
}
