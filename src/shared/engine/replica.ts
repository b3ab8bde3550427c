import { cellKey, parseCellKey, TOTAL_ROW, type DraftContent } from '../draft';
import type { Micro } from '../money';
import type { ColumnKind, TableDef, Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { compileTemplate, toFormula, type CompiledTemplate, type Formula, type FormulaSpec, type RowSource } from './compiled';

/**
 * What a window reads of a draft: the rows shown, every figure (entered or computed), the
 * entered text, and which cells are computed and how. DraftModel (main, computing) and
 * DraftReplica (the window, applying main's results) both answer it.
 */
export interface DraftView extends ValueView {
  readonly template: Template;
  readonly content: DraftContent;
  table(id: string): TableDef;
  kindOf(table: string, col: string): ColumnKind | undefined;
  rows(table: string): string[];
  valueByKey(key: string): Micro | null;
  isDerived(key: string): boolean;
  formulaFor(key: string): Formula | undefined;
}

/** Main's computed view of a draft as it is sent to a window: shown rows and every figure. */
export interface ComputedState {
  rows: Record<string, string[]>;
  values: Record<string, Micro>;
}

/** The tables a window shows first: the first tab's table and the tables it holds (a project's indicators). */
export function firstShownTables(template: Template): string[] {
  const first = template.tables.find((t) => !t.hiddenTab);
  if (!first) return [];
  return [first.id, ...template.tables.filter((t) => t.parent?.table === first.id).map((t) => t.id)];
}

/**
 * The tables whose rows and figures the derived cells of `tables` read, with `tables`: a model
 * of these alone computes every figure of `tables` as the whole draft's model does.
 */
export function tablesFeeding(template: Template, tables: readonly string[]): string[] {
  const needed = new Set(tables);
  const claims = compileTemplate(template).claims;
  for (let grew = true; grew; ) {
    grew = false;
    for (const claim of claims) {
      if (!needed.has(claim.table)) continue;
      for (const t of claim.readsRowsOf) {
        if (needed.has(t)) continue;
        needed.add(t);
        grew = true;
      }
    }
  }
  return [...needed];
}

/** The part of a draft's content that shows `tables`: their rows and cells. */
export function contentPart(content: DraftContent, tables: readonly string[]): DraftContent {
  const wanted = new Set(tables);
  const cells: Record<string, string> = {};
  for (const key in content.cells) if (wanted.has(key.slice(0, key.indexOf('!')))) cells[key] = content.cells[key];
  const rows: Record<string, string[]> = {};
  for (const t of tables) if (content.rows[t]) rows[t] = content.rows[t];
  return { rows, cells };
}

/** What one change did to the computed view: shown row lists that changed, figures that changed (null: now blank). */
export interface ComputedDelta {
  shown: Record<string, string[]>;
  values: Record<string, Micro | null>;
}

/**
 * A read-only copy of main's computed view: it holds the figures main computed and applies
 * main's deltas; it has no means to compute a derived figure. The formula of a cell (for
 * the words on hover) is read from the compiled template over the shown rows.
 */
export class DraftReplica implements DraftView {
  readonly template: Template;
  readonly content: { rows: Record<string, string[]>; cells: Record<string, string> };
  private readonly compiled: CompiledTemplate;
  private readonly shown = new Map<string, string[]>();
  private readonly values = new Map<string, Micro>();
  private bound: Array<(row: string, col: string) => FormulaSpec | null> | null = null;

  /** Takes `content` as its own (the window's copy as it came from main): its cells are not copied again. */
  constructor(template: Template, content: DraftContent, state: ComputedState) {
    this.template = template;
    this.compiled = compileTemplate(template);
    this.content = { rows: {}, cells: {} };
    this.fill(content, state);
  }

  /** Take a whole newer copy of the draft in place of the one held (the rest of a draft opened in part). */
  fill(content: DraftContent, state: ComputedState): void {
    this.content.rows = { ...content.rows };
    this.content.cells = content.cells;
    this.shown.clear();
    for (const [t, rows] of Object.entries(state.rows)) this.shown.set(t, rows);
    this.values.clear();
    for (const [k, v] of Object.entries(state.values)) this.values.set(k, v);
    this.bound = null;
  }

  /** Apply one committed change: its entered cells and row lists, and main's computed delta. */
  apply(cells: Record<string, string | null>, rows: Record<string, string[]>, delta: ComputedDelta): void {
    for (const [key, value] of Object.entries(cells)) {
      if (value === null || value === '') delete this.content.cells[key];
      else this.content.cells[key] = value;
    }
    for (const [table, list] of Object.entries(rows)) this.content.rows[table] = [...list];
    for (const [table, list] of Object.entries(delta.shown)) this.shown.set(table, list);
    for (const [key, v] of Object.entries(delta.values)) {
      if (v === null) this.values.delete(key);
      else this.values.set(key, v);
    }
    if (Object.keys(delta.shown).length || Object.keys(rows).length) this.bound = null;
  }

  table(id: string): TableDef {
    return this.compiled.table(id);
  }

  kindOf(table: string, col: string): ColumnKind | undefined {
    return this.compiled.kindOf(table, col);
  }

  rows(table: string): string[] {
    return this.shown.get(table) ?? [];
  }

  value(table: string, row: string, col: string): Micro | null {
    return this.values.get(cellKey(table, row, col)) ?? null;
  }

  valueByKey(key: string): Micro | null {
    return this.values.get(key) ?? null;
  }

  text(table: string, row: string, col: string): string {
    return this.content.cells[cellKey(table, row, col)] ?? '';
  }

  /** Every figure held, by cell key (for comparing with main's). */
  figures(): ReadonlyMap<string, Micro> {
    return this.values;
  }

  isDerived(key: string): boolean {
    const { table, row, col } = parseCellKey(key);
    return this.compiled.isDerived(table, row, col);
  }

  /** The formula of a computed cell, as main's model builds it (first claim wins). */
  formulaFor(key: string): Formula | undefined {
    const { table, row, col } = parseCellKey(key);
    if (!this.rows(table).includes(row)) return undefined;
    const claims = this.compiled.claims;
    this.bound ??= claims.map((c) => c.bind(this.rowSource()));
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i];
      if (c.table !== table || !c.cols.includes(col) || !c.rows(row)) continue;
      const spec = this.bound[i](row, col);
      if (spec) return toFormula(key, spec);
    }
    return undefined;
  }

  private rowSource(): RowSource {
    return {
      rows: (table) => this.rows(table),
      records: (table) => (this.table(table).rows.kind === 'list' ? this.rows(table).filter((r) => r !== TOTAL_ROW) : (this.content.rows[table] ?? [])),
      text: (table, row, col) => this.text(table, row, col).trim(),
    };
  }
}
