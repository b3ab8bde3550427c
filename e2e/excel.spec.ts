/// <reference lib="dom" />
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { DraftMeta } from '../src/shared/draft';
import { getTemplate } from '../src/shared/regions';
import { ECHO, echoingWorkbook } from '../src/main/test-support/echoing-workbook';
import { stackSheets } from '../src/main/test-support/stack-sheets';
import { DraftPage, api, host } from './support/draft-page';

const hebei = getTemplate('hebei-2024');

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

/** The seed's workbook, written by the service (the UI export has its own test). */
async function seedWorkbook(request: APIRequestContext, file: string): Promise<DraftMeta> {
  const seed = await host.seed(request);
  await api(request, 'excel/export', { draftId: seed.id, path: file });
  return seed;
}

/** Choose a workbook in the import dialog by typing its path (the host has no native dialog) and read it. */
async function readWorkbook(page: Page, dialogName: string, file: string) {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByLabel('工作簿路径').fill(file);
  await dialog.getByRole('button', { name: '读取', exact: true }).click();
  return dialog;
}

/**
 * At 1366×768, 从 Excel 导入… on the start screen reading the seed's workbook, or a copy of it
 * written by `transform` to `name`; returns the dialog.
 */
async function importFromStart(page: Page, request: APIRequestContext, testInfo: TestInfo, transform?: { name: string; write: (from: string, to: string) => Promise<void> }) {
  await page.setViewportSize({ width: 1366, height: 768 });
  let file = testInfo.outputPath('seed.xlsx');
  await seedWorkbook(request, file);
  if (transform) {
    const from = file;
    file = testInfo.outputPath(transform.name);
    await transform.write(from, file);
  }
  await page.goto('/index.html');
  await page.getByRole('button', { name: '从 Excel 导入…' }).click();
  return readWorkbook(page, '从 Excel 导入', file);
}

test('导出 Excel from the draft window writes a real workbook: every table a sheet, titles and figures as numbers', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const dialog = page.getByRole('dialog', { name: '导出 Excel' });
  // The suggested name follows the convention <单位编码> <单位名称> <年度>年部门预算.xlsx.
  await expect(dialog.getByLabel('保存路径')).toHaveAttribute('placeholder', '435 巨鹿县行政审批局 2024年部门预算.xlsx');
  // No native dialog in this host: the service's message is shown, the path can be typed.
  await dialog.getByRole('button', { name: '选择位置…' }).click();
  await expect(dialog.getByRole('alert')).toContainText('没有文件对话框');

  const file = testInfo.outputPath('435 巨鹿县行政审批局 2024年部门预算.xlsx');
  await dialog.getByLabel('保存路径').fill(file);
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  const result = dialog.getByTestId('export-result');
  await expect(result).toContainText('已导出');
  await expect(result).toContainText(file);
  await expect(page.locator('.bd-statusbar')).toContainText('已导出');
  const sheets = Number(/已导出 (\d+) 张工作表/.exec((await result.textContent()) ?? '')?.[1]);

  expect(existsSync(file) && statSync(file).size > 0).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.length).toBe(sheets);
  expect(sheets).toBeGreaterThanOrEqual(hebei.tables.filter((t) => t.published).length);
  const first = wb.worksheets[0];
  expect(String(first.getCell(1, 1).value)).toContain('部门预算收支总表');
  // 收入总计 525.80 is stored as a number with a two-decimal format.
  const figures: Array<{ value: number; numFmt: string }> = [];
  first.eachRow((row) => row.eachCell((c) => typeof c.value === 'number' && figures.push({ value: c.value, numFmt: c.numFmt })));
  const total = figures.find((f) => f.value === 525.8);
  expect(total, '收入总计 525.80 in the first sheet').toBeDefined();
  expect(total!.numFmt).toContain('0.00');
});

