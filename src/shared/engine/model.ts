import Decimal from 'decimal.js';
import { cellKey, parseCellKey, TOTAL_ROW, type DraftContent } from '../draft';
import { MICRO_PER_UNIT, parseMoney, type Micro } from '../money';
import type { ColumnKind, TableDef, Template } from '../template/types';
import type { ComputedState, DraftView } from './replica';
import { compileTemplate, isNumericKind, parentCode, recordCounts, toFormula, type CompiledTemplate, type Formula, type FormulaSpec, type GroupByCode, type RowSource, type Claim } from './compiled';

export { isNumericKind, parentCode };

/**
 * The computed view of a draft: the rows every table shows and the value of every cell,
 * entered or derived. All derived cells come from one mechanism: a graph of formulas
 * (signed sums and ratios) built from the compiled template's claims. An edit recomputes
 * only the formulas downstream of the edited cells, in topological order.
 */

export type { Formula };

export interface CellEditByKey {
  key: string;
  /** Canonical text, or null to clear. */
  value: string | null;
}

export interface ApplyResult {
  /** Keys whose value (entered or derived) changed. */
  changed: string[];
  /** The row set changed and the graph was rebuilt. */
  structural: boolean;
  /** Tables whose shown rows changed. */
  shown: string[];
}

/** Parse an entered numeric cell's stored text into micro-units; null when blank or unreadable. */
/** Stored numbers are canonical decimals ("-1234.5"): read those directly, anything else through parseMoney. */
const CANONICAL = /^(-?)(\d{1,9})(?:\.(\d{1,6}))?$/;

export function parseStoredNumber(text: string | undefined): Micro | null {
  if (text === undefined || text === '') return null;
  const m = CANONICAL.exec(text);
  if (m) {
    const micro = Number(m[2]) * MICRO_PER_UNIT + (m[3] ? Number(m[3].padEnd(6, '0')) : 0);
    return m[1] && micro !== 0 ? -micro : micro;
  }
  const r = parseMoney(text.endsWith('%') ? text.slice(0, -1) : text);
  return r.ok ? r.value : null;
}

export class DraftModel implements DraftView {
  readonly template: Template;
  readonly content: DraftContent;
  readonly compiled: CompiledTemplate;
  private rowLists = new Map<string, string[]>();
  /** Formulas by index; a formula dropped by a row change leaves a hole until the next rebuild. */
  private formulas: Array<Formula | undefined> = [];
  /** The claim (index in compiled.claims) each formula was built from, and each claim's formulas. */
  private claimOf: number[] = [];
  private byClaim: number[][] = [];
  private holes = 0;
  private formulaOf = new Map<string, number>();
  private rank: number[] = [];
  private dependents = new Map<string, number[]>();
  private values = new Map<string, Micro | null>();
  /**
   * Entered text of the columns that group and filter records (structuralColumns), trimmed,
   * by table, column and row: a row change reads it for every record, without building and
   * hashing a cell key each time.
   */
  private groupingText = new Map<string, Map<string, Map<string, string>>>();
  /** Bindings of claims that say what they read (see bound), by claim. */
  private bindings = new Map<number, ReturnType<Claim['bind']>>();

  /**
   * Tables whose figures alone this model computes (a window's first tables, opened before the
   * whole draft): it builds the formulas of their cells and of the computed cells those read,
   * and no other. Such a model is read, never edited.
   */
  readonly only: readonly string[] | undefined;

  /**
   * `adopt`: the model takes `content` as its own, without copying it (a draft just read from
   * the store, which nobody else holds: a large draft's cells cost tens of ms to copy).
   */
  constructor(template: Template, content: DraftContent, options: { only?: readonly string[]; adopt?: boolean } = {}) {
    this.template = template;
    this.compiled = compileTemplate(template);
    this.only = options.only;
    this.content = options.adopt ? content : { rows: { ...content.rows }, cells: { ...content.cells } };
    this.rebuild();
  }

  // ------------------------------------------------------------------ reading

  table(id: string): TableDef {
    return this.compiled.table(id);
  }

  /** Rows shown for a table, in display order (coded tables: 合计 first, then codes sorted). */
  rows(table: string): string[] {
    return this.rowLists.get(table) ?? [];
  }

  kindOf(table: string, col: string): ColumnKind | undefined {
    return this.compiled.kindOf(table, col);
  }

