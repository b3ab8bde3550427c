import type { Dictionaries } from '../dictionary';
import { internKeys, TOTAL_ROW } from '../draft';
import type { Finding, FindingsDelta } from '../findings';
import type { Template } from '../template/types';
import { groupingColumns, instancesOf, type Instance } from './checks';
import { readPatterns } from './patterns';
import { Labels } from './labels';
import { ListSums } from './list-sums';
import { parentCode } from '../engine/compiled';
import type { Check, RuleContext, RuleDef } from './rule-types';
import type { FindingEngine, ValueView } from './types';

/**
 * The incremental checker. Indexing turns the rule set into instances for the current rows
 * and a dependency index (cell key → instances reading it). An update re-evaluates only the
 * instances reading a changed key; a structural change (rows added or removed, a record
 * regrouped) rebuilds the instances of the rules that read the tables whose rows changed,
 * and re-checks those. full() is the oracle of update().
 */

function sameList(x: string[], y: string[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Per table whose rows changed: the rows added and removed; per grouping column, the records whose text changed. */
interface RowChanges {
  added: Map<string, string[]>;
  removed: Map<string, string[]>;
  /** Per table whose rows changed: the rows kept whose position moved (after a row inserted or removed before them). */
  shifted: Map<string, Set<string>>;
  /** By grouping column ('table!col'): record → [text before, text after] of the records added, removed or regrouped. */
  moved: Map<string, Map<string, [before: string | null, after: string | null]>>;
}

/** A new row snapshot (see RuleEngine.rowSnapshot), the tables whose rows or grouping texts differ, and how. */
interface RowDiff {
  snapshot: string[][];
  tables: Set<string>;
  changes: RowChanges;
}

/**
 * For a check built row by row (each instance anchored at a row and built from it, its
 * parent or its children, and the rest of the rows only as they stand): the anchor rows whose
 * instances a row change may alter, by table. Rows added and removed; for a record check, the
 * records whose grouping text changed (an 指标 moved to another project: removed, then added);
 * for a check of a parent's children, the parents the children left or joined; for codes, the
 * parents and children of the codes added or removed. Null for the other checks: a row change
 * of a table they read builds all their instances again.
 */
function staleRows(check: Check, changes: RowChanges, view: ValueView, ctx: RuleContext): Map<string, Set<string>> | null {
  const stale = new Map<string, Set<string>>();
  const add = (table: string, row: string) => {
    const set = stale.get(table);
    if (set) set.add(row);
    else stale.set(table, new Set([row]));
  };
  const changed = (table: string) => [...(changes.added.get(table) ?? []), ...(changes.removed.get(table) ?? [])];
  const rowsOf = (tables: readonly string[]) => {
    for (const t of tables) for (const r of changed(t)) add(t, r);
  };
  const movedIn = (table: string, col: string) => changes.moved.get(`${table}!${col}`) ?? new Map<string, [string | null, string | null]>();
  switch (check.kind) {
    case 'rowSum':
    case 'rowNotGreater':
    case 'recordCode':
    case 'planOrder':
    case 'planMax':
    case 'planFull':
      rowsOf([check.table]);
      return stale;
    case 'codeKnown':
    case 'codeName':
      rowsOf(check.tables);
      return stale;
    case 'indicatorValue':
      rowsOf([check.table]);
      for (const r of movedIn(check.table, check.parentCol).keys()) add(check.table, r);
      return stale;
    case 'childLevels':
      rowsOf([check.parent]);
      for (const [before, after] of movedIn(check.table, check.parentCol).values()) {
        if (before !== null) add(check.parent, before.trim());
        if (after !== null) add(check.parent, after.trim());
      }
      return stale;
    case 'codeByCode':
      // Anchored in the left table, one per code of either table.
      for (const t of [check.left.table, check.right.table]) for (const r of changed(t)) add(check.left.table, r);
      return stale;
    case 'rollup':
    case 'codeParent': {
      const tables = check.kind === 'rollup' ? [check.table] : check.tables;
      for (const t of tables) {
        const levels = codedLevels(ctx, t);
        const rows = changed(t);
        if (!levels || !rows.length) continue;
        const codes = new Set(rows);
        for (const r of rows) add(t, r);
        // A rollup's sum is its children's; a code's parent check reads its parent.
        if (check.kind === 'rollup') for (const r of rows) add(t, parentCode(r, levels) ?? TOTAL_ROW);
        else for (const r of view.rows(t)) if (codes.has(parentCode(r, levels) ?? '')) add(t, r);
      }
      return stale;
    }
    default:
      return null;
  }
}

/** The row an instance is anchored at (`table!row` of its anchor `table!row!…`). */
function anchorRow(anchor: string): string {
  const second = anchor.indexOf('!', anchor.indexOf('!') + 1);
  return second < 0 ? anchor : anchor.slice(0, second);
}

function codedLevels(ctx: RuleContext, table: string): number[] | undefined {
  const rows = ctx.template.tables.find((t) => t.id === table)?.rows;
  return rows?.kind === 'coded' ? rows.levels : undefined;
}

/** Checks whose instances are built from the template alone (their operands: cells, totals, codes and whole list columns). */
const ROW_FREE: ReadonlySet<Check['kind']> = new Set(['equal', 'notGreater', 'zeroImplies']);

/**
 * Tables whose rows (or grouping text) a rule's instances are built from; null: any table (a
 * hand-written check that does not say). Equalities read fixed cells and whole columns of
 * lists, so no row change alters their instances (it re-checks them: see readersOfRows).
 */
function rowTablesOf(rule: RuleDef): Set<string> | null {
  const c = rule.check;
  if (c.kind === 'custom' && !c.rowTables) return null;
  const tables = new Set(c.kind === 'custom' ? c.rowTables : ROW_FREE.has(c.kind) ? [] : readPatterns(rule).map((p) => p.table));
  if (c.kind === 'childLevels' || c.kind === 'indicatorValue') tables.add(c.parent);
  for (const g of groupingColumns(rule)) tables.add(g.slice(0, g.indexOf('!')));
  return tables;
}

export class RuleEngine implements FindingEngine {
  private readonly ctx: RuleContext;
  /** Instances by id; those of a rule re-indexed after a row change leave a hole (see `dead`). */
  private instances: Array<Instance | undefined> = [];
  /** The rule (index in `rules`) of each instance. */
  private ruleOf: number[] = [];
  /** The instances of each rule (ids; a hole where one was dropped since). */
  private byRule: number[][] = [];
  /** The instances by anchor row (see anchorRow), built on the first row change after indexing (or by prepare). */
  private byAnchor: Map<string, number[]> | null = null;
  private keyIds: Map<string, number> | null = null;
  private offsets = new Int32Array(1);
  private list = new Int32Array(0);
  /** Readers added since the index was built (instances of re-indexed rules), by key. */
  private overlay = new Map<string, number[]>();
  private dead = 0;
  /** Per table (template order), then per grouping column: the rows / texts the instances were built from. */
  private snapshot: string[][] = [];
  private readonly rowTables: Array<Set<string> | null>;
  /** Whether some instance reads a whole column (row '*'). */
  private wildcards = false;
  /** Findings per instance (null when the instance holds). */
  private results: Array<Finding | null> = [];
  private readonly grouping: Set<string>;
  private indexed = false;
  private cache: Finding[] | null = null;
  /** Values shared by the instances of one checking pass (RuleContext.shared). */
  private readonly pass = new Map<string, unknown>();
  /** The sums of list operands, kept across updates (RuleContext.listSums). */
  private readonly lists = new ListSums();
  /** The view checked last (the one the list sums are of). */
  private view: ValueView | null = null;

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
      grouped: (table, col) => this.groupedRecords(table, col),
      listSums: (list) => this.lists.of(this.view!, list),
    };
    this.grouping = new Set(rules.flatMap(groupingColumns));
    this.rowTables = rules.map(rowTablesOf);
  }

  /** The records of a table by grouping text, as indexed (RuleContext.grouped), kept while the texts are the same. */
  private readonly groups = new Map<string, { texts: string[]; records: Map<string, string[]> }>();

  private groupedRecords(table: string, col: string): ReadonlyMap<string, readonly string[]> | undefined {
    const g = [...this.grouping].indexOf(`${table}!${col}`);
    const tables = this.ctx.template.tables;
    const texts = this.snapshot[tables.length + g];
    if (g < 0 || !texts) return undefined;
    const cached = this.groups.get(`${table}!${col}`);
    if (cached?.texts === texts) return cached.records;
    const rows = this.snapshot[tables.findIndex((t) => t.id === table)];
    const records = new Map<string, string[]>();
    rows.forEach((row, i) => {
      if (row === TOTAL_ROW) return;
      const key = texts[i].trim();
      const list = records.get(key);
      if (list) list.push(row);
      else records.set(key, [row]);
    });
    this.groups.set(`${table}!${col}`, { texts, records });
    return records;
  }

  /** Number of rule instances of the current index (for benchmarks and tests). */
  get instanceCount(): number {
    return this.instances.length - this.dead;
  }

  full(view: ValueView): Finding[] {
    this.pass.clear();
    this.lists.clear();
    this.view = view;
    this.index(view);
    const results: Array<Finding | null> = new Array(this.instances.length);
    for (let i = 0; i < results.length; i++) {
      const inst = this.instances[i];
      results[i] = inst ? this.evaluate(inst, view) : null;
    }
    this.results = results;
    this.cache = null;
    this.pass.clear();
    return this.current();
  }

  update(view: ValueView, changedKeys: Iterable<string> | 'all', structural: boolean): FindingsDelta {
    // Figures changed with no word of which (a stated view re-read): everything is checked again.
    if (!this.indexed || changedKeys === 'all') return this.rerunAll(view);
    const keys = [...changedKeys];
    this.pass.clear();
    if (view !== this.view) {
      this.lists.clear();
      this.view = view;
    }
    const added: Finding[] = [];
    const resolved: string[] = [];
    const regrouped = new Set(keys.filter((k) => this.regroups(k)).map((k) => k.slice(0, k.indexOf('!'))));
    const affected = new Set<number>();
    const rows = structural || regrouped.size ? this.rowsChangedSince(view, regrouped) : null;
    // The sums first: instances built again below are checked at once.
    this.lists.changed(view, rows?.changes ?? null, keys);
    if (rows) {
      this.reindexChanged(view, rows, added, resolved);
      this.readersOfRows(rows.changes, affected);
    }
    for (const k of keys) {
      this.readersOf(k, affected);
      // Readers of the whole column (reads with row '*').
      if (this.wildcards) this.readersOf(k.slice(0, k.indexOf('!')) + '!*' + k.slice(k.lastIndexOf('!')), affected);
    }
    for (const i of affected) {
      const inst = this.instances[i];
      if (!inst) continue;
      const before = this.results[i];
      const after = this.evaluate(inst, view);
      this.results[i] = after;
      if (before && !after) resolved.push(before.id);
      else if (after && (!before || before.message !== after.message)) added.push(after);
    }
    this.pass.clear();
    if (added.length || resolved.length) this.cache = null;
    return settle(added, resolved);
  }

  prepare(): void {
    if (!this.indexed) return;
    if (!this.keyIds) this.buildReaders();
    this.anchors();
  }

  current(): Finding[] {
    if (!this.cache) this.cache = this.results.filter((f): f is Finding => f !== null);
    return this.cache;
  }

  /** Rule instances reading a cell (which rules an edit of this cell re-checks). */
  rulesReading(key: string): string[] {
    const readers = new Set<number>();
    this.readersOf(key, readers);
    return [...new Set([...readers].map((i) => this.instances[i]!.rule.id))];
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
    if (this.indexed && this.changedTables(snapshot).size === 0 && this.dead === 0) return;
    this.snapshot = snapshot;
    const instances: Instance[] = [];
    const ruleOf: number[] = [];
    this.rules.forEach((rule, r) => {
      for (const inst of instancesOf(rule, view, this.ctx)) {
        instances.push(inst);
        ruleOf.push(r);
      }
    });
    this.instances = instances;
    this.setRuleOf(ruleOf);
    this.dead = 0;
    this.keyIds = null;
    this.overlay = new Map();
    this.indexed = true;
  }

  /** The rows and grouping texts of the view against the indexed snapshot; null when none changed. */
  private rowsChangedSince(view: ValueView, regrouped: ReadonlySet<string>): RowDiff | null {
    const snapshot = this.rowSnapshot(view, regrouped);
    const tables = this.changedTables(snapshot);
    return tables.size ? { snapshot, tables, changes: this.rowChanges(snapshot) } : null;
  }

  /**
   * Rows changed (or records regrouped): rebuild and check the instances of the rules that
   * read the changed tables, and report what their findings became.
   */
  private reindexChanged(view: ValueView, { snapshot, tables, changes }: RowDiff, added: Finding[], resolved: string[]): void {
    this.snapshot = snapshot;
    const rules = new Set<number>();
    this.rowTables.forEach((read, r) => {
      if (!read || [...tables].some((t) => read.has(t))) rules.add(r);
    });
    // Rules checked row by row keep the instances of the rows that stay as they were.
    const stale = new Map<number, Map<string, Set<string>>>();
    for (const r of rules) {
      const rows = staleRows(this.rules[r].check, changes, view, this.ctx);
      if (rows) stale.set(r, rows);
    }
    const before = new Map<string, Finding>();
    for (const r of rules) {
      const rows = stale.get(r);
      for (const i of rows ? this.anchoredAt(r, rows) : this.byRule[r]) {
        if (!this.instances[i]) continue;
        const f = this.results[i];
        if (f) before.set(f.id, f);
        this.instances[i] = undefined;
        this.results[i] = null;
        this.dead++;
      }
      if (!rows) this.byRule[r] = [];
    }
    const readers = this.keyIds ? this.overlay : null;
    const after = new Set<string>();
    for (const r of [...rules].sort((a, b) => a - b)) {
      const rows = stale.get(r);
      if (rows && !rows.size) continue;
      // A rule checked row by row builds the instances of its stale rows alone.
      const only = rows && ((t: string, row: string) => rows.get(t)?.has(row) ?? false);
      for (const inst of instancesOf(this.rules[r], view, this.ctx, only ?? undefined)) {
        const i = this.instances.length;
        this.instances.push(inst);
        this.ruleOf.push(r);
        this.byRule[r].push(i);
        if (this.byAnchor) this.noteAnchor(this.byAnchor, i);
        const f = this.evaluate(inst, view);
        this.results.push(f);
        if (f) {
          after.add(f.id);
          if (before.get(f.id)?.message !== f.message) added.push(f);
        }
        if (readers) for (const k of inst.reads) this.addReader(readers, k, i);
      }
    }
    for (const id of before.keys()) if (!after.has(id)) resolved.push(id);
    this.cache = null;
    // Many holes: compact the instances and build the index again on the next edit.
    if (this.dead > this.instances.length / 4) this.compact();
  }

  /**
   * Instances kept through a row change that may still see it: those reading a cell of a row
   * added or removed, those reading a whole column of a table whose rows changed (a sum over
   * a list), and the findings at a record whose position moved (a record without a name is
   * named by its position: “第 56 行”; a record appended moves none).
   */
  private readersOfRows(changes: RowChanges, into: Set<number>): void {
    if (!this.keyIds) this.buildReaders();
    let moved = false;
    for (const table of changes.added.keys()) {
      const def = this.ctx.labels.tableDef(table);
      if (def?.rows.kind === 'list' && changes.shifted.get(table)?.size) moved = true;
      const rows = [...(changes.added.get(table) ?? []), ...(changes.removed.get(table) ?? [])];
      for (const { id } of def?.columns ?? []) {
        if (this.wildcards) this.readersOf(this.ctx.key(table, '*', id), into);
        for (const row of rows) this.readersOf(this.ctx.key(table, row, id), into);
      }
    }
    if (!moved) return;
    this.results.forEach((f, i) => {
      if (f && this.instances[i] && f.cells.some((c) => changes.shifted.get(c.table)?.has(c.row))) into.add(i);
    });
  }

  /** What changed between the indexed snapshot and this one: rows added and removed, records moved (see RowChanges). */
  private rowChanges(snapshot: string[][]): RowChanges {
    const changes: RowChanges = { added: new Map(), removed: new Map(), shifted: new Map(), moved: new Map() };
    const tables = this.ctx.template.tables;
    tables.forEach((t, i) => {
      const before = this.snapshot[i] ?? [];
      const now = snapshot[i];
      if (sameList(before, now)) return;
      const had = new Set(before);
      const has = new Set(now);
      changes.added.set(t.id, now.filter((r) => !had.has(r)));
      changes.removed.set(t.id, before.filter((r) => !has.has(r)));
      let same = 0;
      while (same < before.length && same < now.length && before[same] === now[same]) same++;
      changes.shifted.set(t.id, new Set(now.slice(same).filter((r) => had.has(r))));
    });
    let at = tables.length;
    for (const g of this.grouping) {
      const i = at++;
      const table = tables.findIndex((t) => t.id === g.slice(0, g.indexOf('!')));
      const textsBefore = this.snapshot[i] ?? [];
      const textsNow = snapshot[i];
      const rowsBefore = this.snapshot[table] ?? [];
      const rowsNow = snapshot[table];
      if (sameList(textsBefore, textsNow) && sameList(rowsBefore, rowsNow)) continue;
      const was = new Map<string, string>(rowsBefore.map((r, k) => [r, textsBefore[k]]));
      const moved = new Map<string, [string | null, string | null]>();
      rowsNow.forEach((r, k) => {
        const old = was.get(r);
        if (old !== textsNow[k]) moved.set(r, [old ?? null, textsNow[k]]);
        was.delete(r);
      });
      for (const [r, old] of was) moved.set(r, [old, null]);
      changes.moved.set(g, moved);
    }
    return changes;
  }

  private compact(): void {
    const instances: Instance[] = [];
    const ruleOf: number[] = [];
    const results: Array<Finding | null> = [];
    this.instances.forEach((inst, i) => {
      if (!inst) return;
      instances.push(inst);
      ruleOf.push(this.ruleOf[i]);
      results.push(this.results[i]);
    });
    this.instances = instances;
    this.setRuleOf(ruleOf);
    this.results = results;
    this.dead = 0;
    this.keyIds = null;
    this.overlay = new Map();
  }

  private setRuleOf(ruleOf: number[]): void {
    this.ruleOf = ruleOf;
    this.byRule = this.rules.map(() => []);
    ruleOf.forEach((r, i) => this.byRule[r].push(i));
    this.byAnchor = null;
  }

  /** The live instances of a rule anchored at these rows (by table). */
  private anchoredAt(rule: number, rows: Map<string, Set<string>>): number[] {
    const byAnchor = this.anchors();
    const out: number[] = [];
    for (const [table, set] of rows) {
      for (const row of set) for (const i of byAnchor.get(`${table}!${row}`) ?? []) if (this.ruleOf[i] === rule && this.instances[i]) out.push(i);
    }
    return out;
  }

  /** The instances by anchor row, built on first use after indexing. */
  private anchors(): Map<string, number[]> {
    if (!this.byAnchor) {
      const byAnchor = (this.byAnchor = new Map());
      for (let i = 0; i < this.instances.length; i++) if (this.instances[i]) this.noteAnchor(byAnchor, i);
    }
    return this.byAnchor;
  }

  private noteAnchor(byAnchor: Map<string, number[]>, instance: number): void {
    const key = anchorRow(this.instances[instance]!.anchor);
    const ids = byAnchor.get(key);
    if (ids) ids.push(instance);
    else byAnchor.set(key, [instance]);
  }

  /** Tables whose rows (or grouping texts) differ from the indexed snapshot. */
  private changedTables(snapshot: string[][]): Set<string> {
    const tables = this.ctx.template.tables;
    const groupings = [...this.grouping];
    const changed = new Set<string>();
    for (let t = 0; t < snapshot.length; t++) {
      if (this.snapshot[t] && sameList(snapshot[t], this.snapshot[t])) continue;
      changed.add(t < tables.length ? tables[t].id : groupings[t - tables.length].split('!')[0]);
    }
    return changed;
  }

  /**
   * The dependency index, built on the first incremental update after indexing: key → id,
   * then the instances reading id in list[offsets[id] .. offsets[id + 1]).
   */
  private buildReaders(): Map<string, number> {
    const instances = this.instances;
    this.wildcards = false;
    this.overlay = new Map();
    const keyIds = new Map<string, number>();
    const counts: number[] = [];
    const last: number[] = [];
    const readIds: number[] = [];
    const readers: number[] = [];
    for (let i = 0; i < instances.length; i++) {
      for (const k of instances[i]?.reads ?? []) {
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

  /** Add the live instances reading a key to `into`. */
  private readersOf(key: string, into: Set<number>): void {
    const id = (this.keyIds ?? this.buildReaders()).get(key);
    if (id !== undefined) {
      for (let j = this.offsets[id]; j < this.offsets[id + 1]; j++) if (this.instances[this.list[j]]) into.add(this.list[j]);
    }
    for (const i of this.overlay.get(key) ?? []) if (this.instances[i]) into.add(i);
  }

  private addReader(readers: Map<string, number[]>, key: string, instance: number): void {
    const list = readers.get(key);
    if (!list) readers.set(key, [instance]);
    else if (list[list.length - 1] !== instance) list.push(instance);
    if (key.includes('!*!')) this.wildcards = true;
  }

  /**
   * What instances are built from: the rows of every table, then the grouping texts of their
   * records. With `regrouped` (the tables whose grouping texts were edited), the texts of a
   * table whose rows are as indexed, or only appended to, are taken from the last snapshot.
   */
  private rowSnapshot(view: ValueView, regrouped?: ReadonlySet<string>): string[][] {
    const tables = this.ctx.template.tables;
    const snap = tables.map((t) => view.rows(t.id).slice());
    let at = tables.length;
    for (const g of this.grouping) {
      const [table, col] = g.split('!');
      const last = this.snapshot[at++];
      const i = tables.findIndex((t) => t.id === table);
      const before = this.snapshot[i];
      const now = snap[i];
      // Rows only appended to a table whose texts were not edited: the texts kept, the new rows' read.
      const appended = regrouped && last && before && !regrouped.has(table) && now.length >= before.length && sameList(before, now.slice(0, before.length));
      if (!appended) snap.push(now.map((r) => view.text(table, r, col)));
      else snap.push(now.length === before.length ? last : last.concat(now.slice(before.length).map((r) => view.text(table, r, col))));
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

/** A finding both resolved and added again in one update (rebuilt, then re-checked) is only added. */
function settle(added: Finding[], resolved: string[]): FindingsDelta {
  if (!added.length || !resolved.length) return { added, resolved };
  const last = new Map(added.map((f) => [f.id, f]));
  return { added: [...last.values()], resolved: resolved.filter((id) => !last.has(id)) };
}
