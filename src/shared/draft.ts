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

/** What a draft's unit and year may be: alike for a draft made here, imported, or opened from a file. */
export const DRAFT_META_LIMITS = { unitCode: 50, unitName: 200, yearMin: 1990, yearMax: 2200 } as const;

/** Why a draft's unit or year cannot be taken (a hand-made draft file, an odd workbook), or null. */
export function draftMetaProblem(meta: Pick<DraftMeta, 'unitCode' | 'unitName' | 'year'>): string | null {
  const { unitCode, unitName, year } = meta;
  const L = DRAFT_META_LIMITS;
  if (!unitCode.trim() || !unitName.trim()) return '单位编码和单位名称不能为空';
  if (unitCode.length > L.unitCode) return `单位编码过长（${unitCode.length} 个字符，最多 ${L.unitCode} 个）`;
  if (unitName.length > L.unitName) return `单位名称过长（${unitName.length} 个字符，最多 ${L.unitName} 个）`;
  if (!Number.isInteger(year) || year < L.yearMin || year > L.yearMax) return `预算年度“${year}”不在 ${L.yearMin}–${L.yearMax} 年之间`;
  return null;
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

/**
 * A maker of cell keys that spells each key once: a key asked for again is the same string,
 * found by the ids the caller already holds, so maps keyed by it do not hash a new string.
 */
export function internKeys(): (table: string, row: string, col: string) => string {
  const tables = new Map<string, Map<string, Map<string, string>>>();
  return (table, row, col) => {
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = new Map()));
    let cols = rows.get(row);
    if (!cols) rows.set(row, (cols = new Map()));
    let k = cols.get(col);
    if (k === undefined) cols.set(col, (k = cellKey(table, row, col)));
    return k;
  };
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
