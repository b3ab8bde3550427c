import { randomUUID } from 'node:crypto';
import { fail } from '../../shared/api/common';
import type { ImportPlan } from '../../shared/api/excel';
import type { CellEdit } from '../../shared/api/store';
import { DRAFT_META_LIMITS, parseCellKey, type DraftContent } from '../../shared/draft';
import { priorRowsLeftBlank, priorYearRefusal } from '../../shared/prior-year';
import { getTemplate, templateOf } from '../../shared/regions';
import { tableByRole } from '../../shared/template/types';
import { ExportTargetExists } from '../excel/export';
import { WorkbookFileError } from '../excel/guard';
import { importWorkbookFile, unusableReason } from '../excel/import';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { bool, filePath, int, object, oneOf, optional, str, type Check } from './validate';

const id = str({ nonEmpty: true, max: 200 });
const path = filePath;

/** A commit is either variant of ImportCommitArgs: checked by its `as`. */
const commitCheck: Check = (v, p) => {
  const as = (v as { as?: unknown } | null)?.as;
  if (as === 'prior') object({ previewId: id, as: oneOf('prior'), draftId: id })(v, p);
  else
    object({
      previewId: id,
      as: oneOf('new'),
      unitCode: optional(str({ max: DRAFT_META_LIMITS.unitCode })),
      unitName: optional(str({ max: DRAFT_META_LIMITS.unitName })),
      year: optional(int(DRAFT_META_LIMITS.yearMin, DRAFT_META_LIMITS.yearMax)),
      templateId: optional(str({ max: 100 })),
    })(v, p);
};


interface Preview {
  plan: ImportPlan;
  content: DraftContent;
  narrative: Record<string, string>;
  createdAt: number;
}

/** Previews wait for the clerk's decision in memory; a few at most, the oldest dropped. */
const MAX_PREVIEWS = 8;

export function registerExcelMethods(api: Registry, ctx: AppContext): void {
  const previews = new Map<string, Preview>();

  const take = (previewId: string): Preview => {
    const p = previews.get(previewId);
    if (!p) fail('not-found', '导入预览已过期或不存在，请重新选择工作簿');
    return p;
  };

  api.method('excel/export', object({ draftId: id, path, replace: optional(bool) }), async ({ draftId, path: file, replace }) => {
    const subject = { meta: ctx.drafts.getMeta(draftId), model: ctx.drafts.getModel(draftId) };
    try {
      const { sheets } = await ctx.exporter.export(subject, file, { dictionaries: ctx.dictionaries, replace: replace === true });
      return { path: file, sheets };
    } catch (e) {
      if (e instanceof ExportTargetExists) fail('conflict', e.message, { exists: true, path: file });
      throw e;
    }
  });
  api.method('excel/importPreview', object({ path, templateId: optional(str({ max: 100 })) }), async ({ path: file, templateId }) => {
    let result;
    try {
      const template = templateId ? getTemplate(templateId) : undefined;
      result = await importWorkbookFile(file, { dictionaries: ctx.dictionaries, template });
    } catch (e) {
      if (e instanceof WorkbookFileError) fail('bad-file', e.message);
      throw e;
    }
    // Nothing to import (no table recognised, or a 决算): said now, never offered for commit.
    const unusable = unusableReason(result.plan);
    if (unusable) fail('bad-file', unusable);
    const previewId = randomUUID();
    const plan: ImportPlan = { previewId, ...result.plan };
    previews.set(previewId, { plan, content: result.content, narrative: result.narrative, createdAt: Date.now() });
    while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value!);
    return plan;
  });
  api.method('excel/importCommit', commitCheck, (args) => {
    const preview = take(args.previewId);
    const { plan, content, narrative } = preview;
    if (args.as === 'new') {
      const year = args.year ?? plan.year;
      const unitName = (args.unitName ?? plan.unitName).trim();
      if (!year) fail('bad-request', '工作簿中没有识别出预算年度，请指定年度');
      if (!unitName) fail('bad-request', '工作簿中没有识别出单位名称，请填写单位名称');
      const templateId = args.templateId ?? plan.templateId;
      // A later year starts from last year's figures (提取上年数): they are also its prior-year
      // layer and 上年预算数, when they compare with it (priorYearRefusal).
      const fromLastYear = plan.year !== null && year > plan.year && !priorYearRefusal(plan, { templateId, year });
      // The same year keeps the workbook's own 情况说明 where it differs from what the draft drafts.
      const start = { rows: content.rows, cells: { ...content.cells, ...(fromLastYear ? plan.prior : narrative) } };
      const meta = ctx.drafts.createDraft(
        { unitCode: args.unitCode ?? plan.unitCode, unitName, year, templateId },
        start,
        { prior: fromLastYear ? content : null },
      );
      previews.delete(args.previewId);
      return { meta, cells: Object.keys(content.cells).length };
    }
    // Last year's figures: the prior-year layer and the 上年预算数 column, in one transaction.
    const draft = ctx.drafts.getMeta(args.draftId);
    const refusal = priorYearRefusal(plan, draft);
    if (refusal) fail('bad-file', refusal);
    // The preview's figures are keyed and mapped for the template it was read for.
    if ((plan.targetTemplateId ?? plan.templateId) !== draft.templateId) fail('bad-request', '工作簿是为另一种报表模板读取的，请在本稿中重新读取');
    const edits: CellEdit[] = Object.entries(plan.prior).map(([key, value]) => ({ ...parseCellKey(key), value }));
    // A row last year's layout has no figure for is left blank: an earlier import's figure does not stay.
    const target = templateOf(draft);
    const py = tableByRole(target, 'priorYear');
    if (py) for (const { row } of priorRowsLeftBlank(target, plan.prior)) edits.push({ table: py.id, row, col: 'prior', value: '' });
    const result = ctx.drafts.importPrior(args.draftId, content, edits);
    previews.delete(args.previewId);
    return { meta: result.meta, cells: edits.length };
  });
  api.method('excel/importDiscard', object({ previewId: id }), ({ previewId }) => ({ discarded: previews.delete(previewId) }));
}
