import { cellKey, TOTAL_ROW } from '../draft';
import type { CodeScheme, ColumnKind, Derivation, Operand, TableDef, TableRole, Template } from '../template/types';
import type { Check } from '../validation/rule-types';

/**
 * A template's derivations compiled once (per template object) into the one description
 * every consumer reads: the model builds its formulas from `claims`, the import asks
 * `isDerived` which cells a workbook states rather than enters, the grid and paste ask
 * `computedColumns`, and the rules turn every derivation into the equality it implies
 * (`equalities`). Nothing else interprets `template.derivations`.
 */

/** A formula before its terms are values: a signed sum of cell keys, or a rounded ratio. */
export type FormulaSpec =
  | { kind: 'sum'; terms: Array<[key: string, sign: number]> }
  | { kind: 'ratio'; numerator: string; denominator: string; decimals: number };

/** A formula over cell keys, as the model evaluates it. */
export type Formula =
  | { kind: 'sum'; target: string; terms: string[]; signs: Int8Array }
  | { kind: 'ratio'; target: string; terms: [numerator: string, denominator: string]; decimals: number };

export function toFormula(target: string, spec: FormulaSpec): Formula {
  if (spec.kind === 'ratio') return { kind: 'ratio', target, terms: [spec.numerator, spec.denominator], decimals: spec.decimals };
  return { kind: 'sum', target, terms: spec.terms.map((t) => t[0]), signs: Int8Array.from(spec.terms.map((t) => t[1])) };
}

/** What a claim reads of a draft to build its formulas: the rows shown and the entered text. */
export interface RowSource {
  rows(table: string): readonly string[];
  /** The records of a list table as entered (without its 合计 row). */
  records(table: string): readonly string[];
  /** Entered text of a cell, trimmed ('' when blank). */
  text(table: string, row: string, col: string): string;
}

/**
 * Cells of one table that one derivation computes: the `cols` of every shown row that
 * `rows` accepts. `bind` prepares, once per build of the model, the formula of each cell.
 */
export interface Claim {
  table: string;
  cols: readonly string[];
  rows: (row: string) => boolean;
  /** Tables whose row lists (or records' text) the formulas depend on, besides `table`. */
  readsRowsOf: readonly string[];
  bind(source: RowSource): (row: string, col: string) => FormulaSpec | null;
  /**
   * The tables whose rows and entered text `bind` reads, where they are fewer than `table`
   * and `readsRowsOf` (a grouping reads its records, not the coded rows it sums them into):
   * a binding is kept while none of them changes.
   */
  bindReads?: readonly string[];
  /**
   * For claims whose formula of a row reads only some rows: the rows of `table` this row (or
   * record) of `table` feeds, besides a row of the claim's own table feeding itself. A row
   * change then rebuilds the formulas of the rows fed by the rows added, removed or regrouped
   * alone. Absent: a row change rebuilds every formula of the claim.
   */
  feeds?(table: string, row: string, source: RowSource): readonly string[];
  derivation: Derivation;
}

/** The check a derivation implies between stated figures (a workbook states its sums). */
export interface Equality {
  derivation: Derivation;
  /** Index of the derivation in the template (a stable part of generated rule ids). */
  index: number;
  check: Extract<Check, { kind: 'rollup' | 'rowSum' | 'equal' | 'classRows' }>;
}

export type GroupByCode = Extract<Derivation, { kind: 'groupByCode' }>;

export interface CompiledTemplate {
  template: Template;
  table(id: string): TableDef;
  kindOf(table: string, col: string): ColumnKind | undefined;
  /** "table!col" of every numeric column. */
  numericColumns: ReadonlySet<string>;
  /** "table!col" of text columns whose edits change which rows or terms exist (codes, filters). */
  structuralColumns: ReadonlySet<string>;
  /** Derivations that sum records into a coded table by code (they add its rows). */
  groupings: readonly GroupByCode[];
  /** In claiming order: the first claim of a cell wins (rollups, then grouped lists, then the rest). */
  claims: readonly Claim[];
  /** Whether the template computes this cell (answered from the derivations alone, any rows). */
  isDerived(table: string, row: string, col: string): boolean;
  /** Indexes in `claims` of the claims of a column, in claiming order. */
  claimsOf(table: string, col: string): readonly number[];
  /** Columns computed in every row of a table (a row not added yet has them too). */
  computedColumns(table: string): ReadonlySet<string>;
  /** Where a list's code column takes its codes from, and which code lengths it accepts. */
  codeColumn(table: string, col: string): { scheme: CodeScheme; levels: number[] | null };
  /** The equalities the derivations imply, for checking stated figures (an imported workbook). */
  equalities: readonly Equality[];
}

