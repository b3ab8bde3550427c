import type { ReviewApi, ReviewState } from '../../shared/api/review';
import type { ExcelApi } from '../../shared/api/excel';
import type { StoreApi } from '../../shared/api/store';
import { signOffLines } from '../../shared/review/signoff';
import { templateOf } from '../../shared/regions';
import { fail } from '../../shared/api/common';
import { readFileSync } from 'node:fs';
import { checkWorkbookBytes, WorkbookFileError } from '../excel/guard';
import { appendSignOff, printedFingerprint, signOffSheetTitle } from '../review/export-signoff';
import { verifyWorkbookFigures } from '../review/workbook';
import { excelHandlers } from './excel-handlers';
import { reviewOf } from '../review/install';
import type { AppContext, HandlerImpl } from './context';
import { addArgChecks } from './handlers';
import { storeHandlers } from './store-handlers';
import { filePath, none, object, oneOf, optional, str, type Check } from './validate';

const id = str({ nonEmpty: true, max: 200 });
const name = str({ max: 100 });
const password = str({ max: 200 });
const text = str({ max: 4000 });
const target = object({ table: optional(str({ max: 100 })), row: optional(str({ max: 200 })), col: optional(str({ max: 100 })) });

const reviewArgChecks: Record<keyof ReviewApi, Check> = {
  'accounts/status': none,
  'accounts/create': object({ name, role: oneOf('clerk', 'supervisor'), password }),
  'accounts/login': object({ name, password }),
  'accounts/logout': none,
  'accounts/changePassword': object({ oldPassword: password, newPassword: password }),
  'accounts/registerKey': object({ path: filePath }),
  'review/state': object({ draftId: id }),
  'review/submit': object({ draftId: id }),
  'review/withdraw': object({ draftId: id }),
  'review/return': object({ draftId: id, note: optional(text) }),
  'review/sign': object({ draftId: id, password }),
  'review/reopen': object({ draftId: id }),
  'comments/list': object({ draftId: id }),
  'comments/add': object({ draftId: id, target, text }),
  'comments/reply': object({ draftId: id, commentId: id, text }),
  'comments/resolve': object({ draftId: id, commentId: id }),
  'versions/list': object({ draftId: id }),
  'versions/diff': object({ draftId: id, from: id, to: id }),
  'signatures/list': object({ draftId: id }),
  'review/verifyWorkbook': object({ path: filePath, fingerprint: optional(str({ max: 200 })) }),
  'review/verifyDraft': object({ draftId: id }),
  'review/events': object({ draftId: id }),
};

type FileMethods = Pick<HandlerImpl<StoreApi>, 'draftFile/save' | 'draftFile/open'> & Pick<HandlerImpl<ExcelApi>, 'excel/export'>;

/**
 * The review methods, plus two wrapped methods of other domains: the store's draft file, so
 * that a file carries the review (status, signature, comments) and opening one checks it (see
 * ../review/exchange); the Excel export, so that a signed draft's workbook prints its sign-off.
 */
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

export function reviewHandlers(ctx: AppContext): HandlerImpl<ReviewApi> & FileMethods {
  addArgChecks(reviewArgChecks);
  const { accounts, review, exchange } = reviewOf(ctx);
  const base = storeHandlers(ctx);
  const excel = excelHandlers(ctx);
  const withNotice = (state: ReviewState): ReviewState => ({ ...state, fileNotice: exchange.lastNotice(state.meta.id) });
  return {
    'accounts/status': () => accounts.status(),
    'accounts/create': (args) => accounts.create(args),
    'accounts/login': (args) => accounts.login(args),
    'accounts/logout': () => {
      accounts.logout();
      return { loggedOut: true };
    },
    'accounts/changePassword': async ({ oldPassword, newPassword }) => {
      await accounts.changePassword(oldPassword, newPassword);
      return { changed: true };
    },
    'accounts/registerKey': ({ path }) => exchange.registerKeyFrom(path),
    'review/state': ({ draftId }) => withNotice(review.state(draftId)),
    'review/submit': ({ draftId }) => withNotice(review.submit(draftId)),
    'review/withdraw': ({ draftId }) => withNotice(review.withdraw(draftId)),
    'review/return': ({ draftId, note }) => withNotice(review.return(draftId, note)),
    'review/sign': async ({ draftId, password }) => withNotice(await review.sign(draftId, password)),
    'review/reopen': ({ draftId }) => withNotice(review.reopen(draftId)),
    'comments/list': ({ draftId }) => review.comments(draftId),
    'comments/add': ({ draftId, target, text }) => review.addComment(draftId, target, text),
    'comments/reply': ({ draftId, commentId, text }) => review.reply(draftId, commentId, text),
    'comments/resolve': ({ draftId, commentId }) => review.resolve(draftId, commentId),
    'versions/list': ({ draftId }) => review.versions(draftId),
    'versions/diff': ({ draftId, from, to }) => review.diff(draftId, from, to),
    'signatures/list': ({ draftId }) => review.signatures(draftId),
    'review/verifyWorkbook': async ({ path, fingerprint }) => {
      const recorded = fingerprint?.trim() || (await readPrintedFingerprint(path));
      if (!recorded) fail('not-found', '工作簿中没有审签情况（签名指纹），请输入要核对的签名指纹');
      try {
        return await verifyWorkbookFigures(path, recorded, { dictionaries: ctx.dictionaries });
      } catch (err) {
        if (err instanceof WorkbookFileError) fail('bad-file', err.message);
        throw err;
      }
    },
    'review/verifyDraft': ({ draftId }) => review.verifyDraft(draftId),
    'review/events': ({ draftId }) => review.events(draftId),
    'draftFile/save': async (args) => {
      const saved = await base['draftFile/save'](args);
      exchange.addSectionToFile(saved.path, args.draftId, ctx.version);
      return saved;
    },
    'draftFile/open': (args) => exchange.open(args.path, () => base['draftFile/open'](args)),
    'excel/export': async (args) => {
      const exported = await excel['excel/export'](args);
      const signature = review.validSignature(args.draftId);
      if (signature) {
        const template = templateOf(ctx.drafts.getMeta(args.draftId));
        await appendSignOff(exported.path, signOffLines(signature), signOffSheetTitle(template));
      }
      return exported;
    },
  };
}
