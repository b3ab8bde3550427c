import type { Severity } from '../findings';
import type { TableRole, Template, UnitOfMeasure } from '../template/types';
import type { DraftContext } from './kit';

/**
 * What a region pack brings to the 情况说明 (RegionPack.narrative): its outline's drafting,
 * its standard sentences, the words of its text bound to figures, and the settings of the
 * text checks. The machinery that uses it (drafting, placeholders, checks, 逐条原因) is in
 * src/shared/narrative and knows no pack.
 */
export interface NarrativePack {
  /** The unit the text states amounts in (上海: 万元, while its tables are in 元). */
  unit: UnitOfMeasure;
  /** How each section of the outline (Template.narrative) is drafted from the figures. */
  drafters: Record<string, SectionDrafter>;
  /** Words only the clerk can write, by section: the draft prints 【请填写…】 until they are written. */
  requiredLead?: Record<string, string>;
  /** How words still missing there are reported (强制 unless a pack says otherwise). */
  requiredLeadSeverity?: Severity;
  /** The words of the text and the figures they name. */
  words: WordBindings;
  /** The figure a comparison without a subject of its own refers to, by section ("比上年减少" in 三公). */
  defaultSubject?: Record<string, string>;
  /** Figures (上年对比 rows) whose typed reason a drafted section prints, by section. */
  reasonsInSection?: Record<string, string[]>;
  /**
   * The section that prints the per-科目 lines of the lineNotes table (上海: 编制说明), and
   * how one line is written there (a source with placeholders; the 逐条原因 view shows it too).
   */
  items?: { section: string; sentence: (c: DraftContext, code: string) => string };
  /** The sections' texts as the pack's blank template prints them: read from a workbook, such a section is not written yet. */
  blankTexts?: string[];
  /** The heading the text is printed under. */
  heading: (unitName: string, year: number) => string;
  /** The paragraph that opens the published text (按照《中华人民共和国预算法》…公开如下：). */
  preface?: (unitName: string, year: number) => string;
  /** Settings of the reviewers' checks. */
  review: ReviewSettings;
}

export type SectionDrafter = (c: DraftContext, section: string) => string;

export interface WordBindings {
  /** Words for key figures (Template.figures), beyond the common ones (see ./labels). */
  figures?: Record<string, string[]>;
  /** Words for a fixed row of a table, found by role and line (income lines of 收支总表). */
  lines?: Array<{ role: TableRole; line: string; col: string; words: string[]; sections?: string[] }>;
  /** Words for a fixed row of a table by role and row id (the pack's own rows, e.g. 资产总额). */
  rows?: Array<{ role: TableRole; row: string; col: string; words: string[] }>;
  /**
   * Counts stated with a unit word ("车辆 2 辆"): word → fixed row of a table by role; `col` holds
   * the counts held, `planned` (if the table has it) those to be bought ("拟购置车辆 1 辆").
   */
  counts?: { role: TableRole; col: string; planned?: string; words: Record<string, string>; units: string[] };
  /** Longer phrases that contain a label but state another figure ("拟购置固定资产总额"). */
  stopWords?: string[];
}

export interface ReviewSettings {
  /** Version of the rule set (recorded with the findings a draft was checked with). */
  version: string;
  /** 逐条原因: a line changing by this many percent or more (or from zero) needs a reason. */
  reasonThreshold: number;
  /**
   * The lines that need a reason when they change by the threshold: key figures (上年对比
   * rows); the 上海 编制说明 adds its per-科目 items.
   */
  reasonLines: string[];
  /** Whether the 三公 figure may include project spending (then the economic codes are "not more than"). */
  threePublicIncludesProjects: boolean;
  /** Severities of the check families, where a pack differs from the defaults. */
  severities?: Partial<Record<string, Severity>>;
  /** Statements that a table is empty ("无政府采购预算") and the role of the table they speak of. */
  emptyStatements?: Array<{ words: string[]; role: TableRole; col: string }>;
  /** Statements that a table has figures ("已按要求列入政府采购预算"), flagged where it is empty. */
  presentStatements?: Array<{ words: string[]; role: TableRole; col: string }>;
  /**
   * The kinds of purchase a 政府采购 paragraph names (货物, 工程, 服务) by the first letter of
   * the code in the procurement table's column `col` (in the 政府采购品目分类目录: A, B, C).
   */
  procurementKinds?: { col: string; prefixes: Record<string, string> };
  /** Words a report of the other scope uses (部门 in a 单位 report and the reverse). */
  scopeWords?: { department: string[]; unit: string[] };
}

/** The pack's text settings for a template (none when the template has no pack or no text). */
export type NarrativeOf = (template: Template) => NarrativePack | undefined;
