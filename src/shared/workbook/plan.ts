import { cellKey, TOTAL_ROW, type DraftContent } from '../draft';
import { DraftModel, isNumericKind, parseStoredNumber } from '../engine/model';
import { convertUnit, MICRO_DIGITS, MICRO_PER_UNIT, toDecimalString, type Micro } from '../money';
import { tableByRole, tableUnit, type CellOperand, type TableDef, type Template } from '../template/types';
import { operandValue } from '../validation/operands';
import type { ValueView } from '../validation/types';
import { derivedCheck } from './derived';
import type { ImportedRow, ImportedWorkbook, SkippedRow } from './types';

/**
 * From what a workbook states to what a draft stores: the entered cells (leaf rows, entered
 * columns), the figures as printed (a ValueView the rules can check), and last year's
 * totals for the year-on-year table.
 */

export const NARRATIVE_TABLE = 'narrative';

/**
 * The figures exactly as the workbook prints them, totals included. Where the workbook
 * says nothing (a table it lacks, a row or column it does not print) the fallback view
 * answers: the figures recomputed from the workbook's own entries.
 */
export class StatedView implements ValueView {
  private fallback: ValueView | null = null;
  private readonly rowCache = new Map<string, string[]>();
  private readonly impliedCache = new Map<string, Micro | null>();

  constructor(
    private readonly template: Template,
    private readonly rowLists: Map<string, string[]>,
    private readonly numbers: Map<string, Micro>,
    private readonly texts: Map<string, string>,
    /** Per table: the rows and columns the workbook prints. */
    private readonly covered: Map<string, { rows: Set<string>; cols: Set<string> }>,
  ) {}

  markUnstated(key: string): void {
    this.unstated.add(key);
  }

  setFallback(view: ValueView): void {
    this.fallback = view;
    this.rowCache.clear();
    this.impliedCache.clear();
  }

  /** Cells the workbook prints as formulas without a saved result: it states nothing there. */
  private readonly unstated = new Set<string>();

  private states(table: string, row: string, col: string): boolean {
    const c = this.covered.get(table);
    return !!c && c.rows.has(row) && c.cols.has(col) && !(this.unstated.size && this.unstated.has(cellKey(table, row, col)));
  }

  rows(table: string): string[] {
    const cached = this.rowCache.get(table);
    if (cached) return cached;
    const own = this.rowLists.get(table);
    const other = this.fallback?.rows(table) ?? [];
    let rows = other;
    if (own) {
      const def = this.template.tables.find((t) => t.id === table);
      const all = new Set([...other, ...own]);
      const otherSet = new Set(other);
      rows = def?.rows.kind === 'coded' ? [TOTAL_ROW, ...[...all].filter((r) => r !== TOTAL_ROW).sort()] : [...other, ...own.filter((r) => !otherSet.has(r))];
    }
    this.rowCache.set(table, rows);
    return rows;
  }

  value(table: string, row: string, col: string): Micro | null {
    if (this.states(table, row, col)) return this.numbers.get(cellKey(table, row, col)) ?? null;
    const implied = this.impliedSum(table, row, col);
    if (implied !== undefined) return implied;
    return this.fallback?.value(table, row, col) ?? null;
  }

  /**
   * A 类/款 or 合计 row a coded table does not print, in a column it prints: the sum of the
   * rows below it as printed (a workbook of 项 rows only implies its totals). Undefined when
   * the question is not of that kind.
   */
  private impliedSum(table: string, row: string, col: string): Micro | null | undefined {
    const c = this.covered.get(table);
    const def = this.template.tables.find((t) => t.id === table);
    if (!c || !c.cols.has(col) || def?.rows.kind !== 'coded') return undefined;
    const levels = def.rows.levels;
    if (row !== TOTAL_ROW && row.length >= Math.max(...levels)) return undefined;
    const key = cellKey(table, row, col);
    if (this.impliedCache.has(key)) return this.impliedCache.get(key)!;
    let total: Micro | null = null;
    for (const child of this.rows(table)) {
      if (child === TOTAL_ROW) continue;
      const parent = row === TOTAL_ROW ? levels[0] === child.length : child.length === levels[levels.indexOf(row.length) + 1] && child.startsWith(row);
      if (!parent) continue;
      const v = this.value(table, child, col);
      if (v !== null) total = (total ?? 0) + v;
    }
    this.impliedCache.set(key, total);
    return total;
  }

