/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { api, host } from './support/draft-page';
import { exportByKeyboard, focused, tabTo, toTopBar } from './support/keyboard';

/**
 * The supervisor's turn by keyboard alone at 1366×768: log in, open the submitted draft, read its
 * findings, send it back with a reason, and after the clerk's fix sign it and export it. Every
 * dialog takes the cursor and keeps it; the top bar stays readable in every state.
 */

const CLERK = { name: '张会计', password: 'clerk-pass' };
const BOSS = { name: '李局长', password: 'boss-pass1' };

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

/** The top bar's items that do not fit beside one another: none overlaps the next, none leaves the window. */
const topBarClashes = (page: Page) =>
  page.locator('.bd-topbar').evaluate((bar) => {
    const items = Array.from(bar.querySelectorAll<HTMLElement>(':scope > button, .bd-title, .bd-actions > button, .bd-review-toolbar > *, .bd-save'))
      .filter((e) => e.checkVisibility())
      .map((e) => ({ text: (e.textContent ?? '').trim().slice(0, 12), box: e.getBoundingClientRect() }))
      .sort((a, b) => a.box.left - b.box.left);
    const clashes: string[] = [];
    items.forEach((item, i) => {
      const next = items[i + 1];
      if (next && item.box.right > next.box.left + 0.5) clashes.push(`${item.text} runs under ${next.text}`);
      if (item.box.right > window.innerWidth) clashes.push(`${item.text} leaves the window`);
    });
    return clashes;
  });

