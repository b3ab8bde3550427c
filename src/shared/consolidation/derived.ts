import { compileTemplate } from '../engine/compiled';
import { tableByRole, type Template } from '../template/types';
import { fixedRowMap, isConsolidated, sharedColumns } from './mapping';

const needs = new WeakMap<Template, WeakMap<Template, boolean>>();

/**
 * Whether a unit of this template must be computed to be consolidated: the department enters
 * a figure (by role, row and column) that the unit's template derives. Otherwise the unit's
 * entered cells are read as stored and no model of it is built.
 */
export function needsUnitModel(department: Template, unit: Template): boolean {
  let byUnit = needs.get(department);
  if (!byUnit) needs.set(department, (byUnit = new WeakMap()));
  const known = byUnit.get(unit);
  if (known !== undefined) return known;
  const dept = compileTemplate(department);
  const own = compileTemplate(unit);
  const result = department.tables.some((table) => {
    if (!isConsolidated(table) || table.role === 'org' || !table.role) return false;
    const source = tableByRole(unit, table.role);
    if (!source) return false;
    const { numeric } = sharedColumns(table, source);
    if (table.rows.kind !== 'fixed') return numeric.some((col) => !dept.computedColumns(table.id).has(col) && own.computedColumns(source.id).has(col));
    return [...fixedRowMap(table, source)].some(([deptRow, unitRow]) => numeric.some((col) => !dept.isDerived(table.id, deptRow, col) && own.isDerived(source.id, unitRow, col)));
  });
  byUnit.set(unit, result);
  return result;
}
