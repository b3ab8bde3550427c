import { TOTAL_ROW } from '../../../../shared/draft';
import type { DraftView } from '../../../../shared/engine/replica';
import type { Finding } from '../../../../shared/findings';
import { countProblems, type FindingSection, type ProblemCount } from '../../../../shared/validation/problems';
import type { Template } from '../../../../shared/template/types';

/**
 * What the findings panel can do about findings beyond pointing at them (pure): the code rows a
 * finding shows missing, and the problems left to fix per tab (counted by countProblems).
 */

type CodeRow = { table: string; code: string };

/** Cells of a finding on code rows its table does not show (a 科目 entered in one table and missing in another). */
function missingIn(template: Template, model: DraftView, f: Finding): CodeRow[] {
  const out: CodeRow[] = [];
  for (const c of f.cells) {
    const table = template.tables.find((t) => t.id === c.table);
    if (table?.rows.kind !== 'coded' || c.row === TOTAL_ROW || !/^\d+$/.test(c.row)) continue;
    if (!table.rows.levels.includes(c.row.length) || model.rows(c.table).includes(c.row)) continue;
    out.push({ table: c.table, code: c.row });
  }
  return out;
}

/**
 * The code rows to add for a finding that shows one missing: its missing codes, in every table
 * whose findings show them missing, so one step mends them all.
 */
export function missingCodeRows(template: Template, model: DraftView, finding: Finding, all: readonly Finding[]): CodeRow[] {
  const own = missingIn(template, model, finding);
  if (!own.length) return [];
  const codes = new Set(own.map((m) => m.code));
  const seen = new Set<string>();
  const out: CodeRow[] = [];
  for (const f of [finding, ...all]) {
    for (const m of missingIn(template, model, f)) {
      const key = `${m.table}!${m.code}`;
      if (!codes.has(m.code) || seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

/** Problems per tab: the sections of the tables each tab shows (tabOf: a table's tab, undefined when none). */
export function problemsByTab(sections: readonly FindingSection[], tabOf: (table: string) => string | undefined): Map<string, ProblemCount> {
  const byTab = new Map<string, FindingSection[]>();
  for (const s of sections) {
    const tab = tabOf(s.table);
    if (tab === undefined) continue;
    const list = byTab.get(tab);
    if (list) list.push(s);
    else byTab.set(tab, [s]);
  }
  return new Map([...byTab].map(([tab, list]) => [tab, countProblems(list)]));
}

/** Whether two per-tab counts show the same numbers (a tab strip given either renders alike). */
export function sameProblems(a: ReadonlyMap<string, ProblemCount>, b: ReadonlyMap<string, ProblemCount>): boolean {
  if (a.size !== b.size) return false;
  for (const [tab, x] of a) {
    const y = b.get(tab);
    if (!y || x.error !== y.error || x.warning !== y.warning || x.followers !== y.followers || x.explained !== y.explained) return false;
  }
  return true;
}
