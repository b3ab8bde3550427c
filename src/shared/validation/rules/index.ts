import { getPack, hasPack } from '../../regions';
import type { Template } from '../../template/types';
import type { RuleDef } from '../rule-types';
import { derivedRules } from './derived';
import { narrativeRules } from './narrative';

/**
 * The rules of a template: its pack's set and the text rules; a template of no pack is
 * checked by what its own derivations and coded tables imply.
 */
export function rulesFor(template: Template): RuleDef[] {
  const own = hasPack(template.id) ? getPack(template.id).rules(template) : derivedRules(template);
  return [...own, ...narrativeRulesFor(template)];
}

/** The text rules apply to any template with a 情况说明 and 上年对比 of the same shape. */
function narrativeRulesFor(template: Template): RuleDef[] {
  return template.tables.some((t) => t.role === 'narrative') ? narrativeRules : [];
}

export { derivedRules };
