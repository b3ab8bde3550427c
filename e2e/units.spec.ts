/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import type { DepartmentUnits } from '../src/shared/api/units';
import type { DraftMeta } from '../src/shared/draft';
import { getTemplate } from '../src/shared/regions';
import { requireRole, type TableRole } from '../src/shared/template/types';
import { WORKBOOK_OPEN_FILTERS } from '../src/shared/workbook/formats';
import { DraftPage, api, host } from './support/draft-page';

const hebei = getTemplate('hebei-2024', 2025);
const tableOf = (role: TableRole) => requireRole(hebei, role).id;

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

/** Figures by role, row and column, with the codes they need. */
function figures(list: Array<[TableRole, string, string, string]>) {
  const edits = list.map(([role, row, col, value]) => ({ table: tableOf(role), row, col, value }));
  return { edits, addCodes: edits.map((e) => ({ table: e.table, code: e.row })) };
}

async function addUnit(page: Page, unit: { code: string; name: string; nature: string; rank: string; funding: string }) {
  const panel = page.getByTestId('units-panel');
  await panel.getByRole('button', { name: '添加下属单位…' }).click();
  const form = panel.getByRole('form', { name: '添加下属单位' });
  await form.getByLabel('单位编码').fill(unit.code);
  await form.getByLabel('单位名称').fill(unit.name);
  await form.getByLabel('单位性质').selectOption(unit.nature);
  await form.getByLabel('单位规格').fill(unit.rank);
  await form.getByLabel('经费保障形式').selectOption(unit.funding);
  await form.getByRole('button', { name: '添加', exact: true }).click();
  await expect(panel.getByTestId(`unit-${unit.code}`)).toContainText('未开始');
}