const cache = new WeakMap<Template, CompiledTemplate>();

/** The compiled form of a template, built once per template object. */
export function compileTemplate(template: Template): CompiledTemplate {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = build(template);
    cache.set(template, compiled);
  }
  return compiled;
}

/** The parent code of a code in a hierarchy of code lengths (e.g. [3,5,7]), or null for a 类. */
export function parentCode(code: string, levels: number[]): string | null {
  const i = levels.indexOf(code.length);
  return i > 0 ? code.slice(0, levels[i - 1]) : null;
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['money', 'quantity', 'percent']);

export function isNumericKind(kind: ColumnKind): boolean {
  return NUMERIC.has(kind);
}

/** Whether a record of a filtered list counts: its `where` holds and its `except` does not. */
export function recordCounts(
  filter: { where?: { col: string; equals: string }; except?: { col: string; equals: string } },
  text: (col: string) => string,
): boolean {
  if (filter.where && text(filter.where.col) !== filter.where.equals) return false;
  return !(filter.except && text(filter.except.col) === filter.except.equals);
}

/**
 * The cell keys an operand stands for in the current rows, with their sign: a missing coded
 * row is none (zero); a list operand is every counting record.
 */
export function operandKeys(op: Operand, source: RowSource): string[] {
  if ('cell' in op) return [cellKey(op.cell.table, op.cell.row, op.cell.col)];
  if ('total' in op) return [cellKey(op.total.table, TOTAL_ROW, op.total.col)];
  if ('code' in op) return source.rows(op.code.table).includes(op.code.code) ? [cellKey(op.code.table, op.code.code, op.code.col)] : [];
  const { table, col } = op.list;
  return source
    .records(table)
    .filter((rec) => recordCounts(op.list, (c) => source.text(table, rec, c)))
    .map((rec) => cellKey(table, rec, col));
}

function operandTable(op: Operand): string {
  if ('cell' in op) return op.cell.table;
  if ('total' in op) return op.total.table;
  if ('code' in op) return op.code.table;
  return op.list.table;
}

/** Text columns of list operands' filters: editing them moves a record in or out of a sum. */
function operandFilterColumns(op: Operand): string[] {
  if (!('list' in op)) return [];
  return [op.list.where?.col, op.list.except?.col].filter((c): c is string => !!c).map((c) => `${op.list.table}!${c}`);
}

function sumOf(terms: Array<[string, number]>): FormulaSpec {
  return { kind: 'sum', terms };
}

function build(template: Template): CompiledTemplate {
  const tables = new Map(template.tables.map((t) => [t.id, t]));
  const table = (id: string): TableDef => {
    const t = tables.get(id);
    if (!t) throw new Error(`模板中没有表 ${id}`);
    return t;
  };
  const kinds = new Map(template.tables.map((t) => [t.id, new Map(t.columns.map((c) => [c.id, c.kind]))]));
  const numericColumns = new Set<string>();
  for (const t of template.tables) for (const c of t.columns) if (NUMERIC.has(c.kind)) numericColumns.add(`${t.id}!${c.id}`);

  const groupings = template.derivations.filter((d): d is GroupByCode => d.kind === 'groupByCode');
  const structuralColumns = new Set<string>();
  for (const d of groupings) {
    structuralColumns.add(`${d.source}!${d.codeCol}`);
    if (d.where) structuralColumns.add(`${d.source}!${d.where.col}`);
    if (d.except) structuralColumns.add(`${d.source}!${d.except.col}`);
  }
  for (const d of template.derivations) {
    const ops = d.kind === 'cell' ? d.sum.map((t) => t.of) : d.kind === 'ratio' ? [d.numerator, d.denominator] : [];
    for (const op of ops) for (const c of operandFilterColumns(op)) structuralColumns.add(c);
  }

  const priority = (d: Derivation) => (d.kind === 'rollup' ? 0 : d.kind === 'groupByCode' ? 1 : 2);
  const ordered = [...template.derivations].sort((a, b) => priority(a) - priority(b));
  const claims = ordered.flatMap((d) => claimsOf(d, table));

  // By table, then column: asked for every cell a workbook brings, a key spelt per call cost more than the answer.
  const byColumn = new Map<string, Map<string, number[]>>();
  claims.forEach((c, ci) => {
    let columns = byColumn.get(c.table);
    if (!columns) byColumn.set(c.table, (columns = new Map()));
    for (const col of c.cols) {
      const list = columns.get(col);
      if (list) list.push(ci);
      else columns.set(col, [ci]);
    }
  });
  const none: readonly number[] = [];
  const computed = new Map<string, Set<string>>();
  for (const d of template.derivations) {
    const add = (t: string, col: string) => computed.set(t, (computed.get(t) ?? new Set()).add(col));
    if (d.kind === 'rowSum' && !d.rows) add(d.table, d.target);
    if (d.kind === 'groupByCode') add(d.target.table, d.target.col);
  }
  const noColumns: ReadonlySet<string> = new Set();

  return {
    template,
    table,
    kindOf: (t, col) => kinds.get(t)?.get(col),
    numericColumns,
    structuralColumns,
    groupings,
    claims,
    isDerived(t, row, col) {
      const indexes = byColumn.get(t)?.get(col);
      if (!indexes) return false;
      for (const ci of indexes) if (claims[ci].rows(row)) return true;
      return false;
    },
    claimsOf: (t, col) => byColumn.get(t)?.get(col) ?? none,
    computedColumns: (t) => computed.get(t) ?? noColumns,
    codeColumn(t, col) {
      const d = groupings.find((g) => g.source === t && g.codeCol === col);
      const target = d && tables.get(d.target.table);
      if (target?.rows.kind === 'coded') return { scheme: target.rows.scheme, levels: [Math.max(...target.rows.levels)] };
      return { scheme: /economic/i.test(col) ? 'economic' : 'function', levels: null };
    },
    equalities: template.derivations.flatMap((d, i) => equalityOf(d, i, template)),
  };
}

