import { expect, test, type APIRequestContext } from '@playwright/test';
import { DraftPage, host } from './support/draft-page';

/** One API call through the test host, unwrapped. */
async function api<T>(request: APIRequestContext, method: string, args: unknown): Promise<T> {
  const r = await request.post(`/api/${method}`, { data: args });
  const body = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.value;
}

const SUPERVISOR_REFUSAL = '审核人不能修改预算数据，只有编制人可以编辑';

test('a supervisor sees a draft being edited read-only, told why by the review at the cell, and nothing is sent', async ({ page, request }) => {
  await host.reset(request);
  const seed = await host.seed(request);
  // The first account is a supervisor, logged in at once; the draft is still 编制中.
  await api(request, 'accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
  // Every call the window sends to main, from the start (one socket carries them all).
  const calls: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => calls.push((JSON.parse(String(f.payload)) as { method: string }).method)));
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await expect(page.locator('.bd-status')).toHaveText('编制中');
  await draft.showTable('t03');
  const cell = draft.cell('2010306', 'basic');
  const before = await cell.textContent();

  const callsBefore = calls.length;
  // Typing: no editor opens, the review's own message shows at the cell.
  await cell.click();
  await page.keyboard.type('9');
  await expect(draft.notice).toHaveText(SUPERVISOR_REFUSAL);
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  // Double-click does not open an editor either; a paste is refused with the same message.
  await cell.dblclick();
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  await draft.paste('123');
  await expect(page.locator('.bd-statusbar')).toContainText(SUPERVISOR_REFUSAL);
  await expect(cell).toHaveText(before ?? '');
  expect(calls.slice(callsBefore).filter((m) => m === 'cells/set')).toEqual([]);
  expect(calls).toContain('drafts/open'); // the watch saw the window's calls
  await expect(page.getByRole('button', { name: '撤销' })).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('supervisor-read-only.png') });
});