  /** Numeric value (micro-units) of a cell, entered or derived; null when it holds no figure. */
  value(table: string, row: string, col: string): Micro | null {
    return this.valueByKey(cellKey(table, row, col));
  }

  valueByKey(key: string): Micro | null {
    return this.values.get(key) ?? null;
  }

  /** Text of an entered cell (any kind), as stored. */
  text(table: string, row: string, col: string): string {
    return this.content.cells[cellKey(table, row, col)] ?? '';
  }

  isDerived(key: string): boolean {
    return this.formulaOf.has(key);
  }

  formulaFor(key: string): Formula | undefined {
    const i = this.formulaOf.get(key);
    return i === undefined ? undefined : this.formulas[i];
  }

  allFormulas(): Formula[] {
    return this.formulas.filter((f): f is Formula => f !== undefined);
  }

  /** Every numeric cell key with a value (entered or derived). */
  numericKeys(): IterableIterator<string> {
    return this.values.keys();
  }

  // ------------------------------------------------------------------ editing

  /** Apply entered-cell edits (already validated) and recompute what depends on them. */
  apply(edits: CellEditByKey[]): ApplyResult {
    this.editable();
    const regrouped = new Set<string>();
    for (const { key, value } of edits) {
      if (value === null || value === '') delete this.content.cells[key];
      else this.content.cells[key] = value;
      const [table, , col] = key.split('!');
      if (!this.compiled.structuralColumns.has(`${table}!${col}`)) continue;
      regrouped.add(table);
      this.noteText(key, value);
    }
    if (regrouped.size) {
      const r = this.restructure(edits, regrouped, new Map());
      return { ...r, structural: r.shown.length > 0 };
    }
    const changedInputs: string[] = [];
    for (const { key } of edits) {
      const [table, , col] = key.split('!');
      const kind = this.kindOf(table, col);
      if (!kind || !isNumericKind(kind)) continue;
      if (this.formulaOf.has(key)) continue;
      const next = parseStoredNumber(this.content.cells[key]);
      const prev = this.values.get(key) ?? null;
      if (next !== prev) {
        this.setValue(key, next);
        changedInputs.push(key);
      }
    }
    return { changed: [...changedInputs, ...this.propagate(changedInputs)], structural: false, shown: [] };
  }

  /** Replace a table's row list (rows added or removed) and rebuild. */
  setRows(table: string, rows: string[]): void {
    this.applyWithRows([], { [table]: rows });
  }

  /**
   * Entered cells and new row lists of one change (rows added or removed): only the tables
   * whose rows change and the formulas that read their rows are built again.
   */
  applyWithRows(edits: CellEditByKey[], rows: Record<string, string[]>): ApplyResult {
    this.editable();
    const touched = new Set<string>(Object.keys(rows));
    for (const { key, value } of edits) {
      if (value === null || value === '') delete this.content.cells[key];
      else this.content.cells[key] = value;
      const table = key.slice(0, key.indexOf('!'));
      if (!this.compiled.structuralColumns.has(table + key.slice(key.lastIndexOf('!')))) continue;
      touched.add(table);
      this.noteText(key, value);
    }
    const before = new Map<string, readonly string[]>();
    for (const [table, list] of Object.entries(rows)) {
      before.set(table, this.content.rows[table] ?? []);
      this.content.rows[table] = [...list];
    }
    return { ...this.restructure(edits, touched, before), structural: true };
  }

  /**
   * The rows and entered text as they would be with these row lists and cells, without
   * computing anything (checking the edits of a step that adds rows before it is stored).
   */
  preview(rows: Record<string, string[]>, cells: Record<string, string>): Pick<DraftView, 'template' | 'content' | 'rows' | 'isDerived'> {
    // The few cells over the draft's own, without copying its tens of thousands (keyed reads only).
    const overlay: Record<string, string> = Object.assign(Object.create(this.content.cells) as Record<string, string>, cells);
    const content: DraftContent = { rows: { ...this.content.rows, ...rows }, cells: overlay };
    const tables = new Set(Object.keys(rows));
    const lists = new Map(this.rowLists);
    const before = new Map(Object.keys(rows).map((t) => [t, this.content.rows[t] ?? []]));
    const moved = this.movedRecords(Object.keys(cells));
    for (const t of this.tablesShaped(tables)) lists.set(t, this.grownRows(t, content, before, moved) ?? this.shownRows(t, content));
    const compiled = this.compiled;
    return {
      template: this.template,
      content,
      rows: (table) => lists.get(table) ?? [],
      isDerived: (key) => {
        const first = key.indexOf('!');
        const last = key.lastIndexOf('!');
        return compiled.isDerived(key.slice(0, first), key.slice(first + 1, last), key.slice(last + 1));
      },
    };
  }

