import { fail } from '../../shared/api/common';
import type { NarrativeApi, ProjectCopyResult } from '../../shared/api/narrative';
import type { ChangeResult } from '../../shared/api/store';
import { draftNarrative, editableSource } from '../../shared/narrative/draft';
import { INDICATORS, planProjectCopy, PROJECTS, summarizeProjects } from '../../shared/projects/copy';
import type { AppContext, HandlerImpl } from './context';
import { addArgChecks } from './handlers';
import { arrayOf, object, str, type Check } from './validate';

const id = str({ nonEmpty: true, max: 200 });

const narrativeArgChecks: Record<keyof NarrativeApi, Check> = {
  'narrative/draft': object({ draftId: id }),
  'narrative/editableSource': object({ draftId: id, sectionId: str({ nonEmpty: true, max: 50 }) }),
  'projects/list': object({ draftId: id }),
  'projects/copyFromDraft': object({ draftId: id, fromDraftId: id, projectIds: arrayOf(id, 10_000) }),
};

/** Merge what consecutive committed changes did into one result for the renderer. */
function merge(results: ChangeResult[]): ChangeResult {
  const last = results[results.length - 1];
  const cells: ChangeResult['cells'] = {};
  const rows: ChangeResult['rows'] = {};
  const added = new Map<string, ChangeResult['findings']['added'][number]>();
  const resolved = new Set<string>();
  for (const r of results) {
    Object.assign(cells, r.cells);
    Object.assign(rows, r.rows);
    for (const f of r.findings.added) {
      added.set(f.id, f);
      resolved.delete(f.id);
    }
    for (const fid of r.findings.resolved) {
      if (added.has(fid)) added.delete(fid);
      else resolved.add(fid);
    }
  }
  return { ...last, cells, rows, rejected: results.flatMap((r) => r.rejected), findings: { added: [...added.values()], resolved: [...resolved] } };
}

export function narrativeHandlers(ctx: AppContext): HandlerImpl<NarrativeApi> {
  addArgChecks(narrativeArgChecks);
  return {
    'narrative/draft': ({ draftId }) => {
      const model = ctx.drafts.getModel(draftId);
      return draftNarrative(model, model.template);
    },
    'narrative/editableSource': ({ draftId, sectionId }) => {
      const model = ctx.drafts.getModel(draftId);
      if (!model.template.narrative.some((s) => s.id === sectionId)) fail('not-found', `情况说明中没有章节 ${sectionId}`);
      return { source: editableSource(model, model.template, sectionId) };
    },
    'projects/list': ({ draftId }) => {
      const model = ctx.drafts.getModel(draftId);
      return summarizeProjects(model.template, model.content);
    },
    'projects/copyFromDraft': ({ draftId, fromDraftId, projectIds }): ProjectCopyResult => {
      if (draftId === fromDraftId) fail('bad-request', '请选择另一份草稿（例如上年的预算）作为来源');
      const target = ctx.drafts.getModel(draftId);
      const source = ctx.drafts.getModel(fromDraftId);
      const plan = planProjectCopy(target.template, source.content, target.content, projectIds);
      if (!plan.projects.length) fail('bad-request', plan.skipped[0]?.message ?? '没有选择要复制的项目', plan.skipped);
      // The store adds records one at a time (it chooses their ids); the cells follow in one batch.
      const results: ChangeResult[] = [];
      const edits: Array<{ table: string; row: string; col: string; value: string }> = [];
      const added: ProjectCopyResult['added'] = [];
      for (const p of plan.projects) {
        const r = ctx.drafts.addRow(draftId, PROJECTS);
        results.push(r);
        added.push({ from: p.from, row: r.rowId });
        for (const [col, value] of Object.entries(p.cells)) edits.push({ table: PROJECTS, row: r.rowId, col, value });
        for (const ind of p.indicators) {
          const ri = ctx.drafts.addRow(draftId, INDICATORS, undefined, r.rowId);
          results.push(ri);
          for (const [col, value] of Object.entries(ind.cells)) edits.push({ table: INDICATORS, row: ri.rowId, col, value });
        }
      }
      if (edits.length) results.push(ctx.drafts.applyBatch(draftId, edits, '复制项目'));
      return { ...merge(results), added, skipped: plan.skipped };
    },
  };
}
