import type { DraftContent } from '../draft';
import type { DraftModel } from '../engine/model';
import type { Micro } from '../money';
import type { Template } from '../template/types';

/** What the department's list of units says of a unit (its row of the 机构设置 table). */
export interface UnitProfile {
  code: string;
  name: string;
  /** 单位性质: 行政, 参公, 事业 … */
  nature: string;
  /** 单位规格: 正科级 … */
  rank: string;
  /** 经费保障形式: 财政拨款, 财政补助, 经费自理 … */
  funding: string;
}

/** One unit's budget as consolidation reads it: its pack's template (built for the year) and its entered content. */
export interface UnitBudget {
  profile: UnitProfile;
  template: Template;
  content: DraftContent;
  /** The unit's computed model when the caller has it already (built from template and content otherwise). */
  model?: DraftModel;
}

/**
 * A transfer between units of the same department that the consolidation removes: one unit's
 * income of a kind (上级补助收入 / 附属单位上缴收入) against another's spending of the matching
 * kind (对附属单位补助支出 / 上缴上级支出), function code by function code.
 */
export interface EliminationPair {
  /** 上级补助收入 ↔ 对附属单位补助支出, or 附属单位上缴收入 ↔ 上缴上级支出. */
  label: string;
  incomeColumn: string;
  spendingColumn: string;
  /** The income and the spending as the units state them, summed. */
  income: Micro;
  spending: Micro;
  /** Removed from both sides. */
  eliminated: Micro;
  /** What is left on each side (transfers with someone outside the department, or codes that do not match). */
  remainingIncome: Micro;
  remainingSpending: Micro;
  /** The eliminated amounts by function code (the deepest level the units enter). */
  byCode: Array<{ code: string; amount: Micro }>;
}

/** 部门支出分单位明细: each unit's spending (its spending table's 合计 row), the sum, the eliminations and the department's. */
export interface UnitDetail {
  /** The spending table's money columns (the department's), with their printed labels. */
  columns: Array<{ id: string; label: string }>;
  units: Array<{ code: string; name: string; values: Record<string, Micro | null> }>;
  sum: Record<string, Micro | null>;
  /** Removed by the eliminations (positive amounts). */
  eliminated: Record<string, Micro | null>;
  /** The department's consolidated 合计 row (sum − eliminated). */
  department: Record<string, Micro | null>;
}

export interface ConsolidationResult {
  /** The department's content: consolidated tables and the department's own (text, 上年对比). */
  content: DraftContent;
  /** The department computed from that content. */
  model: DraftModel;
  eliminations: EliminationPair[];
  detail: UnitDetail;
  unitCount: number;
  /** What could not be consolidated exactly, in words (empty when everything was). */
  problems: string[];
}
