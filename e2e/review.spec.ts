/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DraftPage, host } from './support/draft-page';
import { ReviewPage } from './support/review-page';

/**
 * Review and sign-off in the real renderer against the real services: a clerk and a
 * supervisor take turns on one machine (log out, log in), as a small department does.
 */

const CLERK = { name: '张会计', password: 'clerk-pass' };
const BOSS = { name: '李局长', password: 'boss-pass' };

test.beforeEach(async ({ request, page }) => {
  await host.reset(request);
  page.on('dialog', (d) => void d.accept()); // 重新编辑 asks with window.confirm
});

test('clerk fills, submit refused with the blocking findings, fixes, submits; supervisor comments and returns; clerk answers and resubmits; supervisor signs; export shows it; an edit voids it', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  const review = new ReviewPage(page);
  await draft.open(seed.id);

  // First run: the first account, then the supervisor's.
  await expect(page.getByTestId('review-user')).toHaveText('未设置账户');
  await review.createAccount(CLERK, 'clerk', true);
  await expect(page.getByTestId('review-user')).toHaveText('张会计（编制人）');
  // The supervisor creates their own account in person (it logs in as them); the clerk logs back in.
  await review.createAccount(BOSS, 'supervisor', false);
  await expect(page.getByTestId('review-user')).toHaveText('李局长（审核人）');
  await review.logout();
  await review.login(CLERK);

  // The clerk types 人员经费 on 30201 办公费: an error (公用经费 only there).
  await draft.showTable('t06');
  await draft.type('30201', 'personnel', '1');
  await draft.saved();
  await review.action('提交审核').click();
  const blocked = page.getByRole('dialog', { name: '不能提交' });
  await expect(blocked).toContainText('强制性错误');
  const items = blocked.getByTestId('blocking-findings').locator('li');
  await expect(items.first()).toContainText('人员经费只能列在 301、303 类科目');
  // Clicking the finding goes to the cell; the clerk clears the figure and submits.
  await items.filter({ hasText: '人员经费只能列在' }).first().getByRole('button').click();
  await expect(blocked).toBeHidden();
  await draft.cell('30201', 'personnel').click();
  await page.keyboard.press('Delete');
  await expect(draft.cell('30201', 'personnel')).toHaveText('');
  await review.action('提交审核').click();
  await expect(review.status).toHaveText('已提交');

  // The supervisor comments on a cell of table 3 and returns the draft.
  await review.logout();
  await review.login(BOSS);
  await review.comments.getByLabel('意见对象').selectOption('cell');
  // The supervisor clicks the cell in the table, then takes it as the comment's place.
  await draft.showTable('t03');
  await draft.cell('2010306', 'basic').click();
  await review.comments.getByRole('button', { name: '取表格中选中的单元格' }).click();
  await expect(review.comments.getByLabel('意见所在表')).toHaveValue('t03');
  await expect(review.comments.getByLabel('意见所在行')).toHaveValue('2010306');
  await expect(review.comments.getByLabel('意见所在栏')).toHaveValue('basic');
  await review.comments.getByLabel('意见内容').fill('基本支出请与人员编制核对');
  await review.comments.getByRole('button', { name: '添加意见' }).click();
  const comment = review.comments.getByTestId('review-comment').first();
  await expect(comment).toContainText('表3 支出总表 · 2010306 政务公开审批 · 基本支出');
  await expect(comment).toContainText('李局长（审核人）');
  await review.action('退回修改').click();
  const sendBack = page.getByRole('dialog', { name: '退回修改' });
  await sendBack.getByLabel('退回原因').fill('请核对表3基本支出后再提交');
  await sendBack.getByRole('button', { name: '确认退回' }).click();
  await expect(review.status).toHaveText('已退回');

  // The clerk sees the comment where it points, answers, resolves, resubmits.
  await review.logout();
  await review.login(CLERK);
  // The commented cell carries a mark in the grid, as Excel marks a comment.
  await draft.showTable('t03');
  const marked = draft.cell('2010306', 'basic');
  expect(await marked.evaluate((el) => getComputedStyle(el, '::after').borderRightColor)).toBe('rgb(224, 160, 64)');
  expect(await draft.cell('2010306', 'project').evaluate((el) => getComputedStyle(el, '::after').borderRightColor)).not.toBe('rgb(224, 160, 64)');
  const seen = review.comments.getByTestId('review-comment').filter({ hasText: '基本支出请与人员编制核对' });
  await seen.getByRole('button', { name: /2010306/ }).click();
  await expect(page.locator('.bd-tabs button[data-table="t03"]')).toHaveAttribute('aria-selected', 'true');
  await seen.getByLabel('答复内容').fill('已核对，与编制一致');
  await seen.getByRole('button', { name: '答复' }).click();
  await expect(seen.getByTestId('review-reply')).toContainText('已核对，与编制一致');
  await seen.getByRole('button', { name: '标记已解决' }).click();
  await expect(seen).toContainText('已解决：张会计');
  await expect.poll(() => marked.evaluate((el) => getComputedStyle(el, '::after').borderRightColor)).not.toBe('rgb(224, 160, 64)');
  // The reason of the return is a comment on the whole draft: answered by the fix, resolved too.
  const reason = review.comments.getByTestId('review-comment').filter({ hasText: '请核对表3基本支出后再提交' });
  await reason.getByRole('button', { name: '标记已解决' }).click();
  await expect(reason).toContainText('已解决：张会计');
  await review.action('提交审核').click();
  await expect(review.status).toHaveText('已提交');

  // The supervisor signs with the password (a wrong one first).
  await review.logout();
  await review.login(BOSS);
  await review.action('审签').click();
  const sign = page.getByRole('dialog', { name: '审签' });
  await sign.getByLabel('审签密码').fill('wrong-pass');
  await sign.getByRole('button', { name: '确认审签' }).click();
  await expect(sign.getByRole('alert')).toHaveText('密码不正确，未审签');
  await expect(review.status).toHaveText('已提交');
  await sign.getByLabel('审签密码').fill(BOSS.password);
  await sign.getByRole('button', { name: '确认审签' }).click();
  await expect(review.status).toHaveText('已审签');
  const signature = page.getByTestId('review-signature');
  await expect(signature).toContainText('审核人 李局长');
  const state = (await (await request.post('/api/review/state', { data: { draftId: seed.id } })).json()) as { value: { signature: { fingerprint: string } } };
  const fingerprint = state.value.signature.fingerprint;
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  await expect(signature).toContainText(fingerprint.slice(0, 12));
  await testInfo.attach('已审签.png', { body: await page.screenshot(), contentType: 'image/png' });

  // The export carries the sign-off: 已审签, the supervisor, the fingerprint.
  const dir = mkdtempSync(join(tmpdir(), 'review-e2e-'));
  try {
    const file = join(dir, 'signed.xlsx');
    const exported = (await (await request.post('/api/excel/export', { data: { draftId: seed.id, path: file } })).json()) as { ok: boolean };
    expect(exported.ok).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const texts: string[] = [];
    const textOf = (v: ExcelJS.CellValue): string =>
      v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v === null || v === undefined ? '' : String(v);
    wb.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => void texts.push(textOf(c.value)))));
    const all = texts.join('\n');
    expect(all).toContain('已审签');
    expect(all).toContain('李局长');
    expect(all).toContain(fingerprint);
    // The workbook's figures check out against the fingerprint it prints.
    await review.history.getByLabel('核对工作簿路径').fill(file);
    await review.history.getByRole('button', { name: '核对工作簿' }).click();
    await expect(review.history.getByTestId('verify-result')).toContainText('审签后未被修改');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // History: versions at each submit and the sign-off, and the diff view.
  await expect(review.history.getByTestId('signature-entry')).toContainText('有效 · 李局长');
  await expect(review.history.getByTestId('review-steps').locator('li')).toHaveText([
    /张会计：编制中 → 已提交/,
    /李局长：已提交 → 已退回/,
    /张会计：已退回 → 已提交/,
    /李局长：已提交 → 已审签/,
  ]);

  // An edit afterwards: the clerk reopens (the signature is voided, visibly) and changes a figure.
  await review.logout();
  await review.login(CLERK);
  await draft.showTable('t05');
  await review.action('重新编辑（作废签名）').click();
  await expect(review.status).toHaveText('编制中');
  // The window stays on the table the clerk was looking at.
  await expect(draft.tab('t05')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('review-voided')).toContainText('原签名已作废（李局长');
  await expect(page.getByTestId('review-signature')).toHaveCount(0);
  await draft.showTable('t03');
  await draft.type('2010306', 'basic', '342');
  await draft.saved();
  await expect(review.history.getByTestId('signature-entry')).toContainText('已作废 · 李局长');
  const versions = review.history.getByLabel('比较起点');
  await versions.selectOption({ index: 0 });
  await review.history.getByRole('button', { name: '比较' }).click();
  const diff = review.history.getByTestId('version-diff');
  await expect(diff).toContainText('表3 支出总表');
  await expect(diff).toContainText('2010306 政务公开审批');
  await expect(diff).toContainText('基本支出');
  await expect(diff).toContainText('342');
  await testInfo.attach('签名作废与版本比较.png', { body: await page.screenshot(), contentType: 'image/png' });
});