  text(table: string, row: string, col: string): string {
    if (this.states(table, row, col)) return this.texts.get(cellKey(table, row, col)) ?? '';
    return this.fallback?.text(table, row, col) ?? '';
  }

  /** Keys of the figures the workbook prints. */
  numericKeys(): IterableIterator<string> {
    return this.numbers.keys();
  }

  /** The figures the workbook prints, by key. */
  numericEntries(): IterableIterator<[string, Micro]> {
    return this.numbers.entries();
  }
}

export interface MergedTable {
  tableId: string;
  rows: ImportedRow[];
  /** Columns the workbook prints for this table. */
  columns: Set<string>;
  /** Rows dropped while merging (a code twice), with the sheet they came from. */
  skipped: Array<SkippedRow & { sheet: string }>;
}

/** Rows of each table across sheets (a table continued on another sheet, one sheet per project). */
export function mergeTables(template: Template, wb: ImportedWorkbook): Map<string, MergedTable> {
  const out = new Map<string, MergedTable>();
  const seenRows = new Map<string, Set<string>>();
  for (const t of wb.tables) {
    const def = template.tables.find((d) => d.id === t.tableId);
    if (!def) continue;
    const merged = out.get(t.tableId) ?? { tableId: t.tableId, rows: [], columns: new Set<string>(), skipped: [] };
    // Form sheets (项目绩效目标表) print every field of their record.
    const printed = t.columns.length ? t.columns.map((c) => c.colId).filter((c): c is string => !!c) : def.columns.map((c) => c.id);
    for (const c of printed) merged.columns.add(c);
    const seen = seenRows.get(t.tableId) ?? new Set<string>();
    seenRows.set(t.tableId, seen);
    for (const row of t.rows) {
      if (def.rows.kind !== 'list' && seen.has(row.rowId)) {
        merged.skipped.push({ sheet: t.sheet, sheetRow: row.sheetRow, reason: `重复的行“${row.rowId === TOTAL_ROW ? '合计' : row.rowId}”，以先出现的为准` });
        continue;
      }
      seen.add(row.rowId);
      merged.rows.push(row);
    }
    out.set(t.tableId, merged);
  }
  return out;
}

export function statedView(template: Template, tables: Map<string, MergedTable>): StatedView {
  const rowLists = new Map<string, string[]>();
  const numbers = new Map<string, Micro>();
  const texts = new Map<string, string>();
  const covered = new Map<string, { rows: Set<string>; cols: Set<string> }>();
  for (const [tableId, merged] of tables) {
    const def = template.tables.find((d) => d.id === tableId)!;
    covered.set(tableId, { rows: new Set(merged.rows.map((r) => r.rowId)), cols: merged.columns });
    const kinds = new Map(def.columns.map((c) => [c.id, c.kind]));
    let rows = merged.rows.map((r) => r.rowId);
    if (def.rows.kind === 'coded') rows = [TOTAL_ROW, ...rows.filter((r) => r !== TOTAL_ROW).sort()];
    else if (def.rows.kind === 'list') rows = def.rows.totalRow ? [TOTAL_ROW, ...rows.filter((r) => r !== TOTAL_ROW)] : rows.filter((r) => r !== TOTAL_ROW);
    rowLists.set(tableId, rows);
    for (const row of merged.rows) {
      for (const [col, text] of Object.entries(row.values)) {
        const key = cellKey(tableId, row.rowId, col);
        const kind = kinds.get(col);
        if (kind && isNumericKind(kind)) {
          const v = canonicalMicro(text);
          if (v !== null) numbers.set(key, v);
        } else texts.set(key, text);
      }
    }
  }
  const view = new StatedView(template, rowLists, numbers, texts, covered);
  for (const [tableId, merged] of tables) {
    for (const row of merged.rows) for (const [col, f] of Object.entries(row.formulas ?? {})) if (!f.cached) view.markUnstated(cellKey(tableId, row.rowId, col));
  }
  return view;
}

