// Placeholder until the rule engine lands (issue 4): the contract is in ./types.
import type { Dictionaries } from '../dictionary';
import type { Template } from '../template/types';
import type { FindingEngine } from './types';

export type { FindingEngine, ValueView } from './types';

export function createFindingEngine(_template: Template, _dictionaries: Dictionaries): FindingEngine {
  return { full: () => [], update: () => ({ added: [], resolved: [] }), current: () => [] };
}
