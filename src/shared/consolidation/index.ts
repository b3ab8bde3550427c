/** 部门汇总: a department's budget consolidated from its units' budgets (pure). */
export { consolidate } from './consolidate';
export { eliminateTransfers } from './eliminate';
export { isConsolidated, OWN_ROLES } from './mapping';
export type { ConsolidationResult, EliminationPair, UnitBudget, UnitDetail, UnitProfile } from './types';
export { checkUnitProfile, unitProfileOptions } from './profile';
