/// <reference lib="dom" />
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { DraftMeta } from '../../src/shared/draft';

/** Host steps: a fresh data folder per test, and the seed budget entered through the API. */
export const host = {
  async reset(request: APIRequestContext): Promise<void> {
    const r = await request.post('/test/reset');
    expect(r.ok()).toBe(true);
  },
  /** Queues the path the next file dialog gives (null: cancelled); without an answer a dialog is refused. */
  async answerDialog(request: APIRequestContext, answer: string | null): Promise<void> {
    expect((await request.post('/test/dialog', { data: { answer } })).ok()).toBe(true);
  },
  /** What the window asked file dialogs for, in order. */
  async dialogAsks(request: APIRequestContext): Promise<Array<{ kind: 'open' | 'save'; title: string; filters: Array<{ name: string; extensions: string[] }> }>> {
    const r = await request.post('/test/dialog', { data: {} });
    return ((await r.json()) as { value: { asks: never[] } }).value.asks;
  },
  async seed(request: APIRequestContext, name = 'juluxian-2024'): Promise<DraftMeta> {
    const r = await request.post('/test/seed', { data: { name } });
    expect(r.ok(), await r.text()).toBe(true);
    return ((await r.json()) as { value: DraftMeta }).value;
  },
};

/** A main-process method called directly (setting a test up); fails the test when the call fails. */
/**
 * A store that answers slowly (a large draft, a busy disk): the window's calls for which `slow`
 * says so (it is asked at each call, so a test can turn it on and off) are passed on `ms` later.
 */
export async function slowCalls(page: Page, slow: (method: string) => boolean, ms: number): Promise<void> {
  await page.routeWebSocket(/\/api\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const { method } = JSON.parse(String(message)) as { method: string };
      if (slow(method)) setTimeout(() => server.send(message), ms);
      else server.send(message);
    });
  });
}

export async function api<T>(request: APIRequestContext, method: string, args: unknown): Promise<T> {
  const r = (await (await request.post(`/api/${method}`, { data: args })).json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(r.ok, `${method}: ${r.error?.message}`).toBe(true);
  return r.value;
}

/** Locators and steps of the draft window (page object). */
export class DraftPage {
  constructor(readonly page: Page) {}

  async open(draftId: string): Promise<void> {
    await this.page.goto(`/index.html#draft=${encodeURIComponent(draftId)}`);
    await expect(this.grid.locator('.ag-row').first()).toBeVisible();
  }

  get grid(): Locator {
    return this.page.locator('.bd-grid-wrap');
  }

  tab(tableId: string): Locator {
    return this.page.locator(`.bd-tabs button[data-table="${tableId}"]`);
  }

  async showTable(tableId: string): Promise<void> {
    // The window may still be re-rendering after a login or a dialog: click until the table shows.
    await expect(async () => {
      await this.tab(tableId).click();
      await expect(this.page.locator(`.bd-grid-wrap[data-table="${tableId}"] .ag-row`).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }

  row(rowId: string): Locator {
    return this.bodyRows.and(this.page.locator(`[row-id="${rowId}"]`));
  }

  /** Body rows (not the pinned 栏次 row). */
  get bodyRows(): Locator {
    return this.grid.locator('.ag-grid-scrolling-container .ag-row');
  }

  /** The pinned 栏次 row. */
  get seqRow(): Locator {
    return this.grid.locator('.ag-row-pinned');
  }

  cell(rowId: string, colId: string): Locator {
    return this.grid.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
  }

  get focusedCell(): Locator {
    return this.grid.locator('.ag-cell-focus');
  }

  /** Click a cell, type as a clerk does (typing replaces), confirm with Enter. */
  async type(rowId: string, colId: string, text: string): Promise<void> {
    await this.cell(rowId, colId).click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Paste tab-separated text at the focused cell as Ctrl+V from Excel would deliver it. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Ctrl+C at the focused cell: the text the window puts on the clipboard. */
  async copy(): Promise<string> {
    return this.page.evaluate(() => {
      const data = new DataTransfer();
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
  }

  get findings(): Locator {
    return this.page.getByTestId('findings-list').locator('.bd-finding');
  }

  get notice(): Locator {
    return this.page.locator('.bd-cell-notice');
  }

  get saveState(): Locator {
    return this.page.getByTestId('save-state');
  }

  /** Wait until every change sent is saved (the indicator says so only of a save long enough to see). */
  async saved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved');
    await expect(this.saveState).toContainText('已保存');
  }
}
