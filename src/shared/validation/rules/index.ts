import { getPack, hasPack } from '../../regions';
import type { Template } from '../../template/types';
import type { RuleDef } from '../rule-types';
import { balanceRules } from './balances';
import { derivedRules } from './derived';
import { narrativeRules } from './narrative';

/**
 * The rules of a template: its pack's set, the balances that cannot be negative and the text
 * rules; a template of no pack is checked by what its own derivations and coded tables imply.
 */
export function rulesFor(template: Template): RuleDef[] {
  const own = hasPack(template.id) ? getPack(template.id).rules(template) : derivedRules(template);
  return [...own, ...balanceRules(template), ...narrativeRulesFor(template)];
}

/** The text rules apply to any template with a 情况说明 and 上年对比 of the same shape. */
function narrativeRulesFor(template: Template): RuleDef[] {
  return template.tables.some((t) => t.role === 'narrative') ? narrativeRules(template) : [];
}

/**
 * The version of a template's rule set, recorded where a draft was checked (submission,
 * sign-off, `check`): the pack's text-rule version and a digest of every rule's id and severity.
 */
export function rulesVersion(template: Template): string {
  const text = hasPack(template.id) ? getPack(template.id).narrative?.review.version : undefined;
  return `${text ?? template.id}#${digest(rulesFor(template).map((r) => `${r.id}:${r.severity}`).join(','))}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short fingerprint of a text (no crypto in the pure domain). */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export { derivedRules };