  /** The shown rows and every figure, as a window receives them: of `tables` alone when given. */
  computedState(tables?: readonly string[]): ComputedState {
    if (!tables) return { rows: Object.fromEntries(this.rowLists), values: Object.fromEntries(this.values as Map<string, Micro>) };
    const wanted = new Set(tables);
    const rows: Record<string, string[]> = {};
    for (const t of tables) if (this.rowLists.has(t)) rows[t] = this.rowLists.get(t)!;
    const values: Record<string, Micro> = {};
    for (const [key, v] of this.values) if (wanted.has(key.slice(0, key.indexOf('!')))) values[key] = v as Micro;
    return { rows, values };
  }

  /** Rebuild rows and formulas from scratch and recompute every derived cell. */
  rebuild(): void {
    this.values = new Map();
    this.groupingText = new Map();
    const cells = this.content.cells;
    for (const key in cells) {
      // "table!row!col" → "table!col", without splitting every key of a large draft.
      const column = key.slice(0, key.indexOf('!')) + key.slice(key.lastIndexOf('!'));
      if (this.compiled.structuralColumns.has(column)) this.noteText(key, cells[key]);
      if (!this.compiled.numericColumns.has(column)) continue;
      const v = parseStoredNumber(cells[key]);
      if (v !== null) this.values.set(key, v);
    }
    this.rowLists = new Map(this.template.tables.map((t) => [t.id, this.shownRows(t.id, this.content)]));
    if (this.only) return this.computeOnly(this.only);
    this.compile();
    // A computed cell's stored figure is not its value.
    for (const key of this.formulaOf.keys()) this.values.delete(key);
    const order = this.formulas.map((_, i) => i).sort((a, b) => this.rank[a] - this.rank[b]);
    for (const i of order) this.setValue(this.formulas[i]!.target, this.evaluate(this.formulas[i]!));
  }

  // ------------------------------------------------------------------ row changes

