import { cellKey, internKeys, TOTAL_ROW, type DraftContent } from '../draft';
import { DraftModel, parseStoredNumber } from '../engine/model';
import { toDecimalString, type Micro } from '../money';
import { tableByRole, tableUnit, type TableDef, type Template } from '../template/types';
import { compileTemplate, type CompiledTemplate } from '../engine/compiled';
import { needsUnitModel } from './derived';
import { eliminateTransfers } from './eliminate';
import { converter, fixedRowMap, isConsolidated, sharedColumns } from './mapping';
import type { ConsolidationResult, UnitBudget, UnitDetail } from './types';

/** A unit's numeric cell: its stored figure, or its model's value when the unit is computed. */
type Reader = (table: string, row: string, col: string) => Micro | null;

/**
 * 部门汇总: the department's tables computed from its units' figures, exactly (integer
 * micro-units), code by code and column by column. Each unit's entered figures are read as
 * they are stored (its model is built only when the department enters a figure the unit's
 * pack derives: ./derived), matched to the department's tables by role, fixed rows by
 * line/code, columns by id; only cells the department's template enters are written, the
 * department's derived cells then follow from its own derivations. Transfers between units of
 * the department are eliminated (./eliminate); lists (projects, indicators, procurement …) are
 * gathered with their records renamed per unit; the 机构设置 table is the list of units.
 */
