import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Method } from '../../shared/api';
import type { DraftStatus } from '../../shared/draft';
import type { App } from '../app';
import { cleanedAfterEach, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import { METHOD_ACCESS } from './roles';

/**
 * The role matrix: every method of the handler registry (so a new one cannot be forgotten),
 * called logged out, as a clerk and as a supervisor, on drafts in each review state. Where
 * accounts exist a logged-out caller changes nothing; deleting and restoring are the
 * supervisor's; submitted and signed drafts are never deleted.
 */
const { apps, dirs } = cleanedAfterEach();

type Who = 'logged out' | 'clerk' | 'supervisor';

async function setup(status: DraftStatus) {
  const app = tempApp();
  apps.push(app);
  const ok = async (method: string, args: unknown) => {
    const r = await app.dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as never;
  };
  await ok('accounts/create', { name: '张会计', role: 'clerk', password: 'clerk-pass' });
  await ok('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
  await ok('accounts/login', { name: '张会计', password: 'clerk-pass' });
  const draft = seedDraft(app);
  const other = seedDraft(app);
  if (status !== 'editing') await ok('review/submit', { draftId: draft.id });
  if (status === 'signed') {
    await ok('accounts/login', { name: '李局长', password: 'boss-pass' });
    await ok('review/sign', { draftId: draft.id, password: 'boss-pass' });
  }
  const comment = (await ok('comments/add', { draftId: draft.id, target: {}, text: '请核对' })) as { id: string };
  await app.ctx.storage.idle();
  const backup = (await ok('backups/create', {})) as { file: string };
  const out = tempDir('budget-desk-out-');
  dirs.push(out);
  const as = async (who: Who) => {
    await ok('accounts/logout', {});
    if (who === 'clerk') await ok('accounts/login', { name: '张会计', password: 'clerk-pass' });
    if (who === 'supervisor') await ok('accounts/login', { name: '李局长', password: 'boss-pass' });
  };
  return { app, draftId: draft.id, otherId: other.id, commentId: comment.id, backup: backup.file, out, as };
}

type Fixture = Awaited<ReturnType<typeof setup>>;

/** Arguments that pass every argument check, per method: the compiler wants one for each. */
const SAMPLE: Record<Method, (f: Fixture) => unknown> = {
  'app/info': () => ({}),
  'templates/list': () => ({}),
  'drafts/list': () => ({}),
  'drafts/create': () => ({ unitCode: '1', unitName: '甲', year: 2025, templateId: 'hebei-2024' }),
  'drafts/duplicate': (f) => ({ draftId: f.draftId }),
  'drafts/delete': (f) => ({ draftId: f.draftId }),
  'drafts/open': (f) => ({ draftId: f.draftId }),
  'drafts/prior': (f) => ({ draftId: f.draftId }),
  'cells/set': (f) => ({ draftId: f.otherId, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '1' }] }),
  'cells/preview': (f) => ({ draftId: f.draftId, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '1' }] }),
  'rows/add': (f) => ({ draftId: f.otherId, table: 't03', code: '2010399' }),
  'rows/remove': (f) => ({ draftId: f.otherId, table: 't03', rows: ['2010306'] }),
  'history/undo': (f) => ({ draftId: f.otherId }),
  'history/redo': (f) => ({ draftId: f.otherId }),
  'history/cellLog': (f) => ({ draftId: f.draftId }),
  'backups/list': () => ({}),
  'backups/restore': (f) => ({ file: f.backup }),
  'backups/create': () => ({}),
  'recovery/startEmpty': () => ({}),
  'recovery/keepCurrent': () => ({}),
  'draftFile/save': (f) => ({ draftId: f.draftId, path: join(f.out, 'a.budget.json') }),
  'draftFile/open': (f) => ({ path: join(f.out, 'missing.budget.json') }),
  'files/chooseOpen': () => ({ title: 't', filters: [] }),
  'files/chooseSave': () => ({ title: 't', defaultName: 'a.xlsx', filters: [] }),
  'dictionary/search': () => ({ templateId: 'hebei-2024', scheme: 'function', query: '201' }),
  'dictionary/sources': () => ({}),
  'dictionary/replace': (f) => ({ scheme: 'function', path: join(f.out, 'missing.csv') }),
  'dictionary/reset': () => ({ scheme: 'function' }),
  'findings/list': (f) => ({ draftId: f.draftId }),
  'findings/full': (f) => ({ draftId: f.draftId }),
  'findings/explanations': (f) => ({ draftId: f.draftId }),
  'findings/explain': (f) => ({ draftId: f.otherId, findingId: 'x', text: '说明' }),
  'findings/rules': () => ({ templateId: 'hebei-2024' }),
  'excel/export': (f) => ({ draftId: f.draftId, path: join(f.out, 'a.xlsx') }),
  'excel/importPreview': (f) => ({ path: join(f.out, 'missing.xlsx') }),
  'excel/importCommit': () => ({ previewId: 'p', as: 'new' }),
  'excel/importDiscard': () => ({ previewId: 'p' }),
  'publication/preview': (f) => ({ draftId: f.draftId }),
  'publication/pdf': (f) => ({ draftId: f.draftId, path: join(f.out, 'a.pdf') }),
  'narrative/draft': (f) => ({ draftId: f.draftId }),
  'narrative/editableSource': (f) => ({ draftId: f.draftId, sectionId: 'x' }),
  'projects/list': (f) => ({ draftId: f.draftId }),
  'projects/copyFromDraft': (f) => ({ draftId: f.otherId, fromDraftId: f.draftId, projectIds: [] }),
  'accounts/status': () => ({}),
  'accounts/create': () => ({ name: '赵会计', role: 'clerk', password: 'zhao-pass' }),
  'accounts/login': () => ({ name: '张会计', password: 'wrong-pass' }),
  'accounts/logout': () => ({}),
  'accounts/changePassword': () => ({ oldPassword: 'clerk-pass', newPassword: 'new-clerk-pass' }),
  'accounts/registerKey': (f) => ({ path: join(f.out, 'no-such.budget.json') }),
  'review/state': (f) => ({ draftId: f.draftId }),
  'review/submit': (f) => ({ draftId: f.otherId }),
  'review/withdraw': (f) => ({ draftId: f.draftId }),
  'review/return': (f) => ({ draftId: f.draftId, reason: '请核对' }),
  'review/sign': (f) => ({ draftId: f.draftId, password: 'boss-pass' }),
  'review/reopen': (f) => ({ draftId: f.draftId }),
  'comments/list': (f) => ({ draftId: f.draftId }),
  'comments/add': (f) => ({ draftId: f.draftId, target: {}, text: '意见' }),
  'comments/reply': (f) => ({ draftId: f.draftId, commentId: f.commentId, text: '回复' }),
  'comments/resolve': (f) => ({ draftId: f.draftId, commentId: f.commentId }),
  'versions/list': (f) => ({ draftId: f.draftId }),
  'versions/diff': (f) => ({ draftId: f.draftId, from: 'current', to: 'current' }),
  'signatures/list': (f) => ({ draftId: f.draftId }),
  'review/events': (f) => ({ draftId: f.draftId }),
  'review/verifyWorkbook': (f) => ({ path: join(f.out, 'missing.xlsx') }),
  'review/verifyDraft': (f) => ({ draftId: f.draftId }),
  'units/list': (f) => ({ departmentId: f.draftId }),
  'units/add': (f) => ({ departmentId: f.otherId, unit: { code: '001', name: '本级', nature: '行政', rank: '正科级', funding: '财政拨款' } }),
  'units/remove': (f) => ({ departmentId: f.otherId, code: '009' }),
  'units/start': (f) => ({ departmentId: f.otherId, code: '009' }),
  'units/takeIn': (f) => ({ departmentId: f.otherId, code: '009', source: { kind: 'draftFile', path: join(f.out, 'missing.budget.json') } }),
  'units/consolidate': (f) => ({ departmentId: f.otherId }),
};

