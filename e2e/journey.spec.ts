/// <reference lib="dom" />
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { DraftPage, host } from './support/draft-page';

/**
 * A clerk's first budget, from the first start of the app to the signed workbook, at the
 * 1366×768 of a county office's laptop, done as the supervisor and the clerk would do it:
 * only the mouse and the keyboard on the real renderer (the host stands in for Electron's
 * file dialogs, so paths are typed). Screenshots of the first run, every tab and the review
 * panel are attached to the report.
 */

test.use({ viewport: { width: 1366, height: 768 } });

const BOSS = { name: '李局长', password: 'boss-own-pass' };
const CLERK = { name: '张会计', temporary: 'temp-2025', password: 'clerk-own-pass' };

/** A screenshot kept in the test's output folder and attached to the report. */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(`${name}.png`, { path, contentType: 'image/png' });
}

/** The accounts of the start screen: 登录, 添加账户…, 退出登录. */
class AccountSteps {
  constructor(readonly page: Page) {}
  get bar() {
    return this.page.getByLabel('当前用户');
  }
  async create(user: { name: string; password: string }, role: 'clerk' | 'supervisor', button: string): Promise<void> {
    await this.bar.getByRole('button', { name: button }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill(user.name);
    await dialog.getByLabel('角色').selectOption(role);
    await dialog.getByLabel('密码', { exact: true }).fill(user.password);
    await dialog.getByLabel('确认密码').fill(user.password);
    await dialog.getByRole('button', { name: '创建账户' }).click();
    await expect(dialog).toBeHidden();
  }
  async logout(): Promise<void> {
    await this.bar.getByRole('button', { name: '退出登录' }).click();
    await expect(this.bar).toContainText('未登录');
  }
}

test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => void d.accept());
});

