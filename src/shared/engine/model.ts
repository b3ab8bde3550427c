import Decimal from 'decimal.js';
import { cellKey, TOTAL_ROW, type DraftContent } from '../draft';
import { MICRO_PER_UNIT, parseMoney, type Micro } from '../money';
import type { ColumnKind, TableDef, Template } from '../template/types';
import type { ComputedState, DraftView } from './replica';
import { compileTemplate, isNumericKind, parentCode, recordCounts, toFormula, type CompiledTemplate, type Formula, type RowSource } from './compiled';

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
  private formulas: Formula[] = [];
  private formulaOf = new Map<string, number>();
  private rank: Int32Array = new Int32Array(0);
  private dependents = new Map<string, number[]>();
  private values = new Map<string, Micro | null>();

  constructor(template: Template, content: DraftContent) {
    this.template = template;
    this.compiled = compileTemplate(template);
    this.content = { rows: { ...content.rows }, cells: { ...content.cells } };
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

  allFormulas(): readonly Formula[] {
    return this.formulas;
  }

  /** Every numeric cell key with a value (entered or derived). */
  numericKeys(): IterableIterator<string> {
    return this.values.keys();
  }

  // ------------------------------------------------------------------ editing

  /** Apply entered-cell edits (already validated) and recompute what depends on them. */
  apply(edits: CellEditByKey[]): ApplyResult {
    let structural = false;
    for (const { key, value } of edits) {
      if (value === null || value === '') delete this.content.cells[key];
      else this.content.cells[key] = value;
      const [table, , col] = key.split('!');
      if (this.compiled.structuralColumns.has(`${table}!${col}`)) structural = true;
    }
    if (structural) {
      const r = this.rebuildAndDiff();
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

  /** Entered cells and new row lists of one change (rows added or removed), with one rebuild. */
  applyWithRows(edits: CellEditByKey[], rows: Record<string, string[]>): ApplyResult {
    for (const { key, value } of edits) {
      if (value === null || value === '') delete this.content.cells[key];
      else this.content.cells[key] = value;
    }
    for (const [table, list] of Object.entries(rows)) this.content.rows[table] = [...list];
    return { ...this.rebuildAndDiff(), structural: true };
  }

  /** What differs in another model of the same draft (the one before a change): figures and shown rows. */
  differencesFrom(before: DraftModel): { changed: string[]; shown: string[] } {
    return { changed: diffValues(before.values, this.values), shown: changedTables(before.rowLists, this.rowLists) };
  }

  /** The shown rows and every figure, as a window receives them. */
  computedState(): ComputedState {
    return { rows: Object.fromEntries(this.rowLists), values: Object.fromEntries(this.values as Map<string, Micro>) };
  }

  private rebuildAndDiff(): { changed: string[]; shown: string[] } {
    const before = { values: this.values, rowLists: this.rowLists };
    this.rebuild();
    return { changed: diffValues(before.values, this.values), shown: changedTables(before.rowLists, this.rowLists) };
  }

  /** Rebuild rows and formulas from scratch and recompute every derived cell. */
  rebuild(): void {
    this.rowLists = this.computeRows();
    this.compile();
    this.values = new Map();
    const cells = this.content.cells;
    for (const key in cells) {
      // "table!row!col" → "table!col", without splitting every key of a large draft.
      if (!this.compiled.numericColumns.has(key.slice(0, key.indexOf('!')) + key.slice(key.lastIndexOf('!')))) continue;
      if (this.formulaOf.has(key)) continue;
      const v = parseStoredNumber(cells[key]);
      if (v !== null) this.values.set(key, v);
    }
    const order = this.formulas.map((_, i) => i).sort((a, b) => this.rank[a] - this.rank[b]);
    for (const i of order) this.setValue(this.formulas[i].target, this.evaluate(this.formulas[i]));
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
          queue.push(this.formulas[fi].target);
        }
      }
    }
    if (pending.size === 0) return [];
    const order = [...pending].sort((a, b) => this.rank[a] - this.rank[b]);
    const dirty = new Set(changedInputs);
    const changed: string[] = [];
    for (const fi of order) {
      const f = this.formulas[fi];
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

  private computeRows(): Map<string, string[]> {
    const lists = new Map<string, string[]>();
    const extraCodes = new Map<string, Set<string>>();
    for (const d of this.compiled.groupings) {
      const target = this.table(d.target.table);
      if (target.rows.kind !== 'coded') continue;
      const deepest = Math.max(...target.rows.levels);
      const set = extraCodes.get(d.target.table) ?? new Set<string>();
      for (const rec of this.content.rows[d.source] ?? []) {
        const code = this.trimmedText(d.source, rec, d.codeCol);
        if (code.length !== deepest || !/^\d+$/.test(code)) continue;
        if (!recordCounts(d, (col) => this.trimmedText(d.source, rec, col))) continue;
        set.add(code);
      }
      extraCodes.set(d.target.table, set);
    }
    for (const t of this.template.tables) {
      const model = t.rows;
      if (model.kind === 'fixed') {
        lists.set(t.id, model.rows.map((r) => r.id));
      } else if (model.kind === 'list') {
        const records = this.content.rows[t.id] ?? [];
        lists.set(t.id, model.totalRow ? [TOTAL_ROW, ...records] : [...records]);
      } else {
        const codes = new Set<string>();
        const add = (code: string) => {
          for (let c: string | null = code; c && !codes.has(c); c = parentCode(c, model.levels)) codes.add(c);
        };
        for (const code of this.content.rows[t.id] ?? []) add(code);
        for (const code of extraCodes.get(t.id) ?? []) add(code);
        lists.set(t.id, [TOTAL_ROW, ...[...codes].sort()]);
      }
    }
    return lists;
  }

  private trimmedText(table: string, row: string, col: string): string {
    return (this.content.cells[cellKey(table, row, col)] ?? '').trim();
  }

  /** The rows and entered text the compiled claims build their formulas from. */
  private rowSource(): RowSource {
    return {
      rows: (table) => this.rowLists.get(table) ?? [],
      records: (table) => (this.table(table).rows.kind === 'list' ? (this.rowLists.get(table) ?? []).filter((r) => r !== TOTAL_ROW) : this.content.rows[table] ?? []),
      text: (table, row, col) => this.trimmedText(table, row, col),
    };
  }

  private compile(): void {
    const formulas: Formula[] = [];
    const formulaOf = new Map<string, number>();
    const source = this.rowSource();
    // The first claim of a cell wins: rollups and grouped lists before row sums.
    for (const claim of this.compiled.claims) {
      const formula = claim.bind(source);
      for (const row of source.rows(claim.table)) {
        if (!claim.rows(row)) continue;
        for (const col of claim.cols) {
          const target = cellKey(claim.table, row, col);
          if (formulaOf.has(target)) continue;
          const spec = formula(row, col);
          if (!spec) continue;
          formulaOf.set(target, formulas.length);
          formulas.push(toFormula(target, spec));
        }
      }
    }
    this.formulas = formulas;
    this.formulaOf = formulaOf;
    this.dependents = new Map();
    formulas.forEach((f, i) => {
      for (const t of f.terms) {
        const list = this.dependents.get(t);
        if (list) list.push(i);
        else this.dependents.set(t, [i]);
      }
    });
    this.rank = topologicalRanks(formulas, formulaOf);
  }
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

function diffValues(before: Map<string, Micro | null>, after: Map<string, Micro | null>): string[] {
  const changed: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) changed.push(k);
  for (const k of before.keys()) if (!after.has(k)) changed.push(k);
  return changed;
}

function changedTables(a: Map<string, string[]>, b: Map<string, string[]>): string[] {
  const changed: string[] = [];
  for (const [t, rows] of b) {
    const other = a.get(t);
    if (!other || other.length !== rows.length || other.some((r, i) => r !== rows[i])) changed.push(t);
  }
  return changed;
}
