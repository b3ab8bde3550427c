import { convertUnit, type Micro } from '../money';
import type { ColumnDef, TableDef, TableRole, UnitOfMeasure } from '../template/types';
import { isNumericKind } from '../engine/model';

/**
 * How a unit's table meets the department's table of the same role: fixed rows by their
 * `line`, else their function code, else their id; columns by id (column ids carry meaning
 * across packs); money converted between 元 and 万元 where the two tables differ.
 */

/** Tables the department keeps as its own (its text, last year's figures): never consolidated. */
export const OWN_ROLES: ReadonlySet<TableRole> = new Set(['narrative', 'priorYear']);

/** Whether a department table is computed from its units. */
export function isConsolidated(table: TableDef): boolean {
  return table.role !== undefined && !OWN_ROLES.has(table.role);
}

const rowMaps = new WeakMap<TableDef, WeakMap<TableDef, Map<string, string>>>();

/** Department fixed row id → the unit table's row id, for the rows that have a counterpart. */
export function fixedRowMap(dept: TableDef, unit: TableDef): Map<string, string> {
  let byUnit = rowMaps.get(dept);
  if (!byUnit) rowMaps.set(dept, (byUnit = new WeakMap()));
  let map = byUnit.get(unit);
  if (map) return map;
  map = new Map();
  if (dept.rows.kind === 'fixed' && unit.rows.kind === 'fixed') {
    const unitRows = unit.rows.rows;
    for (const row of dept.rows.rows) {
      const match =
        (row.line && unitRows.find((r) => r.line === row.line)) ||
        (row.code && unitRows.find((r) => r.code === row.code)) ||
        unitRows.find((r) => r.id === row.id && !r.line && !r.code);
      if (match) map.set(row.id, match.id);
    }
  }
  byUnit.set(unit, map);
  return map;
}

/** Columns of the department table that the unit's table has too (same id, both numeric or both not). */
export function sharedColumns(dept: TableDef, unit: TableDef): { numeric: string[]; text: ColumnDef[] } {
  const numeric: string[] = [];
  const text: ColumnDef[] = [];
  for (const col of dept.columns) {
    const other = unit.columns.find((c) => c.id === col.id);
    if (!other) continue;
    const a = isNumericKind(col.kind);
    if (a !== isNumericKind(other.kind)) continue;
    if (a) numeric.push(col.id);
    else text.push(col);
  }
  return { numeric, text };
}

/**
 * A converter of micro-units from the unit's unit of measure to the department's, and whether
 * a value had to be rounded (元 with fractions of a cent of a 万元 … never in practice).
 */
export function converter(from: UnitOfMeasure, to: UnitOfMeasure): (v: Micro) => { value: Micro; rounded: boolean } {
  return (value) => convertUnit(value, from, to);
}
