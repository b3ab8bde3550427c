import { TOTAL_ROW, type CellRef } from '../../draft';
import type { Micro } from '../../money';
import type { Derivation, Operand, Template } from '../../template/types';
import type { CustomInstance, RuleContext, RuleDef } from '../rule-types';
import type { ValueView } from '../types';

type Balance = Extract<Derivation, { kind: 'cell' }>;

/** The line of 结转结余 rows (年终结转结余, 年末财政拨款结转和结余 by fund). */
const CARRY_LINE = /^carry(:|$)/;

/**
 * A 结转结余 the template computes by subtraction (年终结转结余 = 收入总计 − 本年支出合计;
 * 年末 = 年初 + 收入 − 支出) is never below zero: below it, the spending entered exceeds the
 * money there is to spend, usually because the income is not entered yet.
 */
export function balanceRules(template: Template): RuleDef[] {
  const balances = template.derivations.filter(
    (d): d is Balance => d.kind === 'cell' && d.sum.some((t) => t.sign === -1) && isCarryRow(template, d.table, d.row),
  );
  if (!balances.length) return [];
  return [
    {
      id: 'balance-not-negative',
      group: 1,
      severity: 'error',
      title: '结转结余不为负数：支出不超过收入与上年结转之和',
      check: {
        kind: 'custom',
        rowTables: [],
        instances: (_view, ctx): CustomInstance[] =>
          balances.map((d) => ({
            anchor: `${d.table}!${d.row}!${d.col}`,
            reads: [{ table: d.table, row: d.row, col: d.col }],
            evaluate: (v) => negativeBalance(v, ctx, d),
          })),
      },
    },
  ];
}

function isCarryRow(template: Template, table: string, row: string): boolean {
  const def = template.tables.find((t) => t.id === table);
  return def?.rows.kind === 'fixed' && CARRY_LINE.test(def.rows.rows.find((r) => r.id === row)?.line ?? '');
}

function negativeBalance(v: ValueView, ctx: RuleContext, d: Balance) {
  const value = v.value(d.table, d.row, d.col) ?? 0;
  if (value >= 0) return null;
  const { labels } = ctx;
  const operands = d.sum.map((t) => refOf(t.of)).filter((ref): ref is CellRef => ref !== null);
  return {
    cells: [{ table: d.table, row: d.row, col: d.col }, ...operands],
    message:
      `${labels.cell(v, d.table, d.row, d.col)}为 ${labels.money(value)}，结转结余不能为负数：` +
      `支出比收入与上年结转之和多 ${labels.money(-value as Micro)}。请补录收入（或上年结转），或核减支出。`,
  };
}

/** The cell an operand of a balance reads (its cells and 合计 rows; lists are not balances' operands). */
function refOf(of: Operand): CellRef | null {
  if ('cell' in of) return of.cell;
  if ('total' in of) return { table: of.total.table, row: TOTAL_ROW, col: of.total.col };
  if ('code' in of) return { table: of.code.table, row: of.code.code, col: of.code.col };
  return null;
}
