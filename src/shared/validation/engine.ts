import type { Dictionaries } from '../dictionary';
import type { Finding, FindingsDelta } from '../findings';
import type { Template } from '../template/types';
import { groupingColumns, instancesOf, type Instance } from './checks';
import { Labels } from './labels';
import type { RuleContext, RuleDef } from './rule-types';
import type { FindingEngine, ValueView } from './types';

/**
 * The incremental checker. Indexing turns the rule set into instances for the current rows
 * and a dependency index (cell key → instances reading it). An update re-evaluates only the
 * instances reading a changed key; a structural change (rows added or removed, a record
 * regrouped) re-indexes and re-checks everything. full() is the oracle of update().
 */
export class RuleEngine implements FindingEngine {
  private readonly ctx: RuleContext;
  private instances: Instance[] = [];
  private readers = new Map<string, number[]>();
  /** Findings per instance (null when the instance holds). */
  private results: Array<Finding | null> = [];
  private readonly grouping: Set<string>;
  private indexed = false;
  private cache: Finding[] | null = null;

  constructor(
    template: Template,
    dictionaries: Dictionaries,
    readonly rules: RuleDef[],
  ) {
    this.ctx = { template, dictionaries, labels: new Labels(template, dictionaries) };
    this.grouping = new Set(rules.flatMap(groupingColumns));
  }

  /** Number of rule instances of the current index (for benchmarks and tests). */
  get instanceCount(): number {
    return this.instances.length;
  }

  full(view: ValueView): Finding[] {
    this.index(view);
    this.results = this.instances.map((inst) => this.evaluate(inst, view));
    this.cache = null;
    return this.current();
  }

  update(view: ValueView, changedKeys: Iterable<string>, structural: boolean): FindingsDelta {
    const keys = [...changedKeys];
    if (!this.indexed || structural || keys.some((k) => this.regroups(k))) return this.rerunAll(view);
    const affected = new Set<number>();
    for (const k of keys) for (const i of this.readers.get(k) ?? []) affected.add(i);
    const added: Finding[] = [];
    const resolved: string[] = [];
    for (const i of affected) {
      const before = this.results[i];
      const after = this.evaluate(this.instances[i], view);
      this.results[i] = after;
      if (before && !after) resolved.push(before.id);
      else if (after && (!before || before.message !== after.message)) added.push(after);
    }
    if (added.length || resolved.length) this.cache = null;
    return { added, resolved };
  }

  current(): Finding[] {
    if (!this.cache) this.cache = this.results.filter((f): f is Finding => f !== null);
    return this.cache;
  }

  /** Rule instances reading a cell (which rules an edit of this cell re-checks). */
  rulesReading(key: string): string[] {
    return [...new Set((this.readers.get(key) ?? []).map((i) => this.instances[i].rule.id))];
  }

  private regroups(key: string): boolean {
    if (!this.grouping.size) return false;
    const [table, , col] = key.split('!');
    return this.grouping.has(`${table}!${col}`);
  }

  private rerunAll(view: ValueView): FindingsDelta {
    const before = new Map(this.current().map((f) => [f.id, f]));
    const after = this.full(view);
    const added = after.filter((f) => before.get(f.id)?.message !== f.message);
    const ids = new Set(after.map((f) => f.id));
    const resolved = [...before.keys()].filter((id) => !ids.has(id));
    return { added, resolved };
  }

  private index(view: ValueView): void {
    const instances: Instance[] = [];
    for (const rule of this.rules) instances.push(...instancesOf(rule, view, this.ctx));
    const readers = new Map<string, number[]>();
    instances.forEach((inst, i) => {
      for (const k of inst.reads) {
        const list = readers.get(k);
        if (!list) readers.set(k, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    this.instances = instances;
    this.readers = readers;
    this.indexed = true;
  }

  private evaluate(inst: Instance, view: ValueView): Finding | null {
    const body = inst.evaluate(view);
    if (!body) return null;
    const first = body.cells[0];
    return {
      id: `${inst.rule.id}@${inst.anchor}`,
      ruleId: inst.rule.id,
      severity: inst.rule.severity,
      table: first?.table ?? '',
      ...body,
    };
  }
}
