import { TOTAL_ROW } from '../draft';
import type { Derivation, TableDef, Template } from '../template/types';
import { fixedRowMap, isConsolidated, sharedColumns } from './mapping';
import { tableByRole } from '../template/types';

/**
 * Which cells a template derives, read from its derivations without building a model: the
 * consolidation reads a unit's entered cells directly and builds no model of it, unless the
 * department enters a figure that the unit's pack derives (then that unit's model is built).
 */
export interface DerivedIndex {
  /** "table!col" derived in every row (row sums, 类 rows by class, codes grouped from a list). */
  columns: Set<string>;
  /** "table!row!col" derived cells of fixed rows. */
  cells: Set<string>;
  /** "table!col" derived in the total row (rollups, list totals). */
  totals: Set<string>;
}

const indexes = new WeakMap<Template, DerivedIndex>();

export function derivedIndex(template: Template): DerivedIndex {
  let index = indexes.get(template);
  if (index) return index;
  index = { columns: new Set(), cells: new Set(), totals: new Set() };
  for (const d of template.derivations) add(index, d);
  indexes.set(template, index);
  return index;
}

function add(index: DerivedIndex, d: Derivation): void {
  switch (d.kind) {
    case 'rollup':
    case 'listTotal':
      for (const col of d.columns) index.totals.add(`${d.table}!${col}`);
      return;
    case 'rowSum':
      if (d.rows) for (const row of d.rows) index.cells.add(`${d.table}!${row}!${d.target}`);
      else index.columns.add(`${d.table}!${d.target}`);
      return;
    case 'cell':
    case 'ratio':
      index.cells.add(`${d.table}!${d.row}!${d.col}`);
      return;
    case 'byClass':
      index.columns.add(`${d.table}!${d.col}`);
      return;
    case 'groupByCode':
      index.columns.add(`${d.target.table}!${d.target.col}`);
  }
}

/** Whether a (non-parent) cell is derived: whole columns, fixed cells, the total row. */
export function isDerivedCell(index: DerivedIndex, table: string, row: string, col: string): boolean {
  return index.columns.has(`${table}!${col}`) || index.cells.has(`${table}!${row}!${col}`) || (row === TOTAL_ROW && index.totals.has(`${table}!${col}`));
}

const needs = new WeakMap<Template, WeakMap<Template, boolean>>();

/**
 * Whether a unit of this template must be computed to be consolidated: the department enters
 * a figure (by role, row and column) that the unit's template derives.
 */
export function needsUnitModel(department: Template, unit: Template): boolean {
  let byUnit = needs.get(department);
  if (!byUnit) needs.set(department, (byUnit = new WeakMap()));
  const known = byUnit.get(unit);
  if (known !== undefined) return known;
  const dept = derivedIndex(department);
  const own = derivedIndex(unit);
  let result = false;
  for (const table of department.tables) {
    if (result) break;
    if (!isConsolidated(table) || table.role === 'org' || !table.role) continue;
    const source = tableByRole(unit, table.role);
    if (!source) continue;
    const { numeric } = sharedColumns(table, source);
    result = table.rows.kind === 'fixed' ? fixedNeedsModel(table, source, numeric, dept, own) : numeric.some((col) => !dept.columns.has(`${table.id}!${col}`) && own.columns.has(`${source.id}!${col}`));
  }
  byUnit.set(unit, result);
  return result;
}

function fixedNeedsModel(table: TableDef, source: TableDef, numeric: string[], dept: DerivedIndex, own: DerivedIndex): boolean {
  for (const [deptRow, unitRow] of fixedRowMap(table, source)) {
    for (const col of numeric) {
      if (!isDerivedCell(dept, table.id, deptRow, col) && isDerivedCell(own, source.id, unitRow, col)) return true;
    }
  }
  return false;
}
