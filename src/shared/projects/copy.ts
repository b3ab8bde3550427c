import { cellKey, TOTAL_ROW, type DraftContent } from '../draft';
import { compileTemplate } from '../engine/compiled';
import type { Template } from '../template/types';

/**
 * Copying projects (with their indicators) from another draft, usually last year's: which
 * records to add and what to enter in them. Derived columns (the project's 合计) are not
 * copied; amounts are, for the clerk to adjust. A project whose 项目编码 is already in the
 * target is skipped rather than doubled.
 */

export interface RecordCopy {
  /** Entered cells of the new record by column id (the parent link excluded). */
  cells: Record<string, string>;
}

export interface ProjectCopy extends RecordCopy {
  /** Record id in the source draft. */
  from: string;
  indicators: RecordCopy[];
}

export interface CopyPlan {
  projects: ProjectCopy[];
  skipped: Array<{ from: string; message: string }>;
}

export const PROJECTS = 'projects';
export const INDICATORS = 'indicators';

/** Columns a table's records are entered in (derived columns of the template excluded). */
function enteredColumns(template: Template, table: string, exclude: string[] = []): string[] {
  const def = template.tables.find((t) => t.id === table);
  if (!def) return [];
  const derived = compileTemplate(template).computedColumns(table);
  return def.columns.map((c) => c.id).filter((c) => !derived.has(c) && !exclude.includes(c));
}

function recordCells(content: DraftContent, table: string, row: string, cols: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const col of cols) {
    const v = content.cells[cellKey(table, row, col)];
    if (v !== undefined && v !== '') cells[col] = v;
  }
  return cells;
}

export function planProjectCopy(template: Template, source: DraftContent, target: DraftContent, projectIds: string[]): CopyPlan {
  const projectCols = enteredColumns(template, PROJECTS);
  const parentCol = template.tables.find((t) => t.id === INDICATORS)?.parent?.col ?? 'project';
  const indicatorCols = enteredColumns(template, INDICATORS, [parentCol]);
  const sourceProjects = source.rows[PROJECTS] ?? [];
  const targetCodes = new Set(
    (target.rows[PROJECTS] ?? []).map((r) => (target.cells[cellKey(PROJECTS, r, 'code')] ?? '').trim()).filter(Boolean),
  );
  const plan: CopyPlan = { projects: [], skipped: [] };
  for (const id of projectIds) {
    if (id === TOTAL_ROW || !sourceProjects.includes(id)) {
      plan.skipped.push({ from: id, message: `来源草稿中没有项目 ${id}` });
      continue;
    }
    const cells = recordCells(source, PROJECTS, id, projectCols);
    const code = (cells.code ?? '').trim();
    const name = cells.name ?? id;
    if (code && targetCodes.has(code)) {
      plan.skipped.push({ from: id, message: `项目“${name}”（${code}）已在本草稿中，未重复复制` });
      continue;
    }
    if (code) targetCodes.add(code);
    const indicators = (source.rows[INDICATORS] ?? [])
      .filter((r) => source.cells[cellKey(INDICATORS, r, parentCol)] === id)
      .map((r) => ({ cells: recordCells(source, INDICATORS, r, indicatorCols) }));
    plan.projects.push({ from: id, cells, indicators });
  }
  return plan;
}

export interface ProjectSummary {
  row: string;
  code: string;
  name: string;
  /** Budget (合计) as canonical decimal text of the source, '' when none. */
  fiscal: string;
  otherFunds: string;
  indicatorCount: number;
}

/** The projects of a draft, for choosing which to copy. */
export function summarizeProjects(template: Template, content: DraftContent): ProjectSummary[] {
  const parentCol = template.tables.find((t) => t.id === INDICATORS)?.parent?.col ?? 'project';
  const counts = new Map<string, number>();
  for (const r of content.rows[INDICATORS] ?? []) {
    const p = content.cells[cellKey(INDICATORS, r, parentCol)];
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return (content.rows[PROJECTS] ?? []).map((row) => ({
    row,
    code: content.cells[cellKey(PROJECTS, row, 'code')] ?? '',
    name: content.cells[cellKey(PROJECTS, row, 'name')] ?? '',
    fiscal: content.cells[cellKey(PROJECTS, row, 'fiscal')] ?? '',
    otherFunds: content.cells[cellKey(PROJECTS, row, 'otherFunds')] ?? '',
    indicatorCount: counts.get(row) ?? 0,
  }));
}