export interface EnteredContent {
  content: DraftContent;
  /** Coded rows above the leaf level that have no leaf below them: their figures cannot be entered. */
  orphans: Array<{ table: string; code: string }>;
  /** How many cells content holds (counted while filling it: listing the keys of a large record is slow). */
  cellCount: number;
}

/** The entered cells of a draft that reproduces the workbook: leaf rows, entered columns only. */
export function enteredContent(template: Template, tables: Map<string, MergedTable>): EnteredContent {
  const isDerived = derivedCheck(template);
  const rows: Record<string, string[]> = {};
  const cells: Record<string, string> = {};
  const orphans: EnteredContent['orphans'] = [];
  let cellCount = 0;
  for (const [tableId, merged] of tables) {
    const def = template.tables.find((d) => d.id === tableId)!;
    // The 情况说明 of a workbook speaks of its own year's figures: a draft drafts its own text.
    if (tableId === NARRATIVE_TABLE) continue;
    let keep = merged.rows.filter((r) => r.rowId !== TOTAL_ROW);
    if (def.rows.kind === 'coded') {
      const deepest = Math.max(...def.rows.levels);
      // Every proper prefix of every code: the rows that have something below them.
      const parents = new Set<string>();
      for (const r of keep) for (const len of def.rows.levels) if (len < r.rowId.length) parents.add(r.rowId.slice(0, len));
      for (const r of keep) {
        if (r.rowId.length < deepest && !parents.has(r.rowId)) {
          if (Object.keys(r.values).some((k) => k !== 'name')) orphans.push({ table: tableId, code: r.rowId });
        }
      }
      keep = keep.filter((r) => r.rowId.length === deepest);
    }
    if (def.rows.kind !== 'fixed') rows[tableId] = keep.map((r) => r.rowId);
    // Only a row id seen before in this table (a list continued on another sheet) can repeat
    // a key: asking the record about every key would double the cost of filling it.
    const rowIds = new Set<string>();
    for (const r of keep) {
      const repeated = rowIds.size === rowIds.add(r.rowId).size;
      const prefix = cellKey(tableId, r.rowId, '');
      for (const col in r.values) {
        if (isDerived(tableId, r.rowId, col)) continue;
        const key = prefix + col;
        if (!repeated || !(key in cells)) cellCount++;
        cells[key] = r.values[col];
      }
    }
  }
  return { content: { rows, cells }, orphans, cellCount };
}

export interface Recomputed {
  /** The draft model of the entered content (every figure recomputed). */
  model: DraftModel;
  /** Derived figures the workbook states differently from what its entered figures give. */
  differences: Array<{ key: string; stated: Micro | null; computed: Micro | null }>;
}

/** Recompute the workbook's totals from its entries and list the ones it prints differently. */
export function recompute(template: Template, content: DraftContent, stated: StatedView): Recomputed {
  const model = new DraftModel(template, content);
  const differences: Recomputed['differences'] = [];
  for (const [key, s] of stated.numericEntries()) {
    if (!model.isDerived(key)) continue;
    const computed = model.valueByKey(key);
    if (computed !== s && !(s === 0 && computed === null)) differences.push({ key, stated: s, computed });
  }
  return { model, differences };
}

/**
 * Last year's figures for the 上年对比 table of `target`: the key figures (template.figures)
 * of a model built from last year's workbook, whatever its pack, in the target table's unit.
 * Keys are <priorYear table>!<row>!prior, values canonical text; a row whose figure last
 * year's layout does not name has no key (left blank, never a made-up zero).
 */