/** Everything the app keeps: every table's rows (sessions and lockouts aside: a failed login counts) and the data folder's files. */
function digest(app: App & { dataDir: string }, out: string): string {
  const db = app.ctx.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    if (t === 'review_sessions' || t === 'review_lockouts') continue;
    hash.update(t + JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all()));
  }
  hash.update(JSON.stringify(readdirSync(join(app.dataDir, 'backups')).sort()));
  hash.update(JSON.stringify(readdirSync(out).sort()));
  return hash.digest('hex');
}

const STATES: DraftStatus[] = ['editing', 'submitted', 'signed'];
const changing = (m: Method) => !['read', 'self'].includes(METHOD_ACCESS[m]);

describe('role matrix over every method of the API', () => {
  it('every method of the registry has an access rule and a sample', async () => {
    const app = tempApp();
    apps.push(app);
    const methods = app.api.names().sort();
    expect(methods.length).toBeGreaterThan(50);
    for (const m of methods) {
      expect(METHOD_ACCESS[m as Method], m).toBeDefined();
      expect(SAMPLE[m as Method], m).toBeDefined();
    }
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual(methods);
  });

  for (const status of STATES) {
    it(`logged out, draft ${status}: every state-changing method is refused and nothing changes`, async () => {
      const f = await setup(status);
      await f.as('logged out');
      const methods = f.app.api.names() as Method[];
      for (const m of methods) {
        if (m === 'accounts/logout' || m === 'accounts/login' || m === 'accounts/create') continue;
        const before = digest(f.app, f.out);
        const r = await f.app.dispatch(m, SAMPLE[m](f));
        if (changing(m)) expect(r, m).toMatchObject({ ok: false, error: { code: 'forbidden', message: '请先登录' } });
        expect(digest(f.app, f.out), m).toBe(before);
      }
      // The 'self' methods decide for themselves: a second account needs a login, a wrong password stays wrong.
      expect(await f.app.dispatch('accounts/create', SAMPLE['accounts/create'](f))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await f.app.dispatch('accounts/login', SAMPLE['accounts/login'](f))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }, 60_000);

    it(`clerk, draft ${status}: deleting and restoring are refused and change nothing`, async () => {
      const f = await setup(status);
      await f.as('clerk');
      for (const m of ['drafts/delete', 'backups/restore', 'recovery/startEmpty', 'recovery/keepCurrent'] as Method[]) {
        const before = digest(f.app, f.out);
        expect(await f.app.dispatch(m, SAMPLE[m](f)), m).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(digest(f.app, f.out), m).toBe(before);
      }
    }, 60_000);

    it(`supervisor, draft ${status}: ${status === 'editing' ? 'deletes the draft and restores' : 'may not delete it'}`, async () => {
      const f = await setup(status);
      await f.as('supervisor');
      const before = digest(f.app, f.out);
      const r = await f.app.dispatch('drafts/delete', SAMPLE['drafts/delete'](f));
      if (status === 'editing') {
        expect(r).toMatchObject({ ok: true });
        expect(await f.app.dispatch('backups/restore', { file: f.backup })).toMatchObject({ ok: true });
        expect(f.app.ctx.drafts.getMeta(f.draftId).id).toBe(f.draftId);
      } else {
        expect(r).toMatchObject({ ok: false, error: { code: 'read-only' } });
        expect(digest(f.app, f.out)).toBe(before);
      }
    }, 60_000);
  }

  it('without any account the single user works as before (but submitted and signed drafts stay undeletable)', async () => {
    const app = tempApp();
    apps.push(app);
    const meta = seedDraft(app);
    expect(await app.dispatch('cells/set', { draftId: meta.id, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '5' }] })).toMatchObject({ ok: true });
    app.ctx.drafts.setStatus(meta.id, 'signed');
    expect(await app.dispatch('drafts/delete', { draftId: meta.id })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    app.ctx.drafts.setStatus(meta.id, 'editing');
    expect(await app.dispatch('drafts/delete', { draftId: meta.id })).toMatchObject({ ok: true });
  });
});