test('导出 Excel to a file that exists asks first: 取消 keeps the old bytes, 替换 writes the workbook', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const file = testInfo.outputPath('已有的文件.xlsx');
  const old = Buffer.from('the clerk\'s older workbook');
  writeFileSync(file, old);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const dialog = page.getByRole('dialog', { name: '导出 Excel' });
  await dialog.getByLabel('保存路径').fill(file);
  await dialog.getByRole('button', { name: '导出', exact: true }).click();

  const ask = page.getByRole('dialog', { name: '替换文件' });
  await expect(ask).toContainText(`文件已存在：${file}，是否替换？`);
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(ask).toHaveCount(0);
  await expect(dialog.getByTestId('export-result')).toContainText('未导出，已保留原文件');
  expect(readFileSync(file).equals(old), 'the old bytes after 取消').toBe(true);

  // Escape answers the question (取消) and keeps the export dialog open.
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(dialog).toBeVisible();
  expect(readFileSync(file).equals(old), 'the old bytes after Escape').toBe(true);

  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await ask.getByRole('button', { name: '替换' }).click();
  await expect(dialog.getByTestId('export-result')).toContainText('已导出');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(String(wb.worksheets[0].getCell(1, 1).value)).toContain('部门预算收支总表');
});

test('从 Excel 导入… on the start screen: preview, editable unit, commit opens the new draft with the figures', async ({ page, request }, testInfo) => {
  // Tall enough for table 1 to show whole (its 合计 row is the 34th).
  await page.setViewportSize({ width: 1600, height: 1500 });
  const file = testInfo.outputPath('seed.xlsx');
  await seedWorkbook(request, file);
  await page.goto('/index.html');
  await expect(page.locator('.bd-draft-list tbody tr[data-draft]')).toHaveCount(1);
  await page.getByRole('button', { name: '从 Excel 导入…' }).click();
  const dialog = await readWorkbook(page, '从 Excel 导入', file);

  const preview = dialog.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(preview).toContainText('435 巨鹿县行政审批局');
  await expect(dialog.getByTestId('import-unit')).toHaveText('万元');
  // Every published table was found, with rows and figures.
  for (const t of hebei.tables.filter((x) => x.published)) {
    const row = dialog.locator(`[data-testid="import-tables"] tr[data-table="${t.id}"]`);
    await expect(row, t.title).toContainText(t.title);
  }
  await expect(dialog.locator('[data-testid="import-tables"] tr[data-table="t02"] td.num').first()).not.toHaveText('0');
  // The column mapping of a table: header → template column.
  await dialog.locator('[data-testid="import-tables"] tr[data-table="t03"]').getByRole('button').click();
  const t03 = dialog.locator('[data-testid="import-tables"] tr[data-detail="t03"]');
  await expect(t03).toContainText('→ 基本支出');
  await expect(t03).toContainText('序号列，不导入');
  // The exported seed is consistent: no error findings.
  await expect(dialog.getByTestId('import-findings')).toBeVisible();
  await expect(dialog.locator('[data-testid="import-findings"] li[data-severity="error"]')).toHaveCount(0);
  await expect(dialog.getByTestId('import-findings').locator('h3')).not.toContainText(/强制 [1-9]/);

  const shot = testInfo.outputPath('import-preview.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('导入预览', { path: shot, contentType: 'image/png' });

  // Unit and year come from the workbook and can be changed before the commit.
  await expect(dialog.getByLabel('单位编码')).toHaveValue('435');
  await expect(dialog.getByLabel('预算年度')).toHaveValue('2024');
  await dialog.getByLabel('单位名称').fill('巨鹿县行政审批局（导入）');
  await dialog.getByRole('button', { name: '确认导入' }).click();

  const draft = new DraftPage(page);
  await expect(page.locator('.bd-title')).toContainText('435 巨鹿县行政审批局（导入）');
  await expect(draft.grid.locator('.ag-row').first()).toBeVisible();
  await draft.showTable('t01');
  await expect(draft.cell('grandTotal', 'inAmount')).toHaveText('525.80');
  await expect(draft.cell('c201', 'outAmount')).toHaveText('409.30');
  await draft.showTable('t02');
  await expect(draft.cell('2010306', 'fiscal')).toHaveText('409.30');
  const drafts = await api<DraftMeta[]>(request, 'drafts/list', {});
  expect(drafts.map((d) => d.unitName).sort()).toEqual(['巨鹿县行政审批局', '巨鹿县行政审批局（导入）']);
});

test('a workbook keeping every table in one sheet, one under the other: the preview finds each table by its rows, the new draft has the figures', async ({ page, request }, testInfo) => {
  const dialog = await importFromStart(page, request, testInfo, { name: '一张表里的全部报表.xlsx', write: stackSheets });
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  for (const t of hebei.tables.filter((x) => x.published)) {
    await expect(dialog.locator(`[data-testid="import-tables"] tr[data-table="${t.id}"]`), t.title).toContainText('Sheet1 第 ');
  }
  await expect(dialog.locator('[data-testid="import-tables"] tr[data-table="t02"]')).toContainText('Sheet1 第 42–64 行');
  await expect(dialog.locator('[data-testid="import-findings"] li[data-severity="error"]')).toHaveCount(0);
  const shot = testInfo.outputPath('import-preview-stacked.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('导入预览（一张工作表中的多张表）', { path: shot, contentType: 'image/png' });

  await dialog.getByLabel('单位名称').fill('巨鹿县行政审批局（一表）');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  const draft = new DraftPage(page);
  await expect(page.locator('.bd-title')).toContainText('巨鹿县行政审批局（一表）');
  await draft.showTable('t01');
  await expect(draft.cell('c201', 'outAmount')).toHaveText('409.30');
  await draft.showTable('t02');
  await expect(draft.cell('2010306', 'fiscal')).toHaveText('409.30');
  const shotDraft = testInfo.outputPath('draft-from-stacked.png');
  await page.screenshot({ path: shotDraft });
  await testInfo.attach('导入后的草稿', { path: shotDraft, contentType: 'image/png' });
});

test('导入 Excel… in a draft fills 上年预算数; 上年对比 shows 增减额 and 增减率', async ({ page, request }, testInfo) => {
  const file = testInfo.outputPath('seed-2024.xlsx');
  const seed = await seedWorkbook(request, file);
  const next = await api<DraftMeta>(request, 'drafts/create', { unitCode: seed.unitCode, unitName: seed.unitName, year: 2025, templateId: seed.templateId });
  const draft = new DraftPage(page);
  await draft.open(next.id);
  await page.getByRole('button', { name: '导入 Excel…' }).click();
  const dialog = await readWorkbook(page, '导入上年数（Excel）', file);
  // The preview lists the 上年预算数 the import will fill; the workbook is last year's, so no year warning.
  const prior = dialog.getByTestId('import-prior');
  await expect(prior.locator('tr[data-cell="py!incomeTotal!prior"]')).toContainText('收入总计');
  await expect(prior.locator('tr[data-cell="py!incomeTotal!prior"]')).toContainText('525.80');
  await expect(dialog.getByRole('note')).toHaveCount(0);
  const shot = testInfo.outputPath('prior-preview.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('上年数导入预览', { path: shot, contentType: 'image/png' });
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.bd-statusbar')).toContainText('已导入上年数');

  await draft.showTable('py');
  await expect(draft.cell('incomeTotal', 'prior')).toHaveText('525.80');
  await expect(draft.cell('incomeTotal', 'change')).toHaveText('-525.80');
  await expect(draft.cell('incomeTotal', 'rate')).toContainText('-100.00');
  // The draft keeps last year's figures as its prior-year layer.
  const priorLayer = await api<{ cells: Record<string, string> } | null>(request, 'drafts/prior', { draftId: next.id });
  expect(priorLayer && Object.keys(priorLayer.cells).length).toBeGreaterThan(0);
});

test('从 Excel 导入… without a unit name: the refusal shows beside the button, in view below a long preview, and the cursor goes to the field', async ({ page, request }, testInfo) => {
  const dialog = await importFromStart(page, request, testInfo);
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  const unitName = dialog.getByLabel('单位名称');
  await unitName.fill('');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请填写单位编码和单位名称');
  await expect(dialog.getByRole('alert')).toBeInViewport();
  await expect(unitName).toBeFocused();
  await expect(unitName).toHaveAttribute('aria-invalid', 'true');
  // Filled in, the import goes through and the mark is gone.
  await unitName.fill('巨鹿县行政审批局');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.bd-title')).toContainText('巨鹿县行政审批局');
});

test('a dialog by keyboard only: it opens with the cursor in its first field, Tab goes round inside it, Escape gives the focus back to its button', async ({ page, request }, testInfo) => {
  const file = testInfo.outputPath('seed.xlsx');
  await seedWorkbook(request, file);
  await page.goto('/index.html');
  const opener = page.getByRole('button', { name: '从 Excel 导入…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '从 Excel 导入' });
  await expect(dialog.getByLabel('工作簿路径')).toBeFocused();
  await page.keyboard.type(file);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  // Forty Tabs never leave the dialog.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `Tab ${i + 1}`).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('files as clerks have them, at 1366×768: a binary workbook renamed .xls is previewed; an Excel 95 file is refused in view, saying what to do', async ({ page, request }, testInfo) => {
  const asBook = (bookType: XLSX.BookType) => async (from: string, to: string) => writeFileSync(to, XLSX.write(XLSX.read(readFileSync(from)), { type: 'buffer', bookType }));
  let dialog = await importFromStart(page, request, testInfo, { name: '上年预算（二进制）.xls', write: asBook('xlsb') });
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await expect(dialog.getByTestId('import-tables').locator('tr[data-table]')).toHaveCount(15);
  const excel95 = testInfo.outputPath('上年预算（Excel 95）.xls');
  await asBook('biff5')(testInfo.outputPath('seed.xlsx'), excel95);
  dialog = await readWorkbook(page, '从 Excel 导入', excel95);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('这是 Excel 5.0/95 或更早版本的文件，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。');
  await expect(alert).toBeInViewport();
  await expect(dialog.getByTestId('import-preview')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('refused-excel95.png') });
});

test('the preview at 1366×768 says which table was in 元 and converted, and lists a hidden sheet as unread with the reason', async ({ page, request }, testInfo) => {
  const dialog = await importFromStart(page, request, testInfo, {
    name: '支出总表为元.xlsx',
    write: async (from, to) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(from);
      wb.getWorksheet('部门预算支出总表')!.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          const value = v && typeof v === 'object' && 'result' in v ? v.result : v;
          if (typeof value === 'string' && value.includes('单位：万元')) cell.value = value.replace('单位：万元', '单位：元');
          // 万元 to 元 exactly (409.3 → 4093000), not by a float product.
          else if (typeof value === 'number') cell.value = Number((BigInt(Math.round(value * 1e6)) / 100n).toString());
        }),
      );
      wb.addWorksheet('旧版收入总表', { state: 'hidden' }).getCell('A1').value = '部门预算收入总表';
      await wb.xlsx.writeFile(to);
    },
  });
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await expect(dialog.getByTestId('import-tables').locator('tr[data-table="t03"]')).toContainText('部门预算支出总表（单位：元，已换算为万元）');
  await expect(dialog.getByTestId('import-table-unit')).toHaveCount(1);
  await expect(dialog.getByTestId('import-sheets-skipped')).toContainText('旧版收入总表：隐藏的工作表，未读取；如需导入，请在 Excel 或 WPS 中取消隐藏并保存后再导入');
  await expect(dialog.getByTestId('import-preview')).toContainText('未发现问题');
});

