import type { CellRef } from './draft';

export type Severity = 'error' | 'warning';

export const SEVERITY_LABELS: Record<Severity, string> = { error: '强制', warning: '提示' };

/** One failed consistency check, pointing at the cells it read. */
export interface Finding {
  /** Stable id: rule id plus the anchor it was checked at, so deltas and explanations can refer to it. */
  id: string;
  ruleId: string;
  severity: Severity;
  /** Table the finding is shown under (the first cell's table). */
  table: string;
  cells: CellRef[];
  /** Plain Chinese: which table, row and column, expected, actual and difference. */
  message: string;
  expected?: string;
  actual?: string;
  difference?: string;
}

export interface FindingsDelta {
  added: Finding[];
  /** Ids of findings that no longer hold. */
  resolved: string[];
}

/** A clerk's written explanation (说明) of a warning. */
export interface Explanation {
  findingId: string;
  text: string;
  author: string;
  at: string;
}