  /**
   * Rows (or the text that groups records) changed in `touched` tables (`enteredBefore`: the
   * entered rows of those whose rows changed, as they were): recompute the shown
   * rows of those tables and of the tables their records feed, rebuild only the formulas of
   * the claims that read them, and recompute what depends on those. Returns every key whose
   * figure changed and the tables whose shown rows changed.
   */
  private restructure(edits: CellEditByKey[], touched: Set<string>, enteredBefore: ReadonlyMap<string, readonly string[]>): { changed: string[]; shown: string[] } {
    const before = new Map<string, Micro | null>();
    const remember = (key: string) => {
      if (!before.has(key)) before.set(key, this.values.get(key) ?? null);
    };
    const setTracked = (key: string, v: Micro | null) => {
      remember(key);
      this.setValue(key, v);
    };

    // 1. Shown rows of the tables the change shapes.
    const shown: string[] = [];
    const added = new Map<string, string[]>();
    const removed = new Map<string, string[]>();
    const regrouped = this.movedRecords(edits.map((e) => e.key));
    for (const t of this.tablesShaped(touched)) {
      const next = this.grownRows(t, this.content, enteredBefore, regrouped) ?? this.shownRows(t, this.content);
      const prev = this.rowLists.get(t) ?? [];
      if (next.length === prev.length && next.every((r, i) => r === prev[i])) continue;
      shown.push(t);
      // Computed cells of rows gone lose their formulas below; entered text stays as stored.
      const prevSet = new Set(prev);
      const nextSet = new Set(next);
      added.set(t, next.filter((r) => !prevSet.has(r)));
      removed.set(t, prev.filter((r) => !nextSet.has(r)));
      this.rowLists.set(t, next);
    }

    // 2. Formulas of the claims that read those rows (or the regrouped records), built again:
    // a claim that says which rows a row feeds rebuilds those rows alone, any other all its rows.
    const shownSet = new Set(shown);
    // Tables whose rows or grouping text changed: the bindings that read them are made again.
    const changedTables = new Set([...shown, ...touched, ...regrouped.keys()]);
    const claims = this.compiled.claims;
    const source = this.rowSource();
    const rebuild = new Map<number, Set<string> | null>();
    const shownOf = new Map<string, Set<string>>();
    const isShown = (table: string, row: string) => {
      let set = shownOf.get(table);
      if (!set) shownOf.set(table, (set = new Set(source.rows(table))));
      return set.has(row);
    };
    // A stale row neither shown nor holding a formula of the claim has nothing to build or drop
    // (a record added without a code feeds no row yet): a claim with only such rows is skipped.
    const matters = (c: Claim, row: string) => isShown(c.table, row) || c.cols.some((col) => this.formulaOf.has(cellKey(c.table, row, col)));
    claims.forEach((c, ci) => {
      if (!shownSet.has(c.table) && !c.readsRowsOf.some((t) => shownSet.has(t) || touched.has(t))) return;
      const rows = c.feeds ? this.staleRows(ci, source, added, removed, regrouped) : null;
      if (!rows || [...rows].some((row) => matters(c, row))) rebuild.set(ci, rows);
    });
    const dropped = new Set<string>();
    for (const [ci, rows] of rebuild) {
      const claim = claims[ci];
      const owned = rows
        ? [...rows].flatMap((row) => claim.cols.map((col) => this.formulaOf.get(cellKey(claim.table, row, col)))).filter((fi): fi is number => fi !== undefined && this.claimOf[fi] === ci)
        : this.byClaim[ci];
      for (const fi of owned) {
        const f = this.formulas[fi];
        if (!f) continue;
        this.dropFormula(fi);
        dropped.add(f.target);
      }
      if (!rows) this.byClaim[ci] = [];
    }
    const fresh: number[] = [];
    for (const ci of [...rebuild.keys()].sort((a, b) => a - b)) {
      const claim = claims[ci];
      const formula = this.bound(ci, source, changedTables);
      const stale = rebuild.get(ci);
      const rows = stale ? [...stale].filter((row) => isShown(claim.table, row)) : source.rows(claim.table);
      for (const row of rows) {
        if (!claim.rows(row)) continue;
        for (const col of claim.cols) {
          const target = cellKey(claim.table, row, col);
          const owner = this.formulaOf.get(target);
          if (owner !== undefined) {
            if (this.claimOf[owner] < ci) continue; // an earlier claim keeps its cell
            this.dropFormula(owner);
          }
          const spec = formula(row, col);
          if (!spec) continue;
          fresh.push(this.addFormula(toFormula(target, spec), ci));
          dropped.delete(target);
        }
      }
    }
    this.rankFresh(fresh);

    // 3. Entered figures: edited cells, cells of added rows, cells no longer computed.
    const inputs: string[] = [];
    const enter = (key: string) => {
      if (this.formulaOf.has(key)) return;
      const next = parseStoredNumber(this.content.cells[key]);
      if (next !== (this.values.get(key) ?? null)) {
        setTracked(key, next);
        inputs.push(key);
      }
    };
    for (const { key } of edits) {
      const [table, , col] = key.split('!');
      const kind = this.kindOf(table, col);
      if (kind && isNumericKind(kind)) enter(key);
    }
    for (const [t, rows] of added) {
      const cols = this.table(t).columns.filter((c) => isNumericKind(c.kind));
      for (const r of rows) for (const c of cols) enter(cellKey(t, r, c.id));
    }
    for (const key of dropped) enter(key);

    // 4. The new formulas in topological order, then what depends on a figure that changed.
    const moved = [...inputs, ...dropped];
    for (const fi of fresh.sort((a, b) => this.rank[a] - this.rank[b])) {
      const f = this.formulas[fi]!;
      const next = this.evaluate(f);
      if (next !== (this.values.get(f.target) ?? null)) {
        setTracked(f.target, next);
        moved.push(f.target);
      }
    }
    // Downstream formulas whose terms moved (propagate reports only figures that changed).
    const changedSet = new Set(this.propagate(moved));
    for (const [key, old] of before) if ((this.values.get(key) ?? null) !== old) changedSet.add(key);
    if (this.holes > 2 * (this.formulas.length - this.holes) + 1000) this.compile(); // drop the holes
    return { changed: [...changedSet], shown };
  }

