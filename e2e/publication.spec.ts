import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getTemplate } from '../src/shared/regions';
import { DraftPage, host } from './support/draft-page';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

test('发布（PDF） previews the pages and writes the same document as the command line', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await page.getByRole('button', { name: '发布（PDF）' }).click();
  const dialog = page.getByRole('dialog', { name: '发布（PDF）' });
  // The preview: the page count and sign-off state, and the document as it prints.
  const summary = dialog.getByTestId('publish-summary');
  await expect(summary).toContainText('页', { timeout: 60_000 });
  await expect(summary).toContainText('未审签');
  const pages = Number(/共 (\d+) 页/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(pages).toBeGreaterThan(10);
  const frame = page.frameLocator('iframe[title="页面预览"]');
  await expect(frame.getByText('部门预算收支总表', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('publish-dialog.png') });

  const file = testInfo.outputPath('435 巨鹿县行政审批局 2024年部门预算公开.pdf');
  await dialog.getByLabel('PDF 保存路径').fill(file);
  await dialog.getByRole('button', { name: '生成 PDF' }).click();
  await expect(dialog.getByTestId('publish-result')).toContainText(`已生成 PDF（${pages} 页`, { timeout: 60_000 });
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('巨鹿县行政审批局');
  expect(text).toContain('未审签');

  // Again to the same file: asked first, kept when the clerk says so.
  await dialog.getByRole('button', { name: '生成 PDF' }).click();
  await page.getByRole('button', { name: '取消' }).click();
  await expect(dialog.getByTestId('publish-result')).toContainText('已保留原文件');
});

test('a draft with 强制 findings is saved only as a marked draft, after saying so', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  // 人员经费 of one economic 款 out of line with 基本支出 of table 5: a 强制 finding.
  const basic = getTemplate(seed.templateId).tables.find((t) => t.role === 'basicEconomic')!;
  const r = await request.post('/api/cells/set', { data: { draftId: seed.id, edits: [{ table: basic.id, row: '30101', col: 'personnel', value: '999' }] } });
  expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await page.getByRole('button', { name: '发布（PDF）' }).click();
  const dialog = page.getByRole('dialog', { name: '发布（PDF）' });
  await expect(dialog.getByTestId('publish-summary')).toContainText('强制性问题', { timeout: 60_000 });
  const file = testInfo.outputPath('草稿.pdf');
  await dialog.getByLabel('PDF 保存路径').fill(file);
  const save = dialog.getByRole('button', { name: '生成 PDF' });
  await expect(save).toBeDisabled();
  await dialog.getByText('只生成每页标明“草稿”的审阅稿').click();
  await save.click();
  await expect(dialog.getByTestId('publish-result')).toContainText('每页标明“草稿”', { timeout: 60_000 });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text.split('\f').filter((p) => p.trim()).every((p) => p.includes('草稿'))).toBe(true);
});