/** The cells one derivation computes and how. */
function claimsOf(d: Derivation, table: (id: string) => TableDef): Claim[] {
  switch (d.kind) {
    case 'rollup': {
      const rows = table(d.table).rows;
      if (rows.kind !== 'coded') throw new Error(`rollup 只适用于科目表：${d.table}`);
      const deepest = Math.max(...rows.levels);
      return [
        {
          derivation: d,
          table: d.table,
          cols: d.columns,
          rows: (row) => row === TOTAL_ROW || row.length < deepest,
          readsRowsOf: [],
          feeds: (t, row) => (t === d.table && row !== TOTAL_ROW ? [parentCode(row, rows.levels) ?? TOTAL_ROW] : []),
          bind(source) {
            const children = new Map<string, string[]>();
            for (const code of source.rows(d.table)) {
              if (code === TOTAL_ROW) continue;
              const parent = parentCode(code, rows.levels) ?? TOTAL_ROW;
              const list = children.get(parent);
              if (list) list.push(code);
              else children.set(parent, [code]);
            }
            return (row, col) => sumOf((children.get(row) ?? []).map((c) => [cellKey(d.table, c, col), 1]));
          },
        },
      ];
    }
    case 'rowSum': {
      const def = table(d.table);
      const only = d.rows ? new Set(d.rows) : def.rows.kind === 'fixed' ? new Set(def.rows.rows.map((r) => r.id)) : null;
      const isList = def.rows.kind === 'list';
      const parts = d.parts.map((p): [string, number] => (typeof p === 'string' ? [p, 1] : [p.col, p.sign]));
      return [
        {
          derivation: d,
          table: d.table,
          cols: [d.target],
          rows: only ? (row) => only.has(row) : isList ? (row) => row !== TOTAL_ROW : () => true,
          readsRowsOf: [],
          feeds: () => [],
          bind: () => (row) => sumOf(parts.map(([col, sign]) => [cellKey(d.table, row, col), sign])),
        },
      ];
    }
    case 'listTotal':
      return [
        {
          derivation: d,
          table: d.table,
          cols: d.columns,
          rows: (row) => row === TOTAL_ROW,
          readsRowsOf: [],
          bind: (source) => (_row, col) => sumOf(source.records(d.table).map((r) => [cellKey(d.table, r, col), 1])),
        },
      ];
    case 'cell':
      return [
        {
          derivation: d,
          table: d.table,
          cols: [d.col],
          rows: (row) => row === d.row,
          readsRowsOf: [...new Set(d.sum.map((t) => operandTable(t.of)))],
          bind: (source) => () => sumOf(d.sum.flatMap((t) => operandKeys(t.of, source).map((k): [string, number] => [k, t.sign ?? 1]))),
        },
      ];
    case 'ratio':
      return [
        {
          derivation: d,
          table: d.table,
          cols: [d.col],
          rows: (row) => row === d.row,
          readsRowsOf: [operandTable(d.numerator), operandTable(d.denominator)],
          bind: (source) => () => {
            const [numerator] = operandKeys(d.numerator, source);
            const [denominator] = operandKeys(d.denominator, source);
            return numerator && denominator ? { kind: 'ratio', numerator, denominator, decimals: d.decimals } : null;
          },
        },
      ];
    case 'byClass': {
      const def = table(d.table);
      if (def.rows.kind !== 'fixed') return [];
      const codeOf = new Map(def.rows.rows.filter((r) => r.code).map((r) => [r.id, r.code!]));
      return [
        {
          derivation: d,
          table: d.table,
          cols: [d.col],
          rows: (row) => codeOf.has(row),
          readsRowsOf: [d.source.table],
          bind: (source) => (row) =>
            sumOf(operandKeys({ code: { table: d.source.table, code: codeOf.get(row)!, col: d.source.col } }, source).map((k) => [k, 1])),
        },
      ];
    }
    case 'groupByCode': {
      const target = table(d.target.table);
      if (target.rows.kind !== 'coded') return [];
      const deepest = Math.max(...target.rows.levels);
      return [
        {
          derivation: d,
          table: d.target.table,
          cols: [d.target.col],
          rows: (row) => row !== TOTAL_ROW && row.length === deepest,
          readsRowsOf: [d.source],
          bindReads: [d.source],
          feeds: (t, rec, source) => (t === d.source ? [source.text(d.source, rec, d.codeCol)] : []),
          bind(source) {
            const byCode = new Map<string, Array<[string, number]>>();
            for (const rec of source.records(d.source)) {
              if (!recordCounts(d, (c) => source.text(d.source, rec, c))) continue;
              const code = source.text(d.source, rec, d.codeCol);
              const list = byCode.get(code);
              const term: [string, number] = [cellKey(d.source, rec, d.valueCol), 1];
              if (list) list.push(term);
              else byCode.set(code, [term]);
            }
            return (row) => sumOf(byCode.get(row) ?? []);
          },
        },
      ];
    }
  }
}

