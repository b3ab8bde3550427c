import type { RowSpan } from './place';
import type { UnitOfMeasure } from './text';

/**
 * A worksheet as plain data, read by main from the .xlsx: every cell's value (merged areas
 * repeat their top-left value), so the parsing below stays pure and testable.
 */
export interface GridCell {
  /** Text or number as stored; formulas give their cached result. */
  v: string | number | null;
  /** The number format shows a percent (0.25 means 25 %). */
  pct?: boolean;
  /** The cell is a formula: v is its cached result, null when the file saved none. */
  formula?: true;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c], 0-based; missing cells are null. */
  rows: Array<Array<GridCell | null>>;
  /** Set when the grid is one of several tables of a sheet (blocks.ts). */
  part?: SheetPart;
  /** The workbook hides the sheet (it is neither shown nor printed): not read as a table. */
  hidden?: boolean;
  /**
   * The columns the workbook hides, where the file says so (an .xlsx, an .ods). A hidden column
   * is read only where no shown column gives the same template column: what the clerk sees wins.
   */
  hiddenColumns?: ColumnSpan[];
}

/** Columns of a sheet, first to last, 0-based and inclusive. */
export type ColumnSpan = [first: number, last: number];

/** Whether the workbook hides the sheet's column `index` (0-based). */
export function isColumnHidden(grid: SheetGrid, index: number): boolean {
  return grid.hiddenColumns?.some(([first, last]) => index >= first && index <= last) ?? false;
}

/** Where a block of a sheet stands in it. */
export interface SheetPart {
  /** Rows of the sheet above the block's first row: the sheet's row index is the block's plus this. */
  offset: number;
  /** Why the block is not read as a table (two tables side by side). */
  unreadable?: string;
}

/**
 * A new record of values by key (column ids, cell keys) without a prototype. Its keys differ
 * from table to table: an object literal would take a new hidden class for every key order,
 * which dies with the import and throws away the optimized code of all that touched it.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A row the import understood: where it came from and its values by column id. */
export interface ImportedRow {
  /** 1-based row number in the sheet, for messages. */
  sheetRow: number;
  /** Row id in the template: a code, a fixed row id, 'total', or a generated record id. */
  rowId: string;
  /** Money and numbers as canonical decimal text in the template's unit; text as text. */
  values: Record<string, string>;
  /** Columns whose cell is a formula, by column id: its address as the sheet prints it ("表3!E9"), and whether a result was saved. */
  formulas?: Record<string, { at: string; cached: boolean }>;
}

/**
 * The one constructor of an ImportedRow: every row has the same fields in the same order
 * (formulas undefined when it has none), so code reading rows sees one shape.
 */
export function importedRow(sheetRow: number, rowId: string, values: Record<string, string>, formulas?: ImportedRow['formulas']): ImportedRow {
  return { sheetRow, rowId, values, formulas: formulas && Object.keys(formulas).length ? formulas : undefined };
}

export interface SkippedRow {
  sheetRow: number;
  reason: string;
  /** A note's words (“注：无政府采购预算，空表列示。”), for the checks of the table it is printed under. */
  note?: string;
}

export interface ImportedColumn {
  /** 1-based column number in the sheet. */
  sheetCol: number;
  header: string;
  colId: string | null;
  reason?: string;
}

export interface ImportedTable {
  tableId: string;
  sheet: string;
  /** The table's rows in the sheet, where the sheet holds several tables. */
  sheetRows?: RowSpan;
  title: string;
  /** The unit of measure the sheet states (or the workbook's). */
  unitOfMeasure: UnitOfMeasure;
  columns: ImportedColumn[];
  rows: ImportedRow[];
  skipped: SkippedRow[];
}

export interface ImportedWorkbook {
  file: string;
  unitCode: string;
  unitName: string;
  year: number | null;
  /** Unit of measure stated in the workbook ('万元' when none is stated). */
  unitOfMeasure: UnitOfMeasure;
  unitStated: boolean;
  tables: ImportedTable[];
  /** Sheets that hold no table of the template, and why. */
  sheetsSkipped: Array<{ sheet: string; reason: string }>;
  /** The workbook is a 决算 (final accounts), not a budget: its tables are not read as budget tables. */
  finalAccounts: boolean;
  /** How many recognised titles speak of a 部门 and how many of a 单位 (for choosing the pack). */
  titleScope?: { department: number; unit: number };
}
