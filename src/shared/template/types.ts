/**
 * A template describes one region pack's set of standard tables for one budget year, as
 * data: titles, header trees, 栏次, row models and how every derived cell is computed.
 * A region pack (src/shared/regions/<pack>/) builds its template for the draft's year, so
 * every year printed comes from the draft. Code outside a pack never names a pack's table
 * ids: it finds tables by `role`, fixed rows by `line`, and key figures by name.
 *
 * Column ids carry meaning across packs: within tables of the same role, the same id means
 * the same column (`total`, `basic`, `project`, `fiscal`, `business` …), so last year's
 * figures of one pack feed a draft of another by role, code and column id.
 */

export type UnitOfMeasure = '万元' | '元';

/** What a table is, whatever a pack calls it: everything outside the pack finds tables by role. */
export type TableRole =
  /** 收支总表 / 财务收支预算总表: income lines beside spending by function 类. */
  | 'summary'
  /** 收入总表: income by function code and source. */
  | 'income'
  /** 支出总表: spending by function code and kind. */
  | 'spending'
  /** 财政拨款收支总表. */
  | 'fiscalSummary'
  /** 一般公共预算（财政拨款）支出表, by function code. */
  | 'generalSpending'
  /** 一般公共预算基本支出表, by economic code. */
  | 'basicEconomic'
  /** 政府性基金预算（财政拨款）支出表. */
  | 'fundSpending'
  /** 国有资本经营预算（财政拨款）支出表. */
  | 'capitalSpending'
  /** “三公”经费表 (and 机关运行经费 where the pack prints it there). */
  | 'threePublic'
  /** Projects and their 绩效目标 form (one sheet per project). */
  | 'projects'
  /** Performance indicators, children of projects. */
  | 'indicators'
  | 'procurement'
  | 'assets'
  /** 机构设置: the units of the department. */
  | 'org'
  /** The explanatory text (情况说明 / 编制说明 …), one row per section. */
  | 'narrative'
  /** 上年对比: last year's key figures beside this year's. */
  | 'priorYear'
  /** The text's per-科目 lines (上海 编制说明): last year's figure, what it is used for, the reason of a change. */
  | 'lineNotes';

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
  /**
   * Where one printed code column stands for several code levels (上海: 类 | 款 | 项 under
   * 功能分类科目编码), the labels of the level columns it prints as; the grid and the
   * workbook split the code into them.
   */
  splitLevels?: string[];
  /**
   * Kept with its row but never shown, typed or printed: what the clerk's words were written
   * against (上年对比: the change a reason explains), recorded by the window beside them.
   */
  hidden?: boolean;
}

export interface FixedRowDef {
  id: string;
  /** Printed label of the row, keyed by column id (T1 has a label on each side). */
  labels: Record<string, string>;
  /** Indentation level of the label, for 其中 rows. */
  indent?: number;
  /** The row's unit of measure when it differs from its table's (a 上年对比 row of a figure kept in 万元). */
  unitOfMeasure?: UnitOfMeasure;
  /** A function 类 code the row stands for (T1/T4 expenditure rows). */
  code?: string;
  /** Total rows are shown bold. */
  isTotal?: boolean;
  /**
   * What the row is within its table's role, for code outside the pack: an income line
   * ('income:general', 'income:fund', 'income:capital', 'income:fiscal', 'income:business',
   * 'income:operating', 'income:other', 'income:specialAccount', 'income:unitFunds'),
   * 'yearTotal', 'carry', 'grandTotal' …
   */
  line?: string;
}

export type RowModel =
  | { kind: 'fixed'; rows: FixedRowDef[] }
  /**
   * Rows are dictionary codes (类/款/项 or 类/款) and a 合计 row (id "total"), printed first
   * (河北) or last (`totalAt: 'bottom'`, 上海).
   */
  | { kind: 'coded'; scheme: CodeScheme; levels: number[]; totalLabel: string; totalAt?: 'top' | 'bottom' }
  /** Rows are records added by the clerk (projects, purchases, indicators …). */
  | { kind: 'list'; totalRow?: { label: string; labelColumn: string } };

/**
 * One term of a signed sum, in derivations, key figures and rules alike. A blank cell or a
 * missing row counts as zero.
 */
export type Operand =
  | { cell: { table: string; row: string; col: string } }
  /** The 合计 row of a coded or list table. */
  | { total: { table: string; col: string } }
  /** The row of a coded table with this code (a missing row counts as zero). */
  | { code: { table: string; code: string; col: string } }
  /** Σ of a list table's column over its records, optionally only those where `where.col` equals a value (and not `except`). */
  | { list: { table: string; col: string; where?: { col: string; equals: string }; except?: { col: string; equals: string } } };