test('a clerk’s first budget at 1366×768: first run, accounts, a 2025 draft from last year’s workbook, keys, a new 科目 from a finding, a project, the text, review and sign-off, export', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  // Last year's published workbook, as the office keeps it (written by the app from the 2024 budget), then a fresh machine.
  const lastYear = testInfo.outputPath('435 巨鹿县行政审批局 2024年部门预算.xlsx');
  await host.reset(request);
  const seed = await host.seed(request);
  expect((await (await request.post('/api/excel/export', { data: { draftId: seed.id, path: lastYear } })).json()).ok).toBe(true);
  await host.reset(request);

  const draft = new DraftPage(page);
  const accounts = new AccountSteps(page);

  await test.step('first run: the start screen says what to do', async () => {
    await page.goto('/index.html');
    const welcome = page.getByTestId('first-run');
    await expect(welcome).toContainText('选择一种方式开始');
    await expect(welcome.getByRole('button', { name: '新建预算稿' })).toBeVisible();
    await expect(welcome.getByRole('button', { name: '从上年的 Excel 工作簿开始…' })).toBeVisible();
    await expect(welcome.getByRole('button', { name: '打开示例预算' })).toBeVisible();
    await expect(accounts.bar).toContainText('未设置账户');
    await shot(page, testInfo, '01 首次使用');
  });

  await test.step('the supervisor sets up the accounts: their own first, then the clerk’s with a temporary password', async () => {
    await accounts.create(BOSS, 'supervisor', '设置审核账户…');
    await expect(accounts.bar).toContainText('李局长（审核人）');
    await accounts.bar.getByRole('button', { name: '添加账户…' }).click();
    await expect(page.getByRole('dialog')).toContainText('初始密码');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await accounts.create({ name: CLERK.name, password: CLERK.temporary }, 'clerk', '添加账户…');
    await accounts.logout();
  });

  await test.step('the clerk logs in with the temporary password and must set her own first', async () => {
    await accounts.bar.getByRole('button', { name: '登录' }).click();
    const login = page.getByRole('dialog', { name: '登录' });
    await login.getByLabel('姓名').selectOption(CLERK.name);
    await login.getByLabel('密码').fill(CLERK.temporary);
    await login.getByRole('button', { name: '登录' }).click();
    const change = page.getByRole('dialog', { name: '首次登录：设置密码' });
    await expect(change).toContainText('初始密码');
    await shot(page, testInfo, '02 首次登录改密码');
    await change.getByLabel('新密码', { exact: true }).fill(CLERK.password);
    await change.getByLabel('确认新密码').fill('typo-pass');
    await change.getByRole('button', { name: '设置密码并登录' }).click();
    await expect(change.getByRole('alert')).toHaveText('两次输入的密码不一致');
    await change.getByLabel('确认新密码').fill(CLERK.password);
    await change.getByRole('button', { name: '设置密码并登录' }).click();
    await expect(change).toBeHidden();
    await expect(accounts.bar).toContainText('张会计（编制人）');
    // A clerk adds no accounts: nobody's password is hers to set.
    await expect(accounts.bar.getByRole('button', { name: '添加账户…' })).toHaveCount(0);
  });

  await test.step('a 2025 draft from last year’s workbook', async () => {
    await page.getByTestId('first-run').getByRole('button', { name: '从上年的 Excel 工作簿开始…' }).click();
    const dialog = page.getByRole('dialog', { name: '从 Excel 导入' });
    await dialog.getByLabel('工作簿路径').fill(lastYear);
    await dialog.getByRole('button', { name: '读取', exact: true }).click();
    await expect(dialog.getByTestId('import-preview')).toBeVisible();
    await shot(page, testInfo, '03 导入预览');
    await dialog.getByLabel('预算年度').fill('2025');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await expect(page.locator('.bd-topbar')).toContainText('2025 年部门预算');
    await expect(draft.grid.locator('.ag-row').first()).toBeVisible();
  });

  await test.step('every tab at 1366×768', async () => {
    const tabs = page.locator('.bd-tabs button[data-table]');
    const count = await tabs.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(tab).toBeInViewport();
      await shot(page, testInfo, `10 标签 ${String(i + 1).padStart(2, '0')} ${(await tab.innerText()).replace(/\s+/g, ' ').trim()}`);
    }
  });

  await test.step('figures typed as in Excel: arrows and Enter commit and move, = arithmetic, Tab skips calculated cells, Ctrl+Home/End', async () => {
    // 1.00 moves from 2080505 to 2080501 in tables 3, 5 and 2 alike.
    await draft.showTable('t03');
    await draft.cell('2080501', 'basic').click();
    await page.keyboard.type('3.1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('45');
    await page.keyboard.press('ArrowRight');
    await expect(draft.cell('2080501', 'basic')).toHaveText('3.10');
    await expect(draft.cell('2080505', 'basic')).toHaveText('45.00');
    await expect(draft.focusedCell).toHaveAttribute('col-id', 'project');
    await expect(draft.cell('20805', 'basic')).toHaveText('48.10');

    await draft.showTable('t05');
    await draft.cell('2080501', 'basic').click();
    await page.keyboard.type('=2.1+1');
    await page.keyboard.press('Enter');
    await expect(draft.cell('2080501', 'basic')).toHaveText('3.10');
    await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2080505');
    await page.keyboard.type('45.004');
    await page.keyboard.press('Enter');
    await expect(draft.cell('2080505', 'basic')).toHaveText('45.00');
    await shot(page, testInfo, '11 输入与四舍五入');
    await page.keyboard.press('Control+Home');
    await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', 'total');
    await page.keyboard.press('Control+End');
    await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2210201');

    await draft.showTable('t02');
    await draft.cell('2080501', 'fiscal').click();
    await page.keyboard.type('3.1');
    await page.keyboard.press('Tab');
    await expect(draft.focusedCell).not.toHaveClass(/bd-derived/);
    await draft.cell('2080505', 'fiscal').click();
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await expect(draft.cell('2080505', 'fiscal')).toHaveText('45.00');
    await expect(draft.saveState).toContainText('已保存');
    // Table 6 by economic class follows: 退休费 up, 基本养老保险缴费 down (the 提示 of table 6 say which).
    await expect(draft.tab('t06').locator('.bd-badge')).toBeVisible();
    await shot(page, testInfo, '12 表6 的提示');
    await draft.showTable('t06');
    await draft.cell('30108', 'personnel').click();
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await draft.cell('30302', 'personnel').click();
    await page.keyboard.type('3.1');
    await page.keyboard.press('Enter');
    await expect(draft.tab('t06').locator('.bd-badge')).toHaveCount(0);
    // Nothing left but the text's placeholders.
    await expect(draft.findings).toHaveCount(1);
  });

  await test.step('a project under a 科目 the tables lack; the finding adds the rows in every table in one step', async () => {
    await page.locator('.bd-tabs button[data-table="projects"]').click();
    await page.getByRole('button', { name: '＋ 添加项目' }).click();
    const sheet = page.locator('.bd-project-sheet');
    const name = sheet.getByLabel('项目名称', { exact: true });
    await name.fill('职业年金经办经费');
    await name.press('Enter');
    await expect(page.locator('.bd-project-list tbody tr[data-row]').nth(8)).toContainText('职业年金经办经费');
    // The 功能分类科目 picker by keyboard alone.
    await sheet.getByRole('button', { name: '选择科目…' }).focus();
    await page.keyboard.press('Enter');
    await expect(sheet.getByLabel('科目搜索')).toBeFocused();
    await page.keyboard.type('职业年金');
    await expect(sheet.locator('li[data-cursor="true"]')).toHaveAttribute('data-code', '2080506');
    await page.keyboard.press('Enter');
    await expect(sheet.getByTestId('project-function-code')).toHaveText('2080506');
    const fiscal = sheet.getByLabel('财政资金', { exact: true });
    await fiscal.fill('8');
    await fiscal.press('Enter');
    await shot(page, testInfo, '13 新项目');
    const addMissing = page.getByTestId('add-missing').first();
    await expect(addMissing).toBeVisible();
    await shot(page, testInfo, '14 缺少科目行的审核发现');
    await expect(addMissing).toHaveText('在表2添加科目 2080506');
    await addMissing.click();
    await expect(draft.tab('t02')).toHaveAttribute('aria-selected', 'true');
    await expect(draft.cell('2080506', 'name')).toHaveText('机关事业单位职业年金缴费支出');
    await expect(page.locator('.bd-statusbar')).toContainText('可撤销');
    // Its 财政拨款收入 is the project's 8.00: typed where the finding put the clerk.
    await draft.type('2080506', 'fiscal', '8');
    await expect(draft.cell('2080506', 'total')).toHaveText('8.00');
    await expect(draft.tab('t02').locator('.bd-badge')).toHaveCount(0);
    await shot(page, testInfo, '15 一步添加科目行后');
  });

  await test.step('the project’s sheet completed: fund, indicators, spending plan', async () => {
    await page.locator('.bd-tabs button[data-table="projects"]').click();
    await page.locator('.bd-project-list tbody tr[data-row]').nth(8).click();
    const sheet = page.locator('.bd-project-sheet');
    await sheet.getByLabel('资金性质').selectOption('一般公共预算');
    const fill = async (label: string, value: string) => {
      const field = sheet.getByLabel(label, { exact: true });
      await field.fill(value);
      await field.press('Enter');
    };
    await fill('项目编码', '13052925P00584011901A');
    await fill('12月底累计支出比例', '100');
    const indicators = page.getByTestId('indicator-grid').locator('tbody tr[data-row]');
    const levels: Array<[string, string, string]> = [
      ['产出指标', '数量指标', '≥12 个月'],
      ['效益指标', '社会效益指标', '≥95%'],
      ['满意度指标', '服务对象满意度指标', '≥90%'],
    ];
    for (const [i, [level1, level2, value]] of levels.entries()) {
      await page.getByRole('button', { name: '＋ 添加指标' }).click();
      await expect(indicators).toHaveCount(i + 1);
      const row = indicators.nth(i);
      await row.getByLabel('一级指标').selectOption(level1);
      await row.getByLabel('二级指标').selectOption(level2);
      const v = row.getByLabel('指标值', { exact: true });
      await v.fill(value);
      await v.press('Enter');
    }
    await shot(page, testInfo, '16 项目绩效目标');
    await expect(draft.tab('projects').locator('.bd-badge')).toHaveCount(0);
  });

  await test.step('the text: the placeholders of 情况说明 written by the clerk', async () => {
    await page.locator('.bd-tabs button[data-table="narrative"]').click();
    await expect(page.getByTestId('narrative-view')).toBeVisible();
    await shot(page, testInfo, '17 情况说明');
  });

});
