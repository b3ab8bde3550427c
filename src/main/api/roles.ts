import { fail, type Method } from '../../shared/api';
import { ROLE_LABELS } from '../../shared/api/review';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { rememberChosen, resolveWriteTarget, WRITE_TARGETS } from './save-targets';

/**
 * Who may call what, decided in main for every method of the API (the renderer only hides
 * buttons). Where accounts exist:
 * - 'read': anyone, logged in or not (it changes nothing the app keeps);
 * - 'self': the service itself decides (login, the first account, logout, a password change
 *   right after a login with a temporary password);
 * - 'user': a logged-in user (the services then check role and draft state: review, editing);
 * - 'supervisor': a logged-in 审核人 only (deleting drafts, restoring backups);
 * - 'recovery': while the database is in recovery nobody can log in (the accounts are in it),
 *   so anyone; otherwise a supervisor.
 * Without any account (one person who never set up review) everything but the draft-state
 * rules is open, as before. A new method of the contract does not compile until it is listed.
 */
export type Access = 'read' | 'self' | 'user' | 'supervisor' | 'recovery';

export const METHOD_ACCESS: Record<Method, Access> = {
  'app/info': 'read',
  'templates/list': 'read',
  'drafts/list': 'read',
  'drafts/create': 'user',
  'drafts/duplicate': 'user',
  'drafts/delete': 'supervisor',
  'drafts/open': 'read',
  'drafts/prior': 'read',
  'cells/set': 'user',
  'cells/preview': 'read',
  'rows/add': 'user',
  'rows/remove': 'user',
  'history/undo': 'user',
  'history/redo': 'user',
  'history/cellLog': 'read',
  'backups/list': 'read',
  'backups/restore': 'recovery',
  'backups/create': 'user',
  'recovery/startEmpty': 'recovery',
  'recovery/keepCurrent': 'recovery',
  'draftFile/save': 'user',
  'draftFile/open': 'user',
  'files/chooseOpen': 'read',
  'files/chooseSave': 'user',
  'dictionary/search': 'read',
  'dictionary/sources': 'read',
  'dictionary/replace': 'user',
  'dictionary/reset': 'user',
  'findings/list': 'read',
  'findings/full': 'read',
  'findings/explanations': 'read',
  'findings/explain': 'user',
  'findings/rules': 'read',
  'excel/export': 'user',
  'excel/importPreview': 'read',
  'excel/importCommit': 'user',
  'excel/importDiscard': 'read',
  'publication/preview': 'read',
  'publication/pdf': 'user',
  'narrative/draft': 'read',
  'narrative/editableSource': 'read',
  'projects/list': 'read',
  'projects/copyFromDraft': 'user',
  'accounts/status': 'read',
  'accounts/create': 'self',
  'accounts/login': 'self',
  'accounts/logout': 'self',
  'accounts/changePassword': 'self',
  'accounts/registerKey': 'user',
  'review/state': 'read',
  'review/submit': 'user',
  'review/withdraw': 'user',
  'review/return': 'user',
  'review/sign': 'user',
  'review/reopen': 'user',
  'comments/list': 'read',
  'comments/add': 'user',
  'comments/reply': 'user',
  'comments/resolve': 'user',
  'versions/list': 'read',
  'versions/diff': 'read',
  'signatures/list': 'read',
  'review/events': 'read',
  'review/verifyWorkbook': 'read',
  'review/verifyDraft': 'read',
  'units/list': 'read',
  'units/add': 'user',
  'units/remove': 'user',
  'units/start': 'user',
  'units/takeIn': 'user',
  'units/consolidate': 'user',
};

/** Draft states in which a draft may not be deleted, by anyone: it is under review or signed. */
const UNDELETABLE = new Set(['submitted', 'signed']);

/** Refuse a call the logged-in user (or nobody) may not make; throws ApiFailure. */
export function checkAccess(ctx: AppContext, method: Method, args: unknown): void {
  const access = METHOD_ACCESS[method];
  if (access === undefined) fail('forbidden', `操作 ${method} 没有登记权限，已拒绝`);
  if (access === 'read' || access === 'self') return;
  if (access === 'recovery' && ctx.storage.recovery) return;
  const { accounts } = ctx.review;
  if (accounts.hasAccounts()) {
    const user = accounts.currentUser();
    if (!user) fail('forbidden', '请先登录');
    if ((access === 'supervisor' || access === 'recovery') && user.role !== 'supervisor') {
      fail('forbidden', `只有${ROLE_LABELS.supervisor}可以${method === 'drafts/delete' ? '删除预算草稿' : '恢复备份'}（当前登录：${user.name}，${ROLE_LABELS[user.role]}）`);
    }
  }
  if (method === 'drafts/delete') {
    const meta = ctx.drafts.getMeta((args as { draftId: string }).draftId);
    if (UNDELETABLE.has(meta.status)) {
      fail('read-only', meta.status === 'signed' ? '已审签的预算草稿不能删除；如确需删除，请先“重新编辑”（签名作废）' : '已提交审核的预算草稿不能删除；请先撤回或退回');
    }
  }
}

/**
 * Every handler of the registry behind the access check; a method that writes a file the
 * caller names writes only where ./save-targets.ts allows, and a path chosen in the save dialog
 * is remembered there.
 */
export function guardAccess(api: Registry, ctx: AppContext): void {
  api.wrapHandlers((method, fn) => {
    const kind = WRITE_TARGETS[method];
    return kind
      ? async (args: unknown) => {
          checkAccess(ctx, method, args);
          const a = args as { path: string; replace?: boolean };
          const target = await resolveWriteTarget(ctx, kind, a.path);
          return fn({ ...a, path: target.path, replace: a.replace === true || target.confirmed });
        }
      : method === 'files/chooseSave'
        ? async (args: unknown) => {
            checkAccess(ctx, method, args);
            const r = (await fn(args)) as { path: string | null };
            rememberChosen(ctx, r.path);
            return r;
          }
        : (args: unknown) => {
            checkAccess(ctx, method, args);
            return fn(args);
          };
  });
}