test('a bad file shows the Chinese error and changes nothing; a cancelled preview creates nothing', async ({ page, request }, testInfo) => {
  const bad = testInfo.outputPath('不是工作簿.xlsx');
  writeFileSync(bad, '这是一个改了扩展名的文本文件，不是 Excel 工作簿。\n');
  const good = testInfo.outputPath('seed.xlsx');
  const seed = await seedWorkbook(request, good);

  // Start screen: the error, no preview, nothing to commit.
  await page.goto('/index.html');
  await page.getByRole('button', { name: '从 Excel 导入…' }).click();
  let dialog = await readWorkbook(page, '从 Excel 导入', bad);
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('不是 Excel 工作簿');
  await expect(dialog.getByTestId('import-preview')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
  // A damaged workbook (the real one cut short) is refused the same way.
  const cut = testInfo.outputPath('损坏.xlsx');
  const bytes = readFileSync(good);
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  dialog = await readWorkbook(page, '从 Excel 导入', cut);
  await expect(dialog.getByRole('alert')).toContainText('损坏');
  await expect(dialog.getByTestId('import-preview')).toHaveCount(0);
  // A good preview, then 取消: no draft is created.
  dialog = await readWorkbook(page, '从 Excel 导入', good);
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await api<DraftMeta[]>(request, 'drafts/list', {})).toHaveLength(1);

  // In a draft: the error, and the draft keeps no prior-year figures.
  const draft = new DraftPage(page);
  await page.locator(`.bd-draft-list tr[data-draft="${seed.id}"]`).dblclick();
  await expect(draft.grid.locator('.ag-row').first()).toBeVisible();
  const before = (await api<{ meta: DraftMeta }>(request, 'drafts/open', { draftId: seed.id })).meta;
  // The seed states its own 上年预算数 (from the published document).
  await draft.showTable('py');
  const priorShown = await draft.cell('incomeTotal', 'prior').textContent();
  expect(priorShown).toMatch(/\d/);
  await page.getByRole('button', { name: '导入 Excel…' }).click();
  dialog = await readWorkbook(page, '导入上年数（Excel）', bad);
  await expect(dialog.getByRole('alert')).toContainText('不是 Excel 工作簿');
  await expect(dialog.getByTestId('import-preview')).toHaveCount(0);
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await api(request, 'drafts/prior', { draftId: seed.id })).toBeNull();
  const after = await api<{ meta: DraftMeta }>(request, 'drafts/open', { draftId: seed.id });
  expect(after.meta.revision).toBe(before.revision);
  await expect(draft.cell('incomeTotal', 'prior')).toHaveText(priorShown!);
});

