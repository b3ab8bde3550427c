import type { NarrativePack } from '../narrative/pack';
import type { BudgetScope, Template } from '../template/types';
import type { RuleDef } from '../validation/rule-types';

/**
 * A region pack: everything one region's layout of one year knows, in one folder
 * (src/shared/regions/<pack>/). Code outside the packs reaches a pack only through this
 * interface and the registry (./index.ts); it finds tables by role, never by a pack's ids.
 */
export interface RegionPack {
  /** Stored in every draft as its templateId. */
  id: string;
  /** As the start screen lists it: 河北 2024 版式（县级部门预算）. */
  name: string;
  region: string;
  scope: BudgetScope;
  /** The year whose published layout the pack reproduces; drafts of later years use it too. */
  layoutYear: number;
  /** The pack's tables, derivations and key figures, built for a budget year. */
  template(year: number): Template;
  /**
   * The pack's consistency rules for its template of a year: the equalities its
   * derivations imply (validation/rules/derived) and the relations that are not
   * derivations (勾稽 between tables entered separately, correspondences).
   */
  rules(template: Template): RuleDef[];
  /** How this pack's tables are recognised in workbooks made by people. */
  vocabulary: ImportVocabulary;
  /** What the published disclosure holds, in its order. */
  publication: PublicationItem[];
  /**
   * The pack's workbook is the whole book in publication order (封面, 目录, the text sheets
   * and the tables), as its template is; absent: the tables in template order and one sheet
   * of the explanatory text.
   */
  book?: BookWording;
  /**
   * The pack's explanatory text (情况说明 / 编制说明): the drafting of every section of its
   * outline, its standard sentences, the words bound to figures and the text checks' settings.
   */
  narrative?: NarrativePack;
  /**
   * A department pack: the pack its units' budgets (单位预算) are drafted in (上海: the 单位
   * pack); absent: the units use the same tables as the department (河北).
   */
  unitPack?: string;
}

export interface ImportVocabulary {
  /** Other titles a table is published under (other years, other wordings), by table id. */
  titles: Record<string, string[]>;
  /** Header words that mean the same column: folded label → folded synonyms. */
  headers: Record<string, string[]>;
  /** Other labels of a fixed table's rows, by table id and row id. */
  rows?: Record<string, Record<string, string[]>>;
}

/** The words of a book's cover and contents. */
export interface BookWording {
  /** The cover's title for a budget year (2026年区级部门预算). */
  title(year: number): string;
  /** Who the budget is of, before the name on the cover (预算主管部门 / 预算单位). */
  owner: string;
  /** The contents' heading over the tables (部门预算表). */
  tablesHeading: string;
}

/** One part of the published disclosure, in the pack's order. */
export type PublicationItem =
  /** A table of the template (list tables print one sheet per record where the pack says so). */
  | { kind: 'table'; table: string }
  /**
   * A section of the explanatory text (a row of the narrative table), and the tables printed
   * within it after its text (河北: 机构设置 in 一, the projects' 绩效目标表 in 七 …).
   */
  | { kind: 'section'; section: string; tables?: string[] }
  | { kind: 'cover' }
  | { kind: 'contents' };
