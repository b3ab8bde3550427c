/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DraftPage, host } from './support/draft-page';

/**
 * A clerk's 上海 2026 部门预算: created from the start screen for the 上海 pack, figures typed in
 * 元 over 类 | 款 | 项 code columns, the 收支总表 side by side as printed, sums and findings,
 * the 预算说明 sections, and the export in the template's layout.
 */

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

/** Add a code row with the picker and type figures into its columns. */
async function addLine(page: Page, draft: DraftPage, table: string, search: string, code: string, figures: Record<string, string>) {
  await draft.showTable(table);
  await page.getByRole('button', { name: '＋ 添加科目' }).click();
  const picker = page.getByRole('dialog');
  await picker.getByLabel('科目搜索').fill(search);
  await picker.locator(`li[data-code="${code}"]`).click();
  for (const [col, value] of Object.entries(figures)) await draft.type(code, col, value);
}

/** Create a draft from the start screen's 新建预算稿 for a pack. */
async function newDraft(page: Page, draft: DraftPage, fields: { code: string; name: string; year: string; pack: string }) {
  await page.goto('/index.html');
  await page.getByRole('banner').getByRole('button', { name: '新建预算稿' }).click();
  const dialog = page.getByRole('dialog', { name: '新建预算稿' });
  await dialog.getByLabel('单位编码').fill(fields.code);
  await dialog.getByLabel('单位名称').fill(fields.name);
  await dialog.getByLabel('预算年度').fill(fields.year);
  await dialog.getByLabel('报表模板').selectOption(fields.pack);
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(page.locator('.bd-title')).toContainText(fields.name);
  await draft.saved();
}