test('a workbook whose totals disagree with its entries: the preview states the differences and the findings', async ({ page, request }, testInfo) => {
  const file = testInfo.outputPath('seed.xlsx');
  await seedWorkbook(request, file);
  // Print 400 for 表2's 2010306 小计 where its sources sum to 409.30.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('部门预算收入总表')!;
  let changed = 0;
  let name = '';
  ws.eachRow((row) => {
    if (String(row.getCell(2).value ?? '').trim() !== '2010306') return;
    name = String(row.getCell(3).value ?? '');
    row.eachCell((c) => {
      if (!changed && c.value === 409.3 && c.fullAddress.col > 4) {
        c.value = 400;
        changed++;
      }
    });
  });
  expect(changed).toBe(1);
  expect(name).not.toBe('');
  // And a 支出类别 no one can read: reported, not guessed.
  const project = wb.worksheets.find((w) => w.name.startsWith('2、'))!;
  let category = 0;
  project.eachRow((row) => row.eachCell((c) => {
    if (c.value !== '支出类别') return;
    row.getCell(Number(c.col) + 1).value = '专项';
    category++;
  }));
  expect(category).toBe(1);
  const edited = testInfo.outputPath('edited.xlsx');
  await wb.xlsx.writeFile(edited);

  await page.goto('/index.html');
  await page.getByRole('button', { name: '从 Excel 导入…' }).click();
  const dialog = await readWorkbook(page, '从 Excel 导入', edited);
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  const differences = dialog.getByTestId('import-differences');
  await expect(differences.locator('tbody tr')).toHaveCount(1);
  await expect(differences.locator('tbody tr')).toContainText('部门预算收入总表');
  // The row as the clerk knows it: code and name, not an id; the id stays on the row.
  await expect(differences.locator('tbody tr td').nth(1)).toHaveText(`2010306 ${name}`);
  await expect(differences.locator('tbody tr')).toHaveAttribute('data-cell', /^t02!2010306!/);
  await expect(differences.locator('tbody tr td.num')).toHaveText(['400.00', '409.30']);
  const findings = dialog.getByTestId('import-findings');
  await expect(findings.locator('h3')).toContainText(/强制 [1-9]\d* 条/);
  await expect(findings.locator('li[data-severity="error"]').first()).toContainText('表2“部门预算收入总表”');
  await expect(findings.locator('li[data-severity="error"]').first()).toContainText('强制');
  await expect(findings.locator('li[data-severity="error"]').last()).toContainText(`项目绩效目标表“${project.name.replace(/^2、/, '')}”`);
  await expect(findings.locator('li[data-severity="error"]').last()).toContainText('支出类别“专项”无法识别，应为“项目支出”或“基本支出”');
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await api<DraftMeta[]>(request, 'drafts/list', {})).toHaveLength(1);
});