describe('accounts across restore and restart', () => {
  it('a restore of a backup older than the accounts keeps them: nobody can then make themselves supervisor', async () => {
    const app = tempApp();
    apps.push(app);
    seedDraft(app);
    await app.ctx.storage.idle();
    const old = (await app.dispatch('backups/create', {})) as { ok: true; value: { file: string } };
    await app.dispatch('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    expect(await app.dispatch('backups/restore', { file: old.value.file })).toMatchObject({ ok: true });
    await app.dispatch('accounts/logout', {});
    expect((await app.dispatch('accounts/status', {})) as unknown).toMatchObject({ ok: true, value: { hasAccounts: true } });
    expect(await app.dispatch('accounts/create', { name: '假局长', role: 'supervisor', password: 'fake-pass' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('accounts/login', { name: '李局长', password: 'boss-pass' })).toMatchObject({ ok: true });
  });

  it('40 wrong passwords sent at once: at most 5 are checked, the name is locked, and a restart keeps the lock', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = tempApp({ dataDir });
    await app.dispatch('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    await app.dispatch('accounts/logout', {});
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 40 }, () => app.dispatch('accounts/login', { name: '李局长', password: 'guess-pass' })));
    const wrong = results.filter((r) => !r.ok && r.error.message === '姓名或密码不正确').length;
    const locked = results.filter((r) => !r.ok && r.error.message.startsWith('密码错误次数过多')).length;
    expect(wrong).toBeLessThanOrEqual(5);
    expect(wrong + locked).toBe(40);
    expect(Date.now() - started).toBeLessThan(5_000);
    await app.close();
    const again = tempApp({ dataDir });
    const r = await again.dispatch('accounts/login', { name: '李局长', password: 'boss-pass' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/密码错误次数过多/) } });
    await again.close();
    expect(existsSync(dataDir)).toBe(true);
  });
});
