import { fail } from '../../shared/api/common';
import type { FindingsList } from '../../shared/api/validation';
import type { Explanation, Finding } from '../../shared/findings';
import { getTemplate } from '../../shared/regions';
import { canExplain, countProblems, createFindingEngine, findingSections, readPatterns, rulesFor, rulesVersion } from '../../shared/validation';
import type { Template } from '../../shared/template/types';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { object, str } from './validate';

const id = str({ nonEmpty: true, max: 200 });
/** An explanation is a few sentences; a page at most. */
const EXPLANATION_MAX = 2000;


function list(template: Template, findings: Finding[], explanations: Explanation[]): FindingsList {
  return { findings, explanations, problems: countProblems(findingSections(findings, explanations)), rulesVersion: rulesVersion(template) };
}

export function registerValidationMethods(api: Registry, ctx: AppContext): void {
  api.method('findings/list', object({ draftId: id }), ({ draftId }) => list(ctx.drafts.getModel(draftId).template, ctx.drafts.getFindings(draftId), ctx.drafts.listExplanations(draftId)));
  api.method('findings/full', object({ draftId: id }), ({ draftId }) => {
    const model = ctx.drafts.getModel(draftId);
    const findings = createFindingEngine(model.template, ctx.dictionaries).full(model);
    return list(model.template, findings, ctx.drafts.listExplanations(draftId));
  });
  api.method('findings/explanations', object({ draftId: id }), ({ draftId }) => ctx.drafts.listExplanations(draftId));
  api.method('findings/explain', object({ draftId: id, findingId: str({ nonEmpty: true, max: 500 }), text: str({ max: EXPLANATION_MAX }) }), ({ draftId, findingId, text }) => {
    const trimmed = text.trim();
    if (trimmed) {
      const allowed = canExplain(ctx.drafts.getFindings(draftId).find((f) => f.id === findingId));
      if (!allowed.ok) fail(allowed.message.includes('强制') ? 'forbidden' : 'not-found', allowed.message);
    }
    const explanations = ctx.drafts.setExplanation(draftId, findingId, trimmed);
    return { explanation: explanations.find((e) => e.findingId === findingId) ?? null, explanations };
  });
  api.method('findings/rules', object({ templateId: id }), ({ templateId }) => {
    let template;
    try {
      template = getTemplate(templateId);
    } catch {
      fail('not-found', `未知的报表模板：${templateId}`);
    }
    return rulesFor(template).map((r) => ({ id: r.id, group: r.group, severity: r.severity, title: r.title, reads: readPatterns(r) }));
  });
}