test('the preview counts the workbook\'s problems as the draft window will: a wrong 项 with the 款, 类 and 合计 it breaks is one, its echoes folded under it', async ({ page, request }, testInfo) => {
  const dialog = await importFromStart(page, request, testInfo, { name: 'echo.xlsx', write: echoingWorkbook });
  const findings = dialog.getByTestId('import-findings');
  await expect(findings.locator('h3')).toHaveText('导入数字的检查结果：强制 1 条，提示 0 条');
  const leftOut = '按问题计数，未计入：同一差错引起的上级科目、合计差异 3 条';
  await expect(findings.getByTestId('import-findings-left-out')).toHaveText(leftOut);
  // One line a problem: the 项 leads; its 款, 类 and 合计 fold under it, each still there to read.
  const problem = findings.locator(':scope > ul > li');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-severity', 'error');
  await expect(problem).toContainText(`“${ECHO.code} `);
  const related = problem.getByTestId('related-findings');
  await expect(related.locator('summary')).toHaveText('由此引起的上级科目、合计差异 3 条');
  await expect(related.locator('li')).toHaveCount(3);
  await expect(related.locator('li').first()).toBeHidden();
  await related.locator('summary').click();
  await expect(related.locator('li')).toContainText([`“${ECHO.code.slice(0, 5)} `, `“${ECHO.code.slice(0, 3)} `, '“合计”行']);
  await findings.scrollIntoViewIfNeeded();
  const shot = testInfo.outputPath('import-preview-problems.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('导入预览按问题计数', { path: shot, contentType: 'image/png' });

  // Imported, the draft window counts the same: one 强制 problem, the same three left out.
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('.bd-title')).toContainText('435 巨鹿县行政审批局');
  await expect(page.locator('.bd-findings-filter button')).toHaveText(['全部 1', '强制 1', '提示 0']);
  await expect(page.getByTestId('findings-left-out')).toHaveText(leftOut);
  await expect(page.locator('.bd-finding-group')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('imported-window.png') });
});

