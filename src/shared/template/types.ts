/**
 * A template describes one year's and one region's set of standard tables as data:
 * titles, header trees, 栏次, row models and how every derived cell is computed.
 * A new layout is a new template object, never new code.
 */

export type ColumnKind = 'money' | 'quantity' | 'percent' | 'text' | 'code';

/** Which dictionary a coded table's codes come from. */
export type CodeScheme = 'function' | 'economic';

export interface ColumnDef {
  /** Stable id used in cell keys ("total", "basic" …). */
  id: string;
  /**
   * Header labels from the top header row down to this column's own label. Adjacent columns
   * sharing a prefix are merged under it; a shorter path spans the remaining header rows.
   */
  header: string[];
  kind: ColumnKind;
  /** Role of special columns in coded tables: the code and the name of the row. */
  role?: 'code' | 'name' | 'label';
  /** Column width in characters for the grid and the workbook. */
  width?: number;
  /** Options a text column is chosen from (project fund, indicator levels …). */
  options?: string[];
  /** The option a blank cell stands for (a project's 支出类别 left blank is 项目支出). */
  blankMeans?: string;
  /** Text cells that are long (wrapped in the grid, multi-line editor). */
  multiline?: boolean;
}

export interface FixedRowDef {
  id: string;
  /** Printed label of the row, keyed by column id (T1 has a label on each side). */
  labels: Record<string, string>;
  /** Indentation level of the label, for 其中 rows. */
  indent?: number;
  /** A function 类 code the row stands for (T1/T4 expenditure rows). */
  code?: string;
  /** Total rows are shown bold. */
  isTotal?: boolean;
}

export type RowModel =
  | { kind: 'fixed'; rows: FixedRowDef[] }
  /** Rows are dictionary codes (类/款/项 or 类/款); a 合计 row (id "total") comes first. */
  | { kind: 'coded'; scheme: CodeScheme; levels: number[]; totalLabel: string }
  /** Rows are records added by the clerk (projects, purchases, indicators …). */
  | { kind: 'list'; totalRow?: { label: string; labelColumn: string } };

/** One term of a signed sum: another cell or a whole column of a table. */
export type Operand =
  | { cell: { table: string; row: string; col: string } }
  /** The 合计 row of a coded or list table. */
  | { total: { table: string; col: string } }
  /** The row of a coded table with this code (a missing row counts as zero). */
  | { code: { table: string; code: string; col: string } };

export interface Term {
  of: Operand;
  sign?: 1 | -1;
}

/** How the derived cells of a table are computed. All derivations together form one graph. */
export type Derivation =
  /** Coded tables: every 类/款 row = Σ its children, the total row = Σ 类 rows, for these columns. */
  | { kind: 'rollup'; table: string; columns: string[] }
  /** In every row (except rows a rollup already covers): target = Σ parts (signed). */
  | { kind: 'rowSum'; table: string; target: string; parts: Array<string | { col: string; sign: -1 }>; rows?: string[] }
  /** A list table's total row: column = Σ of the column over the records. */
  | { kind: 'listTotal'; table: string; columns: string[] }
  /** A fixed row's cell = signed sum of operands. */
  | { kind: 'cell'; table: string; row: string; col: string; sum: Term[] }
  /** A fixed row's cell = 100 × numerator / denominator, rounded (增减率). Empty when the base is 0. */
  | { kind: 'ratio'; table: string; row: string; col: string; numerator: Operand; denominator: Operand; decimals: number }
  /**
   * Fixed rows that stand for function 类 codes (T1/T4): each row's cell = the source table's
   * row with the row's code in `sourceCol` (zero when absent).
   */
  | { kind: 'byClass'; table: string; col: string; source: { table: string; col: string } }
  /**
   * Sum a list table's money column into a coded table by the code held in `codeCol`, keeping
   * the records that match `where`; coded rows appear for codes that receive an amount.
   */
  | {
      kind: 'groupByCode';
      source: string;
      codeCol: string;
      valueCol: string;
      where?: { col: string; equals: string };
      /** Records whose `col` holds this value are left out (e.g. projects of basic spending). */
      except?: { col: string; equals: string };
      target: { table: string; col: string };
    };

export interface TableDef {
  id: string;
  /** Sheet and tab name, and the order of tables in the workbook. */
  title: string;
  /** Short name for tabs (falls back to the title). */
  shortName?: string;
  /** Number in the published set ("1" … "12"), when the table is one of the numbered ones. */
  number?: string;
  columns: ColumnDef[];
  rows: RowModel;
  /** Columns that are not numbered in the 栏次 row. */
  unnumbered?: string[];
  /** Whether the standard layout has a 序号 column and a 栏次 row. */
  hasSerial: boolean;
  /** Printed under the table when it has no figures. */
  emptyNote?: string;
  /** Printed under the table always. */
  footNote?: string;
  /** Information line variant: 单位 + 预算年度 + 单位：万元 (default) or 截止时间 for assets. */
  infoLine?: 'budget' | 'asOf';
  /** Tables that are edited elsewhere (e.g. indicators in a project's sheet) are hidden as tabs. */
  hiddenTab?: boolean;
  /** Child list owned by rows of another list table (indicators belong to a project). */
  parent?: { table: string; col: string };
  /** Published tables are exported; internal ones (上年对比) only feed the text. */
  published: boolean;
}

export interface NarrativeSectionDef {
  id: string;
  title: string;
}

export interface Template {
  id: string;
  name: string;
  region: string;
  year: number;
  unitOfMeasure: '万元' | '元';
  tables: TableDef[];
  derivations: Derivation[];
  narrative: NarrativeSectionDef[];
}

export function findTable(template: Template, tableId: string): TableDef {
  const table = template.tables.find((t) => t.id === tableId);
  if (!table) throw new Error(`模板中没有表 ${tableId}`);
  return table;
}

export function findColumn(table: TableDef, colId: string): ColumnDef {
  const col = table.columns.find((c) => c.id === colId);
  if (!col) throw new Error(`表“${table.title}”中没有栏目 ${colId}`);
  return col;
}
