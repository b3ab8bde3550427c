import type { UnitProfile } from '../consolidation/types';
import type { DraftStatus } from '../draft';

/** Where a unit's state stands in the department view: its draft's status, or not started. */
export type UnitStatus = 'not-started' | DraftStatus;

export interface UnitEntry extends UnitProfile {
  /** The unit's own draft (in the region's unit pack), once started or taken in. */
  draftId: string | null;
  status: UnitStatus;
  /** The unit's figures differ from those the department's last consolidation used (or it was never consolidated). */
  changedSinceConsolidation: boolean;
}

/** A transfer between units removed by the consolidation, amounts as decimal text in the department's unit. */
export interface EliminationView {
  label: string;
  income: string;
  spending: string;
  eliminated: string;
  remainingIncome: string;
  remainingSpending: string;
  byCode: Array<{ code: string; amount: string }>;
}

/** 部门支出分单位明细 as decimal text ('' where blank). */
export interface UnitDetailView {
  columns: Array<{ id: string; label: string }>;
  units: Array<{ code: string; name: string; values: Record<string, string> }>;
  sum: Record<string, string>;
  eliminated: Record<string, string>;
  department: Record<string, string>;
}

export interface ConsolidationView {
  at: string;
  user: string;
  /** Units that were not 已审签 when consolidated (name and status): the consolidation is marked. */
  unsigned: Array<{ name: string; status: UnitStatus }>;
  eliminations: EliminationView[];
  detail: UnitDetailView;
  problems: string[];
  /** A unit changed, was added or removed since: the department's figures are out of date. */
  outdated: boolean;
}

export interface DepartmentUnits {
  departmentId: string;
  /** The pack the units' drafts are in. */
  unitTemplateId: string;
  units: UnitEntry[];
  consolidation: ConsolidationView | null;
}

/** Where a unit's budget comes from when it is taken in (validated first). */
export type UnitSource = { kind: 'draft'; draftId: string } | { kind: 'draftFile'; path: string } | { kind: 'workbook'; path: string };

export interface UnitsApi {
  /** The units a department draft names, with their states and the last consolidation. */
  'units/list': (args: { departmentId: string }) => DepartmentUnits;
  /** Name a new unit of the department (not started until its draft exists). */
  'units/add': (args: { departmentId: string; unit: UnitProfile }) => DepartmentUnits;
  /** Remove a unit from the department's list (its draft, if any, stays). */
  'units/remove': (args: { departmentId: string; code: string }) => DepartmentUnits;
  /** Start the unit's own draft, empty, in the unit pack. */
  'units/start': (args: { departmentId: string; code: string }) => DepartmentUnits;
  /** Take a unit's budget in from a draft of this machine, a draft file or a workbook; refused when it does not fit. */
  'units/takeIn': (args: { departmentId: string; code: string; source: UnitSource }) => DepartmentUnits;
  /** Compute the department's tables from its units in one step (unsigned units allowed, marked). */
  'units/consolidate': (args: { departmentId: string }) => DepartmentUnits;
}
