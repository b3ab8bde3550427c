import type { RuleDef } from '../rule-types';

/**
 * Rules 15 (text side) and 16: the figures of the 情况说明 against the tables. Owned by the
 * projects/narrative work; the validation registry includes this list in every rule set.
 */
export const narrativeRules: RuleDef[] = [];