/** What a list table's records are called in a finding (各项目之和). */
const RECORD_WORDS: Partial<Record<TableRole, string>> = { projects: '项目', procurement: '采购项目' };

/** The equality a derivation implies between stated figures; none for a rounded rate. */
function equalityOf(d: Derivation, index: number, template: Template): Equality[] {
  const of = (check: Equality['check']): Equality[] => [{ derivation: d, index, check }];
  switch (d.kind) {
    case 'rollup': {
      // The 合计 columns of the table roll up too: include the targets of its row sums.
      const targets = template.derivations.flatMap((x) => (x.kind === 'rowSum' && x.table === d.table ? [x.target] : []));
      return of({ kind: 'rollup', table: d.table, columns: [...new Set([...targets, ...d.columns])] });
    }
    case 'rowSum': {
      const parts = d.parts.filter((p): p is string => typeof p === 'string');
      // A signed row sum (a difference) is stated as printed: no check of its own.
      return parts.length === d.parts.length ? of({ kind: 'rowSum', table: d.table, target: d.target, parts, rows: d.rows }) : [];
    }
    case 'listTotal': {
      const role = template.tables.find((t) => t.id === d.table)?.role;
      const records = (role && RECORD_WORDS[role]) ?? '行';
      return of({
        kind: 'equal',
        equations: d.columns.map((col) => ({ left: [{ of: { total: { table: d.table, col } } }], right: [{ of: { list: { table: d.table, col } } }], rightLabel: `各${records}之和` })),
      });
    }
    case 'cell':
      return of({
        kind: 'equal',
        equations: [{ left: [{ of: { cell: { table: d.table, row: d.row, col: d.col } } }], right: d.sum.map((t) => ({ of: t.of, sign: t.sign })), rightLabel: d.label }],
      });
    case 'byClass':
      return of({ kind: 'classRows', table: d.table, col: d.col, source: { ...d.source } });
    case 'groupByCode':
      return of({
        kind: 'equal',
        equations: [{ left: [{ of: { total: { table: d.target.table, col: d.target.col } } }], right: [{ of: { list: { table: d.source, col: d.valueCol, where: d.where, except: d.except } } }] }],
      });
    case 'ratio':
      return []; // a rate is rounded: no equality to hold
  }
}
