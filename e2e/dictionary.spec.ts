/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKBOOK_OPEN_FILTERS } from '../src/shared/workbook/formats';
import { host } from './support/draft-page';

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

test('科目表: the year’s official list is loaded from the start screen, used by the row picker, and can be reset; a wrong list is refused', async ({ page, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'bd-dict-'));
  const official = join(dir, '2025年支出功能分类科目.csv');
  writeFileSync(official, '科目编码,科目名称\n201,一般公共服务支出\n20103,政府办公厅（室）及相关机构事务\n2010306,政务公开审批\n2010388,二〇二五年新设科目\n');
  const wrong = join(dir, '经济分类.csv');
  writeFileSync(wrong, '科目编码,科目名称\n301,工资福利支出\n30101,基本工资\n');

  await host.seed(request);
  await page.goto('/index.html');
  await page.getByRole('button', { name: '科目表…' }).click();
  const dialog = page.getByRole('dialog', { name: '科目表' });
  const fn = dialog.locator('tr[data-scheme="function"]');
  await expect(fn).toContainText('随软件提供');

  // A list of the wrong kind: a clear message, nothing changes.
  await dialog.getByLabel('支出功能分类科目文件路径').fill(wrong);
  await fn.getByRole('button', { name: '载入' }).click();
  await expect(dialog.getByRole('alert')).toContainText('不像功能分类科目表');
  await expect(fn).toContainText('随软件提供');

  await dialog.getByLabel('支出功能分类科目文件路径').fill(official);
  await fn.getByRole('button', { name: '载入' }).click();
  await expect(fn).toContainText('已载入：2025年支出功能分类科目.csv');
  await expect(fn.locator('td').nth(2)).toHaveText('4');
  await dialog.getByRole('button', { name: '完成' }).click();

  // The new code is what the row picker now searches.
  const found = await (await request.post('/api/dictionary/search', { data: { templateId: 'hebei-2024', scheme: 'function', query: '二〇二五' } })).json();
  expect(found).toMatchObject({ ok: true, value: [{ code: '2010388' }] });

  await page.getByRole('button', { name: '科目表…' }).click();
  await fn.getByRole('button', { name: '恢复随软件提供的' }).click();
  await expect(fn).toContainText('随软件提供');
});

test('科目表 in any workbook the import reads: the file dialog offers the same formats, an .xls list is read by its content', async ({ page, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'bd-dict-'));
  const official = join(dir, '2025年部门预算支出经济分类科目.xls');
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['科目编码', '科目名称'], [301, '工资福利支出'], [30101, '基本工资'], [30102, '津贴补贴']]), '经济分类');
  writeFileSync(official, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }));

  await page.goto('/index.html');
  await page.getByRole('button', { name: '科目表…' }).click();
  const dialog = page.getByRole('dialog', { name: '科目表' });
  const economic = dialog.locator('tr[data-scheme="economic"]');
  await expect(economic.getByLabel('部门预算支出经济分类科目文件路径')).toHaveAttribute('placeholder', '正式科目表文件（.xlsx、.xls、WPS .et、.ods、.csv 等）');
  await host.answerDialog(request, official);
  await economic.getByRole('button', { name: '浏览…' }).click();
  await expect(economic.getByLabel('部门预算支出经济分类科目文件路径')).toHaveValue(official);
  expect(await host.dialogAsks(request)).toEqual([{ kind: 'open', title: '选择部门预算支出经济分类科目表', filters: WORKBOOK_OPEN_FILTERS }]);
  await economic.getByRole('button', { name: '载入' }).click();
  await expect(economic).toContainText('已载入：2025年部门预算支出经济分类科目.xls');
  await expect(economic.locator('td').nth(2)).toHaveText('3');
});
