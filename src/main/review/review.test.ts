import { readFileSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiError, ArgsOf, Method, ResultOf } from '../../shared/api';
import { getSeed } from '../../../seeds';
import { parseCellKey, type DraftContent } from '../../shared/draft';
import type { SignedMeta as SignedMetaLike } from '../../shared/review/canonical';
import { isNumericKind } from '../../shared/engine/model';
import { signedTables } from '../../shared/review/canonical';
import { getTemplate } from '../../shared/regions';
import { followersLabel, groupFindings } from '../../shared/validation';
import { cleanedAfterEach, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import { DB_FILE } from '../store/storage';
import { contentHashOf, fingerprintOf } from './fingerprint';
import { sealMessage } from './keys';
import { printedFingerprint } from './export-signoff';
import { signOffLinesFor } from './install';
import { verifySignedWorkbook } from './workbook';
import { runCli } from '../cli/main';

const { apps, dirs } = cleanedAfterEach();

function newApp() {
  const app = tempApp();
  apps.push(app);
  const call = async <M extends Method>(method: M, args: ArgsOf<M>): Promise<ResultOf<M> extends Promise<infer R> ? R : ResultOf<M>> => {
    const r = await app.dispatch(method, args);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { api: r.error });
    return r.value as never;
  };
  const refused = async <M extends Method>(method: M, args: ArgsOf<M>): Promise<ApiError> => {
    const r = await app.dispatch(method, args);
    if (r.ok) throw new Error(`${method} should have been refused`);
    return r.error;
  };
  return { app, call, refused };
}

/** An app with a clerk 张会计 and a supervisor 李局长, the clerk logged in, and the seed budget. */
async function reviewSetup(options: { supervisorHere?: boolean } = {}) {
  const t = newApp();
  expect((await t.call('accounts/status', {})).hasAccounts).toBe(false);
  await t.call('accounts/create', { name: '张会计', role: 'clerk', password: 'clerk-pass' });
  if (options.supervisorHere !== false) {
    // The supervisor creates their own account in person (and is logged in); the clerk logs back in.
    await t.call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    await t.call('accounts/login', { name: '张会计', password: 'clerk-pass' });
  }
  const meta = seedDraft(t.app);
  const as = (name: string, password: string) => t.call('accounts/login', { name, password });
  return { ...t, draftId: meta.id, clerk: () => as('张会计', 'clerk-pass'), boss: () => as('李局长', 'boss-pass') };
}

const t03Basic = (draftId: string, value: string) => ({ draftId, edits: [{ table: 't03', row: '2010306', col: 'basic', value }] });