/** An operand that is one cell (a key figure). */
export type CellOperand = Exclude<Operand, { list: unknown }>;

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
  | {
      kind: 'cell';
      table: string;
      row: string;
      col: string;
      sum: Term[];
      /** Words for the sum in a finding where the rows' labels would not tell (年初结转结余加本年拨款收入减本年支出). */
      label?: string;
    }
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
  /** What the table is (see TableRole); absent for tables only the pack itself uses. */
  role?: TableRole;
  /** Sheet and tab name, and the order of tables in the workbook (the year is the draft's). */
  title: string;
  /** Name of the sheet when it differs from the title (上海's sheets are named apart from their titles). */
  sheetName?: string;
  /** The table's unit of measure when it differs from the template's (上海's “三公” table is in 万元). */
  unitOfMeasure?: UnitOfMeasure;
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
  /**
   * Information line variant: 单位 + 预算年度 + 单位：万元 (default), 截止时间 for assets, or
   * who prepared it and the unit of measure (上海: “编制部门：…” … “单位：元”, the year being in the title).
   */
  infoLine?: 'budget' | 'asOf' | { preparedBy: string };
  /** Tables that are edited elsewhere (e.g. indicators in a project's sheet) are hidden as tabs. */
  hiddenTab?: boolean;
  /**
   * A fixed table printed as two lists side by side (上海's 收支总表): rows labelled only in
   * the `left` columns fill the left half from the top, rows labelled only in the `right`
   * columns fill the right half; rows labelled on both sides (收入总计 | 支出总计) close the
   * table, aligned. Right rows that stand for a code print only when they hold a figure,
   * numbered 一、二、… in print order (their labels are the bare names).
   */
  sideBySide?: { left: string[]; right: string[] };
  /** Child list owned by rows of another list table (indicators belong to a project). */
  parent?: { table: string; col: string };
  /** Published tables are exported; internal ones (上年对比) only feed the text. */
  published: boolean;
}

export interface NarrativeSectionDef {
  id: string;
  title: string;
  /** The section's own sheet in an exported workbook whose text sheets stand between the tables (上海). */
  sheetName?: string;
  /** Its title is printed after the budget year (2026年部门预算编制说明). */
  titleWithYear?: boolean;
}

/** A 部门预算 (a department with its units) or a 单位预算 (one budget unit). */
export type BudgetScope = 'department' | 'unit';

export interface Template {
  /** The region pack's id (stored in every draft). */
  id: string;
  name: string;
  region: string;
  scope: BudgetScope;
  /** The budget year this template was built for (the draft's year). */
  year: number;
  unitOfMeasure: UnitOfMeasure;
  tables: TableDef[];
  derivations: Derivation[];
  narrative: NarrativeSectionDef[];
  /**
   * The key figures of the budget by name (incomeTotal, spendingTotal, basic, personnel,
   * public, project, threeTotal, abroad, reception, vehicle, vehiclePurchase,
   * vehicleRunning, operating, procurement …): the words of the text, the 上年对比 table
   * and other packs find them here, whatever table and cell a pack keeps them in.
   */
  figures: Record<string, CellOperand>;
}

/**
 * The item of an id (a table, column or row). A loop, not find with a callback: drafting and
 * printing ask for every figure, and a callback made per call takes its optimized code with
 * it when it dies.
 */
export function byId<T extends { readonly id: string }>(items: readonly T[], id: string): T | undefined {
  for (const item of items) if (item.id === id) return item;
  return undefined;
}

export function tableByRole(template: Template, role: TableRole): TableDef | undefined {
  for (const t of template.tables) if (t.role === role) return t;
  return undefined;
}

/** The table of a role the caller cannot do without. */
export function requireRole(template: Template, role: TableRole): TableDef {
  const table = tableByRole(template, role);
  if (!table) throw new Error(`模板“${template.name}”中没有${role}表`);
  return table;
}

/** A fixed row of a table by its `line` (see FixedRowDef.line). */
export function rowByLine(table: TableDef, line: string): FixedRowDef | undefined {
  if (table.rows.kind !== 'fixed') return undefined;
  for (const r of table.rows.rows) if (r.line === line) return r;
  return undefined;
}

/** The unit of measure a table's money is entered and printed in. */
export function tableUnit(template: Template, table: TableDef): UnitOfMeasure {
  return table.unitOfMeasure ?? template.unitOfMeasure;
}

/**
 * Whether the information line states 单位：万元 (or 元): only a table with money whose
 * headers do not already name the unit (价值（金额单位：万元）) does.
 */
export function statesUnit(table: TableDef): boolean {
  return table.columns.some((c) => c.kind === 'money') && !table.columns.some((c) => c.header.some((h) => h.includes('单位：')));
}

/** The unit of one row's money: a fixed row may differ from its table (上海's 上年对比 rows of the “三公” figures). */
export function rowUnit(template: Template, table: TableDef, row: string): UnitOfMeasure {
  const own = table.rows.kind === 'fixed' ? byId(table.rows.rows, row)?.unitOfMeasure : undefined;
  return own ?? tableUnit(template, table);
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