export function consolidate(department: Template, units: UnitBudget[], own: DraftContent = { rows: {}, cells: {} }): ConsolidationResult {
  const problems: string[] = [];
  const sums = new Map<string, Micro>();
  /** The department's text cells by key: they become its content's cells (one record, not a map copied into one). */
  const texts: Record<string, string> = {};
  const rows = new Map<string, Set<string>>();
  /** Codes a unit fills as a leaf, by department table: a code another unit fills below cannot be shown. */
  const leafCodes = new Map<string, Map<string, string>>();
  let rounded = 0;
  const add = (key: string, v: Micro) => sums.set(key, (sums.get(key) ?? 0) + v);
  // The department's keys, spelt once for all the units.
  const keyOf = internKeys();
  const rowSet = (table: string) => {
    let s = rows.get(table);
    if (!s) rows.set(table, (s = new Set()));
    return s;
  };

  const detail = emptyDetail(department);
  const spendingTable = tableByRole(department, 'spending');
  const compiled = compileTemplate(department);

  units.forEach((unit, i) => {
    const model = unit.model ?? (needsUnitModel(department, unit.template) ? new DraftModel(unit.template, unit.content) : null);
    const read: Reader = model ? (t, r, c) => model.value(t, r, c) : (t, r, c) => parseStoredNumber(unit.content.cells[cellKey(t, r, c)]);
    // Without a model a row's cells are found among the unit's entered cells, not column by column.
    const stored = model ? null : cellsByRow(unit.content, rowedTables(unit.template));
    const tag = `u${i + 1}-`;
    /** This unit's figures in the department's spending table (leaf rows, entered columns), for its detail row. */
    const spendingLeaves: Record<string, Micro> = {};
    const missing: string[] = [];
    for (const table of department.tables) {
      if (!isConsolidated(table) || table.role === 'org' || table.parent) continue;
      const source = tableByRole(unit.template, table.role!);
      if (!source) {
        if (table.published) missing.push(table.title);
        continue;
      }
      const convert = converter(tableUnit(unit.template, source), tableUnit(department, table));
      /** A figure of the unit in the department's unit of measure; `raw`: its stored text when already at hand. */
      const value = (row: string, col: string, raw?: string): Micro | null => {
        const v = raw === undefined ? read(source.id, row, col) : parseStoredNumber(raw);
        if (v === null) return null;
        const c = convert(v);
        if (c.rounded) rounded++;
        return c.value;
      };
      const shared = sharedColumns(table, source);
      const text = shared.text;
      // The department's derived cells follow from its own derivations: never summed.
      const numeric = shared.numeric.filter((col) => !compiled.computedColumns(table.id).has(col));
      if (table.rows.kind === 'fixed') {
        for (const [deptRow, unitRow] of fixedRowMap(table, source)) {
          for (const col of numeric) {
            if (compiled.isDerived(table.id, deptRow, col)) continue;
            const v = value(unitRow, col);
            if (v !== null) add(cellKey(table.id, deptRow, col), v);
          }
        }
      } else if (table.rows.kind === 'coded') {
        if (source.rows.kind !== 'coded') continue;
        const levels = table.rows.levels;
        const numericCols = new Set(numeric);
        const list = rowSet(table.id);
        for (const code of unit.content.rows[source.id] ?? []) if (levels.includes(code.length)) list.add(code);
        const shown = model ? model.rows(source.id) : sorted(unit.content.rows[source.id] ?? []);
        let leaves = leafCodes.get(table.id);
        if (!leaves) leafCodes.set(table.id, (leaves = new Map()));
        for (let r = 0; r < shown.length; r++) {
          const code = shown[r];
          if (code === TOTAL_ROW) continue;
          const next = shown[r + 1];
          if (next && next.length > code.length && next.startsWith(code)) continue; // a parent: the sum of its children
          if (!levels.includes(code.length)) {
            problems.push(`${unit.profile.name}：“${table.title}”的科目 ${code} 不是本部门模板的科目级次，未汇总`);
            continue;
          }
          const cells = stored ? stored.get(source.id)?.get(code) : undefined;
          if (stored && !cells) continue;
          let any = false;
          const cols = cells ?? numeric;
          const step = cells ? 2 : 1;
          for (let c = 0; c < cols.length; c += step) {
            const col = cols[c];
            if (!numericCols.has(col)) continue;
            const v = value(code, col, cells ? cells[c + 1] : undefined);
            if (v !== null) {
              add(keyOf(table.id, code, col), v);
              if (table === spendingTable) spendingLeaves[col] = (spendingLeaves[col] ?? 0) + v;
              any = true;
            }
          }
          if (any) {
            list.add(code);
            if (!leaves.has(code)) leaves.set(code, unit.profile.name);
          }
          for (const col of text) {
            const t = cells ? cellIn(cells, col.id) : unit.content.cells[cellKey(source.id, code, col.id)];
            if (!t) continue;
            const key = keyOf(table.id, code, col.id);
            texts[key] ??= t;
          }
        }
      } else {
        gatherList(department, compiled, table, unit, stored, read, tag, rowSet, add, texts, value);
      }
    }
    if (missing.length) problems.push(`${unit.profile.name}的模板中没有：${missing.join('、')}，这些表未汇总该单位`);
    const totals = spendingTable ? spendingTotals(department, spendingTable, spendingLeaves, tag, sums, texts, rows) : () => null;
    detail.units.push({ code: unit.profile.code, name: unit.profile.name, values: Object.fromEntries(detail.columns.map(({ id }) => [id, totals(id)])) });
  });

  // 机构设置: one row per unit, from the department's list of units.
  const org = tableByRole(department, 'org');
  if (org) {
    const list = rowSet(org.id);
    units.forEach((unit, i) => {
      const row = `u${i + 1}`;
      list.add(row);
      const p = unit.profile as unknown as Record<string, string>;
      for (const [col, field] of [['name', 'name'], ['nature', 'nature'], ['rank', 'rank'], ['funding', 'funding']] as const) {
        if (org.columns.some((c) => c.id === col) && p[field]) texts[cellKey(org.id, row, col)] = p[field];
      }
    });
  }

  // Codes filled as a leaf by one unit and below by another: the department shows the lower level only.
  for (const [table, leaves] of leafCodes) {
    const all = [...(rows.get(table) ?? [])];
    const def = department.tables.find((t) => t.id === table)!;
    for (const [code, who] of leaves) {
      if (all.some((c) => c.length > code.length && c.startsWith(code))) {
        problems.push(`“${def.title}”：${who}在科目 ${code} 填列，其他单位在其下级科目填列；部门表只能按下级科目汇总，${code} 本级的金额未计入，请统一科目级次`);
      }
    }
  }
  if (rounded) problems.push(`${rounded} 个金额换算计量单位时按四舍五入取整到百万分之一`);

  const eliminations = eliminateTransfers(department, sums);

  // The department's own tables (text, 上年对比) are kept; the rest comes from the units.
  const content: DraftContent = { rows: {}, cells: texts };
  const consolidated = new Set(department.tables.filter(isConsolidated).map((t) => t.id));
  for (const [table, list] of Object.entries(own.rows)) if (!consolidated.has(table)) content.rows[table] = [...list];
  for (const [key, value] of Object.entries(own.cells)) if (!consolidated.has(key.slice(0, key.indexOf('!')))) content.cells[key] = value;
  for (const [table, list] of rows) {
    if (list.size === 0) continue;
    const def = department.tables.find((t) => t.id === table)!;
    content.rows[table] = def.rows.kind === 'coded' ? [...list].sort() : [...list];
  }
  for (const [key, v] of sums) content.cells[key] = toDecimalString(v);

  fillDetail(detail, eliminations);
  // The department's model is built when asked for (the service builds its own as it stores the content).
  let model: DraftModel | undefined;
  return {
    content,
    get model() {
      return (model ??= new DraftModel(department, content));
    },
    eliminations,
    detail,
    unitCount: units.length,
    problems,
  };
}

