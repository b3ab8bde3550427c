/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import type { DraftMeta } from '../src/shared/draft';
import { api, host } from './support/draft-page';
import { exportByKeyboard, focused, tabTo, toTopBar } from './support/keyboard';

/**
 * The clerk's journey by keyboard alone at 1366×768 on the 上海 2026 单位 layout: a draft made
 * from the start screen, a code added and a figure typed, the 预算说明 reached and a line
 * written, the workbook exported. Each step lands the cursor where the clerk goes next.
 */

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

/** Tab along until `done` holds for what has the keyboard. */
async function tabUntil(page: Page, what: string, done: () => Promise<boolean>) {
  for (let i = 0; i < 30 && !(await done()); i++) await page.keyboard.press('Tab');
  expect(await done(), `${what}: the keyboard is on ${await focused(page)}`).toBe(true);
}

const activeTab = (page: Page) => page.locator('.bd-tabs button[aria-selected="true"]');

test('the clerk by keyboard on 上海 2026 单位: create, add a code with Insert, type, write the 预算说明, export', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/index.html');
  await expect(page.getByTestId('first-run')).toBeVisible();

  // 新建预算稿: the dialog's fields, the layout chosen with the arrows, Enter on the list creates.
  await tabTo(page, '新建预算稿');
  await page.keyboard.press('Enter');
  const create = page.getByRole('dialog', { name: '新建预算稿' });
  await expect(create.getByLabel('单位编码')).toBeFocused();
  await page.keyboard.type('101');
  await page.keyboard.press('Tab');
  await page.keyboard.type('上海市普陀区司法局');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2026');
  await page.keyboard.press('Tab');
  const layout = create.getByLabel('报表模板');
  await expect(layout).toBeFocused();
  const options = await layout.locator('option').allTextContents();
  const target = options.findIndex((o) => o.includes('上海') && o.includes('单位'));
  for (let i = await layout.evaluate((s: HTMLSelectElement) => s.selectedIndex); i < target; i++) await page.keyboard.press('ArrowDown');
  await expect(layout).toHaveValue('shanghai-2026-unit');
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-title')).toContainText('101 上海市普陀区司法局');
  await expect(page.locator('.bd-grid-wrap .ag-cell-focus')).toHaveCount(1);

  // 收入总表: Insert adds a code (the picker takes the keyboard), the cursor lands in its row, the figure is typed.
  await page.keyboard.press('Control+PageDown');
  await expect(activeTab(page)).toContainText('收入总表');
  await expect(page.locator('.bd-statusbar')).toContainText('Insert 添加科目');
  await page.keyboard.press('Insert');
  const picker = page.getByLabel('科目搜索');
  await expect(picker).toBeFocused();
  await page.keyboard.type('2040601');
  await expect(page.getByRole('option', { name: /2040601/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-statusbar')).toContainText('已添加科目 2040601');
  await page.keyboard.type('1150000');
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-grid-wrap')).toContainText('1,150,000.00');

  // A list table without rows: its ＋ 添加一行 has the keyboard (there is no cell to start in), not nobody.
  for (let i = 0; i < 14 && !(await activeTab(page).textContent())?.includes('机构设置'); i++) await page.keyboard.press('Control+PageDown');
  await expect(page.getByRole('button', { name: '＋ 添加一行' })).toBeFocused();

  // The 预算说明: the keyboard in the view; 手工编辑本节 leads into the text, where a line is written.
  await page.keyboard.press('Control+PageDown');
  await expect(activeTab(page)).toContainText('预算说明');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="narrative-view"]'))).toBe(true);
  const explanation = page.locator('[data-section="explanation"]');
  await tabUntil(page, '手工编辑本节 of 编制说明', () => explanation.getByRole('button', { name: '手工编辑本节' }).evaluate((b) => b === document.activeElement));
  await page.keyboard.press('Enter');
  const text = page.getByTestId('text-explanation');
  await expect(text).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('本单位无政府采购预算。');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('preview-explanation')).toContainText('本单位无政府采购预算。');
  await page.screenshot({ path: testInfo.outputPath('clerk-explanation.png') });

  // Export: F6 to the top bar, Tab to 导出 Excel, the path typed, Enter.
  const texts = await exportByKeyboard(page, testInfo.outputPath('101 上海市普陀区司法局 2026年单位预算.xlsx'));
  expect(texts.join('\n')).toContain('本单位无政府采购预算。');
  expect(texts).toContain('1150000');
});

test('a project and its indicator added by keyboard: the cursor lands in the new 项目编码, then in the new indicator’s 一级指标', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const meta = await api<DraftMeta>(request, 'drafts/create', { unitCode: '101', unitName: '上海市普陀区司法局', year: 2026, templateId: 'shanghai-2026-unit' });
  await page.goto(`/index.html#draft=${encodeURIComponent(meta.id)}`);
  await expect(page.locator('.bd-grid-wrap .ag-cell-focus')).toHaveCount(1);
  for (let i = 0; i < 14 && !(await activeTab(page).textContent())?.includes('项目'); i++) await page.keyboard.press('Control+PageDown');
  const view = page.getByTestId('projects-view');
  await expect(view.getByRole('button', { name: '＋ 添加项目' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(view.getByLabel('项目编码')).toBeFocused();
  await page.keyboard.type('P001');
  await page.keyboard.press('Tab');
  await page.keyboard.type('法律援助');
  await tabTo(page, '添加指标', 40);
  await page.keyboard.press('Enter');
  const indicator = view.getByTestId('indicator-grid').locator('tbody tr').first();
  await expect(indicator.getByLabel('一级指标')).toBeFocused();
  await expect(view.getByLabel('项目名称')).toHaveValue('法律援助');
});

test('the drafts list has the keyboard when the start screen opens, and again on the draft just closed', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await api<DraftMeta>(request, 'drafts/create', { unitCode: '101', unitName: '上海市普陀区司法局', year: 2026, templateId: 'shanghai-2026-unit' });
  await api<DraftMeta>(request, 'drafts/create', { unitCode: '102', unitName: '上海市普陀区教育局', year: 2026, templateId: 'shanghai-2026-unit' });
  await page.goto('/index.html');
  const rows = page.locator('.bd-draft-list tbody tr');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  const second = (await rows.nth(1).locator('td').nth(1).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-title')).toContainText(second);
  await toTopBar(page);
  await page.keyboard.press('Enter');
  await expect(rows.filter({ hasText: second })).toBeFocused();
  await expect(rows.filter({ hasText: second })).toHaveAttribute('aria-selected', 'true');
});
