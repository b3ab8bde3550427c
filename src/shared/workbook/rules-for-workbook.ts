import type { Check, RuleDef } from '../validation/rule-types';

/**
 * The rules that can speak about a workbook: those whose tables it has. A rule comparing
 * table 5 with table 6 says nothing when the workbook has no table 6. Rules are data, so the
 * tables a check reads are found in it; hand-written (custom) checks are kept, and their
 * findings are judged by the cells they name.
 */
export function tablesOfCheck(check: Check): Set<string> {
  const out = new Set<string>();
  addTables(check, out);
  return out;
}

function addTables(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) addTables(v, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'table' || k === 'parent') && typeof v === 'string') {
      out.add(v);
    } else if (k === 'tables' && Array.isArray(v)) {
      for (const t of v) if (typeof t === 'string') out.add(t);
    } else if (typeof v === 'object') {
      addTables(v, out);
    }
  }
}

export function rulesForWorkbook(rules: RuleDef[], tables: ReadonlySet<string>): RuleDef[] {
  return rules.filter((r) => r.check.kind === 'custom' || [...tablesOfCheck(r.check)].every((t) => tables.has(t)));
}