export function priorCells(target: Template, lastYear: DraftModel): Record<string, string> {
  const py = tableByRole(target, 'priorYear');
  if (!py || py.rows.kind !== 'fixed') return {};
  const source = lastYear.template;
  const sourcePy = tableByRole(source, 'priorYear');
  const to = tableUnit(target, py);
  const out: Record<string, string> = {};
  for (const row of py.rows.rows) {
    const op = source.figures[row.id];
    let v: Micro | null;
    if (op) {
      const table = source.tables.find((t) => t.id === operandTable(op));
      v = convertUnit(operandValue(lastYear, op), table ? tableUnit(source, table) : source.unitOfMeasure, to).value;
    } else if (sourcePy && source.id === target.id) v = lastYear.value(sourcePy.id, row.id, 'current');
    else continue;
    out[cellKey(py.id, row.id, 'prior')] = v === null ? '0' : toDecimalString(v);
  }
  return out;
}

function operandTable(op: CellOperand): string {
  return 'cell' in op ? op.cell.table : 'total' in op ? op.total.table : op.code.table;
}


/**
 * The entered cells of one pack's draft carried into another pack's template: tables by
 * role, coded rows by code (at the levels the target has), fixed rows by `line` (or id),
 * records by id, columns by id (ids mean the same column across packs), money converted to
 * the target table's unit. Cells the target derives are left to it.
 */
export function mapContent(from: Template, to: Template, content: DraftContent): DraftContent {
  if (from.id === to.id) return content;
  const isDerived = derivedCheck(to);
  const rows: Record<string, string[]> = {};
  const cells: Record<string, string> = {};
  const targetOf = new Map<string, TableDef>();
  for (const t of from.tables) {
    const target = t.role ? tableByRole(to, t.role) : undefined;
    if (target) targetOf.set(t.id, target);
  }
  const rowOf = (src: TableDef, dst: TableDef, row: string): string | null => {
    if (dst.rows.kind === 'coded') return src.rows.kind === 'coded' && dst.rows.levels.includes(row.length) ? row : null;
    if (dst.rows.kind === 'list') return src.rows.kind === 'list' ? row : null;
    if (src.rows.kind !== 'fixed') return null;
    const def = src.rows.rows.find((r) => r.id === row);
    const line = def?.line;
    return (line ? dst.rows.rows.find((r) => r.line === line)?.id : dst.rows.rows.find((r) => r.id === row)?.id) ?? null;
  };
  for (const [table, list] of Object.entries(content.rows)) {
    const src = from.tables.find((t) => t.id === table);
    const dst = targetOf.get(table);
    if (!src || !dst || dst.rows.kind === 'fixed') continue;
    const mapped = list.map((r) => rowOf(src, dst, r)).filter((r): r is string => r !== null);
    rows[dst.id] = [...new Set([...(rows[dst.id] ?? []), ...mapped])];
  }
  for (const [key, value] of Object.entries(content.cells)) {
    const [table, row, col] = key.split('!');
    const src = from.tables.find((t) => t.id === table);
    const dst = targetOf.get(table);
    if (!src || !dst) continue;
    const dstRow = rowOf(src, dst, row);
    const dstCol = dst.columns.find((c) => c.id === col);
    if (!dstRow || !dstCol || isDerived(dst.id, dstRow, col)) continue;
    let text = value;
    if (dstCol.kind === 'money') {
      const v = parseStoredNumber(value);
      if (v === null) continue;
      text = toDecimalString(convertUnit(v, tableUnit(from, src), tableUnit(to, dst)).value);
    }
    cells[cellKey(dst.id, dstRow, col)] = text;
  }
  return { rows, cells };
}

/** Micro-units of canonical decimal text ("409.3"), digit by digit; other text through the full parser. */
function canonicalMicro(text: string): Micro | null {
  const m = /^(-?)(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return parseStoredNumber(text);
  const micro = Number(m[2]) * MICRO_PER_UNIT + Number((m[3] ?? '').padEnd(MICRO_DIGITS, '0'));
  return m[1] && micro !== 0 ? -micro : micro;
}