  /**
   * A claim's binding, kept from the last row change for a claim that says what its binding
   * reads (bindReads) while none of that changed: adding a 项 row to 表3 does not group every
   * project by code again to build the row's 项目支出.
   */
  private bound(ci: number, source: RowSource, changedTables: ReadonlySet<string>): ReturnType<Claim['bind']> {
    const claim = this.compiled.claims[ci];
    const kept = this.bindings.get(ci);
    if (kept && claim.bindReads?.every((t) => !changedTables.has(t))) return kept;
    const formula = claim.bind(source);
    if (claim.bindReads) this.bindings.set(ci, formula);
    return formula;
  }

  /** Records whose grouping text (a code, a filter) is among the edited keys, by table: they may leave the sums they fed and join others. */
  private movedRecords(keys: Iterable<string>): Map<string, string[]> {
    const moved = new Map<string, string[]>();
    for (const key of keys) {
      const first = key.indexOf('!');
      const last = key.lastIndexOf('!');
      if (!this.compiled.structuralColumns.has(key.slice(0, first) + key.slice(last))) continue;
      const table = key.slice(0, first);
      moved.set(table, [...(moved.get(table) ?? []), key.slice(first + 1, last)]);
    }
    return moved;
  }

  /**
   * The rows a coded table shows when the change only appended rows to it and records to the
   * lists that bring it codes (no row removed, no earlier record regrouped): the rows shown so
   * far with the codes added. Null otherwise: shownRows computes them afresh.
   */
  private grownRows(table: string, content: DraftContent, before: ReadonlyMap<string, readonly string[]>, moved: ReadonlyMap<string, string[]>): string[] | null {
    const model = this.table(table).rows;
    const shown = this.rowLists.get(table);
    if (model.kind !== 'coded' || !shown) return null;
    const appended = (t: string): readonly string[] | null => {
      const old = before.get(t);
      const now = content.rows[t] ?? [];
      if (old && (now.length < old.length || old.some((r, i) => now[i] !== r))) return null;
      const fresh = old ? now.slice(old.length) : [];
      return (moved.get(t) ?? []).every((r) => fresh.includes(r)) ? fresh : null;
    };
    const codes = appended(table);
    if (!codes) return null;
    const added: string[] = [];
    const have = new Set(shown);
    const add = (code: string) => {
      for (let c: string | null = code; c && !have.has(c); c = parentCode(c, model.levels)) {
        have.add(c);
        added.push(c);
      }
    };
    codes.forEach(add);
    for (const d of this.compiled.groupings) {
      if (d.target.table !== table) continue;
      const records = appended(d.source);
      if (!records) return null;
      for (const rec of records) {
        const code = this.codeBrought(d, rec, content, model.levels);
        if (code) add(code);
      }
    }
    return added.length ? [TOTAL_ROW, ...[...have].filter((r) => r !== TOTAL_ROW).sort()] : shown;
  }

  /** The code a record brings to the coded table a grouping sums it into, if it counts and holds a deepest-level code. */
  private codeBrought(d: GroupByCode, rec: string, content: DraftContent, levels: number[]): string | null {
    const text = (col: string) => (content === this.content ? this.trimmedText(d.source, rec, col) : (content.cells[cellKey(d.source, rec, col)] ?? '').trim());
    const code = text(d.codeCol);
    if (code.length !== Math.max(...levels) || !/^\d+$/.test(code)) return null;
    return recordCounts(d, text) ? code : null;
  }

  /** Tables whose shown rows follow from the rows and text of `tables`: themselves and the coded tables their records feed. */
  private tablesShaped(tables: Set<string>): Set<string> {
    const out = new Set(tables);
    for (const d of this.compiled.groupings) if (tables.has(d.source)) out.add(d.target.table);
    return out;
  }

  /**
   * The rows of a claim with `feeds` whose formulas a row change alters: rows of its table
   * added or removed, the rows fed by rows added or regrouped, and the rows whose formulas
   * read a row removed or a record regrouped (found through the formulas' terms).
   */
  private staleRows(
    ci: number,
    source: RowSource,
    added: ReadonlyMap<string, string[]>,
    removed: ReadonlyMap<string, string[]>,
    regrouped: ReadonlyMap<string, string[]>,
  ): Set<string> {
    const claim = this.compiled.claims[ci];
    const stale = new Set<string>();
    const feed = (table: string, row: string) => {
      if (table === claim.table) stale.add(row);
      for (const r of claim.feeds!(table, row, source)) stale.add(r);
    };
    const readers = (table: string, row: string) => {
      if (table === claim.table) stale.add(row);
      for (const c of this.table(table).columns) {
        for (const fi of this.dependents.get(cellKey(table, row, c.id)) ?? []) {
          const f = this.formulas[fi];
          if (f && this.claimOf[fi] === ci) stale.add(parseCellKey(f.target).row);
        }
      }
    };
    for (const [t, rows] of added) for (const r of rows) feed(t, r);
    for (const [t, rows] of removed) for (const r of rows) readers(t, r);
    for (const [t, rows] of regrouped) {
      for (const r of rows) {
        readers(t, r);
        feed(t, r);
      }
    }
    return stale;
  }