test('a new draft for the following year from last year\'s workbook: its figures start the draft and fill 上年预算数', async ({ page, request }, testInfo) => {
  const file = testInfo.outputPath('seed.xlsx');
  await seedWorkbook(request, file);
  await page.goto('/index.html');
  await page.getByRole('button', { name: '从 Excel 导入…' }).click();
  const dialog = await readWorkbook(page, '从 Excel 导入', file);
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await dialog.getByLabel('预算年度').fill('2025');
  await expect(dialog.locator('.bd-excel-fields')).toContainText('同时作为上年数');
  // A year that is not a year is refused before anything is written.
  await dialog.getByLabel('预算年度').fill('二〇二五');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog.getByRole('alert')).toContainText('不是有效的预算年度');
  expect(await api<DraftMeta[]>(request, 'drafts/list', {})).toHaveLength(1);
  await dialog.getByLabel('预算年度').fill('2025');
  await dialog.getByRole('button', { name: '确认导入' }).click();

  const draft = new DraftPage(page);
  await expect(page.locator('.bd-topbar')).toContainText('2025 年部门预算');
  await draft.showTable('t02');
  await expect(draft.cell('2010306', 'fiscal')).toHaveText('409.30');
  await draft.showTable('py');
  await expect(draft.cell('incomeTotal', 'prior')).toHaveText('525.80');
  await expect(draft.cell('incomeTotal', 'current')).toHaveText('525.80');
  // Unchanged from last year: 增减额 0.00 (a change of zero is a figure, not a gap), 增减率 0.00%.
  await expect(draft.cell('incomeTotal', 'change')).toHaveText('0.00');
  await expect(draft.cell('incomeTotal', 'rate')).toHaveText('0.00%');
});

