/// <reference lib="dom" />
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DraftPage, host } from './support/draft-page';
import { fillAccountDialog, ReviewPage } from './support/review-page';

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
    await fillAccountDialog(this.page, user, role);
  }
  async logout(): Promise<void> {
    await this.bar.getByRole('button', { name: '退出登录' }).click();
    await expect(this.bar).toContainText('未登录');
  }
}

/** The draft window's header on one line, the unit name unclipped and the status badge clear of the buttons. */
async function expectHeaderWhole(page: Page): Promise<void> {
  const header = await page.locator('.bd-topbar').evaluate((bar) => {
    const name = bar.querySelector('.bd-title strong') as HTMLElement;
    const status = bar.querySelector('.bd-title .bd-status') as HTMLElement;
    const actions = bar.querySelector('.bd-actions') as HTMLElement;
    return {
      height: bar.getBoundingClientRect().height,
      nameClipped: name.scrollWidth > name.clientWidth,
      statusRight: status.getBoundingClientRect().right,
      statusWidth: status.getBoundingClientRect().width,
      actionsLeft: Math.min(...Array.from(actions.children, (c) => c.getBoundingClientRect().left)),
      barRight: bar.getBoundingClientRect().right,
      rightmost: Math.max(...Array.from(bar.querySelectorAll('button, summary, .bd-save'), (c) => c.getBoundingClientRect().right)),
    };
  });
  expect(header.height).toBeLessThan(48);
  expect(header.nameClipped).toBe(false);
  expect(header.statusWidth).toBeGreaterThan(20);
  expect(header.statusRight).toBeLessThanOrEqual(header.actionsLeft);
  expect(header.rightmost).toBeLessThanOrEqual(header.barRight + 0.5);
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
  const review = new ReviewPage(page);

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

  await test.step('the tab strip at 1366×768: the arrows and the wheel reach the tables off screen', async () => {
    const strip = page.locator('.bd-tabs');
    const last = page.locator('.bd-tabs button[data-table]').last();
    const right = page.getByRole('button', { name: '向右滚动标签' });
    await expect(last).not.toBeInViewport();
    // Each click scrolls two thirds of the strip (smoothly); the arrow goes once the end is reached.
    const settled = async () => {
      const at = await strip.evaluate((el) => el.scrollLeft);
      await page.waitForTimeout(150);
      return at === (await strip.evaluate((el) => el.scrollLeft));
    };
    for (let i = 0; i < 8 && (await right.isVisible()); i++) {
      await right.click();
      await expect.poll(settled).toBe(true);
    }
    await expect(last).toBeInViewport();
    await expect(page.getByRole('button', { name: '向左滚动标签' })).toBeVisible();
    await shot(page, testInfo, '04 标签栏滚动到最右');
    await strip.hover();
    await page.mouse.wheel(0, -3000);
    await expect.poll(() => strip.evaluate((el) => el.scrollLeft)).toBe(0);
    await expect(right).toBeVisible();
    await expect(last).not.toBeInViewport();
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

  await test.step('figures typed as in Excel: arrows and Enter commit and move, = arithmetic, Tab skips calculated cells, Ctrl+Home/End/A', async () => {
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
    // Exporting with 强制 findings open says so before anything is written.
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const exporting = page.getByRole('dialog', { name: '导出 Excel' });
    await expect(exporting.getByTestId('open-issues')).toContainText('“强制”审核问题');
    await shot(page, testInfo, '11a 导出前的提醒');
    await exporting.locator('footer').getByRole('button', { name: '关闭' }).click();

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
    await page.keyboard.press('Control+a');
    await expect(page.locator('.bd-statusbar')).toContainText('已选中整张表');
    await expect(draft.cell('2080505', 'basic')).toHaveClass(/bd-in-range/);
    await expect(draft.cell('total', 'project')).toHaveClass(/bd-in-range/);
    // A calculated cell says where its figure comes from: typed into, and on hover.
    await draft.cell('20805', 'basic').click();
    await page.keyboard.type('9');
    await expect(draft.notice).toContainText('请在项级科目填写：= 各下级科目“基本支出”之和（2 项）');
    await draft.cell('total', 'total').hover();
    await expect(page.locator('.bd-cell-tip')).toContainText('自动计算 =');
    await shot(page, testInfo, '11b 计算单元格的公式');
    await page.mouse.move(0, 0);

    await draft.showTable('t02');
    await draft.cell('2080501', 'fiscal').click();
    await page.keyboard.type('3.1');
    await page.keyboard.press('Tab');
    await expect(draft.focusedCell).not.toHaveClass(/bd-derived/);
    await draft.cell('2080505', 'fiscal').click();
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await expect(draft.cell('2080505', 'fiscal')).toHaveText('45.00');
    await draft.saved();
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
    await expect(page.locator('.bd-project-list tbody tr[data-row]')).toHaveCount(9);
    await expect(sheet).toContainText('（未命名项目）绩效目标表');
    const name = sheet.getByLabel('项目名称', { exact: true });
    await expect(name).toHaveValue('');
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
    const goals = sheet.getByLabel('绩效目标', { exact: true });
    await goals.fill('按时足额缴纳职业年金，保障经办服务正常运转。');
    await goals.blur();
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
    const section = (id: string) => page.locator(`.bd-narrative-section[data-section="${id}"]`);
    const words: Array<[string, string]> = [
      ['s01', '负责全县行政许可事项的集中受理和审批，推进政务公开和“一网通办”。'],
      ['s05', '全年按时办结行政审批事项，群众满意度不低于90%。'],
    ];
    for (const [id, text] of words) {
      await section(id).locator('summary').click();
      const lead = section(id).getByTestId(`lead-${id}`);
      await lead.fill(text);
      await lead.blur();
      await expect(section(id).getByTestId(`preview-${id}`)).toContainText(text);
    }
    await shot(page, testInfo, '17 情况说明');
    // Spending grew by the new project's 8.00: 上年对比 asks why, and the finding leads to the cell.
    const why = draft.findings.filter({ hasText: '未说明增减原因' });
    await expect(why).toHaveCount(1);
    await why.locator('.bd-finding-msg').click();
    await expect(draft.tab('py')).toHaveAttribute('aria-selected', 'true');
    await expect(draft.focusedCell).toHaveAttribute('col-id', 'reason');
    await page.keyboard.type('新增职业年金经办经费 8.00 万元');
    await page.keyboard.press('Enter');
    await expect(draft.findings).toHaveCount(0);
    await shot(page, testInfo, '18 上年对比');
  });

  await test.step('the clerk submits', async () => {
    await review.action('提交审核').click();
    await expect(review.status).toHaveText('已提交');
  });

  await test.step('the supervisor comments on a cell and returns the draft; the window stays on that table', async () => {
    await review.logout();
    await review.login(BOSS);
    await draft.showTable('t03');
    await draft.cell('2080506', 'project').click();
    await review.comments.getByLabel('意见对象').selectOption('cell');
    await review.comments.getByRole('button', { name: '取表格中选中的单元格' }).click();
    await review.comments.getByLabel('意见内容').fill('职业年金经办经费请附测算依据');
    await review.comments.getByRole('button', { name: '添加意见' }).click();
    const comment = review.comments.getByTestId('review-comment').first();
    await expect(comment).toContainText('2080506');
    // The panel being worked in grows: the new comment is wholly in view, not cut by the panels below.
    await expect(comment).toBeInViewport({ ratio: 0.99 });
    await shot(page, testInfo, '20 审核意见');
    // Signing now would pass over the open comment: the sign dialog says so first.
    await review.action('审签').click();
    const signing = page.getByRole('dialog', { name: '审签' });
    await expect(signing.getByTestId('open-issues')).toContainText('1 条未解决的审核意见');
    await shot(page, testInfo, '20a 审签前的提醒');
    await signing.getByRole('button', { name: '取消' }).click();
    await review.action('退回修改').click();
    const sendBack = page.getByRole('dialog', { name: '退回修改' });
    await sendBack.getByLabel('退回原因').fill('请附职业年金经办经费的测算依据后再提交');
    await sendBack.getByRole('button', { name: '确认退回' }).click();
    await expect(review.status).toHaveText('已退回');
    await expect(draft.tab('t03')).toHaveAttribute('aria-selected', 'true');
  });

  await test.step('the clerk answers, resolves and submits again', async () => {
    await review.logout();
    await review.login({ name: CLERK.name, password: CLERK.password });
    const seen = review.comments.getByTestId('review-comment').filter({ hasText: '职业年金经办经费请附测算依据' });
    await seen.getByLabel('答复内容').fill('已按 12 个月、每月 0.67 万元测算，附件随后报送');
    await seen.getByRole('button', { name: '答复' }).click();
    await expect(seen.getByTestId('review-reply')).toContainText('已按 12 个月');
    await seen.getByRole('button', { name: '标记已解决' }).click();
    await expect(seen).toContainText('已解决：张会计');
    // The reason of the return is a comment on the whole draft: answered by the fix, resolved too.
    const reason = review.comments.getByTestId('review-comment').filter({ hasText: '请附职业年金经办经费的测算依据后再提交' });
    await reason.getByRole('button', { name: '标记已解决' }).click();
    await expect(reason).toContainText('已解决：张会计');
    await shot(page, testInfo, '21 答复与解决');
    await review.action('提交审核').click();
    await expect(review.status).toHaveText('已提交');
  });

  await test.step('the supervisor signs; the export carries the sign-off and verifies against it', async () => {
    await review.logout();
    await review.login(BOSS);
    await review.action('审签').click();
    const sign = page.getByRole('dialog', { name: '审签' });
    await sign.getByLabel('审签密码').fill(BOSS.password);
    await sign.getByRole('button', { name: '确认审签' }).click();
    await expect(review.status).toHaveText('已审签');
    await expect(page.getByTestId('review-signature')).toContainText('审核人 李局长');
    // The header keeps the unit, the year and the status badge whole, on one line.
    await expectHeaderWhole(page);
    await shot(page, testInfo, '22 已审签');

    const file = testInfo.outputPath('435 巨鹿县行政审批局 2025年部门预算.xlsx');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: '导出 Excel' });
    await dialog.getByLabel('保存路径').fill(file);
    await dialog.getByRole('button', { name: '导出', exact: true }).click();
    await expect(dialog.getByTestId('export-result')).toContainText('已导出');
    await dialog.getByRole('button', { name: /关闭|完成|取消/ }).first().click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const texts: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value ?? '')))));
    const all = texts.join('\n');
    expect(all).toContain('2025');
    expect(all).toContain('已审签');
    expect(all).toContain('李局长');
    expect(all).toContain('机关事业单位职业年金缴费支出');
    // The workbook's figures give back the fingerprint printed in it: the new 科目 row included.
    const history = page.getByTestId('history-panel');
    await history.getByLabel('核对工作簿路径').fill(file);
    await history.getByRole('button', { name: '核对工作簿' }).click();
    await expect(history.getByTestId('verify-result')).toContainText('审签后未被修改');
    await shot(page, testInfo, '23 导出与核对');
  });

});
