/// <reference lib="dom" />
import { expect, type Page } from '@playwright/test';

/** Page object of the review parts of the draft window. */
export class ReviewPage {
  constructor(readonly page: Page) {}
  get toolbar() {
    return this.page.getByTestId('review-toolbar');
  }
  get comments() {
    return this.page.getByTestId('comments-panel');
  }
  get history() {
    return this.page.getByTestId('history-panel');
  }
  get status() {
    return this.page.locator('.bd-status');
  }
  action(label: string) {
    return this.toolbar.getByRole('button', { name: label, exact: true });
  }
  /** An item of the logged-in user's menu (添加账户, 修改密码, 退出登录). */
  async menu(item: string | RegExp) {
    await this.page.getByTestId('review-user').click();
    await this.toolbar.getByRole('menuitem', { name: item }).click();
  }
  async createAccount(user: { name: string; password: string }, role: 'clerk' | 'supervisor', first: boolean) {
    if (first) await this.toolbar.getByRole('button', { name: '创建账户' }).click();
    // A clerk's menu offers only the supervisor's own first account; a supervisor's adds any.
    else await this.menu(/^(添加账户|审核人本人创建账户)$/);
    await fillAccountDialog(this.page, user, role);
  }
  async logout() {
    await this.menu('退出登录');
    await expect(this.page.getByTestId('review-user')).toHaveText('未登录');
  }
  async login(user: { name: string; password: string }) {
    await this.toolbar.getByRole('button', { name: '登录' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('姓名').selectOption(user.name);
    await dialog.getByLabel('密码').fill(user.password);
    await dialog.getByRole('button', { name: '登录' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByTestId('review-user')).toContainText(user.name);
  }
}

/** The open 创建账户 dialog filled in and confirmed. */
export async function fillAccountDialog(page: Page, user: { name: string; password: string }, role: 'clerk' | 'supervisor'): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill(user.name);
  await dialog.getByLabel('角色').selectOption(role);
  await dialog.getByLabel('密码', { exact: true }).fill(user.password);
  await dialog.getByLabel('确认密码').fill(user.password);
  await dialog.getByRole('button', { name: '创建账户' }).click();
  await expect(dialog).toBeHidden();
}