  private addFormula(f: Formula, claim: number): number {
    const fi = this.formulas.length;
    this.formulas.push(f);
    this.claimOf.push(claim);
    this.byClaim[claim].push(fi);
    this.rank.push(0);
    this.formulaOf.set(f.target, fi);
    for (const t of f.terms) {
      const list = this.dependents.get(t);
      if (list) list.push(fi);
      else this.dependents.set(t, [fi]);
    }
    return fi;
  }

  private dropFormula(fi: number): void {
    const f = this.formulas[fi]!;
    this.formulas[fi] = undefined;
    this.holes++;
    if (this.formulaOf.get(f.target) === fi) this.formulaOf.delete(f.target);
    for (const t of new Set(f.terms)) {
      const list = this.dependents.get(t);
      if (!list) continue;
      const kept = list.filter((x) => x !== fi);
      if (kept.length) this.dependents.set(t, kept);
      else this.dependents.delete(t);
    }
  }

  /** Ranks of new formulas, then of their dependents where they must now come later. */
  private rankFresh(fresh: number[]): void {
    const isFresh = new Set(fresh);
    const done = new Set<number>();
    const rankOf = (start: number): void => {
      // Iterative DFS over fresh formulas (list totals read fresh row sums).
      const stack: number[] = [start];
      while (stack.length) {
        const fi = stack[stack.length - 1];
        if (done.has(fi)) {
          stack.pop();
          continue;
        }
        const f = this.formulas[fi]!;
        let ready = true;
        let r = 0;
        for (const t of f.terms) {
          const dep = this.formulaOf.get(t);
          if (dep === undefined) continue;
          if (isFresh.has(dep) && !done.has(dep)) {
            if (stack.includes(dep)) throw new Error(`模板的计算关系有循环：${f.target}`);
            stack.push(dep);
            ready = false;
          } else r = Math.max(r, this.rank[dep] + 1);
        }
        if (!ready) continue;
        this.rank[fi] = r;
        done.add(fi);
        stack.pop();
      }
    };
    for (const fi of fresh) rankOf(fi);
    // Formulas downstream must stay after the new ones.
    const queue = [...fresh];
    let steps = 0;
    while (queue.length) {
      const fi = queue.pop()!;
      const f = this.formulas[fi]!;
      for (const d of this.dependents.get(f.target) ?? []) {
        if (this.rank[d] > this.rank[fi]) continue;
        this.rank[d] = this.rank[fi] + 1;
        queue.push(d);
      }
      if (++steps > 50 * (this.formulas.length + 1)) throw new Error(`模板的计算关系有循环：${f.target}`);
    }
  }

  // ------------------------------------------------------------------ internals

  private setValue(key: string, v: Micro | null): void {
    if (v === null) this.values.delete(key);
    else this.values.set(key, v);
  }

  private evaluate(f: Formula): Micro | null {
    if (f.kind === 'sum') {
      let total = 0;
      let any = false;
      for (let i = 0; i < f.terms.length; i++) {
        const v = this.values.get(f.terms[i]);
        if (v !== undefined && v !== null) {
          total += f.signs[i] * v;
          any = true;
        }
      }
      return any ? total : null;
    }
    const num = this.values.get(f.terms[0]);
    const den = this.values.get(f.terms[1]);
    if (num === undefined || num === null || !den) return null;
    return new Decimal(num)
      .times(100)
      .div(den)
      .toDecimalPlaces(f.decimals, Decimal.ROUND_HALF_UP)
      .times(MICRO_PER_UNIT)
      .toNumber();
  }

