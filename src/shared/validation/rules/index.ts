import type { RuleDef, RuleSet } from '../rule-types';
import { hebei2024Rules } from './hebei-2024';
import { narrativeRules } from './narrative';

/** Rule sets by template id: a new year's or region's template brings its own set. */
export const RULE_SETS: Record<string, RuleSet> = {
  'hebei-2024': { templateId: 'hebei-2024', rules: [...hebei2024Rules, ...narrativeRules] },
};

/** The rules of a template; an unknown template gets none rather than another region's. */
export function rulesFor(templateId: string): RuleDef[] {
  return RULE_SETS[templateId]?.rules ?? [];
}