describe('accounts', () => {
  it('first account without login, then only logged-in users add accounts; wrong password refused', async () => {
    const { call, refused } = newApp();
    const clerk = await call('accounts/create', { name: '张会计', role: 'clerk', password: 'clerk-pass' });
    expect((await call('accounts/status', {})).currentUser).toEqual(clerk);
    // No supervisor yet: a clerk may not add another clerk (that would set someone else's password).
    expect((await refused('accounts/create', { name: '钱会计', role: 'clerk', password: 'qian-pass' })).message).toContain('编制人不能为他人设置密码');
    // The first supervisor creates their own account in person: it logs in as the supervisor.
    const boss0 = await call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    expect((await call('accounts/status', {})).currentUser).toEqual(boss0);
    await call('accounts/login', { name: '张会计', password: 'clerk-pass' });
    // A clerk may not add a second supervisor once one exists, nor any account.
    expect((await refused('accounts/create', { name: '王主任', role: 'supervisor', password: 'other-pass' })).code).toBe('forbidden');
    expect((await refused('accounts/create', { name: '赵会计', role: 'clerk', password: 'zhao-pass' })).code).toBe('forbidden');
    expect((await refused('accounts/create', { name: '赵', role: 'clerk', password: '123' })).message).toContain('至少 6 位');
    await call('accounts/logout', {});
    expect((await refused('accounts/create', { name: '赵会计', role: 'clerk', password: 'zhao-pass' })).message).toContain('请先登录');
    const wrong = await refused('accounts/login', { name: '李局长', password: 'nope-nope' });
    expect(wrong).toMatchObject({ code: 'forbidden', message: '姓名或密码不正确' });
    expect((await call('accounts/status', {})).currentUser).toBeNull();
    const boss = await call('accounts/login', { name: '李局长', password: 'boss-pass' });
    expect(boss.role).toBe('supervisor');
    expect((await refused('accounts/changePassword', { oldPassword: 'wrong-one', newPassword: 'new-boss-pass' })).message).toContain('原密码不正确');
    await call('accounts/changePassword', { oldPassword: 'boss-pass', newPassword: 'new-boss-pass' });
    await call('accounts/logout', {});
    expect((await refused('accounts/login', { name: '李局长', password: 'boss-pass' })).code).toBe('forbidden');
    await call('accounts/login', { name: '李局长', password: 'new-boss-pass' });
  });

  it('an account a supervisor adds has a temporary password: at first login nothing works until its holder sets their own', async () => {
    const { app, call, refused } = newApp();
    await call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    await call('accounts/create', { name: '张会计', role: 'clerk', password: 'temp-pass' });
    await call('accounts/create', { name: '王主任', role: 'supervisor', password: 'temp-boss' });
    // The supervisor stays logged in after adding them.
    expect((await call('accounts/status', {})).currentUser?.name).toBe('李局长');
    const meta = seedDraft(app);
    await call('accounts/logout', {});
    const first = await call('accounts/login', { name: '张会计', password: 'temp-pass' });
    expect(first).toMatchObject({ name: '张会计', mustChangePassword: true });
    const status = await call('accounts/status', {});
    expect(status.currentUser).toBeNull();
    expect(status.pendingPasswordChange?.name).toBe('张会计');
    // Nothing else is open with the temporary password.
    expect((await refused('cells/set', t03Basic(meta.id, '5'))).message).toBe('请先登录');
    expect((await refused('review/submit', { draftId: meta.id })).message).toBe('请先登录');
    expect((await refused('accounts/changePassword', { oldPassword: 'temp-pass', newPassword: 'temp-pass' })).message).toContain('不能与初始密码相同');
    expect((await refused('accounts/changePassword', { oldPassword: 'guess-pass', newPassword: 'clerk-pass' })).message).toContain('原密码不正确');
    await call('accounts/changePassword', { oldPassword: 'temp-pass', newPassword: 'clerk-pass' });
    expect((await call('accounts/status', {})).currentUser?.name).toBe('张会计');
    await call('cells/set', t03Basic(meta.id, '5'));
    // From now on the holder's own password logs in at once, the temporary one no more.
    await call('accounts/logout', {});
    expect((await refused('accounts/login', { name: '张会计', password: 'temp-pass' })).code).toBe('forbidden');
    expect(await call('accounts/login', { name: '张会计', password: 'clerk-pass' })).not.toHaveProperty('mustChangePassword');
    // Logging out of a pending change leaves nobody logged in; the temporary password still must be changed.
    await call('accounts/logout', {});
    expect(await call('accounts/login', { name: '王主任', password: 'temp-boss' })).toMatchObject({ mustChangePassword: true });
    await call('accounts/logout', {});
    expect(await call('accounts/status', {})).toMatchObject({ currentUser: null, pendingPasswordChange: null });
    expect(await call('accounts/login', { name: '王主任', password: 'temp-boss' })).toMatchObject({ mustChangePassword: true });
  });

  it('five wrong passwords in a row lock the name for a minute', async () => {
    const { call, refused } = newApp();
    await call('accounts/create', { name: '张会计', role: 'clerk', password: 'clerk-pass' });
    await call('accounts/logout', {});
    for (let i = 0; i < 5; i++) expect((await refused('accounts/login', { name: '张会计', password: `wrong-${i}` })).message).toBe('姓名或密码不正确');
    const locked = await refused('accounts/login', { name: '张会计', password: 'clerk-pass' });
    expect(locked.message).toMatch(/密码错误次数过多，请 \d+ 秒后再试/);
    expect((await call('accounts/status', {})).currentUser).toBeNull();
  });

  it('stores only salted scrypt hashes', async () => {
    const { app, call } = newApp();
    await call('accounts/create', { name: '李局长', role: 'supervisor', password: 'clerk-pass' });
    await call('accounts/create', { name: '钱会计', role: 'clerk', password: 'clerk-pass' });
    const rows = app.ctx.db.prepare('SELECT password_hash, password_salt FROM review_users').all() as Array<{ password_hash: string; password_salt: string }>;
    expect(rows).toHaveLength(2);
    expect(rows[0].password_salt).not.toBe(rows[1].password_salt);
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
    const dump = readFileSync(join(app.dataDir, DB_FILE), 'latin1') + readFileSync(join(app.dataDir, `${DB_FILE}-wal`), 'latin1');
    expect(dump).not.toContain('clerk-pass');
  });
});