test('上海 2026 部门预算: create for the pack, enter in 元, sums and findings, the side-by-side 收支总表, 预算说明, export', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const draft = new DraftPage(page);
  await newDraft(page, draft, { code: '301', name: '上海市普陀区测试局', year: '2026', pack: 'shanghai-2026-department' });

  // 收入总表: the code prints as 类 | 款 | 项, the amounts in 元 with two decimals; parents and 合计 sum.
  await addLine(page, draft, 'income', '小学教育', '2050202', { fiscal: '500000', business: '120000.5' });
  await expect(page.locator('.bd-info-line')).toContainText('单位：元');
  await expect(draft.cell('2050202', 'code:0')).toHaveText('205');
  await expect(draft.cell('2050202', 'code:1')).toHaveText('02');
  await expect(draft.cell('2050202', 'code:2')).toHaveText('02');
  await expect(draft.cell('2050202', 'total')).toHaveText('620,000.50');
  await expect(draft.cell('205', 'total')).toHaveText('620,000.50');
  await expect(draft.cell('total', 'business')).toHaveText('120,000.50');
  // 合计 is the last line, as the template prints it.
  await expect(draft.bodyRows).toHaveCount(4);
  await expect(draft.row('total')).toHaveAttribute('row-index', '3');

  await addLine(page, draft, 'spending', '小学教育', '2050202', { basic: '420000.5', project: '200000' });
  await expect(draft.cell('2050202', 'total')).toHaveText('620,000.50');
  await addLine(page, draft, 'generalSpending', '小学教育', '2050202', { basic: '300000', project: '200000' });

  // 财务收支预算总表 side by side: income lines left, the classes right, numbered; totals closing.
  await draft.showTable('summary');
  await expect(draft.cell('inFiscal|c205', 'inItem')).toHaveText('一、财政拨款收入');
  await expect(draft.cell('inFiscal|c205', 'inAmount')).toHaveText('500,000.00');
  // Only the classes that hold a figure, numbered in print order.
  await expect(draft.cell('inFiscal|c205', 'outItem')).toHaveText('一、教育支出');
  await expect(draft.cell('inFiscal|c205', 'outAmount')).toHaveText('620,000.50');
  await expect(draft.cell('inBusiness|', 'inAmount')).toHaveText('120,000.50');
  await expect(draft.cell('grandTotal|grandTotal', 'inAmount')).toHaveText('620,000.50');
  await expect(draft.cell('grandTotal|grandTotal', 'outAmount')).toHaveText('620,000.50');
  await page.screenshot({ path: testInfo.outputPath('收支总表.png') });

  // Basic spending of the general budget without its economic classes is found, naming the table.
  await expect(draft.findings.filter({ hasText: '基本支出' }).first()).toBeVisible();
  await addLine(page, draft, 'basicEconomic', '基本工资', '30101', { personnel: '300000' });
  await expect(draft.cell('30101', 'code:0')).toHaveText('301');
  await expect(draft.cell('30101', 'code:1')).toHaveText('01');
  await expect(draft.cell('total', 'total')).toHaveText('300,000.00');
  // With its economic classes entered the figures are consistent: what is left is the 提示 that
  // the 主要职能, words only the clerk can write, are still to be written.
  await expect(draft.findings).toHaveCount(1);
  await expect(draft.findings.first()).toHaveClass(/sev-warning/);
  await expect(draft.findings.first()).toContainText('这段文字只能由编制人填写，请写明部门主要职能');
  await page.screenshot({ path: testInfo.outputPath('基本支出.png') });

  // 预算说明: the sections of the 上海 outline.
  await page.locator('.bd-tabs button[data-table="narrative"]').click();
  await expect(page.locator('.bd-sheet')).toContainText('部门预算编制说明');
  // The drafted 编制说明 states the figures just entered, in 万元, and names each 项 by 类/款/项.
  await expect(page.locator('.bd-sheet')).toContainText('收入预算62.00万元，其中：财政拨款收入50.00万元；事业收入12.00万元');
  await expect(page.locator('.bd-sheet')).toContainText('“教育支出（205类）普通教育（02款）小学教育（02项）”50.00万元。主要用于：【请填写主要用途】');
  await page.screenshot({ path: testInfo.outputPath('预算说明.png') });

  // Export: the template's sheets, the figures in 元 under 类 | 款 | 项.
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出 Excel' });
  const file = testInfo.outputPath('上海市普陀区测试局 2026.xlsx');
  await exportDialog.getByLabel('保存路径').fill(file);
  await exportDialog.getByRole('button', { name: '导出', exact: true }).click();
  await expect(exportDialog.getByTestId('export-result')).toContainText('已导出');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name).slice(0, 7)).toEqual(['封面', '目录', '部门主要职能', '部门机构设置', '名词解释', '部门编制说明', '部门收支总表']);
  const income = wb.getWorksheet('部门收入总表')!;
  expect(income.getCell('A1').value).toBe('2026年部门收入预算总表');
  const lines: unknown[][] = [];
  income.eachRow((row) => lines.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).value)));
  expect(lines).toContainEqual(['205', '02', '02', '小学教育', 620000.5]);
});

test('上海 单位预算: 人员经费 and 公用经费 are typed into the side-by-side 收支总表, its 合计 sums them with 项目支出', async ({ page }) => {
  const draft = new DraftPage(page);
  await newDraft(page, draft, { code: '301001', name: '上海市普陀区测试中心', year: '2026', pack: 'shanghai-2026-unit' });
  await addLine(page, draft, 'spending', '小学教育', '2050202', { basic: '400000', project: '50000.25' });

  await draft.showTable('summary');
  // Every class can take its 人员经费 and 公用经费, so every class has its line; 教育 is the fifth.
  const line = 'inBusiness|c205';
  await expect(draft.cell(line, 'outItem')).toHaveText('五、教育支出');
  await expect(draft.cell(line, 'outProject')).toHaveText('50,000.25');
  await draft.type(line, 'outPersonnel', '300000');
  await draft.type(line, 'outPublic', '100000');
  await expect(draft.cell(line, 'outTotal')).toHaveText('450,000.25');
  await expect(draft.cell('grandTotal|grandTotal', 'outPersonnel')).toHaveText('300,000.00');
  // The computed 合计 says why it cannot be typed into.
  await draft.cell(line, 'outTotal').click();
  await page.keyboard.type('1');
  await expect(draft.notice).toContainText('自动计算');
});
