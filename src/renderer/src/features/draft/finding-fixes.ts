import { TOTAL_ROW } from '../../../../shared/draft';
import type { DraftView } from '../../../../shared/engine/replica';
import type { Explanation, Finding, Severity } from '../../../../shared/findings';
import { blockingFindings } from '../../../../shared/validation/explanations';
import type { Template } from '../../../../shared/template/types';

/**
 * What the findings panel can do about findings beyond pointing at them (pure): the code rows a
 * finding shows missing, findings grouped under their first cause, and how many problems are
 * left to fix (the one count of the tab badges and the findings panel).
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

/** The findings of one table and severity, as the panel lists them and the counts count them. */
export interface FindingSection {
  table: string;
  severity: Severity;
  /** The problems left to fix: open findings (see blockingFindings) grouped under their first cause. */
  open: FindingGroup[];
  /** Warnings with a written explanation (已说明): dealt with, listed after the open problems. */
  explained: Finding[];
}

/** What a count shows: problems left by severity, and what it leaves out. */
export interface ProblemCount {
  error: number;
  warning: number;
  /** Findings that follow a problem's first cause (由此引起的上级科目、合计差异). */
  followers: number;
  /** Warnings explained (已说明). */
  explained: number;
}

/**
 * The window's findings by table and severity, in the order of the list: what the tab badges,
 * the panel's filter chips and its section headers count (through countProblems).
 */
export function findingSections(findings: readonly Finding[], explanations: ReadonlyMap<string, Explanation>): FindingSection[] {
  const open = new Set(blockingFindings(findings, explanations.values()));
  const byKey = new Map<string, { section: FindingSection; items: Finding[] }>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.table}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { section: { table: f.table, severity: f.severity, open: [], explained: [] }, items: [] };
      byKey.set(key, entry);
    }
    if (open.has(f)) entry.items.push(f);
    else entry.section.explained.push(f);
  }
  return [...byKey.values()].map(({ section, items }) => ({ ...section, open: groupFindings(items) }));
}

/**
 * The one counting rule, "how many problems are left to fix here": a wrong figure and the same
 * check failing on its 款, 类 and 合计 rows are one problem (groupFindings), and a warning with a
 * written explanation is no longer one. What it leaves out is counted beside it.
 */
export function countProblems(sections: Iterable<FindingSection>): ProblemCount {
  const count: ProblemCount = { error: 0, warning: 0, followers: 0, explained: 0 };
  for (const s of sections) {
    count[s.severity] += s.open.length;
    for (const g of s.open) count.followers += g.related.length;
    count.explained += s.explained.length;
  }
  return count;
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

export interface FindingGroup {
  /** The first cause: the finding on the lowest code row (a 项 before its 款, 类 and 合计). */
  lead: Finding;
  /** Findings that follow from it: the same rule on its parent rows and the 合计, in the same column. */
  related: Finding[];
}

/**
 * Findings grouped under their first cause: one wrong figure on a 项 row breaks the same check on
 * its 款, 类 and 合计 rows; those follow the 项's finding instead of standing beside it. The order
 * of the leads is the order of the list.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const anchor = (f: Finding) => f.cells[0];
  const follows = (f: Finding, cause: Finding): boolean => {
    const a = anchor(f);
    const b = anchor(cause);
    if (!a || !b || f === cause || f.ruleId !== cause.ruleId || f.severity !== cause.severity) return false;
    if (a.table !== b.table || a.col !== b.col || a.row === b.row) return false;
    if (!/^\d+$/.test(b.row)) return false;
    return a.row === TOTAL_ROW || (/^\d+$/.test(a.row) && a.row.length < b.row.length && b.row.startsWith(a.row));
  };
  // Only findings of the same rule, severity, table and column can follow one another: compare
  // within those buckets (an imported workbook can bring hundreds of findings).
  const buckets = new Map<string, Finding[]>();
  for (const f of findings) {
    const a = anchor(f);
    if (!a) continue;
    const key = `${f.ruleId}\u0000${f.severity}\u0000${a.table}\u0000${a.col}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(f);
    else buckets.set(key, [f]);
  }
  const causeOf = new Map<Finding, Finding>();
  for (const bucket of buckets.values()) {
    for (const f of bucket) {
      // The deepest cause (the longest code) it follows from.
      let best: Finding | undefined;
      for (const g of bucket) if (follows(f, g) && (!best || anchor(g).row.length > anchor(best).row.length)) best = g;
      if (best) causeOf.set(f, best);
    }
  }
  const root = (f: Finding): Finding => {
    let r = f;
    for (let n = 0; causeOf.has(r) && n < 10; n++) r = causeOf.get(r)!;
    return r;
  };
  const groups = new Map<Finding, FindingGroup>();
  const out: FindingGroup[] = [];
  for (const f of findings) {
    const lead = root(f);
    let g = groups.get(lead);
    if (!g) {
      g = { lead, related: [] };
      groups.set(lead, g);
      out.push(g);
    }
    if (f !== lead) g.related.push(f);
  }
  return out;
}
