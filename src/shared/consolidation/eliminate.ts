import { TOTAL_ROW } from '../draft';
import type { Micro } from '../money';
import { tableByRole, type TableDef, type Template } from '../template/types';
import type { EliminationPair } from './types';

/**
 * The transfers between units of one department, removed from the consolidated figures: an
 * income column of the income table against a spending column of the spending table, where
 * the department's pack has both (column ids carry meaning across packs):
 * 上级补助收入 (`superior`) against 对附属单位补助支出 (`subsidy`), 附属单位上缴收入
 * (`subordinate`) against 上缴上级支出 (`remitted`). Code by code the smaller side is removed
 * from both; what is left was paid to or received from outside the department (or entered
 * under another code) and is shown as remaining.
 */
const PAIRS: Array<[income: string, spending: string]> = [
  ['superior', 'subsidy'],
  ['subordinate', 'remitted'],
];

const label = (table: TableDef, col: string) => {
  const c = table.columns.find((x) => x.id === col)!;
  return c.header[c.header.length - 1];
};

/** Eliminate in place in `sums` (cell key → summed micro-units of the units); returns what was removed. */
export function eliminateTransfers(department: Template, sums: Map<string, Micro>): EliminationPair[] {
  const income = tableByRole(department, 'income');
  const spending = tableByRole(department, 'spending');
  if (!income || !spending || income.rows.kind !== 'coded' || spending.rows.kind !== 'coded') return [];
  const out: EliminationPair[] = [];
  for (const [inCol, outCol] of PAIRS) {
    if (!income.columns.some((c) => c.id === inCol) || !spending.columns.some((c) => c.id === outCol)) continue;
    const byCode = new Map<string, { income: Micro; spending: Micro }>();
    const collect = (table: string, col: string, side: 'income' | 'spending') => {
      const prefix = `${table}!`;
      const suffix = `!${col}`;
      for (const [key, v] of sums) {
        if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
        const code = key.slice(prefix.length, key.length - suffix.length);
        if (code === TOTAL_ROW) continue;
        const entry = byCode.get(code) ?? { income: 0, spending: 0 };
        entry[side] += v;
        byCode.set(code, entry);
      }
    };
    collect(income.id, inCol, 'income');
    collect(spending.id, outCol, 'spending');
    const pair: EliminationPair = {
      label: `${label(income, inCol)} ↔ ${label(spending, outCol)}`,
      incomeColumn: inCol,
      spendingColumn: outCol,
      income: 0,
      spending: 0,
      eliminated: 0,
      remainingIncome: 0,
      remainingSpending: 0,
      byCode: [],
    };
    for (const code of [...byCode.keys()].sort()) {
      const { income: a, spending: b } = byCode.get(code)!;
      pair.income += a;
      pair.spending += b;
      const e = a > 0 && b > 0 ? Math.min(a, b) : 0;
      if (e === 0) continue;
      pair.eliminated += e;
      pair.byCode.push({ code, amount: e });
      reduce(sums, `${income.id}!${code}!${inCol}`, e);
      reduce(sums, `${spending.id}!${code}!${outCol}`, e);
    }
    pair.remainingIncome = pair.income - pair.eliminated;
    pair.remainingSpending = pair.spending - pair.eliminated;
    if (pair.income || pair.spending) out.push(pair);
  }
  return out;
}

/** Take an eliminated amount off a cell; a cell left at zero is blank, as the published tables print it. */
function reduce(sums: Map<string, Micro>, key: string, amount: Micro): void {
  const left = (sums.get(key) ?? 0) - amount;
  if (left === 0) sums.delete(key);
  else sums.set(key, left);
}
