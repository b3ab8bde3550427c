/** Excel methods of the API contract (see ./index.ts). */
import type { DraftMeta } from '../draft';
import type { Finding } from '../findings';
import type { ImportedColumn } from '../workbook/types';

export interface ImportPlanTable {
  tableId: string;
  /** The template's title of the table. */
  title: string;
  /** Sheets the table was read from (several for 项目绩效目标表). */
  sheets: string[];
  /** Rows understood (合计 rows included) and figures read. */
  rows: number;
  cells: number;
  /** Columns of the (first) sheet and where each goes, or why it is ignored. */
  columns: ImportedColumn[];
  skipped: Array<{ sheet: string; sheetRow: number; reason: string }>;
  /** The unit its sheet states where that is not the table's own (单位：元 for a table in 万元): its figures were converted exactly. */
  convertedFrom?: '万元' | '元' | '千元';
}

/** What an import would do, shown before anything is written. */
export interface ImportPlan {
  previewId: string;
  file: string;
  templateId: string;
  unitCode: string;
  unitName: string;
  year: number | null;
  unitOfMeasure: '万元' | '元' | '千元';
  /** False when the workbook states no unit of measure and 万元 was assumed. */
  unitStated: boolean;
  tables: ImportPlanTable[];
  /** Tables of the template the workbook does not have. */
  missingTables: Array<{ tableId: string; title: string }>;
  sheetsSkipped: Array<{ sheet: string; reason: string }>;
  /** False for a plain read: no recomputation, differences, findings or prior figures. */
  verified: boolean;
  /** Coded rows with figures but no 项/款 below them: their figures cannot be entered. */
  orphans: Array<{ table: string; code: string; /** "2010301 行政运行" */ name?: string }>;
  /**
   * Totals the workbook prints differently from the sum of its entries (decimal text, 万元);
   * `row` is the row id (code, fixed id, record id), `rowName` what a clerk reads
   * ("2010301 行政运行", the item's label, the project's name).
   */
  differences: Array<{
    table: string;
    row: string;
    rowName: string;
    col: string;
    stated: string;
    computed: string;
    /** The cell is a formula whose saved result disagrees with its parts (a stale formula): where it stands ("表3!E9"). */
    formulaAt?: string;
  }>;
  /** The workbook is a 决算 (final accounts), not a budget: nothing is read as a budget. */
  finalAccounts: boolean;
  /** The pack the workbook was read as (its name as the start screen lists it); `tables` are its tables. */
  packName: string;
  /**
   * When the draft that receives the figures is of another pack than the workbook: its pack.
   * The figures were carried over by table role, code and column id.
   */
  targetTemplateId?: string;
  /** Rules not run for want of a table: the rule and the tables it needs that the workbook lacks. */
  rulesNotRun: Array<{ rule: string; missing: string[] }>;
  /** Findings of the consistency rules on the figures as printed. */
  findings: Finding[];
  /** Rules not run, and findings left out, because they read a table the workbook does not have. */
  rulesOnMissingTables: number;
  findingsOnMissingTables: number;
  /** Entered cells a new draft would start from. */
  enteredCells: number;
  /** Last year's figures for the 上年对比 table (py!row!prior → decimal text). */
  prior: Record<string, string>;
}

export type ImportCommitArgs =
  | { previewId: string; as: 'prior'; draftId: string }
  | { previewId: string; as: 'new'; unitCode?: string; unitName?: string; year?: number; templateId?: string };

export interface ExcelApi {
  /**
   * An existing file at `path` is refused (code 'conflict', details { exists: true }) and left
   * untouched unless `replace` is true.
   */
  'excel/export': (args: { draftId: string; path: string; replace?: boolean }) => { path: string; sheets: string[] };
  'excel/importPreview': (args: { path: string; templateId?: string }) => ImportPlan;
  'excel/importCommit': (args: ImportCommitArgs) => { meta: DraftMeta; cells: number };
  'excel/importDiscard': (args: { previewId: string }) => { discarded: boolean };
}
