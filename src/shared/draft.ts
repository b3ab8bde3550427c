/** The content of a draft: row lists per table and entered cells, all as plain data. */

export type DraftStatus = 'editing' | 'submitted' | 'returned' | 'signed';

export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  editing: '编制中',
  submitted: '已提交',
  returned: '已退回',
  signed: '已审签',
};

export interface DraftMeta {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  templateId: string;
  status: DraftStatus;
  createdAt: string;
  updatedAt: string;
  /** Increases by one with every committed change; used to detect stale copies. */
  revision: number;
  /** What tells a copy (复制) apart from its original in the lists: 副本, 副本 2 …; absent on an original. */
  label?: string;
}

/**
 * The label of a new copy of `source`: 副本, else the first 副本 N that no draft of the same
 * unit, year and pack carries, so that no two rows of the list read alike.
 */
export function copyLabel(source: Pick<DraftMeta, 'unitCode' | 'year' | 'templateId'>, drafts: readonly DraftMeta[]): string {
  const taken = new Set(drafts.filter((d) => d.unitCode === source.unitCode && d.year === source.year && d.templateId === source.templateId).map((d) => d.label ?? ''));
  if (!taken.has('副本')) return '副本';
  let n = 2;
  while (taken.has(`副本 ${n}`)) n++;
  return `副本 ${n}`;
}

export interface DraftContent {
  /**
   * Row ids per table, in display order. Coded tables hold their codes (parents included,
   * the engine adds missing ones); list tables hold generated record ids; fixed tables are
   * implied by the template and need no entry.
   */
  rows: Record<string, string[]>;
  /** Entered cells by cell key; money as canonical decimal text, other kinds as text. */
  cells: Record<string, string>;
}

export interface CellRef {
  table: string;
  row: string;
  col: string;
}

export function cellKey(table: string, row: string, col: string): string {
  return `${table}!${row}!${col}`;
}

export function refKey(ref: CellRef): string {
  return cellKey(ref.table, ref.row, ref.col);
}

export function parseCellKey(key: string): CellRef {
  const [table, row, col] = key.split('!');
  return { table, row, col };
}

export function emptyContent(): DraftContent {
  return { rows: {}, cells: {} };
}

/** Id of the 合计 row of coded and list tables. */
export const TOTAL_ROW = 'total';
