import type { ReviewState } from '../../shared/api/review';
import { fail } from '../../shared/api/common';
import { readFileSync } from 'node:fs';
import { checkWorkbookBytes, WorkbookFileError } from '../excel/guard';
import { printedFingerprint } from '../review/export-signoff';
import { verifyWorkbookFigures } from '../review/workbook';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { filePath, none, object, oneOf, optional, str } from './validate';

const id = str({ nonEmpty: true, max: 200 });
const name = str({ max: 100 });
const password = str({ max: 200 });
const text = str({ max: 4000 });
const target = object({ table: optional(str({ max: 100 })), row: optional(str({ max: 200 })), col: optional(str({ max: 100 })) });

/** The printed fingerprint of a workbook; files that cannot be read get the Excel import's message. */
async function readPrintedFingerprint(path: string): Promise<string | null> {
  try {
    checkWorkbookBytes(readFileSync(path));
    return await printedFingerprint(path);
  } catch (err) {
    if (err instanceof WorkbookFileError) fail('bad-file', err.message);
    const code = (err as NodeJS.ErrnoException).code;
    fail('bad-file', `无法读取工作簿 ${path}：${code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : '文件已损坏或不是 Excel 工作簿'}`);
  }
}

/**
 * The review's methods. Its part in other domains' methods (the review section of a draft
 * file, the sign-off sheet of an export) is installed as extensions of their services (../review/install.ts).
 */
export function registerReviewMethods(api: Registry, ctx: AppContext): void {
  const { accounts, review, exchange } = ctx.review;
  const withNotice = (state: ReviewState): ReviewState => ({ ...state, fileNotice: exchange.lastNotice(state.meta.id) });
  api.method('accounts/status', none, () => accounts.status());
  api.method('accounts/create', object({ name, role: oneOf('clerk', 'supervisor'), password }), (args) => accounts.create(args));
  api.method('accounts/login', object({ name, password }), (args) => accounts.login(args));
  api.method('accounts/logout', none, () => {
    accounts.logout();
    return { loggedOut: true };
  });
  api.method('accounts/changePassword', object({ oldPassword: password, newPassword: password }), async ({ oldPassword, newPassword }) => {
    await accounts.changePassword(oldPassword, newPassword);
    return { changed: true };
  });
  api.method('accounts/registerKey', object({ path: filePath }), ({ path }) => exchange.registerKeyFrom(path));
  api.method('review/state', object({ draftId: id }), ({ draftId }) => withNotice(review.state(draftId)));
  api.method('review/submit', object({ draftId: id }), ({ draftId }) => withNotice(review.submit(draftId)));
  api.method('review/withdraw', object({ draftId: id }), ({ draftId }) => withNotice(review.withdraw(draftId)));
  // The reason is checked by the service (a missing one gets its message, not an argument error).
  api.method('review/return', object({ draftId: id, reason: optional(text) }), ({ draftId, reason }) => withNotice(review.return(draftId, reason ?? '')));
  api.method('review/sign', object({ draftId: id, password }), async ({ draftId, password }) => withNotice(await review.sign(draftId, password)));
  api.method('review/reopen', object({ draftId: id }), ({ draftId }) => withNotice(review.reopen(draftId)));
  api.method('comments/list', object({ draftId: id }), ({ draftId }) => review.comments(draftId));
  api.method('comments/add', object({ draftId: id, target, text }), ({ draftId, target, text }) => review.addComment(draftId, target, text));
  api.method('comments/reply', object({ draftId: id, commentId: id, text }), ({ draftId, commentId, text }) => review.reply(draftId, commentId, text));
  api.method('comments/resolve', object({ draftId: id, commentId: id }), ({ draftId, commentId }) => review.resolve(draftId, commentId));
  api.method('versions/list', object({ draftId: id }), ({ draftId }) => review.versions(draftId));
  api.method('versions/diff', object({ draftId: id, from: id, to: id }), ({ draftId, from, to }) => review.diff(draftId, from, to));
  api.method('signatures/list', object({ draftId: id }), ({ draftId }) => review.signatures(draftId));
  api.method('review/verifyWorkbook', object({ path: filePath, fingerprint: optional(str({ max: 200 })) }), async ({ path, fingerprint }) => {
    const recorded = fingerprint?.trim() || (await readPrintedFingerprint(path));
    if (!recorded) fail('not-found', '工作簿中没有审签情况（签名指纹），请输入要核对的签名指纹');
    try {
      return await verifyWorkbookFigures(path, recorded, { dictionaries: ctx.dictionaries });
    } catch (err) {
      if (err instanceof WorkbookFileError) fail('bad-file', err.message);
      throw err;
    }
  });
  api.method('review/verifyDraft', object({ draftId: id }), ({ draftId }) => review.verifyDraft(draftId));
  api.method('review/events', object({ draftId: id }), ({ draftId }) => review.events(draftId));
}