describe('roles and states, enforced in main', () => {
  it('a clerk cannot sign; a supervisor cannot edit a submitted draft; nothing changes', async () => {
    const { call, refused, app, draftId, boss, clerk } = await reviewSetup();
    await call('review/submit', { draftId });
    const clerkSigns = await refused('review/sign', { draftId, password: 'clerk-pass' });
    expect(clerkSigns.code).toBe('forbidden');
    expect(clerkSigns.message).toContain('只有审核人可以审签');
    expect((await call('signatures/list', { draftId }))).toEqual([]);

    await boss();
    const before = app.ctx.drafts.getSnapshot(draftId);
    const edit = await refused('cells/set', t03Basic(draftId, '1'));
    expect(edit.code).toBe('read-only');
    expect((await refused('rows/add', { draftId, table: 't03', code: '2010399' })).code).toBe('read-only');
    expect(app.ctx.drafts.getSnapshot(draftId)).toEqual(before);

    // Returned: editable again, but by the clerk only.
    await call('review/return', { draftId, reason: '请核对基本支出' });
    expect((await refused('cells/set', t03Basic(draftId, '1'))).message).toContain('审核人不能修改');
    await clerk();
    await call('cells/set', t03Basic(draftId, '300'));
    const log = await call('history/cellLog', { draftId, cell: { table: 't03', row: '2010306', col: 'basic' } });
    expect(log[0]).toMatchObject({ user: '张会计', newValue: '300' });
    expect((await refused('review/return', { draftId, reason: '请核对' })).code).toBe('forbidden');
  });

  it('a return must say why: no reason, or only spaces, is refused in Chinese and the draft stays submitted', async () => {
    const { call, refused, app, draftId, boss } = await reviewSetup();
    await call('review/submit', { draftId });
    await boss();
    // A caller that leaves the reason out altogether gets the same answer as one that leaves it empty.
    for (const args of [{ draftId } as { draftId: string; reason: string }, { draftId, reason: '' }, { draftId, reason: ' \n\u3000 ' }]) {
      const r = await refused('review/return', args);
      expect(r).toMatchObject({ code: 'invalid-value', message: '退回须写明原因：请说明编制人需要修改什么' });
    }
    expect(app.ctx.drafts.getMeta(draftId).status).toBe('submitted');
    expect(await call('comments/list', { draftId })).toEqual([]);
    await call('review/return', { draftId, reason: '  请核对基本支出  ' });
    expect(await call('comments/list', { draftId })).toMatchObject([{ text: '请核对基本支出', targetLabel: '整个预算草稿' }]);
    expect((await call('review/events', { draftId })).at(-1)).toMatchObject({ action: 'return', note: '请核对基本支出' });
  });

  it('once accounts exist, nobody edits without logging in', async () => {
    const { call, refused, draftId } = await reviewSetup();
    await call('accounts/logout', {});
    expect((await refused('cells/set', t03Basic(draftId, '1'))).message).toBe('请先登录');
    expect((await refused('review/submit', { draftId })).message).toBe('请先登录');
  });

  it('submission is refused while a 强制 finding or an unexplained 提示 remains, listing them', async () => {
    const { call, refused, app, draftId } = await reviewSetup();
    // 人员经费 on 302 (公用经费 only): an error of rule group 4.
    await call('cells/set', { draftId, edits: [{ table: 't06', row: '30201', col: 'personnel', value: '1' }] });
    const findings = app.ctx.drafts.getFindings(draftId);
    expect(findings.length).toBeGreaterThan(0);
    const blocked = await refused('review/submit', { draftId });
    expect(blocked.code).toBe('blocked');
    expect(blocked.message).toContain('不能提交');
    const listed = (blocked.details as { findings: Array<{ id: string; message: string }> }).findings;
    expect(listed.map((f) => f.id).sort()).toEqual(findings.map((f) => f.id).sort());
    expect(blocked.message).toContain(findings[0].message);
    expect(app.ctx.drafts.getMeta(draftId).status).toBe('editing');
    await call('cells/set', { draftId, edits: [{ table: 't06', row: '30201', col: 'personnel', value: '' }] });
    expect((await call('review/submit', { draftId })).status).toBe('submitted');
  });

  it('the refusal counts and lists problems as the window does: a wrong 项 and the 款, 类 and 合计 it breaks are one, its followers in the window\'s words', async () => {
    const { call, refused, app, draftId } = await reviewSetup();
    await call('cells/set', t03Basic(draftId, '300'));
    const findings = app.ctx.drafts.getFindings(draftId);
    expect(findings).toHaveLength(4);
    const blocked = await refused('review/submit', { draftId });
    const [count, lead, followers, ...rest] = blocked.message.split('\n');
    expect(count).toBe('不能提交：还有 1 项强制性错误。');
    expect(lead).toBe(`【强制】${groupFindings(findings)[0].lead.message}`);
    expect(followers).toBe(`  ${followersLabel(3)}`);
    expect(rest).toEqual([]);
    expect((blocked.details as { findings: unknown[] }).findings).toHaveLength(4);
  });
});

