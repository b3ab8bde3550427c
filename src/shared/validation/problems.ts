import { TOTAL_ROW } from '../draft';
import type { Explanation, Finding, Severity } from '../findings';
import type { Template } from '../template/types';
import { blockingFindings } from './explanations';

/**
 * How many problems are left to fix, the one count a clerk reads wherever findings are counted:
 * findings grouped under their first cause (a wrong 项 figure leads; the same check failing on
 * its 款, 类 and 合计 rows follows it), warnings with a written explanation set apart.
 */

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

/** The order findings are listed in wherever a clerk reads them: 强制 first, then by the template's order of tables, then by id. */
export function listingOrder(template: Template): (a: Finding, b: Finding) => number {
  const order = new Map(template.tables.map((t, i) => [t.id, i]));
  const at = (table: string) => order.get(table) ?? order.size;
  return (a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error') || at(a.table) - at(b.table) || a.id.localeCompare(b.id);
}

/**
 * Findings by table and severity, in the order given: what the window's tab badges, its findings
 * panel, the submission and publication refusals count (through countProblems).
 */
export function findingSections(findings: readonly Finding[], explanations: Iterable<Pick<Explanation, 'findingId' | 'text'>>): FindingSection[] {
  const open = new Set(blockingFindings(findings, explanations));
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

/** The line under which a problem's followers are folded, wherever they are listed. */
export function followersLabel(followers: number): string {
  return `由此引起的上级科目、合计差异 ${followers} 条`;
}

/** What a count leaves out, said once beside it; null when it leaves nothing out. */
export function leftOutText({ followers, explained }: ProblemCount): string | null {
  const parts = [followers ? `同一差错引起的上级科目、合计差异 ${followers} 条` : '', explained ? `已说明的提示 ${explained} 条` : ''].filter(Boolean);
  return parts.length ? `按问题计数，未计入：${parts.join('；')}` : null;
}

export interface FindingGroup {
  /** The first cause: the finding on the lowest code row (a 项 before its 款, 类 and 合计). */
  lead: Finding;
  /** Findings that follow from it: the same rule on its parent rows and the 合计, in the same column, nearest first. */
  related: Finding[];
}

/**
 * Findings grouped under their first cause: one wrong figure on a 项 row breaks the same check on
 * its 款, 类 and 合计 rows (figures compared: the finding carries a difference); those follow the
 * 项's finding instead of standing beside it. The order of the leads is the order of the list.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const anchor = (f: Finding) => f.cells[0];
  const isCode = (row: string) => /^\d+$/.test(row);
  // Only findings of the same rule, severity, table and column can follow one another: look
  // within those buckets (an imported workbook can bring thousands of findings).
  const buckets = new Map<string, Finding[]>();
  for (const f of findings) {
    const a = anchor(f);
    // Only a figure sums its children: a 款 whose name or code is wrong is a problem of its own.
    if (!a || f.difference === undefined || (a.row !== TOTAL_ROW && !isCode(a.row))) continue;
    const key = `${f.ruleId}\u0000${f.severity}\u0000${a.table}\u0000${a.col}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(f);
    else buckets.set(key, [f]);
  }
  const causeOf = new Map<Finding, Finding>();
  for (const bucket of buckets.values()) {
    // Above each code row and the 合计: the deepest finding below it (the longest code, the first of equals).
    const deepestBelow = new Map<string, Finding>();
    for (const g of bucket) {
      const row = anchor(g).row;
      if (row === TOTAL_ROW) continue;
      for (let n = 0; n < row.length; n++) {
        const above = n === 0 ? TOTAL_ROW : row.slice(0, n);
        const best = deepestBelow.get(above);
        if (!best || anchor(best).row.length < row.length) deepestBelow.set(above, g);
      }
    }
    for (const f of bucket) {
      const cause = deepestBelow.get(anchor(f).row);
      if (cause) causeOf.set(f, cause);
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
  // Followers from the nearest up: the 款, then the 类, the 合计 last.
  const depth = (f: Finding) => (anchor(f).row === TOTAL_ROW ? 0 : anchor(f).row.length);
  for (const g of out) g.related.sort((x, y) => depth(y) - depth(x));
  return out;
}
