import { fail } from '../../shared/api/common';
import type { ProjectCopyResult } from '../../shared/api/narrative';
import { draftNarrative, editableSource } from '../../shared/narrative/draft';
import { INDICATORS, planProjectCopy, PROJECTS, summarizeProjects } from '../../shared/projects/copy';
import type { RowAddition, StepEdit } from '../services/draft-service';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { arrayOf, object, str } from './validate';

const id = str({ nonEmpty: true, max: 200 });


export function registerNarrativeMethods(api: Registry, ctx: AppContext): void {
  api.method('narrative/draft', object({ draftId: id }), ({ draftId }) => {
    const model = ctx.drafts.getModel(draftId);
    return draftNarrative(model, model.template, (code) => ctx.dictionaries.function.get(code)?.name);
  });
  api.method('narrative/editableSource', object({ draftId: id, sectionId: str({ nonEmpty: true, max: 50 }) }), ({ draftId, sectionId }) => {
    const model = ctx.drafts.getModel(draftId);
    if (!model.template.narrative.some((s) => s.id === sectionId)) fail('not-found', `情况说明中没有章节 ${sectionId}`);
    return { source: editableSource(model, model.template, sectionId, (code) => ctx.dictionaries.function.get(code)?.name) };
  });
  api.method('projects/list', object({ draftId: id }), ({ draftId }) => {
    const model = ctx.drafts.getModel(draftId);
    return summarizeProjects(model.template, model.content);
  });
  api.method('projects/copyFromDraft', object({ draftId: id, fromDraftId: id, projectIds: arrayOf(id, 10_000) }), ({ draftId, fromDraftId, projectIds }): ProjectCopyResult => {
    if (draftId === fromDraftId) fail('bad-request', '请选择另一份草稿（例如上年的预算）作为来源');
    const target = ctx.drafts.getModel(draftId);
    const source = ctx.drafts.getModel(fromDraftId);
    const plan = planProjectCopy(target.template, source.content, target.content, projectIds);
    if (!plan.projects.length) fail('bad-request', plan.skipped[0]?.message ?? '没有选择要复制的项目', plan.skipped);
    // One step: the records (the store chooses their ids), their indicators and every cell.
    const additions: RowAddition[] = [];
    const edits: StepEdit[] = [];
    const projectAdditions: number[] = [];
    for (const p of plan.projects) {
      const project = additions.push({ table: PROJECTS }) - 1;
      projectAdditions.push(project);
      for (const [col, value] of Object.entries(p.cells)) edits.push({ table: PROJECTS, addition: project, col, value });
      for (const ind of p.indicators) {
        const indicator = additions.push({ table: INDICATORS, parentAddition: project }) - 1;
        for (const [col, value] of Object.entries(ind.cells)) edits.push({ table: INDICATORS, addition: indicator, col, value });
      }
    }
    const { rowIds, ...result } = ctx.drafts.addRowsWithCells(draftId, additions, edits, '复制项目', { source: 'stored' });
    const added = plan.projects.map((p, i) => ({ from: p.from, row: rowIds[projectAdditions[i]]! }));
    return { ...result, added, skipped: plan.skipped };
  });
}