  /** Recompute formulas downstream of changed keys in topological order; returns changed derived keys. */
  private propagate(changedInputs: string[]): string[] {
    const pending = new Set<number>();
    const queue = [...changedInputs];
    while (queue.length) {
      const key = queue.pop()!;
      for (const fi of this.dependents.get(key) ?? []) {
        if (!pending.has(fi)) {
          pending.add(fi);
          queue.push(this.formulas[fi]!.target);
        }
      }
    }
    if (pending.size === 0) return [];
    const order = [...pending].sort((a, b) => this.rank[a] - this.rank[b]);
    const dirty = new Set(changedInputs);
    const changed: string[] = [];
    for (const fi of order) {
      const f = this.formulas[fi]!;
      if (!f.terms.some((t) => dirty.has(t))) continue;
      const next = this.evaluate(f);
      if (next !== (this.values.get(f.target) ?? null)) {
        this.setValue(f.target, next);
        dirty.add(f.target);
        changed.push(f.target);
      }
    }
    return changed;
  }

  /** The rows a table shows for a content (coded tables: 合计 first, codes with their parents, sorted). */
  private shownRows(table: string, content: DraftContent): string[] {
    const model = this.table(table).rows;
    if (model.kind === 'fixed') return model.rows.map((r) => r.id);
    const entered = content.rows[table] ?? [];
    if (model.kind === 'list') return model.totalRow ? [TOTAL_ROW, ...entered] : [...entered];
    const codes = new Set<string>();
    const add = (code: string) => {
      for (let c: string | null = code; c && !codes.has(c); c = parentCode(c, model.levels)) codes.add(c);
    };
    for (const code of entered) add(code);
    // Codes that records summed into this table by code bring their rows.
    for (const d of this.compiled.groupings) {
      if (d.target.table !== table) continue;
      for (const rec of content.rows[d.source] ?? []) {
        const code = this.codeBrought(d, rec, content, model.levels);
        if (code) add(code);
      }
    }
    return [TOTAL_ROW, ...[...codes].sort()];
  }

  /** Entered text of a cell, trimmed; that of a grouping or filter column from groupingText. */
  private trimmedText(table: string, row: string, col: string): string {
    const rows = this.groupingText.get(table)?.get(col);
    if (rows) return rows.get(row) ?? '';
    return (this.content.cells[cellKey(table, row, col)] ?? '').trim();
  }

  /** Keep groupingText up to date with an entered text of a grouping or filter column (null: blank). */
  private noteText(key: string, value: string | null | undefined): void {
    const { table, row, col } = parseCellKey(key);
    let cols = this.groupingText.get(table);
    if (!cols) this.groupingText.set(table, (cols = new Map()));
    let rows = cols.get(col);
    if (!rows) cols.set(col, (rows = new Map()));
    const text = (value ?? '').trim();
    if (text) rows.set(row, text);
    else rows.delete(row);
  }

  /** The rows and entered text the compiled claims build their formulas from. */
  private rowSource(): RowSource {
    return {
      rows: (table) => this.rowLists.get(table) ?? [],
      records: (table) => (this.table(table).rows.kind === 'list' ? (this.rowLists.get(table) ?? []).filter((r) => r !== TOTAL_ROW) : this.content.rows[table] ?? []),
      text: (table, row, col) => this.trimmedText(table, row, col),
    };
  }

  private editable(): void {
    if (this.only) throw new Error('只计算部分表格的模型不能修改');
  }

  private compile(): void {
    this.bindings.clear();
    const { formulas, claimOf, formulaOf } = this.allFormulasBuilt();
    this.formulas = formulas;
    this.claimOf = claimOf;
    this.byClaim = this.compiled.claims.map(() => []);
    claimOf.forEach((ci, fi) => this.byClaim[ci].push(fi));
    this.holes = 0;
    this.formulaOf = formulaOf;
    this.dependents = new Map();
    formulas.forEach((f, i) => {
      for (const t of f.terms) {
        const list = this.dependents.get(t);
        if (list) list.push(i);
        else this.dependents.set(t, [i]);
      }
    });
    this.rank = Array.from(topologicalRanks(formulas, formulaOf));
  }

  /** Every formula of the draft: the first claim of a cell wins (rollups and grouped lists before row sums). */
  private allFormulasBuilt(): BuiltFormulas {
    const built: BuiltFormulas = { formulas: [], claimOf: [], formulaOf: new Map() };
    const source = this.rowSource();
    for (const [ci, claim] of this.compiled.claims.entries()) {
      const formula = claim.bind(source);
      for (const row of source.rows(claim.table)) {
        if (!claim.rows(row)) continue;
        for (const col of claim.cols) {
          const target = cellKey(claim.table, row, col);
          if (built.formulaOf.has(target)) continue;
          const spec = formula(row, col);
          if (spec) addBuilt(built, target, spec, ci);
        }
      }
    }
    return built;
  }