test('a department with two units: one started here, one filled from its workbook; consolidated, detail shown, exported', async ({ page, request }, testInfo) => {
  // The 事务中心 prepared its budget elsewhere and sent its workbook: 20 上级补助 from the 本级, 50 事业收入.
  const elsewhere = await api<DraftMeta>(request, 'drafts/create', { unitCode: '435002', unitName: '某局事务中心', year: 2025, templateId: 'hebei-2024' });
  await api(request, 'cells/set', {
    draftId: elsewhere.id,
    ...figures([
      ['income', '2010301', 'superior', '20'],
      ['income', '2010399', 'business', '50'],
      ['spending', '2010301', 'basic', '20'],
      ['spending', '2010399', 'basic', '50'],
    ]),
  });
  const unitBook = testInfo.outputPath('435002 某局事务中心 2025年单位预算.xlsx');
  await api(request, 'excel/export', { draftId: elsewhere.id, path: unitBook });

  const dept = await api<DraftMeta>(request, 'drafts/create', { unitCode: '435', unitName: '某局', year: 2025, templateId: 'hebei-2024' });
  await page.setViewportSize({ width: 1366, height: 768 });
  const draft = new DraftPage(page);
  await draft.open(dept.id);
  const panel = page.getByTestId('units-panel');
  await expect(panel).toContainText('尚未设置下属单位');
  await addUnit(page, { code: '435001', name: '某局本级', nature: '行政', rank: '正科级', funding: '财政拨款' });
  await addUnit(page, { code: '435002', name: '某局事务中心', nature: '事业', rank: '股级', funding: '财政补助' });

  // The 本级 starts here; its clerk enters 100 拨款, 80 基本支出 and 20 对附属单位补助.
  await panel.getByTestId('unit-435001').getByRole('button', { name: '开始编制' }).click();
  await expect(panel.getByTestId('unit-435001')).toContainText('编制中');
  const list = await api<DepartmentUnits>(request, 'units/list', { departmentId: dept.id });
  await api(request, 'cells/set', {
    draftId: list.units[0].draftId,
    ...figures([
      ['income', '2010301', 'fiscal', '100'],
      ['spending', '2010301', 'basic', '80'],
      ['spending', '2010301', 'subsidy', '20'],
    ]),
  });

  // A wrong file is refused with its reason; the workbook is checked and taken in.
  const center = panel.getByTestId('unit-435002');
  await center.getByRole('button', { name: '导入…' }).click();
  await center.getByLabel('文件路径').fill(testInfo.outputPath('没有这个文件.xlsx'));
  await center.getByRole('button', { name: '检查并导入' }).click();
  await expect(panel.getByRole('alert')).toContainText('不存在');
  await expect(center).toContainText('未开始');
  // The unit's workbook as it often arrives, saved again as .xls: offered by the choice and the file dialog, read by its content.
  await expect(center.getByLabel('文件路径')).toHaveAccessibleDescription('可读 .xlsx、.xlsm、.xlsb、.xls、WPS 的 .et/.ett、.ods 和 .csv，按文件内容识别。');
  const unitXls = testInfo.outputPath('435002 某局事务中心 2025年单位预算.xls');
  const xls = XLSX.read(readFileSync(unitBook));
  if (xls.Workbook) xls.Workbook.Names = []; // print titles: .xls keeps them otherwise, SheetJS does not write them
  writeFileSync(unitXls, XLSX.write(xls, { type: 'buffer', bookType: 'biff8' }));
  await host.answerDialog(request, unitXls);
  await center.getByRole('button', { name: '选择文件…' }).click();
  await expect(center.getByLabel('文件路径')).toHaveValue(unitXls);
  await page.screenshot({ path: testInfo.outputPath('unit-take-in.png') });
  expect((await host.dialogAsks(request)).at(-1)).toEqual({ kind: 'open', title: '选择单位预算工作簿', filters: WORKBOOK_OPEN_FILTERS });
  await center.getByRole('button', { name: '检查并导入' }).click();
  await expect(center).toContainText('编制中');

  await panel.getByRole('button', { name: '汇总下属单位' }).click();
  const result = page.getByTestId('units-consolidation');
  await expect(result).toContainText('抵消 上级补助收入 ↔ 对附属单位补助支出：20');
  await expect(result).toContainText('汇总时未审签的单位：某局本级（编制中）、某局事务中心（编制中）');

  // The department's tables: 120 + 50 after the 20 is eliminated on both sides.
  const spending = tableOf('spending');
  await draft.showTable(spending);
  await expect(draft.cell('2010301', 'basic')).toHaveText(/^100(\.00)?$/);
  await expect(draft.cell('2010399', 'basic')).toHaveText(/^50(\.00)?$/);
  await expect(draft.cell('2010301', 'subsidy')).toHaveText('');
  const org = tableOf('org');
  await draft.showTable(org);
  await expect(draft.grid).toContainText('某局本级');
  await expect(draft.grid).toContainText('某局事务中心');
  await page.screenshot({ path: testInfo.outputPath('department-consolidated.png') });

  await result.getByRole('button', { name: '分单位明细…' }).click();
  const detail = page.getByRole('dialog', { name: '部门支出分单位明细' });
  const table = detail.getByRole('table', { name: '部门支出分单位明细' });
  // Figures as the tables show money (two decimals), in the draft's unit.
  await expect(table.getByRole('row', { name: /435001 某局本级/ }).getByRole('cell').first()).toHaveText('100.00');
  await expect(table.getByRole('row', { name: /435002 某局事务中心/ }).getByRole('cell').first()).toHaveText('70.00');
  await expect(table.getByRole('row', { name: /各单位合计/ }).getByRole('cell').first()).toHaveText('170.00');
  await expect(table.getByRole('row', { name: /减：单位间抵消/ }).getByRole('cell').first()).toHaveText('20.00');
  await expect(table.getByRole('row', { name: /部门合计/ }).getByRole('cell').first()).toHaveText('150.00');
  await expect(detail.getByRole('table', { name: '单位间抵消' })).toContainText('2010301：20.00');
  // Readable at 1366×768: every heading and unit name on one line (not 基本支 / 出), no column cut off.
  const wrapped = await detail.locator('table th').evaluateAll((cells) =>
    cells
      .filter((c) => {
        const text = document.createRange();
        text.selectNodeContents(c);
        return new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top))).size > 1;
      })
      .map((c) => c.textContent),
  );
  expect(wrapped).toEqual([]);
  expect(await detail.locator('.bd-units-detail').evaluate((body) => body.scrollWidth <= body.clientWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('per-unit-detail.png') });
  await detail.locator('footer').getByRole('button', { name: '关闭' }).click();

  // Export of the 部门预算: the consolidated figures in the workbook.
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出 Excel' });
  const file = testInfo.outputPath('435 某局 2025年部门预算.xlsx');
  await exportDialog.getByLabel('保存路径').fill(file);
  await exportDialog.getByRole('button', { name: '导出', exact: true }).click();
  await expect(exportDialog.getByTestId('export-result')).toContainText('已导出');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const title = requireRole(hebei, 'spending').title;
  const sheet = wb.worksheets.find((w) => String(w.getCell(1, 1).value ?? '').includes(title.replace(/^\d{4}年/, '')) || w.name.includes(requireRole(hebei, 'spending').shortName ?? title));
  expect(sheet, 'the spending sheet').toBeDefined();
  const numbers: number[] = [];
  sheet!.eachRow((row) => row.eachCell((c) => typeof c.value === 'number' && numbers.push(c.value)));
  expect(numbers).toContain(150);
  expect(numbers).toContain(100);

  // A unit's own budget opens from the panel, in its own window.
  await exportDialog.locator('footer').getByRole('button', { name: '关闭' }).click();
  await panel.getByTestId('unit-435001').getByRole('link', { name: '打开单位预算' }).click();
  await expect(page.locator('.bd-topbar')).toContainText('某局本级');
  await expect(page.getByTestId('units-panel')).toHaveCount(0);
  await expect(page.locator('.bd-side')).toContainText('本稿是单位预算，没有下属单位');
});
