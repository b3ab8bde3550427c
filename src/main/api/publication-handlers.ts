import { existsSync } from 'node:fs';
import { fail } from '../../shared/api/common';
import { ExportTargetExists } from '../excel/export';
import { PrinterUnavailable } from '../publication/printer';
import { BlockingFindings, publishPdf, type PublishSource } from '../publication/publish';
import { writeFileAtomically } from '../publication/write';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { bool, filePath, object, optional, str } from './validate';

const id = str({ nonEmpty: true, max: 200 });

/** Publishing a draft as the disclosure PDF: a preview, and the PDF written to a file. */
export function registerPublicationMethods(api: Registry, ctx: AppContext): void {
  const sourceOf = (draftId: string): PublishSource => ({
    model: ctx.drafts.getModel(draftId),
    meta: ctx.drafts.getMeta(draftId),
    signature: ctx.review.review.validSignature(draftId),
    dictionaries: ctx.dictionaries,
  });

  const print = async (draftId: string, draft: boolean) => {
    try {
      return await publishPdf(sourceOf(draftId), ctx.printer(), { draft });
    } catch (e) {
      if (e instanceof BlockingFindings) fail('blocked', e.message, { blocking: e.count });
      if (e instanceof PrinterUnavailable) fail('io', e.message);
      throw e;
    }
  };

  api.method('publication/preview', object({ draftId: id, draft: optional(bool) }), async ({ draftId }) => {
    const source = sourceOf(draftId);
    const r = await print(draftId, true);
    return { html: r.document.html, pages: r.pages, contents: r.contents, blocking: r.blocking, signed: source.signature !== null };
  });

  api.method('publication/pdf', object({ draftId: id, path: filePath, replace: optional(bool), draft: optional(bool) }), async ({ draftId, path, replace, draft }) => {
    if (!replace && existsSync(path)) fail('conflict', `文件已存在：${path}`, { exists: true, path });
    const r = await print(draftId, draft === true);
    try {
      writeFileAtomically(path, r.pdf, replace === true, 'PDF');
    } catch (e) {
      if (e instanceof ExportTargetExists) fail('conflict', `文件已存在：${path}`, { exists: true, path });
      throw e;
    }
    return { path, pages: r.pages, blocking: r.blocking, contents: r.contents };
  });
}
