/**
 * Live validation (勾稽关系): rules as data per template (./rules), checked by an incremental
 * engine (./engine). Use:
 *   const engine = createFindingEngine(template, dictionaries);
 *   engine.full(model);                                   // on open, import, before sign-off
 *   const applied = model.apply(edits);
 *   engine.update(model, changedKeysOf(edits, applied), applied.structural); // → {added, resolved}
 *   engine.update(view, 'all', true);                     // figures and rows changed, which unknown
 * Findings have stable ids (rule id @ anchor) that explanations refer to; blockingFindings()
 * tells what still stops submission, countProblems() how many problems that is. StatedValues checks a workbook's figures as printed.
 */
import type { Dictionaries } from '../dictionary';
import type { Template } from '../template/types';
import { RuleEngine } from './engine';
import type { RuleDef } from './rule-types';
import { rulesFor } from './rules';
import type { FindingEngine } from './types';

export type { FindingEngine, ValueView } from './types';
export type * from './rule-types';
export { RuleEngine } from './engine';
export { derivedRules, rulesFor, rulesVersion } from './rules';
export { blockingFindings, canExplain } from './explanations';
export { countProblems, findingSections, followersLabel, groupFindings, leftOutText, listingOrder, type FindingGroup, type FindingSection, type ProblemCount } from './problems';
export { StatedValues } from './stated';
export { readPatterns, type ReadPattern } from './patterns';
export { changedKeysOf } from './changes';

export interface FindingEngineOptions {
  /** Replace the template's rule set (tests, or a rule set loaded from elsewhere). */
  rules?: RuleDef[];
}

/** The incremental checker of a template's rule set (see ./engine). */
export function createFindingEngine(template: Template, dictionaries: Dictionaries, options: FindingEngineOptions = {}): FindingEngine & RuleEngine {
  return new RuleEngine(template, dictionaries, options.rules ?? rulesFor(template));
}