/** A list table's records of one unit, renamed `u<n>-<id>`; child records follow their parent's new id. */
function gatherList(
  department: Template,
  compiled: CompiledTemplate,
  table: TableDef,
  unit: UnitBudget,
  stored: CellsByRow | null,
  read: Reader,
  tag: string,
  rowSet: (table: string) => Set<string>,
  add: (key: string, v: Micro) => void,
  texts: Record<string, string>,
  value: (row: string, col: string, raw?: string) => Micro | null,
): void {
  const source = tableByRole(unit.template, table.role!)!;
  if (source.rows.kind !== 'list') return;
  const gather = (dept: TableDef, src: TableDef, value: (row: string, col: string, raw?: string) => Micro | null) => {
    const shared = sharedColumns(dept, src);
    const numeric = shared.numeric.filter((col) => !compiled.computedColumns(dept.id).has(col));
    const numericCols = new Set(numeric);
    const textCols = new Set(shared.text.map((c) => c.id));
    const list = rowSet(dept.id);
    const records = stored?.get(src.id);
    const columns = [...numeric, ...textCols];
    const put = (row: string, col: string, raw: string | undefined, rec: string) => {
      if (numericCols.has(col)) {
        const v = value(rec, col, raw);
        if (v !== null) add(cellKey(dept.id, row, col), v);
      } else if (textCols.has(col)) {
        const t = raw ?? unit.content.cells[cellKey(src.id, rec, col)];
        if (t) texts[cellKey(dept.id, row, col)] = dept.parent?.col === col ? tag + t : t;
      }
    };
    for (const rec of unit.content.rows[src.id] ?? []) {
      const row = tag + rec;
      list.add(row);
      // A record's cells as stored (the few it has), else column by column from its model.
      if (stored) {
        const cells = records?.get(rec) ?? [];
        for (let c = 0; c < cells.length; c += 2) put(row, cells[c], cells[c + 1], rec);
      } else for (const col of columns) put(row, col, undefined, rec);
    }
  };
  gather(table, source, value);
  // Child lists (indicators of projects) go with their parent records.
  for (const child of department.tables) {
    if (child.parent?.table !== table.id || !child.role) continue;
    const childSource = tableByRole(unit.template, child.role);
    if (!childSource || childSource.rows.kind !== 'list') continue;
    const convert = converter(tableUnit(unit.template, childSource), tableUnit(department, child));
    gather(child, childSource, (row, col, raw) => {
      const v = raw === undefined ? read(childSource.id, row, col) : parseStoredNumber(raw);
      return v === null ? null : convert(v).value;
    });
  }
}

function emptyDetail(department: Template): UnitDetail {
  const spending = tableByRole(department, 'spending');
  const columns = (spending?.columns ?? []).filter((c) => c.kind === 'money').map((c) => ({ id: c.id, label: c.header[c.header.length - 1] }));
  return { columns, units: [], sum: {}, eliminated: {}, department: {} };
}

/**
 * A unit's figures in the 合计 row of the department's spending table, column by column, from
 * what it contributed: entered columns are the sum of its leaf rows (the 合计 is the rollup of
 * the leaves); a column grouped from a list sums the unit's matching records; a row-sum column
 * sums its parts. Other derived columns are left blank.
 */
function spendingTotals(
  department: Template,
  spending: TableDef,
  leaves: Record<string, Micro>,
  tag: string,
  sums: Map<string, Micro>,
  texts: Record<string, string>,
  records: Map<string, Set<string>>,
): (col: string) => Micro | null {
  const text = (table: string, row: string, col: string) => (texts[cellKey(table, row, col)] ?? '').trim();
  const own = new Map<string, string[]>();
  const ownRecords = (table: string) => {
    let list = own.get(table);
    if (!list) own.set(table, (list = [...(records.get(table) ?? [])].filter((row) => row.startsWith(tag))));
    return list;
  };
  /** A record's figure: entered, or the row sum of its parts (a project's 合计). */
  const recordValue = (table: string, row: string, col: string, depth = 0): Micro | null => {
    const entered = sums.get(cellKey(table, row, col));
    if (entered !== undefined || depth > 8) return entered ?? null;
    const rowSum = department.derivations.find((d) => d.kind === 'rowSum' && d.table === table && d.target === col && (!d.rows || d.rows.includes(row)));
    if (rowSum?.kind !== 'rowSum') return null;
    return signedSum(rowSum.parts, (part) => recordValue(table, row, part, depth + 1));
  };
  const total = (col: string, depth = 0): Micro | null => {
    if (depth > 8) return null;
    const groups = department.derivations.filter((d) => d.kind === 'groupByCode' && d.target.table === spending.id && d.target.col === col);
    if (groups.length) {
      let sum: Micro | null = null;
      for (const d of groups) {
        if (d.kind !== 'groupByCode') continue;
        for (const row of ownRecords(d.source)) {
          if (!text(d.source, row, d.codeCol)) continue;
          if (d.where && text(d.source, row, d.where.col) !== d.where.equals) continue;
          if (d.except && text(d.source, row, d.except.col) === d.except.equals) continue;
          const v = recordValue(d.source, row, d.valueCol);
          if (v !== null) sum = (sum ?? 0) + v;
        }
      }
      return sum;
    }
    const rowSum = department.derivations.find((d) => d.kind === 'rowSum' && d.table === spending.id && d.target === col && !d.rows);
    if (rowSum?.kind === 'rowSum') return signedSum(rowSum.parts, (part) => total(part, depth + 1));
    if (compileTemplate(department).computedColumns(spending.id).has(col)) return null;
    return leaves[col] ?? null;
  };
  return total;
}

