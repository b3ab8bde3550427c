/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { DraftPage, host } from './support/draft-page';

/** Steps of the projects and 情况说明 views (page object). */
class ProjectsPage {
  constructor(readonly page: Page) {}

  async showProjects(): Promise<void> {
    await this.page.locator('.bd-tabs button[data-table="projects"]').click();
    await expect(this.page.getByTestId('projects-view')).toBeVisible();
  }

  async showNarrative(): Promise<void> {
    await this.page.locator('.bd-tabs button[data-table="narrative"]').click();
    await expect(this.page.getByTestId('narrative-view')).toBeVisible();
  }

  section(id: string) {
    return this.page.locator(`.bd-narrative-section[data-section="${id}"]`);
  }

  /** A project of the list by its position (the host enters the seed through the API: record ids are its own). */
  project(index: number) {
    return this.page.locator('.bd-project-list tbody tr[data-row]').nth(index);
  }

  /** Fill a field of the selected project's sheet and confirm with Enter. */
  async fill(label: string, value: string): Promise<void> {
    const field = this.page.locator('.bd-project-sheet').getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Enter');
  }
}

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

test('edit a project’s budget: 项目支出, the tables and the drafted text follow; hand-written text gets a finding', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  const view = new ProjectsPage(page);
  await draft.open(seed.id);

  // The clerk writes section 二 by hand, with the figures of today: no finding.
  await view.showNarrative();
  await expect(view.section('s02').getByTestId('preview-s02')).toContainText('项目支出67.50万元，主要为工作经费20.00万元');
  await view.section('s02').getByRole('button', { name: '手工编辑本节' }).click();
  const text = view.section('s02').getByTestId('text-s02');
  await expect(text).toBeVisible();
  await text.fill('2024年支出预算525.80万元，其中基本支出458.30万元；项目支出67.50万元，主要为工作经费20.00万元。');
  await text.blur();
  await expect(view.section('s02').getByTestId('preview-s02')).toHaveText('2024年支出预算525.80万元，其中基本支出458.30万元；项目支出67.50万元，主要为工作经费20.00万元。');
  await expect(view.section('s02').locator('.bd-narrative-findings')).toHaveCount(0);

  // The project's sheet: seven indicators with 指标值 parsed; 财政资金 20 → 25.
  await view.showProjects();
  await view.project(0).click();
  const sheet = page.locator('.bd-project-sheet');
  await expect(sheet.getByLabel('项目名称', { exact: true })).toHaveValue('工作经费');
  await expect(page.getByTestId('indicator-grid').locator('tbody tr')).toHaveCount(7);
  await expect(page.getByTestId('indicator-grid').locator('tbody tr').nth(3).locator('.bd-indicator-value .bd-muted')).toHaveText('≥ 20 万元');
  await view.fill('财政资金', '25');
  await expect(page.getByTestId('project-amount')).toHaveText('25.00');
  await expect(page.getByTestId('projects-total')).toHaveText('72.50');
  await testInfo.attach('项目绩效目标表.png', { body: await page.screenshot(), contentType: 'image/png' });

  // 项目支出 of tables 3 and 5, and table 1, follow.
  await draft.showTable('t03');
  await expect(draft.cell('2010306', 'project')).toHaveText('72.50');
  await expect(draft.cell('total', 'total')).toHaveText('530.80');
  await draft.showTable('t05');
  await expect(draft.cell('2010306', 'project')).toHaveText('72.50');
  await draft.showTable('t01');
  await expect(draft.cell('c201', 'outAmount')).toHaveText('414.30');

  // The drafted sections follow; the hand-written one is flagged where its figures are wrong.
  await view.showNarrative();
  await expect(view.section('s07').getByTestId('preview-s07')).toContainText('工作经费预算25.00万元');
  await expect(view.section('s02').getByTestId('mode-s02')).toHaveText('手工编辑');
  const flagged = view.section('s02').locator('.bd-narrative-findings li');
  await expect(flagged).toHaveCount(1);
  await expect(flagged).toContainText('文中为 67.50 万元');
  await expect(flagged).toContainText('72.50 万元');
  await expect(flagged).toContainText('工作经费');
  await expect(draft.findings.filter({ hasText: '文中为 67.50 万元' })).toHaveCount(1);
  await testInfo.attach('情况说明.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  // Back to the draft: the finding resolves.
  await view.section('s02').getByRole('button', { name: '恢复自动生成' }).click();
  await expect(view.section('s02').getByTestId('preview-s02')).toContainText('项目支出72.50万元');
  await expect(view.section('s02').locator('.bd-narrative-findings')).toHaveCount(0);
});