test('review elsewhere: the draft file goes out and comes back; a forged or stale file is detected and explained', async ({ page, request }) => {
  const seed = await host.seed(request);
  const api = async (method: string, data: unknown) => {
    const r = (await (await request.post(`/api/${method}`, { data })).json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    expect(r.ok, r.error?.message).toBe(true);
    return r.value;
  };
  await api('accounts/create', { name: CLERK.name, role: 'clerk', password: CLERK.password });
  await api('accounts/create', { name: BOSS.name, role: 'supervisor', password: BOSS.password });
  await api('accounts/login', CLERK);
  await api('review/submit', { draftId: seed.id });
  await api('accounts/login', BOSS);
  await api('review/sign', { draftId: seed.id, password: BOSS.password });

  const draft = new DraftPage(page);
  const review = new ReviewPage(page);
  await draft.open(seed.id);
  await expect(review.status).toHaveText('已审签');
  const dir = mkdtempSync(join(tmpdir(), 'review-file-'));
  try {
    const signedFile = join(dir, 'signed.budget.json');
    await review.toolbar.getByRole('button', { name: '草稿文件…' }).click();
    const files = page.getByRole('dialog', { name: '草稿文件' });
    await files.getByLabel('保存路径').fill(signedFile);
    await files.getByRole('button', { name: '保存', exact: true }).click();
    await expect(files.getByRole('status')).toContainText('已保存到');
    // Saving again to the same typed path asks first; 取消 keeps the file as it is.
    const savedBytes = readFileSync(signedFile, 'utf8');
    await files.getByRole('button', { name: '保存', exact: true }).click();
    const replace = page.getByRole('dialog', { name: '替换文件' });
    await expect(replace).toContainText(`文件已存在：${signedFile}，是否替换？`);
    await replace.getByRole('button', { name: '取消' }).click();
    await expect(files.getByRole('status')).toContainText('未保存，已保留原文件');
    expect(readFileSync(signedFile, 'utf8')).toBe(savedBytes);
    await files.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('dialog', { name: '替换文件' }).getByRole('button', { name: '替换' }).click();
    await expect(files.getByRole('status')).toContainText('已保存到');

    // Someone changes a figure in the file and recomputes its checksum.
    const parsed = JSON.parse(readFileSync(signedFile, 'utf8')) as { checksum: string; payload: { content: { cells: Record<string, string> } } };
    parsed.payload.content.cells['t03!2010306!basic'] = '999';
    parsed.checksum = createHash('sha256').update(JSON.stringify(parsed.payload)).digest('hex');
    const forged = join(dir, 'forged.budget.json');
    writeFileSync(forged, JSON.stringify(parsed));
    await files.getByLabel('打开路径').fill(forged);
    await files.getByRole('button', { name: '打开', exact: true }).click();
    const found = page.getByRole('dialog', { name: '草稿文件检查结果' });
    await expect(found).toContainText('与本机草稿有 1 处不同');
    await expect(found).toContainText('未采用');
    await found.getByRole('button', { name: '知道了' }).click();
    await expect(page.getByTestId('review-file-notice')).toHaveText('草稿文件有问题');
    await expect(review.status).toHaveText('已审签');

    // The clerk reopens and edits; the signed file is now older than the local draft.
    await review.logout();
    await review.login(CLERK);
    await review.action('重新编辑（作废签名）').click();
    await expect(review.status).toHaveText('编制中');
    await draft.showTable('t03');
    await draft.type('2010306', 'basic', '342');
    await draft.saved();
    await review.toolbar.getByRole('button', { name: '草稿文件…' }).click();
    await page.getByRole('dialog', { name: '草稿文件' }).getByLabel('打开路径').fill(signedFile);
    await page.getByRole('dialog', { name: '草稿文件' }).getByRole('button', { name: '打开', exact: true }).click();
    const stale = page.getByRole('dialog', { name: '草稿文件检查结果' });
    await expect(stale).toContainText('文件比本机草稿旧');
    await stale.getByRole('button', { name: '知道了' }).click();
    await expect(review.status).toHaveText('编制中');
    await expect(page.getByTestId('review-signature')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