/** Σ sign × part over a row sum's parts; null when no part has a figure. */
function signedSum(parts: Array<string | { col: string; sign: -1 }>, value: (col: string) => Micro | null): Micro | null {
  let sum: Micro | null = null;
  for (const part of parts) {
    const [col, sign] = typeof part === 'string' ? [part, 1] : [part.col, part.sign];
    const v = value(col);
    if (v !== null) sum = (sum ?? 0) + sign * v;
  }
  return sum;
}

/** The detail's sum over the units, what was eliminated, and the department's (sum − eliminated). */
function fillDetail(detail: UnitDetail, eliminations: ConsolidationResult['eliminations']): void {
  const plus = (a: Micro | null | undefined, b: Micro | null | undefined) => (a === null || a === undefined ? (b ?? null) : a + (b ?? 0));
  for (const { id } of detail.columns) {
    detail.sum[id] = detail.units.reduce<Micro | null>((sum, u) => plus(sum, u.values[id]), null);
    detail.eliminated[id] = null;
  }
  let all = 0;
  for (const e of eliminations) {
    if (!e.eliminated || !(e.spendingColumn in detail.eliminated)) continue;
    detail.eliminated[e.spendingColumn] = (detail.eliminated[e.spendingColumn] ?? 0) + e.eliminated;
    all += e.eliminated;
  }
  if (all && 'total' in detail.eliminated) detail.eliminated.total = all;
  for (const { id } of detail.columns) {
    const sum = detail.sum[id];
    const left = sum === null ? null : sum - (detail.eliminated[id] ?? 0);
    detail.department[id] = left === 0 && sum !== 0 ? null : left;
  }
}

/** Codes in order (a parent before its children); stored lists usually are already. */
function sorted(codes: string[]): string[] {
  for (let i = 1; i < codes.length; i++) if (codes[i - 1] > codes[i]) return [...codes].sort();
  return codes;
}

const rowed = new WeakMap<Template, Set<string>>();

/** Tables whose cells are read row by row: coded rows and lists (a fixed table has few cells, read by its row map). */
function rowedTables(template: Template): Set<string> {
  let set = rowed.get(template);
  if (!set) rowed.set(template, (set = new Set(template.tables.filter((t) => t.rows.kind !== 'fixed').map((t) => t.id))));
  return set;
}

/** A row's entered cells: column, stored text, column, stored text … (a row has few). */
type RowCells = string[];

/** Table → row → its cells. */
type CellsByRow = Map<string, Map<string, RowCells>>;

/** The stored text of a row's column, if entered. */
function cellIn(cells: RowCells, col: string): string | undefined {
  for (let i = 0; i < cells.length; i += 2) if (cells[i] === col) return cells[i + 1];
  return undefined;
}

/**
 * A content's entered cells of some tables by table and row. A draft read from the store has
 * its keys in order, so the keys of one row follow one another (`t!row!a`, `t!row!b`): a key
 * that continues the row of the one before is told by its prefix, without taking it apart.
 */
function cellsByRow(content: DraftContent, tables: Set<string>): CellsByRow {
  const out: CellsByRow = new Map();
  const keys = Object.keys(content.cells);
  let prefix = '';
  /** The cells of the row `prefix` names, or null when its table is not asked for. */
  let cells: RowCells | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (prefix === '' || !key.startsWith(prefix)) {
      const a = key.indexOf('!');
      const b = key.lastIndexOf('!');
      prefix = key.slice(0, b + 1);
      const table = key.slice(0, a);
      if (!tables.has(table)) {
        cells = null;
        continue;
      }
      const row = key.slice(a + 1, b);
      let rows = out.get(table);
      if (!rows) out.set(table, (rows = new Map()));
      cells = rows.get(row) ?? null;
      if (!cells) rows.set(row, (cells = []));
    }
    if (cells) cells.push(key.slice(prefix.length), content.cells[key]);
  }
  return out;
}