test('the supervisor by keyboard: log in, open, read the findings, send back only with a reason; after the fix sign and export', async ({ page, request }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // The clerk's part, through the API: a warning explained, then submitted.
  const seed = await host.seed(request);
  await api(request, 'accounts/create', { ...CLERK, role: 'clerk' });
  await api(request, 'accounts/create', { ...BOSS, role: 'supervisor' });
  await api(request, 'accounts/logout', {});
  await api(request, 'accounts/login', CLERK);
  const vehicles = { draftId: seed.id, edits: [{ table: 't12', row: 'vehicles', col: 'quantity', value: '0' }] };
  await api(request, 'cells/set', vehicles);
  const { findings } = await api<{ findings: Array<{ id: string; severity: string }> }>(request, 'findings/list', { draftId: seed.id });
  const warning = findings.find((f) => f.severity === 'warning')!;
  await api(request, 'findings/explain', { draftId: seed.id, findingId: warning.id, text: '车辆已划转，运维费为租车费用' });
  await api(request, 'review/submit', { draftId: seed.id });
  await api(request, 'accounts/logout', {});

  // 登录 with two accounts: the cursor starts on 姓名, not in the password of whoever is listed first.
  await page.goto('/index.html');
  // 未登录：只能查看 stands apart from its 登录 button.
  const [state, loginButton] = await Promise.all([page.getByText('未登录：只能查看').boundingBox(), page.getByRole('button', { name: '登录' }).boundingBox()]);
  expect(loginButton!.x - (state!.x + state!.width)).toBeGreaterThanOrEqual(4);
  await page.getByRole('button', { name: '登录' }).focus();
  await page.keyboard.press('Enter');
  const login = page.getByRole('dialog', { name: '登录' });
  await expect(login.getByLabel('姓名')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(login.getByLabel('密码')).toBeFocused();
  await page.keyboard.type(BOSS.password);
  await page.keyboard.press('Enter');
  await expect(login).toBeHidden();

  // Logged in, the cursor is on the drafts list (where the supervisor goes next), not on 添加账户….
  await expect(page.locator('tr', { hasText: seed.unitName })).toBeFocused();
  // Enter on the list's row opens the draft with the cursor in its table, not nowhere.
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-grid-wrap .ag-cell-focus')).toHaveCount(1);
  expect(await page.evaluate(() => !!document.activeElement?.closest('.bd-grid-wrap'))).toBe(true);

  // F6 to the findings: the warning and the clerk's explanation.
  await page.keyboard.press('F6');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.bd-findings'))).toBe(true);
  await expect(page.locator('.bd-findings')).toContainText('车辆已划转，运维费为租车费用');

  // 退回修改: the cursor goes into the reason, Tab stays in the dialog, Escape gives the button back.
  await toTopBar(page);
  await tabTo(page, '退回修改');
  await page.keyboard.press('Enter');
  const sendBack = page.getByRole('dialog', { name: '退回修改' });
  await expect(sendBack.getByLabel('退回原因')).toBeFocused();
  // Its text wraps inside it (the toolbar it opens from keeps its own items on one line).
  const [dialogBox, hintBox] = await Promise.all([sendBack.locator('.bd-review-dialog').boundingBox(), sendBack.locator('.bd-review-hint').first().boundingBox()]);
  expect(hintBox!.x + hintBox!.width).toBeLessThanOrEqual(dialogBox!.x + dialogBox!.width);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(sendBack.getByLabel('退回原因')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(sendBack).toBeHidden();
  expect(await focused(page)).toContain('退回修改');
  await page.keyboard.press('Enter');
  // No reason yet: 确认退回 says a reason is needed, puts the cursor back in it and sends nothing.
  await expect(sendBack.getByLabel('退回原因')).toBeFocused();
  await page.keyboard.type('   ');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toContain('确认退回');
  await page.keyboard.press('Enter');
  await expect(sendBack.getByRole('alert')).toHaveText('退回须写明原因：请说明编制人需要修改什么');
  await expect(sendBack.getByLabel('退回原因')).toBeFocused();
  await expect(sendBack.getByLabel('退回原因')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.bd-status')).toHaveText('已提交');
  await page.screenshot({ path: testInfo.outputPath('send-back-refused.png') });
  await page.keyboard.press('Control+a');
  await page.keyboard.type('车辆数为 0 而列了运维费，说明不足：请核实车辆并改正表12');
  await expect(sendBack.getByRole('alert')).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('send-back.png') });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toContain('确认退回');
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-status')).toHaveText('已退回');
  await expect(page.getByTestId('comments-panel')).toContainText('请核实车辆并改正表12');

  // The clerk fixes the figure and submits again.
  await api(request, 'accounts/logout', {});
  await api(request, 'accounts/login', CLERK);
  await api(request, 'cells/set', { ...vehicles, edits: [{ ...vehicles.edits[0], value: '1' }] });
  await api(request, 'review/submit', { draftId: seed.id });
  await api(request, 'accounts/logout', {});
  await api(request, 'accounts/login', BOSS);
  await page.reload();
  await expect(page.locator('.bd-status')).toHaveText('已提交');
  await expect(page.getByTestId('review-open-comments')).toBeVisible();
  expect(await topBarClashes(page)).toEqual([]);

  // 审签 with a comment still open: the cursor on 我已知悉 (the step before the password);
  // 确认审签 looks unavailable until it can be pressed.
  await toTopBar(page);
  await tabTo(page, '审签');
  await page.keyboard.press('Enter');
  const sign = page.getByRole('dialog', { name: '审签' });
  await expect(sign.getByRole('checkbox')).toBeFocused();
  const confirm = sign.getByRole('button', { name: '确认审签' });
  await expect(confirm).toBeDisabled();
  const shade = () => confirm.evaluate((b) => getComputedStyle(b).backgroundColor);
  const unavailable = await shade();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(sign.getByLabel('审签密码')).toBeFocused();
  await page.keyboard.type(BOSS.password);
  await expect(confirm).toBeEnabled();
  expect(await shade()).not.toBe(unavailable);
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-status')).toHaveText('已审签');
  expect(await topBarClashes(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('signed.png') });

  // Export by keyboard: the signed workbook states the sign-off.
  const texts = await exportByKeyboard(page, testInfo.outputPath('signed.xlsx'));
  expect(texts.join('\n')).toContain('部门主要负责人审签情况：已审签');
});
