import type { Micro } from '../money';
import type { Finding, FindingsDelta } from '../findings';

/**
 * What rules read: the values of a budget, whether computed from a draft (DraftModel
 * implements this) or stated in an imported workbook (totals as printed).
 */
export interface ValueView {
  /** Rows of a table in display order (coded tables: "total" then codes). */
  rows(table: string): string[];
  /** Numeric cell in micro-units, null when blank. */
  value(table: string, row: string, col: string): Micro | null;
  /** Text cell as stored ('' when blank). */
  text(table: string, row: string, col: string): string;
  /** Optional fast path: the same as value() by cell key (`table!row!col`). */
  valueByKey?(key: string): Micro | null;
}

/** Incremental checker of one template's rule set over one budget. */
export interface FindingEngine {
  /** Check everything from scratch (on open, import, before sign-off; the test oracle). */
  full(view: ValueView): Finding[];
  /**
   * Re-check only the rules that read the changed cell keys (and, when rows changed, the rules
   * reading the tables whose rows did) and report what was added and what was resolved.
   * 'all': figures changed with no word of which; everything is checked again.
   */
  update(view: ValueView, changedKeys: Iterable<string> | 'all', structural: boolean): FindingsDelta;
  /** The findings as of the last full() or update(). */
  current(): Finding[];
  /** Build ahead what the first update() would (an index of which checks read which cells), in idle time after full(). */
  prepare?(): void;
}
