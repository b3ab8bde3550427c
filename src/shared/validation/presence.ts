import type { Finding, Severity } from '../findings';
import { narrativePackOf } from '../narrative/draft';
import { getPack, hasPack } from '../regions';
import { tableByRole, type NarrativeSectionDef, type TableDef, type Template } from '../template/types';

/**
 * Every table and every section of the text a pack publishes is in a workbook read as the
 * budget (issue 17). A draft has them by construction (it is made from the pack's template,
 * and a section without the clerk's words is drafted from the figures); a workbook made by
 * people can lack a sheet, or a section of its 情况说明. What the pack publishes is required:
 * a book pack (上海) the tables and sections of its publication list, another pack every
 * published table and every section of its outline.
 */

export const MISSING_TABLE_RULE = 'book-table-missing';
export const MISSING_SECTION_RULE = 'book-section-missing';

/** What a workbook was found to hold: tables, and the sections of its text (a sheet or a heading, written or not). */
export interface WorkbookParts {
  tables: ReadonlySet<string>;
  sections: ReadonlySet<string>;
}

/** The tables and sections of the text a pack's disclosure must hold. */
export function requiredParts(template: Template): { tables: TableDef[]; sections: NarrativeSectionDef[] } {
  const pack = hasPack(template.id) ? getPack(template.id) : null;
  const published = (kind: 'table' | 'section', id: string) =>
    !pack?.book || pack.publication.some((p) => (p.kind === 'table' && kind === 'table' && p.table === id) || (p.kind === 'section' && kind === 'section' && p.section === id));
  return {
    tables: template.tables.filter((t) => t.published && t.role !== 'narrative' && !t.parent && published('table', t.id)),
    sections: template.narrative.filter((s) => published('section', s.id)),
  };
}

/** The required tables and sections a workbook lacks. */
export function missingParts(template: Template, found: WorkbookParts): { tables: TableDef[]; sections: NarrativeSectionDef[] } {
  const required = requiredParts(template);
  return { tables: required.tables.filter((t) => !found.tables.has(t.id)), sections: required.sections.filter((s) => !found.sections.has(s.id)) };
}

/**
 * Findings for what a workbook read as the budget lacks. A workbook that holds neither any of
 * the text nor half of the pack's tables is an extract (a clerk checking tables 5 and 6): what
 * it lacks is told as the check's coverage, not as findings.
 */
export function presenceFindings(template: Template, found: WorkbookParts): Finding[] {
  const required = requiredParts(template);
  const missing = missingParts(template, found);
  const tablesFound = required.tables.length - missing.tables.length;
  if (found.sections.size === 0 && tablesFound * 2 < required.tables.length) return [];
  const severities = narrativePackOf(template)?.review.severities;
  const severityOf = (key: string): Severity => severities?.[key] ?? 'error';
  const findings: Finding[] = missing.tables.map((t) => ({
    id: `${MISSING_TABLE_RULE}@${t.id}`,
    ruleId: MISSING_TABLE_RULE,
    severity: severityOf('missingTable'),
    table: t.id,
    cells: [],
    message: `工作簿中没有${t.number ? `表${t.number}` : ''}“${t.title}”：公开的预算须包含这张表（没有数字的表也须列出，注明空表）。`,
  }));
  const text = tableByRole(template, 'narrative');
  if (!text || !missing.sections.length) return findings;
  const section = (id: string, message: string): Finding => ({
    id: `${MISSING_SECTION_RULE}@${id}`,
    ruleId: MISSING_SECTION_RULE,
    severity: severityOf('missingSection'),
    table: text.id,
    cells: [],
    message,
  });
  if (found.sections.size === 0) {
    findings.push(section(text.id, `工作簿中没有${text.title}（${missing.sections.map((s) => `“${s.title}”`).join('、')}）：公开的预算须包含这些说明。`));
    return findings;
  }
  for (const s of missing.sections) {
    const where = s.sheetName ? `工作簿中没有“${s.sheetName}”工作表${s.sheetName === s.title ? '' : `（${s.title}）`}` : `${text.title}中没有“${s.title}”一节`;
    findings.push(section(s.id, `${where}：公开的预算须包含这一节说明（没有相应事项的，写明“无”）。`));
  }
  return findings;
}
