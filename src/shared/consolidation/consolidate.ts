import { cellKey, TOTAL_ROW, type DraftContent } from '../draft';
import { DraftModel } from '../engine/model';
import { toDecimalString, type Micro } from '../money';
import { tableByRole, tableUnit, type TableDef, type Template } from '../template/types';
import { eliminateTransfers } from './eliminate';
import { converter, fixedRowMap, isConsolidated, sharedColumns } from './mapping';
import type { ConsolidationResult, UnitBudget, UnitDetail } from './types';

/**
 * 部门汇总: the department's tables computed from its units' figures, exactly (integer
 * micro-units), code by code and column by column. Each unit's figures are read from its own
 * computed model (its pack's template), matched to the department's tables by role, fixed rows
 * by line/code, columns by id; only cells the department's template enters are written, the
 * department's derived cells then follow from its own derivations. Transfers between units of
 * the department are eliminated (./eliminate); lists (projects, indicators, procurement …) are
 * gathered with their records renamed per unit; the 机构设置 table is the list of units.
 */
export function consolidate(department: Template, units: UnitBudget[], own: DraftContent = { rows: {}, cells: {} }): ConsolidationResult {
  const problems: string[] = [];
  const sums = new Map<string, Micro>();
  const texts = new Map<string, string>();
  const rows = new Map<string, Set<string>>();
  /** Codes a unit fills as a leaf, by department table: a code another unit fills below cannot be shown. */
  const leafCodes = new Map<string, Map<string, string>>();
  let rounded = 0;
  const add = (key: string, v: Micro) => sums.set(key, (sums.get(key) ?? 0) + v);
  const rowSet = (table: string) => {
    let s = rows.get(table);
    if (!s) rows.set(table, (s = new Set()));
    return s;
  };

  const models = units.map((u) => u.model ?? new DraftModel(u.template, u.content));
  const detail = emptyDetail(department);
  const spendingTable = tableByRole(department, 'spending');

  units.forEach((unit, i) => {
    const model = models[i];
    const tag = `u${i + 1}-`;
    const missing: string[] = [];
    for (const table of department.tables) {
      if (!isConsolidated(table) || table.role === 'org' || table.parent) continue;
      const source = tableByRole(unit.template, table.role!);
      if (!source) {
        if (table.published) missing.push(table.title);
        continue;
      }
      const convert = converter(tableUnit(unit.template, source), tableUnit(department, table));
      const value = (row: string, col: string): Micro | null => {
        const v = model.value(source.id, row, col);
        if (v === null) return null;
        const c = convert(v);
        if (c.rounded) rounded++;
        return c.value;
      };
      const { numeric, text } = sharedColumns(table, source);
      if (table.rows.kind === 'fixed') {
        for (const [deptRow, unitRow] of fixedRowMap(table, source)) {
          for (const col of numeric) {
            const v = value(unitRow, col);
            if (v !== null) add(cellKey(table.id, deptRow, col), v);
          }
        }
      } else if (table.rows.kind === 'coded') {
        if (source.rows.kind !== 'coded') continue;
        const levels = table.rows.levels;
        const list = rowSet(table.id);
        for (const code of unit.content.rows[source.id] ?? []) if (levels.includes(code.length)) list.add(code);
        const shown = model.rows(source.id);
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
          let any = false;
          for (const col of numeric) {
            const v = value(code, col);
            if (v !== null) {
              add(cellKey(table.id, code, col), v);
              any = true;
            }
          }
          if (any) {
            list.add(code);
            if (!leaves.has(code)) leaves.set(code, unit.profile.name);
          }
          for (const col of text) {
            const key = cellKey(table.id, code, col.id);
            const t = model.text(source.id, code, col.id);
            if (t && !texts.has(key)) texts.set(key, t);
          }
        }
      } else {
        gatherList(department, table, unit, model, tag, rowSet, add, texts, value);
      }
    }
    if (missing.length) problems.push(`${unit.profile.name}的模板中没有：${missing.join('、')}，这些表未汇总该单位`);
    detail.units.push({ code: unit.profile.code, name: unit.profile.name, values: spendingTotals(department, detail, spendingTable, unit, model) });
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
        if (org.columns.some((c) => c.id === col) && p[field]) texts.set(cellKey(org.id, row, col), p[field]);
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
  const content: DraftContent = { rows: {}, cells: {} };
  const consolidated = new Set(department.tables.filter(isConsolidated).map((t) => t.id));
  for (const [table, list] of Object.entries(own.rows)) if (!consolidated.has(table)) content.rows[table] = [...list];
  for (const [key, value] of Object.entries(own.cells)) if (!consolidated.has(key.slice(0, key.indexOf('!')))) content.cells[key] = value;
  for (const [table, list] of rows) {
    if (list.size === 0) continue;
    const def = department.tables.find((t) => t.id === table)!;
    content.rows[table] = def.rows.kind === 'coded' ? [...list].sort() : [...list];
  }
  for (const [key, v] of sums) content.cells[key] = toDecimalString(v);
  for (const [key, t] of texts) content.cells[key] = t;

  // Only what the department's template enters is written: its derived cells follow from it.
  const draftModel = new DraftModel(department, content);
  for (const key of sums.keys()) if (draftModel.isDerived(key)) delete content.cells[key];
  const model = new DraftModel(department, content);

  fillDetail(detail, spendingTable, eliminations, model);
  return { content, model, eliminations, detail, unitCount: units.length, problems };
}

/** A list table's records of one unit, renamed `u<n>-<id>`; child records follow their parent's new id. */
function gatherList(
  department: Template,
  table: TableDef,
  unit: UnitBudget,
  model: DraftModel,
  tag: string,
  rowSet: (table: string) => Set<string>,
  add: (key: string, v: Micro) => void,
  texts: Map<string, string>,
  value: (row: string, col: string) => Micro | null,
): void {
  const source = tableByRole(unit.template, table.role!)!;
  if (source.rows.kind !== 'list') return;
  const gather = (dept: TableDef, src: TableDef, value: (row: string, col: string) => Micro | null) => {
    const { numeric, text } = sharedColumns(dept, src);
    const list = rowSet(dept.id);
    for (const rec of unit.content.rows[src.id] ?? []) {
      const row = tag + rec;
      list.add(row);
      for (const col of numeric) {
        const v = value(rec, col);
        if (v !== null) add(cellKey(dept.id, row, col), v);
      }
      for (const col of text) {
        const t = model.text(src.id, rec, col.id);
        if (!t) continue;
        texts.set(cellKey(dept.id, row, col.id), dept.parent?.col === col.id ? tag + t : t);
      }
    }
  };
  gather(table, source, value);
  // Child lists (indicators of projects) go with their parent records.
  for (const child of department.tables) {
    if (child.parent?.table !== table.id || !child.role) continue;
    const childSource = tableByRole(unit.template, child.role);
    if (!childSource || childSource.rows.kind !== 'list') continue;
    const convert = converter(tableUnit(unit.template, childSource), tableUnit(department, child));
    gather(child, childSource, (row, col) => {
      const v = model.value(childSource.id, row, col);
      return v === null ? null : convert(v).value;
    });
  }
}

function emptyDetail(department: Template): UnitDetail {
  const spending = tableByRole(department, 'spending');
  const columns = (spending?.columns ?? []).filter((c) => c.kind === 'money').map((c) => ({ id: c.id, label: c.header[c.header.length - 1] }));
  return { columns, units: [], sum: {}, eliminated: {}, department: {} };
}

function spendingTotals(department: Template, detail: UnitDetail, spending: TableDef | undefined, unit: UnitBudget, model: DraftModel): Record<string, Micro | null> {
  const values: Record<string, Micro | null> = {};
  const source = tableByRole(unit.template, 'spending');
  if (!spending || !source) return values;
  const convert = converter(tableUnit(unit.template, source), tableUnit(department, spending));
  for (const { id } of detail.columns) {
    const v = source.columns.some((c) => c.id === id) ? model.value(source.id, TOTAL_ROW, id) : null;
    values[id] = v === null ? null : convert(v).value;
  }
  return values;
}

function fillDetail(detail: UnitDetail, spending: TableDef | undefined, eliminations: ConsolidationResult['eliminations'], model: DraftModel): void {
  for (const { id } of detail.columns) {
    let sum: Micro | null = null;
    for (const u of detail.units) if (u.values[id] !== null && u.values[id] !== undefined) sum = (sum ?? 0) + u.values[id]!;
    detail.sum[id] = sum;
    detail.eliminated[id] = null;
    detail.department[id] = spending ? model.value(spending.id, TOTAL_ROW, id) : null;
  }
  let all = 0;
  for (const e of eliminations) {
    if (!e.eliminated || !(e.spendingColumn in detail.eliminated)) continue;
    detail.eliminated[e.spendingColumn] = (detail.eliminated[e.spendingColumn] ?? 0) + e.eliminated;
    all += e.eliminated;
  }
  if (all && 'total' in detail.eliminated) detail.eliminated.total = all;
}