test('add a project with indicators; an unparsable 指标值 is flagged; copy projects from another draft', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  const view = new ProjectsPage(page);
  await draft.open(seed.id);
  await view.showProjects();
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  await expect(page.locator('.bd-project-list tbody tr[data-row]')).toHaveCount(9);
  await view.fill('项目名称', '档案数字化经费');
  await view.fill('财政资金', '3.5');
  await expect(page.getByTestId('projects-total')).toHaveText('71.00');
  await page.getByRole('button', { name: '＋ 添加指标' }).click();
  const row = page.getByTestId('indicator-grid').locator('tbody tr[data-row]');
  await expect(row).toHaveCount(1);
  await row.getByLabel('一级指标').selectOption('产出指标');
  await row.getByLabel('二级指标').selectOption('数量指标');
  const value = row.getByLabel('指标值', { exact: true });
  await value.fill('12 万');
  await value.press('Enter');
  await expect(row.locator('.bd-indicator-value .bd-error-text')).toContainText('缺少比较符');
  await value.fill('≥12 万卷');
  await value.press('Enter');
  await expect(row.locator('.bd-indicator-value .bd-muted')).toHaveText('≥ 12 万卷');

  // A second draft copies two of the seed's projects with their indicators.
  const created = await request.post('/api/drafts/create', { data: { unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'hebei-2024' } });
  const next = ((await created.json()) as { value: { id: string } }).value;
  await page.goto(`/index.html#draft=${encodeURIComponent(next.id)}`);
  await page.reload();
  await expect(page.locator('.bd-title')).toContainText('2025 年部门预算');
  await view.showProjects();
  await page.getByRole('button', { name: '从其他预算稿复制…' }).click();
  const dialog = page.getByRole('dialog', { name: '从其他预算稿复制项目' });
  await dialog.getByLabel('工作经费', { exact: true }).check();
  await dialog.getByLabel('政务外网费用', { exact: true }).check();
  await dialog.getByRole('button', { name: '复制所选 2 个项目' }).click();
  await expect(page.locator('.bd-project-list tbody tr[data-row]')).toHaveCount(2);
  await expect(page.getByTestId('projects-total')).toHaveText('25.00');
  await expect(page.getByTestId('indicator-grid').locator('tbody tr[data-row]')).toHaveCount(7);
});

test('the clerk’s own words in a drafted section: printed with the figures, checked, and tied to a finding', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  const view = new ProjectsPage(page);
  await draft.open(seed.id);
  await view.showNarrative();
  const s11 = view.section('s11');
  await expect(s11.getByTestId('preview-s11')).toHaveText('我部门无其他需要说明的事项。');
  await s11.locator('summary').click();
  const lead = s11.getByTestId('lead-s11');
  await lead.fill('我部门2024年拟新增公务用车XX辆。');
  await lead.blur();
  await expect(s11.getByTestId('preview-s11')).toHaveText('我部门2024年拟新增公务用车XX辆。');
  const flagged = s11.locator('.bd-narrative-findings li');
  await expect(flagged).toContainText('未替换的占位文字');
  await expect(draft.findings.filter({ hasText: '未替换的占位文字' })).toHaveCount(1);
  await lead.fill('我部门2024年无新增公务用车。');
  await lead.blur();
  await expect(s11.locator('.bd-narrative-findings')).toHaveCount(0);
  await expect(draft.findings.filter({ hasText: '未替换的占位文字' })).toHaveCount(0);
});

test('clicking a finding about an indicator or a project field opens that project at the field', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  const view = new ProjectsPage(page);
  await draft.open(seed.id);
  await view.showProjects();
  const sheet = page.locator('.bd-project-sheet');
  const indicators = page.getByTestId('indicator-grid').locator('tbody tr[data-row]');

  // The second project's third indicator gets a 指标值 without comparison, figure or unit.
  const second = await view.project(1).getAttribute('data-row');
  await view.project(1).click();
  await expect(sheet).toHaveAttribute('data-project', second!);
  const value = indicators.nth(2).getByLabel('指标值', { exact: true });
  await value.fill('abc');
  await value.press('Enter');
  const indicatorFinding = draft.findings.filter({ hasText: '指标值“abc”' });
  await expect(indicatorFinding).toHaveCount(1);

  // Another project on screen; the finding brings back the second one, at that indicator.
  await view.project(0).click();
  await expect(sheet).not.toHaveAttribute('data-project', second!);
  await indicatorFinding.locator('.bd-finding-msg').click();
  await expect(sheet).toHaveAttribute('data-project', second!);
  await expect(view.project(1)).toHaveAttribute('aria-selected', 'true');
  await expect(indicators.nth(2)).toHaveClass(/is-located/);
  await expect(indicators.nth(1)).not.toHaveClass(/is-located/);
  await expect(value).toHaveClass(/is-located/);
  await expect(value).toBeFocused();

  // A finding on a project's own field, clicked from another table: the projects tab, the project, the field.
  const third = await view.project(2).getAttribute('data-row');
  await view.project(2).click();
  await view.fill('6月底累计支出比例', '120');
  const planFinding = draft.findings.filter({ hasText: '超过 100%' });
  await expect(planFinding).toHaveCount(1);
  await draft.showTable('t03');
  await planFinding.locator('.bd-finding-msg').click();
  await expect(draft.tab('projects')).toHaveAttribute('aria-selected', 'true');
  await expect(sheet).toHaveAttribute('data-project', third!);
  const plan = sheet.getByLabel('6月底累计支出比例', { exact: true });
  await expect(plan).toHaveClass(/is-located/);
  await expect(plan).toBeFocused();
  await expect(indicators.locator('.is-located')).toHaveCount(0);
  // Choosing a project by hand puts the mark away.
  await view.project(0).click();
  await expect(sheet.locator('.is-located')).toHaveCount(0);
});
