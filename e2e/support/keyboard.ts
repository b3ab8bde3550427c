/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { expect, type Page } from '@playwright/test';

/** What has the keyboard: tag, label and text, as a person would name it ('' when nothing does). */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return e && e !== document.body ? `${e.tagName} ${e.getAttribute('aria-label') ?? ''} ${(e.textContent ?? '').trim().slice(0, 30)}`.trim() : '';
  });

/** F6 from area to area until the top bar's first button has the keyboard. */
export async function toTopBar(page: Page) {
  for (let i = 0; i < 6 && !(await focused(page)).includes('← 预算稿'); i++) await page.keyboard.press('F6');
  expect(await focused(page)).toContain('← 预算稿');
}

/** Tab along until the control named `name` has the keyboard. */
export async function tabTo(page: Page, name: string, most = 12) {
  for (let i = 0; i < most && !(await focused(page)).includes(name); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toContain(name);
}

/** 导出 Excel by keyboard from the draft window (top bar, Tab, the path typed, Enter): the exported workbook's cell texts. */
export async function exportByKeyboard(page: Page, file: string): Promise<string[]> {
  await toTopBar(page);
  await tabTo(page, '导出 Excel');
  await page.keyboard.press('Enter');
  const exporting = page.getByRole('dialog', { name: '导出 Excel' });
  await expect(exporting.getByLabel('保存路径')).toBeFocused();
  await page.keyboard.type(file);
  await page.keyboard.press('Enter');
  await expect(exporting.getByTestId('export-result')).toContainText('已导出');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const texts: string[] = [];
  book.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => void texts.push(String(c.value ?? '')))));
  return texts;
}
