/// <reference lib="dom" />
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { DraftMeta } from '../src/shared/draft';
import { DraftPage, host } from './support/draft-page';

/** An API call of the test host (as the window makes it), its value. */
async function api<T>(request: APIRequestContext, method: string, args: unknown): Promise<T> {
  const r = await request.post(`/api/${method}`, { data: args });
  const body = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

test('逐条原因: a 上海 line up 15 % asks for a reason; typing it clears the finding and the sentence is in the 编制说明', async ({ page, request }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const meta = await api<DraftMeta>(request, 'drafts/create', { unitCode: '101', unitName: '上海市普陀区司法局', year: 2026, templateId: 'shanghai-2026-unit' });
  // 2040601 司法 行政运行: 1,150,000 元 from the general budget (the tables are in 元).
  await api(request, 'cells/set', {
    draftId: meta.id,
    addCodes: [{ table: 'generalSpending', code: '2040601' }],
    edits: [{ table: 'generalSpending', row: '2040601', col: 'basic', value: '1150000' }],
  });
  const draft = new DraftPage(page);
  await draft.open(meta.id);
  await draft.tab('lineNotes').click();
  const view = page.getByTestId('reasons-view');
  await expect(view).toBeVisible();
  const line = view.locator('[data-line="2040601"]');
  await expect(line.locator('h2')).toHaveText('行政运行（2040601）');
  await expect(view.getByTestId('reason-state-2040601')).toHaveText('无需说明');

  // Last year 1,000,000 元: up 15 %, above the pack's 10 %.
  const prior = view.getByTestId('reason-prior-2040601');
  await prior.fill('1000000');
  await prior.press('Enter');
  await expect(view.getByTestId('reason-state-2040601')).toHaveText('需说明原因');
  await expect(view.getByTestId('reasons-summary')).toHaveText('1 项尚未写明原因');
  await expect(line).toContainText('变动 15.00%');
  const finding = draft.findings.filter({ hasText: '行政运行（2040601）' });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('上年 100.00 万元，本年 115.00 万元，增加 15.00%');
  await testInfo.attach('逐条原因-需说明.png', { body: await page.screenshot(), contentType: 'image/png' });

  // The finding leads to the line's reason, from another table too.
  await draft.tab('summary').click();
  await finding.locator('.bd-finding-msg').click();
  const reason = view.getByTestId('reason-text-2040601');
  await expect(reason).toBeFocused();

  // The reason typed: the finding goes, the sentence is drafted around it.
  await reason.fill('新增法律援助项目');
  await reason.press('Enter');
  await expect(view.getByTestId('reason-state-2040601')).toHaveText('已说明');
  await expect(finding).toHaveCount(0);
  const sentence = '“公共安全支出（204类）司法（06款）行政运行（01项）”115.00万元。主要用于：【请填写主要用途】。上年100.00万元，本年115.00万元，比上年增加15.00%。主要原因是：新增法律援助项目。';
  await expect(view.getByTestId('reason-sentence-2040601')).toHaveText(sentence);
  await testInfo.attach('逐条原因-已说明.png', { body: await page.screenshot(), contentType: 'image/png' });

  // The 编制说明 prints it as its first line of 财政拨款支出主要内容.
  await draft.tab('narrative').click();
  await expect(page.getByTestId('preview-explanation')).toContainText(`财政拨款支出主要内容如下：\n1. ${sentence}`);
  await testInfo.attach('编制说明.png', { body: await page.screenshot(), contentType: 'image/png' });
});

test('Enter on a finding of the 情况说明 takes the cursor into the section’s text, at the words it quotes; a placeholder in a folded 开头文字 too', async ({ page, request }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const seed = await host.seed(request);
  const text = '2024年部门预算收支总额525.80万元。其中：基本支出555.07万元，主要用于保障机构正常运转；项目支出67.50万元。';
  await api(request, 'cells/set', { draftId: seed.id, edits: [{ table: 'narrative', row: 's02', col: 'text', value: text }] });
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  const finding = draft.findings.filter({ hasText: '基本支出555.07万元' });
  await expect(finding).toHaveCount(1);
  await finding.locator('.bd-finding-msg').focus();
  await page.keyboard.press('Enter');
  const field = page.getByTestId('text-s02');
  await expect(field).toBeFocused();
  const selectedWords = () => field.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(await selectedWords()).toBe('基本支出555.07万元');
  await page.screenshot({ path: testInfo.outputPath('narrative-finding-entered.png') });
  // Typing replaces the quoted words, as in any text box: the clerk fixes them in place.
  await page.keyboard.type('基本支出458.30万元');
  await page.keyboard.press('Tab');
  await expect(draft.findings.filter({ hasText: '二、部门预算安排的总体情况' })).toHaveCount(0);

  // A placeholder left in a section's own 开头文字 (folded under the drafted text): unfolded, the cursor on it.
  const lead = '【请填写部门职责】';
  await api(request, 'cells/set', { draftId: seed.id, edits: [{ table: 'narrative', row: 's01', col: 'lead', value: `本部门主要职责是：${lead}。` }] });
  const placeholder = draft.findings.filter({ hasText: lead });
  await expect(placeholder).toHaveCount(1);
  await placeholder.locator('.bd-finding-msg').focus();
  await page.keyboard.press('Enter');
  const leadField = page.getByTestId('lead-s01');
  await expect(leadField).toBeFocused();
  expect(await leadField.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe(lead);
});