test('the unit of measure: flagged when the workbook states none (万元 assumed), shown when it states 元', async ({ page, request }, testInfo) => {
  const file = testInfo.outputPath('seed.xlsx');
  await seedWorkbook(request, file);
  /** The seed's workbook with every “单位：万元” statement replaced. */
  async function variant(name: string, replacement: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let replaced = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value !== 'string' || !/单位[:：]\s*万元/.test(c.value)) return;
          c.value = c.value.replace(/单位[:：]\s*万元/, replacement);
          replaced++;
        }),
      );
    expect(replaced).toBeGreaterThan(0);
    const out = testInfo.outputPath(name);
    await wb.xlsx.writeFile(out);
    return out;
  }
  const unstated = await variant('unstated.xlsx', '');
  const inYuan = await variant('yuan.xlsx', '单位：元');

  await page.goto('/index.html');
  await page.getByRole('button', { name: '从 Excel 导入…' }).click();
  let dialog = await readWorkbook(page, '从 Excel 导入', unstated);
  await expect(dialog.getByTestId('import-unit')).toHaveText('万元（工作簿未注明，按万元处理）');
  dialog = await readWorkbook(page, '从 Excel 导入', inYuan);
  await expect(dialog.getByTestId('import-unit')).toHaveText('元（已换算为万元）');
  dialog = await readWorkbook(page, '从 Excel 导入', file);
  await expect(dialog.getByTestId('import-unit')).toHaveText('万元');
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await api<DraftMeta[]>(request, 'drafts/list', {})).toHaveLength(1);
});

test('导入上年数 of another region\'s workbook is refused in the window and the API, naming both layouts; so is a workbook of the draft\'s year or later; nothing changes', async ({ page, request }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const seed = await host.seed(request);
  // 上海 workbooks with a figure in them: last year's (2023) and a later year's (2026).
  const shanghaiBook = async (year: number) => {
    const other = await api<DraftMeta>(request, 'drafts/create', { unitCode: '001', unitName: '上海某局', year, templateId: 'shanghai-2026-department' });
    await api(request, 'cells/set', { draftId: other.id, edits: [{ table: 'income', row: '2010301', col: 'fiscal', value: '1000' }], addCodes: [{ table: 'income', code: '2010301' }] });
    const file = testInfo.outputPath(`上海某局 ${year}.xlsx`);
    await api(request, 'excel/export', { draftId: other.id, path: file });
    return file;
  };
  const cases: Array<[string, string[]]> = [
    [await shanghaiBook(2023), ['上海 · 区级部门预算（2026 版式）', '河北 · 县级部门预算（2024 版式）', '不能逐项对比']],
    [await shanghaiBook(2026), ['2026 年的预算，不早于本稿（2024 年）']],
  ];
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('py');
  const before = await draft.cell('incomeTotal', 'prior').textContent();
  const revision = (await api<{ meta: DraftMeta }>(request, 'drafts/open', { draftId: seed.id })).meta.revision;
  for (const [file, says] of cases) {
    await page.getByRole('button', { name: '导入 Excel…' }).click();
    const dialog = await readWorkbook(page, '导入上年数（Excel）', file);
    for (const words of says) await expect(dialog.getByRole('alert')).toContainText(words);
    await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
    // Nothing is offered as 上年预算数.
    await expect(dialog.getByTestId('import-prior')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath(`prior-refused-${says.length}.png`) });
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toHaveCount(0);
    // The API refuses the same, whatever the window shows.
    const plan = await api<{ previewId: string }>(request, 'excel/importPreview', { path: file, templateId: seed.templateId });
    const r = (await (await request.post('/api/excel/importCommit', { data: { previewId: plan.previewId, as: 'prior', draftId: seed.id } })).json()) as { ok: boolean; error?: { message: string } };
    expect(r.ok).toBe(false);
    for (const words of says) expect(r.error?.message).toContain(words);
  }
  await expect(draft.cell('incomeTotal', 'prior')).toHaveText(before!);
  expect((await api<{ meta: DraftMeta }>(request, 'drafts/open', { draftId: seed.id })).meta.revision).toBe(revision);
});