describe('sign-off', () => {
  it('a wrong password is refused and nothing changes', async () => {
    const { call, refused, app, draftId, boss } = await reviewSetup();
    await call('review/submit', { draftId });
    await boss();
    const before = { meta: app.ctx.drafts.getMeta(draftId), versions: await call('versions/list', { draftId }) };
    const r = await refused('review/sign', { draftId, password: 'clerk-pass' });
    expect(r).toMatchObject({ code: 'forbidden', message: '密码不正确，未审签' });
    expect(app.ctx.drafts.getMeta(draftId)).toEqual(before.meta);
    expect(await call('versions/list', { draftId })).toEqual(before.versions);
    expect(await call('signatures/list', { draftId })).toEqual([]);
  });

  it('records who, when and the SHA-256 of exactly what was signed; any change voids it visibly', async () => {
    const { call, refused, app, draftId, boss, clerk } = await reviewSetup();
    await call('review/submit', { draftId });
    await boss();
    const state = await call('review/sign', { draftId, password: 'boss-pass' });
    expect(state.status).toBe('signed');
    const sig = state.signature!;
    const snap = app.ctx.drafts.getSnapshot(draftId);
    expect(sig).toMatchObject({ signer: '李局长', state: 'valid' });
    expect(sig.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(sig.fingerprint).toBe(fingerprintOf(snap.meta, snap.content));
    expect(Date.now() - Date.parse(sig.signedAt)).toBeLessThan(60_000);
    expect(signOffLinesFor(app.ctx, draftId).map((l) => l.value)).toEqual(['已审签', '李局长', expect.stringMatching(/年.*月.*日/), sig.fingerprint, sig.signerKeyId]);
    expect(sig.signerKeyId).toMatch(/^[0-9a-f]{16}$/);

    // The export prints the sign-off under the 情况说明 and its figures verify against it.
    const dir = tempDir();
    dirs.push(dir);
    const signedBook = join(dir, 'signed.xlsx');
    await call('excel/export', { draftId, path: signedBook });
    expect(await printedFingerprint(signedBook)).toBe(sig.fingerprint);
    const verified = await verifySignedWorkbook(signedBook, { dictionaries: app.ctx.dictionaries });
    expect(verified).toMatchObject({ ok: true });
    expect(await call('review/verifyWorkbook', { path: signedBook })).toMatchObject({ ok: true, expected: sig.fingerprint });
    expect(await call('review/verifyDraft', { draftId })).toMatchObject({ ok: true, message: expect.stringContaining('签章有效') });
    expect((await refused('review/verifyWorkbook', { path: join(dir, 'missing.xlsx') })).message).toContain('文件不存在');

    // Read-only for everyone until reopened.
    expect((await refused('cells/set', t03Basic(draftId, '1'))).code).toBe('read-only');
    await clerk();
    expect((await refused('cells/set', t03Basic(draftId, '1'))).code).toBe('read-only');
    const reopened = await call('review/reopen', { draftId });
    expect(reopened.status).toBe('editing');
    expect(reopened.signature).toBeNull();
    expect(reopened.lastVoided).toMatchObject({ id: sig.id, state: 'void', voidReason: expect.stringContaining('作废') });
    await call('cells/set', t03Basic(draftId, '342'));
    expect(signOffLinesFor(app.ctx, draftId)).toEqual([{ label: '部门主要负责人审签情况', value: '未审签' }]);
    const unsignedBook = join(dir, 'unsigned.xlsx');
    await call('excel/export', { draftId, path: unsignedBook });
    expect(await printedFingerprint(unsignedBook)).toBeNull();
    expect((await refused('review/verifyWorkbook', { path: unsignedBook })).code).toBe('not-found');
    // The current figures checked against the old signature's fingerprint: changed.
    expect(await call('review/verifyWorkbook', { path: unsignedBook, fingerprint: sig.fingerprint })).toMatchObject({ ok: false });
    // The earlier signed workbook no longer matches the figures of the draft.
    const snapAfter = app.ctx.drafts.getSnapshot(draftId);
    expect(fingerprintOf(snapAfter.meta, snapAfter.content)).not.toBe(sig.fingerprint);
    const history = await call('signatures/list', { draftId });
    expect(history).toHaveLength(1);
    expect(history[0].state).toBe('void');
  });

  it('after a password change the supervisor signs with the new password, sealed with the same key', async () => {
    const { call, refused, app, draftId, boss } = await reviewSetup();
    await call('review/submit', { draftId });
    await boss();
    const keyOf = () => (app.ctx.db.prepare("SELECT public_key FROM review_users WHERE name = '李局长'").get() as { public_key: string }).public_key;
    const keyBefore = keyOf();
    await call('accounts/changePassword', { oldPassword: 'boss-pass', newPassword: 'boss-pass-2' });
    expect(keyOf()).toBe(keyBefore);
    expect((await refused('review/sign', { draftId, password: 'boss-pass' })).message).toBe('密码不正确，未审签');
    const signed = await call('review/sign', { draftId, password: 'boss-pass-2' });
    expect(signed.signature?.publicKey).toBe(keyBefore);
    expect(await call('review/verifyDraft', { draftId })).toMatchObject({ ok: true });
  });

  it('the fingerprint changes with every entered figure of the published tables', () => {
    const seed = getSeed('juluxian-2024');
    const template = getTemplate(seed.meta.templateId);
    const base = fingerprintOf(seed.meta, seed.content);
    const tables = new Map(signedTables(template).map((t) => [t.id, t]));
    let checked = 0;
    for (const [key, value] of Object.entries(seed.content.cells)) {
      const ref = parseCellKey(key);
      const kind = tables.get(ref.table)?.columns.find((c) => c.id === ref.col)?.kind;
      if (!kind || !isNumericKind(kind)) continue;
      const changed = structuredClone(seed.content);
      changed.cells[key] = String(Number(value) + 0.01);
      expect(fingerprintOf(seed.meta, changed), key).not.toBe(base);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('a status change by any other way voids the signature (hook on the draft service)', async () => {
    const { call, app, draftId, boss } = await reviewSetup();
    await call('review/submit', { draftId });
    await boss();
    await call('review/sign', { draftId, password: 'boss-pass' });
    app.ctx.drafts.setStatus(draftId, 'editing');
    const state = await call('review/state', { draftId });
    expect(state.signature).toBeNull();
    expect(state.lastVoided?.state).toBe('void');
  });
});

describe('comments and history', () => {
  it('comments on a cell, a table and the draft; the clerk answers and resolves; diff of versions cell by cell', async () => {
    const { call, refused, app, draftId, boss, clerk } = await reviewSetup();
    await call('review/submit', { draftId });
    await boss();
    const onCell = await call('comments/add', { draftId, target: { table: 't03', row: '2010306', col: 'basic' }, text: '基本支出偏高，请核实' });
    expect(onCell.targetLabel).toBe('表3 支出总表 · 2010306 政务公开审批 · 基本支出');
    const onTable = await call('comments/add', { draftId, target: { table: 't09' }, text: '三公经费请说明' });
    expect(onTable.targetLabel).toBe('表9 “三公”经费表');
    expect((await refused('comments/add', { draftId, target: { table: 't03', row: '2010306', col: 'nope' }, text: 'x' })).code).toBe('not-found');
    expect((await refused('comments/add', { draftId, target: {}, text: '   ' })).message).toContain('不能为空');
    await call('review/return', { draftId, reason: '整体请再核对' });

    await clerk();
    const list = await call('comments/list', { draftId });
    expect(list.map((c) => c.targetLabel)).toEqual([onCell.targetLabel, onTable.targetLabel, '整个预算草稿']);
    const answered = await call('comments/reply', { draftId, commentId: onCell.id, text: '已调整为 300' });
    expect(answered.replies).toMatchObject([{ author: '张会计', role: 'clerk', text: '已调整为 300' }]);
    await call('cells/set', { draftId, edits: [{ table: 't12', row: 'otherAssets', col: 'value', value: '544.8' }] });
    const resolved = await call('comments/resolve', { draftId, commentId: onCell.id });
    expect(resolved.resolved?.by).toBe('张会计');
    expect((await call('review/state', { draftId })).openComments).toBe(2);
    await call('review/submit', { draftId });
    await boss();
    await call('review/sign', { draftId, password: 'boss-pass' });

    const versions = await call('versions/list', { draftId });
    expect(versions.map((v) => v.kind)).toEqual(['submit', 'submit', 'sign']);
    const steps = await call('review/events', { draftId });
    expect(steps.map((e) => `${e.user}:${e.action}:${e.from}→${e.to}`)).toEqual([
      '张会计:submit:editing→submitted',
      '李局长:return:submitted→returned',
      '张会计:submit:returned→submitted',
      '李局长:sign:submitted→signed',
    ]);
    expect(steps[1].note).toBe('整体请再核对');
    const diff = await call('versions/diff', { draftId, from: versions[0].id, to: versions[2].id });
    expect(diff).toEqual([
      expect.objectContaining({
        tableTitle: '表12 固定资产占用',
        rowLabel: '4、其他固定资产',
        colLabel: '价值',
        oldValue: '544.72',
        newValue: '544.8',
      }),
    ]);
    expect(await call('versions/diff', { draftId, from: versions[2].id, to: 'current' })).toEqual([]);

    // Deleting the draft takes its review records along. A signed draft is never deleted as it
    // is (issue 16): the supervisor reopens it first (the signature is voided), then deletes.
    expect((await refused('drafts/delete', { draftId })).code).toBe('read-only');
    await call('review/reopen', { draftId });
    await call('drafts/delete', { draftId });
    const left = app.ctx.db.prepare('SELECT (SELECT COUNT(*) FROM review_comments) + (SELECT COUNT(*) FROM review_versions) + (SELECT COUNT(*) FROM review_signatures) AS n').get() as { n: number };
    expect(left.n).toBe(0);
  });
});

describe('review elsewhere: the draft file', () => {
  function fileTools() {
    const dir = tempDir();
    dirs.push(dir);
    return { file: (name: string) => join(dir, name) };
  }

  /**
   * The clerk submits and sends the draft file; on the supervisor's machine it is opened,
   * `beforeSigning` runs on the copy, it is signed and saved as signed.json.
   */
  async function signedElsewhere(beforeSigning: (b: ReturnType<typeof newApp>, copyId: string) => Promise<void> = async () => {}) {
    const { file } = fileTools();
    const a = await reviewSetup({ supervisorHere: false });
    await a.call('review/submit', { draftId: a.draftId });
    await a.call('draftFile/save', { draftId: a.draftId, path: file('sent.json') });
    const b = newApp();
    await b.call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    const copy = await b.call('draftFile/open', { path: file('sent.json') });
    expect(copy.status).toBe('submitted');
    await beforeSigning(b, copy.id);
    await b.call('review/sign', { draftId: copy.id, password: 'boss-pass' });
    await b.call('draftFile/save', { draftId: copy.id, path: file('signed.json') });
    return { a, file };
  }

  /** A draft submitted and signed on this machine, saved as signed.json. */
  async function signedHere() {
    const { file } = fileTools();
    const a = await reviewSetup();
    await a.call('review/submit', { draftId: a.draftId });
    await a.boss();
    await a.call('review/sign', { draftId: a.draftId, password: 'boss-pass' });
    await a.call('draftFile/save', { draftId: a.draftId, path: file('signed.json') });
    return { a, file };
  }

  /** Another machine, where 李局长 registered the signing machine's key from the file, opens it. */
  async function openWhereTrusted(path: string) {
    const b = newApp();
    await b.call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-there' });
    await b.call('accounts/registerKey', { path });
    return { b, opened: await b.call('draftFile/open', { path }) };
  }

  it('goes to the supervisor’s machine and comes back signed, with the comments', async () => {
    const { a, file } = await signedElsewhere(async (b, copyId) => {
      await b.call('comments/add', { draftId: copyId, target: { table: 't03', row: '2010306', col: 'basic' }, text: '已核' });
    });

    // The clerk's machine has never trusted 李局长's key: the signed file is not taken as signed.
    await a.call('draftFile/open', { path: file('signed.json') });
    const untrusted = await a.call('review/state', { draftId: a.draftId });
    expect(untrusted.status).toBe('submitted');
    expect(untrusted.fileNotice?.ok).toBe(false);
    expect(untrusted.fileNotice?.messages.join('')).toContain('未在本机登记为“李局长”的密钥');
    // Only 李局长 registers his key, in person: he creates his own account here and brings the file.
    expect((await a.refused('accounts/registerKey', { path: file('signed.json') })).message).toContain('只有审核人可以登记签章密钥');
    await a.call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-here' });
    const registered = await a.call('accounts/registerKey', { path: file('signed.json') });
    expect(registered.signer).toBe('李局长');
    await a.clerk();

    const back = await a.call('draftFile/open', { path: file('signed.json') });
    expect(back.id).toBe(a.draftId);
    const state = await a.call('review/state', { draftId: a.draftId });
    expect(state.status).toBe('signed');
    expect(state.signature?.signer).toBe('李局长');
    expect(registered.keyId).toBe(state.signature?.signerKeyId);
    expect(state.fileNotice).toMatchObject({ ok: true, messages: expect.arrayContaining([expect.stringContaining('已采用审核结果：已审签')]) });
    expect(state.signature?.seal).toBeTruthy();
    expect((await a.call('comments/list', { draftId: a.draftId })).map((c) => c.text)).toEqual(['已核']);
    expect(a.app.ctx.drafts.listDrafts()).toHaveLength(1);
  });

  it('a key made elsewhere is refused: the clerk signs a copy as 李局长 in a second data folder; a zero-width 李局长 is no other person', async () => {
    const { file } = fileTools();
    const a = await reviewSetup();
    await a.call('review/submit', { draftId: a.draftId });
    await a.call('draftFile/save', { draftId: a.draftId, path: file('sent.json') });
    // A second data folder where the clerk makes herself a 李局长 and signs.
    const c = newApp();
    await c.call('accounts/create', { name: '李局长', role: 'supervisor', password: 'fake-pass' });
    const copy = await c.call('draftFile/open', { path: file('sent.json') });
    await c.call('review/sign', { draftId: copy.id, password: 'fake-pass' });
    await c.call('draftFile/save', { draftId: copy.id, path: file('self-signed.json') });

    await a.call('draftFile/open', { path: file('self-signed.json') });
    const state = await a.call('review/state', { draftId: a.draftId });
    expect(state.status).toBe('submitted');
    expect(state.signature).toBeNull();
    expect(state.fileNotice?.ok).toBe(false);
    expect(state.fileNotice?.messages.join('')).toContain('不是本机登记的“李局长”的密钥');
    // Registering that key is 李局长's own act, logged in here: the clerk cannot.
    expect((await a.refused('accounts/registerKey', { path: file('self-signed.json') })).code).toBe('forbidden');

    // The signer's name with a zero-width space, sealed anew with a key of the forger's own.
    type Sig = { fingerprint: string; content_hash: string; signer_id: string; signer_name: string; signed_at: string; public_key: string; seal: string; state: string };
    const forged = JSON.parse(readFileSync(file('self-signed.json'), 'utf8')) as { checksum: string; payload: { review: { signatures: Sig[] } } };
    const sig = forged.payload.review.signatures.find((x) => x.state === 'valid')!;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    sig.signer_name = '李\u200B局长';
    sig.public_key = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const message = sealMessage({ fingerprint: sig.fingerprint, contentHash: sig.content_hash, signerId: sig.signer_id, signer: sig.signer_name, signedAt: sig.signed_at });
    sig.seal = cryptoSign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64');
    forged.checksum = createHash('sha256').update(JSON.stringify(forged.payload)).digest('hex');
    writeFileSync(file('zero-width.json'), JSON.stringify(forged));
    await a.call('draftFile/open', { path: file('zero-width.json') });
    const zeroWidth = await a.call('review/state', { draftId: a.draftId });
    expect(zeroWidth.status).toBe('submitted');
    expect(zeroWidth.signature).toBeNull();
    expect(zeroWidth.fileNotice?.messages.join('')).toContain('含有不可见字符');
    // Nor does an account of that name become a second 李局长.
    await a.boss();
    expect((await a.refused('accounts/create', { name: '李\u202E局长', role: 'clerk', password: 'other-pass' })).message).toContain('已有名为“李局长”的账户');
  });

  it('a returned file older than the local draft is detected and explained, not taken as signed', async () => {
    const { a, file } = await signedElsewhere();

    // Meanwhile the clerk withdrew and changed a figure.
    await a.call('review/withdraw', { draftId: a.draftId });
    await a.call('cells/set', t03Basic(a.draftId, '350'));
    await a.call('draftFile/open', { path: file('signed.json') });
    const state = await a.call('review/state', { draftId: a.draftId });
    expect(state.status).toBe('editing');
    expect(state.signature).toBeNull();
    expect(state.fileNotice?.ok).toBe(false);
    expect(state.fileNotice?.messages[0]).toContain('文件比本机草稿旧');
  });

  it('a tampered draft file is detected: damaged when the checksum breaks, signature void when figures were changed', async () => {
    const { a, file } = await signedHere();
    const original = readFileSync(file('signed.json'), 'utf8');

    // On another machine where 李局长 registered the key of the signing machine, the untouched file opens signed.
    const { b, opened: good } = await openWhereTrusted(file('signed.json'));
    expect((await b.call('review/state', { draftId: good.id })).signature?.signer).toBe('李局长');

    // A figure edited by hand: the store's checksum no longer matches.
    const parsed = JSON.parse(original) as { checksum: string; payload: { content: { cells: Record<string, string> } } };
    parsed.payload.content.cells['t03!2010306!basic'] = '999';
    writeFileSync(file('edited.json'), JSON.stringify(parsed));
    expect((await b.refused('draftFile/open', { path: file('edited.json') })).code).toBe('damaged');

    // The same edit with the checksum recomputed: the signature's fingerprint catches it.
    parsed.checksum = createHash('sha256').update(JSON.stringify(parsed.payload)).digest('hex');
    writeFileSync(file('forged.json'), JSON.stringify(parsed));
    const forged = await b.call('draftFile/open', { path: file('forged.json') });
    const state = await b.call('review/state', { draftId: forged.id });
    expect(state.status).toBe('editing');
    expect(state.signature).toBeNull();
    expect(state.lastVoided?.voidReason).toContain('签名指纹不符');
    expect(state.fileNotice?.messages.join('\n')).toContain('审签后数据被改动过');

    // Back on the clerk's machine the forged file is not taken over either.
    await a.call('draftFile/open', { path: file('forged.json') });
    const local = await a.call('review/state', { draftId: a.draftId });
    expect(local.fileNotice?.ok).toBe(false);
    expect(local.signature?.state).toBe('valid');

    // A careful forger also recomputes the signature record's fingerprints: the seal no longer fits.
    type Sig = { fingerprint: string; content_hash: string; signer_id: string; signer_name: string; signed_at: string; public_key: string; seal: string; state: string };
    const full = JSON.parse(original) as {
      checksum: string;
      payload: { meta: SignedMetaLike; content: DraftContent; review: { signatures: Sig[] } };
    };
    full.payload.content.cells['t03!2010306!basic'] = '999';
    const sig = full.payload.review.signatures.find((x) => x.state === 'valid')!;
    sig.fingerprint = fingerprintOf(full.payload.meta, full.payload.content);
    sig.content_hash = contentHashOf(full.payload.meta, full.payload.content);
    const reseal = () => {
      full.checksum = createHash('sha256').update(JSON.stringify(full.payload)).digest('hex');
      return JSON.stringify(full);
    };
    writeFileSync(file('forged-hashes.json'), reseal());
    const unsealed = await b.call('draftFile/open', { path: file('forged-hashes.json') });
    const unsealedState = await b.call('review/state', { draftId: unsealed.id });
    expect(unsealedState.signature).toBeNull();
    expect(unsealedState.fileNotice?.messages.join('')).toContain('没有 李局长 的有效签章');

    // ...and one who seals with a key of their own is caught by the key this machine recorded for 李局长.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    sig.public_key = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const message = sealMessage({ fingerprint: sig.fingerprint, contentHash: sig.content_hash, signerId: sig.signer_id, signer: sig.signer_name, signedAt: sig.signed_at });
    sig.seal = cryptoSign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64');
    writeFileSync(file('forged-key.json'), reseal());
    const rekeyed = await b.call('draftFile/open', { path: file('forged-key.json') });
    const rekeyedState = await b.call('review/state', { draftId: rekeyed.id });
    expect(rekeyedState.signature).toBeNull();
    expect(rekeyedState.fileNotice?.messages.join('')).toContain('不是本机登记的“李局长”的密钥');
  });

  it('the seal covers what was approved besides the figures: explanations, prior-year figures and comment states', async () => {
    const { file } = fileTools();
    const a = await reviewSetup();
    const { draftId } = a;
    // Last year's figures, an explained warning, a comment answered and resolved, then sign-off.
    a.app.ctx.drafts.setPriorContent(draftId, { rows: {}, cells: { 't03!2010306!basic': '300' } });
    a.app.ctx.drafts.setExplanation(draftId, 'r14@reception', '接待费在项目支出中安排');
    await a.call('review/submit', { draftId });
    await a.boss();
    const asked = await a.call('comments/add', { draftId, target: { table: 't03', row: '2010306', col: 'basic' }, text: '请说明增幅' });
    await a.call('review/return', { draftId, reason: '请说明增幅' });
    await a.clerk();
    await a.call('comments/reply', { draftId, commentId: asked.id, text: '人员增加 2 名' });
    await a.call('comments/resolve', { draftId, commentId: asked.id });
    await a.call('review/submit', { draftId });
    await a.boss();
    await a.call('review/sign', { draftId, password: 'boss-pass' });
    expect(await a.call('review/verifyDraft', { draftId })).toMatchObject({ ok: true });
    // Review work after the sign-off (a new comment) is not part of what was signed.
    await a.call('comments/add', { draftId, target: {}, text: '审签后补充：请按时公开' });
    expect(await a.call('review/verifyDraft', { draftId })).toMatchObject({ ok: true });
    await a.call('draftFile/save', { draftId, path: file('signed.json') });
    const original = readFileSync(file('signed.json'), 'utf8');

    // Another machine where 李局长 registered his key: the untouched file opens signed.
    const { b, opened: intact } = await openWhereTrusted(file('signed.json'));
    expect((await b.call('review/state', { draftId: intact.id })).signature?.signer).toBe('李局长');
    expect(await b.call('review/verifyDraft', { draftId: intact.id })).toMatchObject({ ok: true });

    type Comment = { parent_id: string | null; text: string; resolved_at: string | null; resolved_by: string | null };
    type Payload = { prior: DraftContent | null; explanations: Array<{ findingId: string; text: string }>; review: { comments: Comment[] } };
    const tampered = async (name: string, change: (p: Payload) => void) => {
      const f = JSON.parse(original) as { checksum: string; payload: Payload };
      change(f.payload);
      f.checksum = createHash('sha256').update(JSON.stringify(f.payload)).digest('hex');
      writeFileSync(file(name), JSON.stringify(f));
      const opened = await b.call('draftFile/open', { path: file(name) });
      return b.call('review/state', { draftId: opened.id });
    };
    const cases: Array<[string, (p: Payload) => void]> = [
      ['explanation.json', (p) => void (p.explanations[0].text = '无需说明')],
      ['explanation-added.json', (p) => void p.explanations.push({ findingId: 'r13@30108', text: '已核', author: '张会计', at: '2025-01-01T00:00:00.000Z' } as never)],
      ['prior.json', (p) => void (p.prior!.cells['t03!2010306!basic'] = '100')],
      ['prior-removed.json', (p) => void (p.prior = null)],
      ['comment-reopened.json', (p) => void Object.assign(p.review.comments.find((c) => !c.parent_id && c.resolved_at)!, { resolved_at: null, resolved_by: null })],
      ['comment-reworded.json', (p) => void (p.review.comments.find((c) => c.parent_id)!.text = '不作说明')],
      ['comment-removed.json', (p) => void (p.review.comments = p.review.comments.filter((c) => c.text !== '请说明增幅' && !c.parent_id))],
    ];
    for (const [name, change] of cases) {
      const state = await tampered(name, change);
      expect(state.signature, name).toBeNull();
      expect(state.status, name).toBe('editing');
      expect(state.fileNotice?.messages.join(''), name).toContain('审签记录、上年数、提示说明或审核意见在审签后被改动');
    }
    // An explanation without its author is no explanation of ours: the file is refused, not half read.
    const malformed = JSON.parse(original) as { checksum: string; payload: Payload };
    malformed.payload.explanations.push({ findingId: 'r13@30108', text: '已核' });
    malformed.checksum = createHash('sha256').update(JSON.stringify(malformed.payload)).digest('hex');
    writeFileSync(file('malformed.json'), JSON.stringify(malformed));
    expect((await b.refused('draftFile/open', { path: file('malformed.json') })).code).toBe('damaged');
    // Back on the clerk's machine a tampered file is not taken over, and the draft keeps its signature.
    await a.clerk();
    await a.call('draftFile/open', { path: file('prior.json') });
    const local = await a.call('review/state', { draftId });
    expect(local.fileNotice?.ok).toBe(false);
    expect(local.signature?.state).toBe('valid');
  });

  it('the command line exports a signed draft file with its sign-off, and a forged one without', async () => {
    const { a, file } = await signedHere();
    const fingerprint = (await a.call('review/state', { draftId: a.draftId })).signature!.fingerprint;
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    const signed = await cli('export', file('signed.json'), '-o', file('signed.xlsx'));
    expect(signed).toMatchObject({ code: 0, err: '' });
    expect(signed.out).toContain('含审签情况（审核人 李局长）');
    expect(await printedFingerprint(file('signed.xlsx'))).toBe(fingerprint);

    const parsed = JSON.parse(readFileSync(file('signed.json'), 'utf8')) as { checksum: string; payload: { content: { cells: Record<string, string> } } };
    parsed.payload.content.cells['t03!2010306!basic'] = '999';
    parsed.checksum = createHash('sha256').update(JSON.stringify(parsed.payload)).digest('hex');
    writeFileSync(file('forged.json'), JSON.stringify(parsed));
    const forged = await cli('export', file('forged.json'), '-o', file('forged.xlsx'));
    expect(forged.code).toBe(0);
    expect(forged.err).toContain('签名指纹不符');
    expect(forged.out).not.toContain('含审签情况');
    expect(await printedFingerprint(file('forged.xlsx'))).toBeNull();
  });

  it('a file marked 已审签 without a signature record opens as 编制中, explained; bad arguments are refused', async () => {
    const { file } = fileTools();
    const a = await reviewSetup();
    await a.call('draftFile/save', { draftId: a.draftId, path: file('plain.json') });
    // A file written without the review section (an older version, or the section cut out), claiming 已审签.
    const parsed = JSON.parse(readFileSync(file('plain.json'), 'utf8')) as { checksum: string; payload: { meta: { status: string }; review?: unknown } };
    delete parsed.payload.review;
    parsed.payload.meta.status = 'signed';
    parsed.checksum = createHash('sha256').update(JSON.stringify(parsed.payload)).digest('hex');
    writeFileSync(file('claims-signed.json'), JSON.stringify(parsed));
    const b = newApp();
    const opened = await b.call('draftFile/open', { path: file('claims-signed.json') });
    expect(opened.status).toBe('editing');
    const state = await b.call('review/state', { draftId: opened.id });
    expect(state.fileNotice?.messages.join('')).toContain('没有有效的审签记录');

    expect((await a.refused('accounts/create', { name: '钱', role: 'boss' as never, password: 'secret-1' })).code).toBe('bad-request');
    expect((await a.refused('review/sign', { draftId: a.draftId } as never)).code).toBe('bad-request');
    expect((await a.refused('review/state', { draftId: 'no-such-draft' })).code).toBe('not-found');
    expect((await a.refused('versions/diff', { draftId: a.draftId, from: 'no-such-version', to: 'current' })).code).toBe('not-found');
  });
});