  /**
   * The figures of the cells `tables` show, and of the computed cells they read, computed on
   * demand (see `only`): each cell claimed as allFormulasBuilt claims it (its column's claims in
   * order, the first with a formula for its row wins; shown rows only), its terms computed
   * first, then the formula evaluated once. No graph of dependents or ranks: nothing is edited.
   */
  private computeOnly(tables: readonly string[]): void {
    const built: BuiltFormulas = { formulas: [], claimOf: [], formulaOf: new Map() };
    const source = this.rowSource();
    const claims = this.compiled.claims;
    const bindings = new Map<number, ReturnType<Claim['bind']>>();
    const shown = new Map<string, Set<string>>();
    const isShown = (table: string, row: string) => {
      let rows = shown.get(table);
      if (!rows) shown.set(table, (rows = new Set(source.rows(table))));
      return rows.has(row);
    };
    const formulaOf = (key: string): Formula | null => {
      const first = key.indexOf('!');
      const last = key.lastIndexOf('!');
      const table = key.slice(0, first);
      const row = key.slice(first + 1, last);
      if (!isShown(table, row)) return null;
      const col = key.slice(last + 1);
      for (const ci of this.compiled.claimsOf(table, col)) {
        const claim = claims[ci];
        if (!claim.rows(row)) continue;
        let bound = bindings.get(ci);
        if (!bound) bindings.set(ci, (bound = claim.bind(source)));
        const spec = bound(row, col);
        if (spec) return addBuilt(built, key, spec, ci);
      }
      return null;
    };
    const done = new Set<string>();
    const computing = new Set<string>();
    const compute = (key: string): void => {
      if (done.has(key)) return;
      const formula = formulaOf(key);
      if (formula) {
        if (computing.has(key)) throw new Error(`模板的计算关系有循环：${key}`);
        computing.add(key);
        for (const term of formula.terms) compute(term);
        computing.delete(key);
        // A computed cell's stored figure is not its value.
        this.setValue(key, this.evaluate(formula));
      }
      done.add(key);
    };
    for (const t of tables) for (const row of source.rows(t)) for (const col of this.table(t).columns) compute(cellKey(t, row, col.id));
    this.formulas = built.formulas;
    this.claimOf = built.claimOf;
    this.formulaOf = built.formulaOf;
  }
}

/** Formulas being built: by index, the claim of each, and the index of each target. */
interface BuiltFormulas {
  formulas: Formula[];
  claimOf: number[];
  formulaOf: Map<string, number>;
}

function addBuilt(built: BuiltFormulas, target: string, spec: FormulaSpec, claim: number): Formula {
  const formula = toFormula(target, spec);
  built.formulaOf.set(target, built.formulas.length);
  built.formulas.push(formula);
  built.claimOf.push(claim);
  return formula;
}

/** Rank of each formula so that every formula comes after the formulas of its terms. */
function topologicalRanks(formulas: Formula[], formulaOf: Map<string, number>): Int32Array {
  const rank = new Int32Array(formulas.length).fill(-1);
  const onStack = new Uint8Array(formulas.length);
  const visit = (start: number) => {
    // Iterative DFS: derived chains can be deep (coded rollups, list totals).
    const stack: Array<[number, number]> = [[start, 0]];
    onStack[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const f = formulas[top[0]];
      if (top[1] < f.terms.length) {
        const dep = formulaOf.get(f.terms[top[1]++]);
        if (dep === undefined || rank[dep] >= 0) continue;
        if (onStack[dep]) throw new Error(`模板的计算关系有循环：${f.target}`);
        onStack[dep] = 1;
        stack.push([dep, 0]);
      } else {
        let r = 0;
        for (const t of f.terms) {
          const dep = formulaOf.get(t);
          if (dep !== undefined) r = Math.max(r, rank[dep] + 1);
        }
        rank[top[0]] = r;
        onStack[top[0]] = 0;
        stack.pop();
      }
    }
  };
  for (let i = 0; i < formulas.length; i++) if (rank[i] < 0) visit(i);
  return rank;
}
