import type { CellRef } from '../draft';
import type { Dictionaries } from '../dictionary';
import type { Severity } from '../findings';
import type { Operand, Template, Term } from '../template/types';
import type { Labels } from './labels';
import type { ListSumsOf } from './list-sums';
import type { ValueView } from './types';

/**
 * Consistency rules as data. A rule set belongs to a template (year and region); each rule
 * has an id, a severity, a check of one of the kinds below (which determines the cells it
 * reads) and produces plain-Chinese findings that name table, row and column.
 */

export type { Operand, Term };

/** left = right, each a signed sum; the first left operand is the cell the finding is anchored at. */
export interface Equation {
  left: Term[];
  right: Term[];
  /** Words for the right side when the generated ones would be clumsy ("本年收入合计与上年结转结余之和"). */
  rightLabel?: string;
}

export type Check =
  /** Coded table: every 类/款 row = Σ its child rows, the 合计 row = Σ 类 rows, in these columns. */
  | { kind: 'rollup'; table: string; columns: string[] }
  /** In each row (all rows, or `rows`): target column = Σ part columns. */
  | { kind: 'rowSum'; table: string; target: string; parts: string[]; rows?: string[] }
  | { kind: 'equal'; equations: Equation[] }
  /** Fixed rows that stand for a function 类 (`code` of the row): cell = the source table's row with that code. */
  | { kind: 'classRows'; table: string; col: string; source: { table: string; col: string } }
  /** Two coded tables agree code by code (every row of either, and the 合计 row). */
  | { kind: 'codeByCode'; left: { table: string; col: string }; right: { table: string; col: string } }
  /** A column may hold figures only on rows whose code starts with one of the prefixes. */
  | { kind: 'onlyOn'; table: string; col: string; prefixes: string[]; meaning: string }
  /** Every row code of these coded tables exists in the year's dictionary. */
  | { kind: 'codeKnown'; tables: string[] }
  /** The entered name of a coded row matches the dictionary's name (after folding width and spaces). */
  | { kind: 'codeName'; tables: string[] }
  /** No 项 without its 款, no 款 without its 类. */
  | { kind: 'codeParent'; tables: string[] }
  /** A list table's code column holds a deepest-level dictionary code (projects' 功能分类科目). */
  | { kind: 'recordCode'; table: string; col: string; scheme: 'function' | 'economic'; length: number }
  /** Cumulative percentages over the columns in order never fall. */
  | { kind: 'planOrder'; table: string; columns: string[] }
  /** Each percentage ≤ max. */
  | { kind: 'planMax'; table: string; columns: string[]; max: number }
  /** The last column equals `value` (100 % at 12月底). */
  | { kind: 'planFull'; table: string; col: string; value: number }
  /** Each record of `parent` has at least one child record (by `parentCol`) whose `levelCol` is each of `required`. */
  | { kind: 'childLevels'; table: string; parentCol: string; levelCol: string; required: string[]; parent: string }
  /** A 指标值 has a comparator, a number and a unit. */
  | { kind: 'indicatorValue'; table: string; col: string; parent: string; parentCol: string }
  /** Each `part` ≤ its `whole` (其中 rows; `why` ends the message where the two are not 其中 and total). */
  | { kind: 'notGreater'; pairs: Array<{ part: Operand; whole: Operand }>; why?: string }
  /** In each row (list tables: each record and the 合计 row): column `part` ≤ column `whole` (预留中小微企业份额 ≤ 采购预算). */
  | { kind: 'rowNotGreater'; table: string; part: string; whole: string; why: string }
  /** When `when` is zero or blank, `then` must be zero too (no vehicles, no vehicle costs). */
  | { kind: 'zeroImplies'; when: Operand; then: Operand; why: string }
  /** Hand-written checks (text rules of the narrative): instances with their cells and an evaluator. */
  | {
      kind: 'custom';
      /** Called when the rows change; instances may depend on rows and on the `groupBy` columns only. */
      instances: (view: ValueView, ctx: RuleContext) => CustomInstance[];
      /**
       * Tables whose rows the instances are built from (absent: any table). A row change of
       * another table builds no instance again; it re-checks those reading its cells.
       */
      rowTables?: string[];
      /** Text columns ('table!col') whose edits regroup the instances (re-indexed like a row change). */
      groupBy?: string[];
    };

export interface RuleDef {
  /** Stable id ("r03-t02"): part of finding ids, which explanations refer to. */
  id: string;
  /** Group of the consistency rules of domain.md (1–17); 0 for the other in-table sums. */
  group: number;
  severity: Severity;
  /** One line of plain Chinese: what the rule demands. */
  title: string;
  check: Check;
}

/** What a rule's finding says, before the engine adds id, rule and severity. */
export interface FindingBody {
  cells: CellRef[];
  message: string;
  expected?: string;
  actual?: string;
  difference?: string;
}

export interface CustomInstance {
  /** Unique within the rule; becomes part of the finding id. */
  anchor: string;
  /**
   * Cells whose change makes the engine re-check this instance. A row of '*' stands for
   * every row of the table in that column (one index entry instead of one per row).
   */
  reads: CellRef[];
  evaluate: (view: ValueView) => FindingBody | null;
}

/** The cell key `table!row!col`, the same string object for the same cell (cheap to look up again). */
export type KeyOf = (table: string, row: string, col: string) => string;

/** What rules see besides the values: the template, the dictionaries, words for cells. */
export interface RuleContext {
  key: KeyOf;
  template: Template;
  dictionaries: Dictionaries;
  labels: Labels;
  /**
   * A value computed once per checking pass (one full() or update()) and shared by the
   * instances evaluated in it, e.g. the parsed text of a section that several rules read.
   * Instances that read the same cells are re-evaluated in the same pass, so the value is
   * never stale within a pass.
   */
  shared<T>(key: string, compute: () => T): T;
  /** The sums of a list operand by its filter text, kept by the engine across edits (see ListSums). */
  listSums: ListSumsOf;
  /**
   * The records of a list table by the trimmed text of a grouping column (a childLevels
   * parent column), as the engine indexed them; undefined for a column it does not group by.
   */
  grouped(table: string, col: string): ReadonlyMap<string, readonly string[]> | undefined;
}

/** A template's rule set and how its list tables name their records. */
export interface RuleSet {
  templateId: string;
  rules: RuleDef[];
}
