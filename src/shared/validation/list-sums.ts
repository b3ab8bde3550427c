import { TOTAL_ROW } from '../draft';
import type { Micro } from '../money';
import type { Operand } from './rule-types';
import type { ValueView } from './types';

/** A list operand: a column of a list table summed over its records, filtered by a text column. */
export type ListOperand = Extract<Operand, { list: unknown }>['list'];

/** A list's sums by the text of its filter column ('' without a filter). */
export type ListSumsOf = (list: ListOperand) => ReadonlyMap<string, Micro>;

/** What one record adds to a list's sums: under which filter text, how much; null when excluded. */
type Share = readonly [where: string, amount: Micro] | null;

/** Whether a record is left out of a list operand whatever its filter (its `except` column says so). */
export function excludedFromList(view: ValueView, list: ListOperand, rec: string): boolean {
  return !!list.except && view.text(list.table, rec, list.except.col).trim() === list.except.equals;
}

/** The text of a record's filter column ('' without a filter): the sum of the list it counts in. */
export function listFilterText(view: ValueView, list: ListOperand, rec: string): string {
  return list.where ? view.text(list.table, rec, list.where.col).trim() : '';
}

function shareOf(view: ValueView, list: ListOperand, rec: string): Share {
  if (excludedFromList(view, list, rec)) return null;
  return [listFilterText(view, list, rec), view.value(list.table, rec, list.col) ?? 0];
}

/** The sums of a list by reading every record. */
export function scanListSums(view: ValueView, list: ListOperand): Map<string, Micro> {
  const sums = new Map<string, Micro>();
  for (const rec of view.rows(list.table)) {
    if (rec === TOTAL_ROW) continue;
    const share = shareOf(view, list, rec);
    if (share) sums.set(share[0], (sums.get(share[0]) ?? 0) + share[1]);
  }
  return sums;
}

/** One list's sums with each record's share, moved by the share of a record that changed. */
class ListAggregate {
  readonly sums = new Map<string, Micro>();
  private readonly shares = new Map<string, Share>();
  /** The columns whose edits move a record's share. */
  readonly columns: ReadonlySet<string>;

  constructor(
    readonly list: ListOperand,
    view: ValueView,
  ) {
    this.columns = new Set([list.col, list.where?.col, list.except?.col].filter((c): c is string => c !== undefined));
    for (const rec of view.rows(list.table)) if (rec !== TOTAL_ROW) this.set(rec, shareOf(view, list, rec));
  }

  /** Read a record's share again (added or edited); `present` false: it is gone. */
  refresh(view: ValueView, rec: string, present: boolean): void {
    const old = this.shares.get(rec);
    if (old) this.sums.set(old[0], (this.sums.get(old[0]) ?? 0) - old[1]);
    this.shares.delete(rec);
    if (present) this.set(rec, shareOf(view, this.list, rec));
  }

  has(rec: string): boolean {
    return this.shares.has(rec);
  }

  private set(rec: string, share: Share): void {
    this.shares.set(rec, share);
    if (share) this.sums.set(share[0], (this.sums.get(share[0]) ?? 0) + share[1]);
  }
}

/**
 * The sums of the list operands over one view, kept up to date through a finding engine's
 * updates: an edit or a record added or removed moves a sum by that record's share instead
 * of a scan of every record (a department has hundreds of projects, several lists sum them,
 * and every edit of a project re-checks the equalities that read them).
 */
export class ListSums {
  private readonly byKey = new Map<string, ListAggregate>();
  private readonly byTable = new Map<string, ListAggregate[]>();

  /** The sums of a list (read once from the view, then kept by changed()). */
  of(view: ValueView, list: ListOperand): ReadonlyMap<string, Micro> {
    const key = `${list.table}!${list.col}!${list.where?.col ?? ''}!${list.except ? `${list.except.col}=${list.except.equals}` : ''}`;
    let agg = this.byKey.get(key);
    if (!agg) {
      agg = new ListAggregate(list, view);
      this.byKey.set(key, agg);
      const same = this.byTable.get(list.table);
      if (same) same.push(agg);
      else this.byTable.set(list.table, [agg]);
    }
    return agg.sums;
  }

  /**
   * What changed since the sums were read: records added and removed (by table), then cells
   * (keys `table!row!col`); a record is read again only where a list sums its column.
   */
  changed(view: ValueView, rows: { added: ReadonlyMap<string, string[]>; removed: ReadonlyMap<string, string[]> } | null, keys: readonly string[]): void {
    if (!this.byTable.size) return;
    if (rows) {
      for (const [table, recs] of rows.removed) for (const agg of this.byTable.get(table) ?? []) for (const rec of recs) agg.refresh(view, rec, false);
      for (const [table, recs] of rows.added) for (const agg of this.byTable.get(table) ?? []) for (const rec of recs) if (rec !== TOTAL_ROW) agg.refresh(view, rec, true);
    }
    for (const key of keys) {
      const first = key.indexOf('!');
      const aggs = this.byTable.get(key.slice(0, first));
      if (!aggs) continue;
      const last = key.lastIndexOf('!');
      const rec = key.slice(first + 1, last);
      const col = key.slice(last + 1);
      for (const agg of aggs) if (agg.columns.has(col) && agg.has(rec)) agg.refresh(view, rec, true);
    }
  }

  clear(): void {
    this.byKey.clear();
    this.byTable.clear();
  }
}
