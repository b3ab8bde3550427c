import { TOTAL_ROW } from '../draft';
import type { Template } from '../template/types';

/**
 * Which cells of a row the template computes (sums, rollups, table 1 and 4, list totals),
 * answered from the derivations alone: importing a workbook keeps only the entered cells
 * without building the whole computation graph first. Must agree with DraftModel.isDerived
 * (derived.test.ts checks both on the seed and the synthetic department).
 */
export type DerivedCheck = (table: string, row: string, col: string) => boolean;

export function derivedCheck(template: Template): DerivedCheck {
  /** Exact cells claimed by 'cell' and 'ratio' derivations. */
  const cells = new Set<string>();
  /** Per table and column: a predicate on the row id. */
  const byColumn = new Map<string, Array<(row: string) => boolean>>();
  const add = (table: string, col: string, pred: (row: string) => boolean) => {
    const key = `${table}!${col}`;
    const list = byColumn.get(key) ?? [];
    list.push(pred);
    byColumn.set(key, list);
  };
  const tableOf = (id: string) => template.tables.find((t) => t.id === id);
  for (const d of template.derivations) {
    switch (d.kind) {
      case 'rollup': {
        const t = tableOf(d.table);
        if (t?.rows.kind !== 'coded') break;
        const deepest = Math.max(...t.rows.levels);
        for (const col of d.columns) add(d.table, col, (row) => row === TOTAL_ROW || row.length < deepest);
        break;
      }
      case 'rowSum': {
        const t = tableOf(d.table);
        if (d.rows) {
          const rows = new Set(d.rows);
          add(d.table, d.target, (row) => rows.has(row));
        } else if (t?.rows.kind === 'list') add(d.table, d.target, (row) => row !== TOTAL_ROW);
        else if (t?.rows.kind === 'fixed') {
          const rows = new Set(t.rows.rows.map((r) => r.id));
          add(d.table, d.target, (row) => rows.has(row));
        } else add(d.table, d.target, () => true);
        break;
      }
      case 'listTotal':
        for (const col of d.columns) add(d.table, col, (row) => row === TOTAL_ROW);
        break;
      case 'cell':
      case 'ratio':
        cells.add(`${d.table}!${d.row}!${d.col}`);
        break;
      case 'byClass': {
        const t = tableOf(d.table);
        if (t?.rows.kind !== 'fixed') break;
        const rows = new Set(t.rows.rows.filter((r) => r.code).map((r) => r.id));
        add(d.table, d.col, (row) => rows.has(row));
        break;
      }
      case 'groupByCode': {
        const t = tableOf(d.target.table);
        if (t?.rows.kind !== 'coded') break;
        const deepest = Math.max(...t.rows.levels);
        add(d.target.table, d.target.col, (row) => row !== TOTAL_ROW && row.length === deepest);
        break;
      }
    }
  }
  const cellTables = new Set([...cells].map((k) => k.slice(0, k.indexOf('!'))));
  return (table, row, col) => {
    if (cellTables.has(table) && cells.has(`${table}!${row}!${col}`)) return true;
    const preds = byColumn.get(`${table}!${col}`);
    if (!preds) return false;
    for (const p of preds) if (p(row)) return true;
    return false;
  };
}
