/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { getTemplate } from '../src/shared/regions';
import { DraftPage, host } from './support/draft-page';
import { ReviewPage } from './support/review-page';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

const hebei = getTemplate('hebei-2024');
/** The tab a table is shown under: its own, or its parent's for a table without a tab. */
const tabOf = (table: string) => {
  const def = hebei.tables.find((t) => t.id === table);
  return def?.hiddenTab && def.parent ? def.parent.table : table;
};

type Counts = Record<string, { error: number; warning: number }>;
const add = (counts: Counts, key: string, severity: 'error' | 'warning', n: number) => {
  counts[key] ??= { error: 0, warning: 0 };
  counts[key][severity] += n;
};

/** What the window shows: the tab badges, the panel's chips and its section headers, each per severity. */
async function shownCounts(page: Page) {
  const tabs: Counts = {};
  for (const badge of await page.locator('.bd-tabs .bd-badge').all()) {
    const tab = await badge.locator('xpath=ancestor::button[1]').getAttribute('data-table');
    add(tabs, tab!, (await badge.getAttribute('class'))!.includes('sev-error') ? 'error' : 'warning', Number(await badge.innerText()));
  }
  const sections: Counts = {};
  for (const section of await page.getByTestId('findings-list').locator('section').all()) {
    const count = section.getByTestId('section-count');
    const n = (await count.count()) ? Number(await count.innerText()) : 0;
    add(sections, tabOf((await section.getAttribute('data-table'))!), (await section.getAttribute('data-severity')) as 'error' | 'warning', n);
  }
  for (const counts of [tabs, sections]) for (const key of Object.keys(counts)) if (!counts[key].error && !counts[key].warning) delete counts[key];
  const chip = async (i: number) => Number((await page.locator('.bd-findings-filter button').nth(i).innerText()).replace(/\D/g, ''));
  return { tabs, sections, chips: { all: await chip(0), error: await chip(1), warning: await chip(2) }, groups: await page.locator('.bd-finding-group').count() };
}

test('the tab badges, the panel chips and its section headers count the same problems: a wrong 项 with the 款, 类 and 合计 it breaks is one, an explained warning none', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  // A wrong 项 figure in table 3: table 2 no longer agrees on the 项, its 款, its 类 and the 合计.
  await draft.showTable('t03');
  await draft.type('2010306', 'basic', '300');
  // 公务用车运行维护费 in table 9 below 30231 of table 6, and its change from last year without a reason: two warnings.
  await draft.showTable('t09');
  await draft.type('vehicleRunning', 'general', '0.5');
  const warning = page.locator('.bd-finding.sev-warning').filter({ hasText: '30231' });
  await expect(warning).toBeVisible();
  await expect(page.locator('.bd-finding.sev-warning')).toHaveCount(2);
  await expect(page.locator('.bd-findings-filter button')).toHaveText(['全部 3', '强制 1', '提示 2']);
  let shown = await shownCounts(page);
  expect(shown.tabs).toEqual(shown.sections);
  await page.screenshot({ path: testInfo.outputPath('counts-open.png') });

  await warning.getByRole('button', { name: '填写说明' }).click();
  await warning.getByLabel('说明').fill('公务用车运行维护费另在项目支出中安排');
  await warning.getByRole('button', { name: '保存说明' }).click();
  await expect(warning.locator('.bd-explained')).toHaveText('已说明');

  // One problem of each kind is left: the 项 (its three followers folded under it) and the unexplained warning.
  await expect(page.locator('.bd-findings-filter button')).toHaveText(['全部 2', '强制 1', '提示 1']);
  await expect(page.getByTestId('findings-left-out')).toHaveText('按问题计数，未计入：同一差错引起的上级科目、合计差异 3 条；已说明的提示 1 条');
  await expect(page.getByTestId('related-findings').locator('summary')).toHaveText('由此引起的上级科目、合计差异 3 条');
  await expect(page.locator('section[data-table="t06"] h3')).toContainText('已说明 1');
  await expect(page.locator('section[data-table="t06"]').getByTestId('section-count')).toHaveCount(0);
  shown = await shownCounts(page);
  expect(shown.tabs).toEqual(shown.sections);
  expect(shown.tabs.t02).toEqual({ error: 1, warning: 0 });
  expect(shown.tabs.t06).toBeUndefined();
  const sum = (counts: Counts, severity: 'error' | 'warning') => Object.values(counts).reduce((n, c) => n + c[severity], 0);
  expect(shown.chips).toEqual({ all: shown.chips.error + shown.chips.warning, error: sum(shown.tabs, 'error'), warning: sum(shown.tabs, 'warning') });
  // Each open problem is one group of the list.
  expect(shown.groups).toBe(shown.chips.all);
  await page.screenshot({ path: testInfo.outputPath('counts-explained.png') });
  await testInfo.attach('标签、筛选与分节按问题计数一致', { path: testInfo.outputPath('counts-explained.png'), contentType: 'image/png' });

  // The 强制 chip shows the 强制 sections alone, with the same count.
  await page.locator('.bd-findings-filter button').nth(1).click();
  await expect(page.getByTestId('findings-list').locator('section')).toHaveCount(1);
  await expect(page.getByTestId('findings-list').locator('section').getByTestId('section-count')).toHaveText('1');
  // Exporting says how many 强制 problems are open, counted the same way.
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const exporting = page.getByRole('dialog', { name: '导出 Excel' });
  await expect(exporting.getByTestId('open-issues')).toContainText('本稿仍有 1 条“强制”审核问题');
  await exporting.locator('footer').getByRole('button', { name: '关闭' }).click();
  // So does the refusal of a submission, its list one line a problem.
  const review = new ReviewPage(page);
  await review.createAccount({ name: '张会计', password: 'clerk-pass' }, 'clerk', true);
  await review.action('提交审核').click();
  const blocked = page.getByRole('dialog', { name: '不能提交' });
  await expect(blocked.locator('.bd-review-error')).toHaveText('不能提交：还有 1 项强制性错误、1 项提示未填写说明。');
  await expect(blocked.getByTestId('blocking-findings').locator(':scope > li')).toHaveCount(2);
  await expect(blocked.locator('summary')).toHaveText('由此引起的上级科目、合计差异 3 条');
  await page.screenshot({ path: testInfo.outputPath('counts-refusal.png') });
});

test('the panels below the findings fold to their titles and stay folded in the next window; the findings get the room', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  const side = page.locator('.bd-side-panels');
  const findingsHeight = async () => (await page.locator('.bd-findings').boundingBox())!.height;
  const before = await findingsHeight();
  const comments = side.locator('details[aria-label="审核意见"]');
  const history = side.locator('details[aria-label="历史与签名"]');
  await expect(comments).toHaveAttribute('open', '');
  await expect(history).toContainText('尚未审签');

  // Folded from the keyboard: the title is a control of its own.
  await history.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(history).not.toHaveAttribute('open');
  await expect(history.getByText('尚未审签')).toBeHidden();
  await comments.locator('summary').click();
  await expect(comments).not.toHaveAttribute('open');
  await expect.poll(findingsHeight).toBeGreaterThan(before + 50);

  // Another window (or the next start) keeps them folded; unfolding brings the panel back.
  await draft.open(seed.id);
  await expect(side.locator('details[aria-label="历史与签名"]')).not.toHaveAttribute('open');
  await expect(side.locator('details[aria-label="审核意见"]')).not.toHaveAttribute('open');
  await side.locator('details[aria-label="历史与签名"] summary').click();
  await expect(side.locator('details[aria-label="历史与签名"]')).toContainText('尚未审签');
});
