import type { Dictionaries } from '../dictionary';
import { cellKey } from '../draft';
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
const EMPTY = new Int32Array(0);

/**
 * Cell keys made once per cell: instances of many rules read the same cells, and a key
 * string built again would be hashed again on every lookup.
 */
function internKeys(): (table: string, row: string, col: string) => string {
  const tables = new Map<string, Map<string, Map<string, string>>>();
  return (table, row, col) => {
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = new Map()));
    let cols = rows.get(row);
    if (!cols) rows.set(row, (cols = new Map()));
    let k = cols.get(col);
    if (k === undefined) cols.set(col, (k = cellKey(table, row, col)));
    return k;
  };
}

function sameSnapshot(a: string[][], b: string[][]): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    const y = b[t];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

export class RuleEngine implements FindingEngine {
  private readonly ctx: RuleContext;
  private instances: Instance[] = [];
  private keyIds: Map<string, number> | null = null;
  private offsets = new Int32Array(1);
  private list = new Int32Array(0);
  private snapshot: string[][] = [];
  /** Whether some instance reads a whole column (row '*'). */
  private wildcards = false;
  /** Findings per instance (null when the instance holds). */
  private results: Array<Finding | null> = [];
  private readonly grouping: Set<string>;
  private indexed = false;
  private cache: Finding[] | null = null;
  /** Values shared by the instances of one checking pass (RuleContext.shared). */
  private readonly pass = new Map<string, unknown>();

  constructor(
    template: Template,
    dictionaries: Dictionaries,
    readonly rules: RuleDef[],
  ) {
    const pass = this.pass;
    const key = internKeys();
    this.ctx = {
      key,
      template,
      dictionaries,
      labels: new Labels(template, dictionaries, key),
      shared<T>(key: string, compute: () => T): T {
        if (pass.has(key)) return pass.get(key) as T;
        const value = compute();
        pass.set(key, value);
        return value;
      },
    };
    this.grouping = new Set(rules.flatMap(groupingColumns));
  }

  /** Number of rule instances of the current index (for benchmarks and tests). */
  get instanceCount(): number {
    return this.instances.length;
  }

  full(view: ValueView): Finding[] {
    this.pass.clear();
    this.index(view);
    const results: Array<Finding | null> = new Array(this.instances.length);
    for (let i = 0; i < results.length; i++) results[i] = this.evaluate(this.instances[i], view);
    this.results = results;
    this.cache = null;
    this.pass.clear();
    return this.current();
  }

  update(view: ValueView, changedKeys: Iterable<string>, structural: boolean): FindingsDelta {
    const keys = [...changedKeys];
    if (!this.indexed || structural || keys.some((k) => this.regroups(k))) return this.rerunAll(view);
    this.pass.clear();
    const affected = new Set<number>();
    for (const k of keys) {
      for (const i of this.readersOf(k)) affected.add(i);
      if (this.wildcards) {
        // Readers of the whole column (reads with row '*').
        const [table, , col] = k.split('!');
        for (const i of this.readersOf(`${table}!*!${col}`)) affected.add(i);
      }
    }
    const added: Finding[] = [];
    const resolved: string[] = [];
    for (const i of affected) {
      const before = this.results[i];
      const after = this.evaluate(this.instances[i], view);
      this.results[i] = after;
      if (before && !after) resolved.push(before.id);
      else if (after && (!before || before.message !== after.message)) added.push(after);
    }
    this.pass.clear();
    if (added.length || resolved.length) this.cache = null;
    return { added, resolved };
  }

  current(): Finding[] {
    if (!this.cache) this.cache = this.results.filter((f): f is Finding => f !== null);
    return this.cache;
  }

  /** Rule instances reading a cell (which rules an edit of this cell re-checks). */
  rulesReading(key: string): string[] {
    return [...new Set([...this.readersOf(key)].map((i) => this.instances[i].rule.id))];
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

  /** Build the instances for the view's rows, unless the row set (and record grouping) is the one indexed. */
  private index(view: ValueView): void {
    const snapshot = this.rowSnapshot(view);
    if (this.indexed && sameSnapshot(snapshot, this.snapshot)) return;
    const instances: Instance[] = [];
    for (const rule of this.rules) for (const inst of instancesOf(rule, view, this.ctx)) instances.push(inst);
    this.instances = instances;
    this.keyIds = null;
    this.snapshot = snapshot;
    this.indexed = true;
  }

  /**
   * The dependency index, built on the first incremental update after indexing: key → id,
   * then the instances reading id in list[offsets[id] .. offsets[id + 1]).
   */
  private buildReaders(): Map<string, number> {
    const instances = this.instances;
    this.wildcards = false;
    const keyIds = new Map<string, number>();
    const counts: number[] = [];
    const last: number[] = [];
    const readIds: number[] = [];
    const readers: number[] = [];
    for (let i = 0; i < instances.length; i++) {
      for (const k of instances[i].reads) {
        let id = keyIds.get(k);
        if (id === undefined) {
          id = counts.length;
          keyIds.set(k, id);
          if (k.includes('!*!')) this.wildcards = true;
          counts.push(0);
          last.push(-1);
        }
        if (last[id] === i) continue;
        last[id] = i;
        counts[id]++;
        readIds.push(id);
        readers.push(i);
      }
    }
    const offsets = new Int32Array(counts.length + 1);
    for (let id = 0; id < counts.length; id++) offsets[id + 1] = offsets[id] + counts[id];
    const fill = offsets.slice(0, counts.length);
    const list = new Int32Array(readers.length);
    for (let j = 0; j < readers.length; j++) list[fill[readIds[j]]++] = readers[j];
    this.offsets = offsets;
    this.list = list;
    this.keyIds = keyIds;
    return keyIds;
  }

  private readersOf(key: string): Int32Array {
    const id = (this.keyIds ?? this.buildReaders()).get(key);
    return id === undefined ? EMPTY : this.list.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  /** The rows of every table and the texts of the grouping columns: what instances are built from. */
  private rowSnapshot(view: ValueView): string[][] {
    const snap = this.ctx.template.tables.map((t) => view.rows(t.id).slice());
    for (const g of this.grouping) {
      const [table, col] = g.split('!');
      snap.push(view.rows(table).map((r) => view.text(table, r, col)));
    }
    return snap;
  }

  private evaluate(inst: Instance, view: ValueView): Finding | null {
    const body = inst.evaluate(view, inst.data as never);
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
