import type { Template } from '../../template/types';
import type { RuleDef, RuleSet } from '../rule-types';
import { derivedRules } from './derived';
import { hebei2024Rules } from './hebei-2024';
import { narrativeRules } from './narrative';

/** Rule sets by template id: a new year's or region's template brings its own set. */
export const RULE_SETS: Record<string, RuleSet> = {
  'hebei-2024': { templateId: 'hebei-2024', rules: [...hebei2024Rules, ...narrativeRules] },
};

/**
 * The rules of a template: its hand-written set, or for a template without one the rules
 * its own derivations and coded tables imply (never another region's set).
 */
export function rulesFor(template: Template): RuleDef[] {
  return RULE_SETS[template.id]?.rules ?? [...derivedRules(template), ...narrativeRulesFor(template)];
}

/** The text rules apply to any template with a 情况说明 and 上年对比 of the same shape. */
function narrativeRulesFor(template: Template): RuleDef[] {
  return template.tables.some((t) => t.id === 'narrative') ? narrativeRules : [];
}

export { derivedRules };