test('a workbook with nothing recognisable, or a 决算, cannot be confirmed, and last year\'s figures stay', async ({ page, request }, testInfo) => {
  const file = testInfo.outputPath('seed-2024.xlsx');
  const seed = await seedWorkbook(request, file);
  const next = await api<DraftMeta>(request, 'drafts/create', { unitCode: seed.unitCode, unitName: seed.unitName, year: 2025, templateId: seed.templateId });
  // Last year's figures are in: the prior-year layer and 上年预算数.
  const plan = await api<{ previewId: string }>(request, 'excel/importPreview', { path: file, templateId: next.templateId });
  await api(request, 'excel/importCommit', { previewId: plan.previewId, as: 'prior', draftId: next.id });
  const priorBefore = await api<unknown>(request, 'drafts/prior', { draftId: next.id });
  const revisionBefore = (await api<{ meta: DraftMeta }>(request, 'drafts/open', { draftId: next.id })).meta.revision;

  // A real workbook, but nothing in it is a budget table; and a 决算 workbook.
  const nothing = testInfo.outputPath('通讯录.xlsx');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('通讯录');
  ws.addRows([['姓名', '科室', '电话'], ['张三', '财务科', '0319-1234567'], ['李四', '办公室', '0319-7654321']]);
  await book.xlsx.writeFile(nothing);
  const finalAccounts = testInfo.outputPath('2023年决算.xlsx');
  const fa = new ExcelJS.Workbook();
  const sheet = fa.addWorksheet('收入支出决算总表');
  sheet.addRows([['2023年度部门收入支出决算总表'], ['单位：万元'], ['收入', null, '支出', null], ['项目', '决算数', '项目', '决算数'], ['一、一般公共预算财政拨款收入', 500, '一、一般公共服务支出', 500]]);
  await fa.xlsx.writeFile(finalAccounts);

  const draft = new DraftPage(page);
  await draft.open(next.id);
  await draft.showTable('py');
  await expect(draft.cell('incomeTotal', 'prior')).toHaveText('525.80');
  for (const [bad, says] of [[nothing, '没有识别出任何预算表'], [finalAccounts, '决算']] as const) {
    await page.getByRole('button', { name: '导入 Excel…' }).click();
    const dialog = await readWorkbook(page, '导入上年数（Excel）', bad);
    await expect(dialog.getByRole('alert')).toContainText(says);
    await expect(dialog.getByTestId('import-preview')).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
    const shot = testInfo.outputPath(`refused-${says}.png`);
    await page.screenshot({ path: shot });
    await testInfo.attach(`拒绝导入：${says}`, { path: shot, contentType: 'image/png' });
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toHaveCount(0);
  }
  // Last year's figures stay: the cells shown, the prior-year layer, the revision.
  await expect(draft.cell('incomeTotal', 'prior')).toHaveText('525.80');
  expect(await api<unknown>(request, 'drafts/prior', { draftId: next.id })).toEqual(priorBefore);
  expect((await api<{ meta: DraftMeta }>(request, 'drafts/open', { draftId: next.id })).meta.revision).toBe(revisionBefore);
});
