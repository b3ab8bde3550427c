/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { getTemplate } from '../src/shared/regions';
import { headerLayout } from '../src/shared/template/layout';
import { statesUnit, tableUnit } from '../src/shared/template/types';
import type { DraftMeta } from '../src/shared/draft';
import { DraftPage, host, slowCalls } from './support/draft-page';

const hebei = getTemplate('hebei-2024');

test.beforeEach(async ({ request }) => {
  await host.reset(request);
});

test('the seed opens with every table in its standard layout (headers, 栏次, figures); screenshots attached', async ({ page, request }, testInfo) => {
  // Tall enough for the longest standard table (table 1, 34 rows) to show whole in its screenshot.
  await page.setViewportSize({ width: 1600, height: 1500 });
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  const tabs = hebei.tables.filter((t) => !t.hiddenTab);
  await expect(page.locator('.bd-tabs button')).toHaveCount(tabs.length);
  for (const table of tabs) {
    if (table.id === 'projects' || table.id === 'narrative') continue; // custom views of other features
    await draft.showTable(table.id);
    const layout = headerLayout(table);
    // Every header label of the printed header is shown, group labels once per merge.
    const groupLabels = await draft.grid.locator('.ag-header-group-cell .ag-header-group-text').allInnerTexts();
    const leafLabels = await draft.grid.locator('.ag-header-cell .ag-header-cell-text').allInnerTexts();
    for (const cell of layout.cells) {
      const isLeaf = cell.row + cell.rowSpan === layout.depth;
      const shown = isLeaf ? leafLabels : groupLabels;
      expect(shown, `${table.id}: header “${cell.label}”`).toContain(cell.label);
    }
    if (table.hasSerial) {
      // The 栏次 row numbers the columns 1..n.
      const seqRow = draft.seqRow;
      for (const [colId, n] of Object.entries(layout.seq)) {
        await expect(seqRow.locator(`.ag-cell[col-id="${colId}"]`), `${table.id} 栏次 ${colId}`).toHaveText(String(n));
      }
    }
    // 单位：万元 over a table with money only, as the printed table (not over 机构设置).
    const unitNote = page.locator('.bd-info-line', { hasText: `单位：${tableUnit(hebei, table)}` });
    await expect(unitNote, `${table.id}: 单位`).toHaveCount(statesUnit(table) ? 1 : 0);
    await page.waitForTimeout(50);
    const file = testInfo.outputPath(`${table.number ? `表${table.number.padStart(2, '0')}-` : ''}${table.id}.png`);
    await page.screenshot({ path: file });
    await testInfo.attach(`${table.number ? `表${table.number} ` : ''}${table.title}`, { path: file, contentType: 'image/png' });
  }
  // The key hints name what works where: the grid's keys over a table, not over the 情况说明.
  const statusBar = page.locator('.bd-statusbar');
  await expect(statusBar).toContainText('方向键移动');
  await draft.tab('narrative').click();
  await expect(statusBar).toContainText('F6 切换区域');
  await expect(statusBar).not.toContainText('方向键移动');
  // A few figures of the document, computed (tables 1 and 4 are entirely derived).
  await draft.showTable('t01');
  await expect(draft.cell('grandTotal', 'inAmount')).toHaveText('525.80');
  await expect(draft.cell('c201', 'outAmount')).toHaveText('409.30');
  await draft.showTable('t02');
  await expect(draft.cell('20103', 'name')).toHaveText('政府办公厅（室）及相关机构事务');
  await expect(draft.cell('2010306', 'fiscal')).toHaveText('409.30');
  await expect(draft.cell('2010306', 'total')).toHaveClass(/bd-derived/);
  await draft.showTable('t07');
  await expect(page.getByTestId('empty-note')).toHaveText('注：无政府基金预算财政拨款预算，空表列示。');
});

test('a paragraph in a table (上年对比’s 增减原因) is shown whole at 1366×768: it takes the width left and its line grows', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('py');
  const reason = draft.cell('project', 'reason');
  await expect(reason).toContainText('取消软件正版化设备保养费用');
  await expect(reason).toContainText('共计 31.5万元');
  const fit = await reason.evaluate((cell) => {
    const viewport = cell.closest('.bd-grid-wrap')!.getBoundingClientRect();
    const box = cell.getBoundingClientRect();
    return { right: box.right, viewportRight: viewport.right, height: box.height, clipped: cell.scrollHeight > cell.clientHeight + 1 || cell.scrollWidth > cell.clientWidth + 1 };
  });
  expect(fit.right, 'the column ends inside the pane').toBeLessThanOrEqual(fit.viewportRight + 1);
  expect(fit.clipped, 'nothing of the text is cut off').toBe(false);
  expect(fit.height, 'the line grew to several lines').toBeGreaterThan(60);
  // One-line rows keep their height.
  expect((await draft.cell('incomeTotal', 'prior').boundingBox())!.height).toBeLessThan(40);
});

test('a list table without rows (机构设置 of a new draft) shows its header above the 栏次 row and says, in Chinese, how to begin', async ({ page, request }) => {
  const created = (await (await request.post('/api/drafts/create', { data: { unitCode: '901', unitName: '测试局', year: 2025, templateId: 'hebei-2024' } })).json()) as { value: DraftMeta };
  const draft = new DraftPage(page);
  await page.goto(`/index.html#draft=${created.value.id}`);
  await draft.showTable('org');
  const header = draft.grid.locator('.ag-header-cell', { hasText: '单位名称' });
  await expect(header).toBeVisible();
  const headerBox = (await header.boundingBox())!;
  const seqBox = (await draft.seqRow.boundingBox())!;
  expect(seqBox.y, 'the 栏次 row lies under the header, not over it').toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
  // The grid's overlay (its screen-reader announcement repeats the text, unseen).
  const emptyNote = draft.grid.locator('.ag-overlay-no-rows-center');
  await expect(emptyNote).toHaveText('尚无数据：点“＋ 添加一行”开始填写');
  await expect(emptyNote).toBeVisible();
  await expect(draft.grid).not.toContainText('No Rows');
  // The first row replaces the note.
  await page.getByRole('button', { name: '＋ 添加一行' }).click();
  await expect(draft.bodyRows).toHaveCount(1);
  await expect(emptyNote).toBeHidden();
});

test('a long unit name (within the 200 allowed) gives way at 1366×768: the toolbar and the sheet’s year and unit keep their room, on one line', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const unitName = '河北省邢台市巨鹿县行政审批局（县政务服务中心、县公共资源交易中心）'.repeat(5).slice(0, 190);
  const created = (await (await request.post('/api/drafts/create', { data: { unitCode: '901', unitName, year: 2025, templateId: 'hebei-2024' } })).json()) as { value: DraftMeta };
  const draft = new DraftPage(page);
  await page.goto(`/index.html#draft=${created.value.id}`);
  await draft.showTable('t03');
  // Every button of the top bar can be seen whole: nothing covers or clips it at either end.
  for (const button of await page.locator('.bd-topbar button').all()) {
    const seen = await button.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const y = r.top + r.height / 2;
      return [r.left + 2, r.right - 2].every((x) => x < window.innerWidth && el.contains(document.elementFromPoint(x, y)));
    });
    expect(seen, await button.innerText()).toBe(true);
  }
  // The information line is one line; its unit name is cut with …, in full in its tooltip.
  const info = page.locator('.bd-sheet-head .bd-info-line');
  const unit = info.locator('.bd-info-unit');
  await expect(unit).toHaveAttribute('title', `901 ${unitName}`);
  const lineHeight = (await info.boundingBox())!.height;
  expect(lineHeight).toBeLessThan(30);
  for (const text of ['预算年度：2025', '单位：万元']) {
    const span = info.locator('span', { hasText: text });
    await expect(span).toBeInViewport({ ratio: 1 });
    expect((await span.boundingBox())!.x + (await span.boundingBox())!.width).toBeLessThanOrEqual((await page.locator('.bd-sheet').boundingBox())!.x + (await page.locator('.bd-sheet').boundingBox())!.width);
  }
});

test('create a draft, add a code row with the picker, type figures: parents, sums and tables 1 and 4 fill; reopen keeps them', async ({ page }) => {
  const draft = new DraftPage(page);
  await page.goto('/index.html');
  await page.getByRole('banner').getByRole('button', { name: '新建预算稿' }).click();
  const dialog = page.getByRole('dialog', { name: '新建预算稿' });
  await dialog.getByLabel('单位编码').fill('901');
  await dialog.getByLabel('单位名称').fill('测试县示例局');
  await dialog.getByLabel('预算年度').fill('2025');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(page.locator('.bd-title')).toContainText('901 测试县示例局');
  await draft.saved();

  for (const table of ['t03', 't05']) {
    await draft.showTable(table);
    await page.getByRole('button', { name: '＋ 添加科目' }).click();
    const picker = page.getByRole('dialog');
    await picker.getByLabel('科目搜索').fill('行政运行');
    await picker.locator('li[data-code="2010301"]').click();
    // The 类 and 款 parents appear by themselves, with their dictionary names.
    await expect(draft.cell('201', 'code')).toHaveText('201');
    await expect(draft.cell('20103', 'code')).toHaveText('20103');
    await expect(draft.cell('2010301', 'name')).toHaveText('行政运行');
    await draft.type('2010301', 'basic', '1234.5');
    await expect(draft.cell('2010301', 'total')).toHaveText('1,234.50');
    await expect(draft.cell('201', 'basic')).toHaveText('1,234.50');
  }
  // Table 3's 经营支出 in full-width digits, as a Chinese IME gives them (it composes into the F2 editor).
  await draft.showTable('t03');
  await draft.cell('2010301', 'operating').click();
  await page.keyboard.press('F2');
  await page.keyboard.insertText('１００');
  await page.keyboard.press('Enter');
  await expect(draft.cell('2010301', 'total')).toHaveText('1,334.50');
  await expect(draft.cell('total', 'total')).toHaveText('1,334.50');
  // 项目支出 comes from the projects: typing there is refused with the reason.
  await draft.cell('2010301', 'project').click();
  await page.keyboard.type('9');
  await expect(draft.notice).toContainText('由公式自动计算');

  await draft.showTable('t01');
  await expect(draft.cell('c201', 'inAmount')).toHaveText('1,234.50');
  await expect(draft.cell('c201', 'outAmount')).toHaveText('1,334.50');
  await expect(draft.cell('yearTotal', 'outAmount')).toHaveText('1,334.50');
  await draft.showTable('t04');
  await expect(draft.cell('c201', 'outGeneral')).toHaveText('1,234.50');
  await expect(draft.cell('c201', 'inAmount')).toHaveText('1,234.50');
  await draft.saved();

  // Close and reopen: everything as it was.
  await page.getByRole('button', { name: '← 预算稿' }).click();
  await page.getByRole('row', { name: /测试县示例局/ }).dblclick();
  await draft.showTable('t03');
  await expect(draft.cell('2010301', 'basic')).toHaveText('1,234.50');
  await expect(draft.cell('2010301', 'operating')).toHaveText('100.00');
  await page.reload();
  await draft.showTable('t05');
  await expect(draft.cell('2010301', 'total')).toHaveText('1,234.50');
  await expect(draft.cell('20103', 'name')).toHaveText('政府办公厅（室）及相关机构事务');
});

test('invalid input is refused at the cell with the typed text kept; F2 brings it back', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  const before = await draft.cell('2010306', 'basic').innerText();
  await draft.type('2010306', 'basic', '12a');
  await expect(draft.notice).toContainText('“12a”不是有效的金额');
  await expect(draft.cell('2010306', 'basic')).toHaveText(before);
  await expect(draft.focusedCell).toHaveAttribute('col-id', 'basic');
  await page.keyboard.press('F2');
  await expect(draft.grid.locator('.ag-cell-inline-editing input')).toHaveValue('12a');
  await page.keyboard.press('Escape');
  // A derived cell cannot be typed into, and says why.
  await draft.cell('2010306', 'total').click();
  await page.keyboard.type('5');
  await expect(draft.notice).toContainText('由公式自动计算');
  // The store refuses the whole call (the draft was deleted elsewhere): said at the cell, text kept.
  expect((await request.post('/api/drafts/delete', { data: { draftId: seed.id } })).ok()).toBe(true);
  await draft.type('2010306', 'operating', '77');
  await expect(draft.notice).toContainText('找不到');
  await expect(draft.cell('2010306', 'operating')).toHaveText('');
  await page.keyboard.press('F2');
  await expect(draft.grid.locator('.ag-cell-inline-editing input')).toHaveValue('77');
});

test('a figure committed by Enter, Tab or an arrow is sent once and lands where the clerk moved; one typed then left by a click is sent too', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const call = JSON.parse(String(f.payload)) as { method: string; args: { edits?: Array<{ row: string; col: string; value: string }> } };
      if (call.method === 'cells/set') sent.push(call.args.edits!.map((e) => `${e.row}.${e.col}=${e.value}`).join(' '));
    }),
  );
  await draft.open(seed.id);
  await draft.showTable('t03');
  await draft.cell('2080501', 'basic').click();
  // Typed straight on, as fast as keys come: each commit moves on and the next figure lands in the next cell.
  await page.keyboard.type('11');
  await page.keyboard.press('Enter');
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await page.keyboard.type('13');
  await page.keyboard.press('ArrowUp');
  // Tab passes over 项目支出 (from the projects) to 经营支出.
  await expect(draft.cell('2080505', 'operating')).toHaveText('13.00');
  await expect(draft.focusedCell).toHaveAttribute('col-id', 'operating');
  await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2080501');
  await expect(draft.cell('2080505', 'basic')).toHaveText('12.00');
  await expect(draft.cell('2080501', 'basic')).toHaveText('11.00');
  // Enter on the last row stays there.
  await draft.type('2210201', 'basic', '14');
  await expect(draft.cell('2210201', 'basic')).toHaveText('14.00');
  await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2210201');
  // A figure typed and left by a click is committed by the grid itself.
  await draft.cell('2080505', 'basic').click();
  await page.keyboard.type('15');
  await draft.cell('2080501', 'basic').click();
  await expect(draft.cell('2080505', 'basic')).toHaveText('15.00');
  await page.waitForTimeout(300);
  expect(sent).toEqual(['2080501.basic=11', '2080505.basic=12', '2080505.operating=13', '2210201.basic=14', '2080505.basic=15']);
});

test('Enter moves on once main has answered: the figures main computed and the cursor show in one frame', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  // Each Enter: how long the cursor took to reach the next row, and what the 合计 row showed in
  // the frame that first showed it there.
  await page.evaluate(() => {
    const w = window as unknown as { moves: Array<{ ms: number; total: string }>; enterAt: number };
    w.moves = [];
    document.addEventListener('keydown', (e) => e.key === 'Enter' && (w.enterAt = performance.now()), true);
    document.addEventListener('focusin', (e) => {
      if ((e.target as HTMLElement).closest('.ag-row')?.getAttribute('row-id') !== '2080505') return;
      const ms = performance.now() - w.enterAt;
      requestAnimationFrame(() => w.moves.push({ ms, total: document.querySelector('.bd-grid-wrap .ag-row[row-id="total"] .ag-cell[col-id="basic"]')?.textContent ?? '' }));
    });
  });
  const total = draft.cell('total', 'basic');
  const figure = async (cell: ReturnType<DraftPage['cell']>) => Number((await cell.textContent())!.replace(/,/g, ''));
  const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const before = await figure(total);
  const was = await figure(draft.cell('2080501', 'basic'));
  // The move waits 100 ms at most (HOLD_MS): an answer that came later (a machine under load) is
  // shown after the move, by design. One that came within it must show with the move.
  let answeredInTime = 0;
  for (let i = 1; i <= 6 && answeredInTime < 2; i++) {
    await draft.type('2080501', 'basic', String(was + 100 * i));
    const after = money(before + 100 * i);
    await expect(total).toHaveText(after);
    await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2080505');
    await expect.poll(() => page.evaluate(() => (window as unknown as { moves: unknown[] }).moves.length)).toBe(i);
    const move = await page.evaluate(() => (window as unknown as { moves: Array<{ ms: number; total: string }> }).moves.at(-1)!);
    if (move.ms >= 100) continue;
    answeredInTime++;
    expect(move.total, `the frame that showed the move, ${move.ms.toFixed(1)} ms after Enter`).toBe(after);
  }
  expect(answeredInTime, 'main answered within the hold at least twice in six edits').toBe(2);
});

test('a slow answer does not hold the cursor, and keys typed meanwhile land where it went; a long save says so', async ({ page, request }) => {
  const seed = await host.seed(request);
  let slow = false;
  await slowCalls(page, (method) => slow && method === 'cells/set', 600);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  // Main slow to answer (a busy disk): the cursor goes on without the answer, and the next figure typed at once lands in the next row.
  slow = true;
  await draft.cell('2080501', 'basic').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(draft.saveState).toHaveAttribute('data-state', 'saving');
  await expect(draft.grid.locator('.ag-row-focus')).not.toHaveAttribute('row-id', '2080501');
  await draft.saved();
  await expect(draft.cell('2080501', 'basic')).toHaveText('1.00');
  await expect(draft.cell('2080505', 'basic')).toHaveText('2.00');
  // A save long enough to see says so.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(draft.saveState).toHaveText('正在保存…');
  await draft.saved();
});

test('a figure main previewed as it was typed shows with the move at once, before its commit is answered; a failed commit takes it back', async ({ page, request }) => {
  const seed = await host.seed(request);
  // The commit's answer held back (a slow disk) or failed (a full disk); the previews go as they are.
  let commit: 'slow' | 'fails' | 'as-is' = 'as-is';
  let previewed = '';
  await page.routeWebSocket(/\/api\/ws$/, (ws) => {
    const server = ws.connectToServer();
    const previews = new Map<number, string>();
    server.onMessage((message) => {
      const id = (JSON.parse(String(message)) as { id: number }).id;
      if (previews.has(id)) previewed = previews.get(id)!;
      previews.delete(id);
      ws.send(message);
    });
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id: number; method: string; args: { edits: Array<{ value: string }> } };
      if (call.method === 'cells/preview') previews.set(call.id, call.args.edits[0].value);
      if (call.method !== 'cells/set' || commit === 'as-is') server.send(message);
      else if (commit === 'slow') setTimeout(() => server.send(message), 1_500);
      else ws.send(JSON.stringify({ id: call.id, result: { ok: false, error: { code: 'io', message: '磁盘已满，未能保存' } } }));
    });
  });
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  const total = draft.cell('total', 'basic');
  const figure = async (cell: ReturnType<DraftPage['cell']>) => Number((await cell.textContent())!.replace(/,/g, ''));
  const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const before = await figure(total);
  const was = await figure(draft.cell('2080501', 'basic'));
  /** Type a figure as a clerk does, and press Enter once main has previewed it. */
  const typeThenEnter = async (text: string) => {
    await page.keyboard.type(text);
    await expect.poll(() => previewed).toBe(text);
    await page.keyboard.press('Enter');
  };

  // Its commit still on its way: the figure, its sum and the cursor show at once.
  commit = 'slow';
  await draft.cell('2080501', 'basic').click();
  await typeThenEnter(String(was + 100));
  await expect(total).toHaveText(money(before + 100), { timeout: 1_000 });
  await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2080505', { timeout: 1_000 });
  await expect(draft.saveState).toHaveAttribute('data-state', 'saving');
  await draft.saved();
  await expect(total).toHaveText(money(before + 100));

  // The commit fails: the figure and its sum are as they were, and the cell says why.
  commit = 'fails';
  await page.keyboard.press('ArrowUp');
  await typeThenEnter(String(was + 200));
  await expect(draft.notice).toContainText('磁盘已满，未能保存');
  await expect(draft.cell('2080501', 'basic')).toHaveText(money(was + 100));
  await expect(total).toHaveText(money(before + 100));
  await expect(draft.saveState).toHaveAttribute('data-state', 'failed');
  // Nothing was lost in main: reopened, the draft holds the first figure.
  commit = 'as-is';
  await page.reload();
  await draft.showTable('t03');
  await expect(total).toHaveText(money(before + 100));
});

test('paste a 3×4 block from Excel, refusals reported; undo and redo it', async ({ page, request }) => {
  const seed = await host.seed(request);
  // 2080501, 2080502, 2080505: three 项 rows in a row.
  const added = await request.post('/api/rows/add', { data: { draftId: seed.id, table: 't02', code: '2080502' } });
  expect(((await added.json()) as { ok: boolean }).ok).toBe(true);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t02');
  await expect(draft.cell('2080502', 'name')).toHaveText(/退休/);
  // Columns 事业收入, 经营收入, 上级补助收入, 附属单位上缴收入.
  await draft.cell('2080501', 'business').click();
  await draft.paste('1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n');
  await expect(draft.cell('2080501', 'business')).toHaveText('1.00');
  await expect(draft.cell('2080505', 'superior')).toHaveText('11.00');
  await expect(draft.cell('2080505', 'subordinate')).toHaveText('12.00');
  await expect(draft.cell('2080505', 'business')).toHaveText('9.00');
  await expect(draft.cell('2080502', 'operating')).toHaveText('6.00');
  // 小计 of 2080501 = 2.10 + 1 + 2 + 3 + 4; the 款 row sums its 项 rows.
  await expect(draft.cell('2080501', 'subtotal')).toHaveText('12.10');
  await expect(draft.cell('20805', 'business')).toHaveText('15.00');
  await expect(draft.cell('2080505', 'subordinate')).toHaveClass(/bd-in-range/);

  await page.keyboard.press('Control+z');
  await expect(draft.cell('2080501', 'business')).toHaveText('');
  await expect(draft.cell('2080505', 'subordinate')).toHaveText('');
  await expect(draft.cell('20805', 'business')).toHaveText('');
  await page.keyboard.press('Control+y');
  await expect(draft.cell('2080505', 'subordinate')).toHaveText('12.00');
  await expect(draft.cell('20805', 'business')).toHaveText('15.00');

  // A block reaching into a derived column and holding a bad figure: the valid part is applied, the
  // computed column skipped with one short note, the bad figure reported at the cell.
  await draft.cell('2082701', 'subtotal').click();
  await draft.paste('9\t1.5\t2\r\n\tabc\t3\r\n');
  await expect(draft.cell('2082701', 'fiscal')).toHaveText('1.50');
  await expect(draft.cell('2082701', 'specialAccount')).toHaveText('2.00');
  await expect(draft.cell('2082702', 'specialAccount')).toHaveText('3.00');
  await expect(draft.cell('2082702', 'fiscal')).toHaveText('2.00');
  await expect(draft.notice).toContainText('已填入 3 个单元格，1 个未填入');
  await expect(draft.notice).not.toContainText('由公式自动计算');
  await expect(draft.notice).toContainText('“abc”不是有效的金额');
  await expect(page.locator('.bd-statusbar')).toContainText('1 个由系统计算的数字已略过');
  // A 款 row holds sums only.
  await draft.cell('20805', 'fiscal').click();
  await draft.paste('5\r\n');
  await expect(draft.notice).toContainText('由下级科目汇总');
  await expect(draft.cell('20805', 'fiscal')).toHaveText('48.10');
});

test('F6 and Shift+F6 take the keyboard out of the table to the findings, the panels, the toolbar and the tabs, and back to the cell it left', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  const focusIn = (selector: string) => page.evaluate((s) => !!document.activeElement?.closest(s), selector);
  // From the tabs into a table no cell of which was focused yet: its first row.
  await page.locator('.bd-tabs button[data-table="t03"]').focus();
  await page.keyboard.press('F6');
  expect(await focusIn('.bd-grid-wrap .ag-row[row-index="0"]')).toBe(true);
  await draft.cell('2010306', 'basic').click();
  // Tab moves between cells: it never leaves the table.
  await page.keyboard.press('Tab');
  expect(await focusIn('.bd-grid-wrap')).toBe(true);
  const col = (await page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id')))!;
  expect(col).not.toBe('basic');
  await page.keyboard.press('F6');
  expect(await focusIn('.bd-findings')).toBe(true);
  await page.keyboard.press('F6');
  await expect(page.locator('.bd-side-panels summary').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.bd-side-panels details').first()).not.toHaveAttribute('open');
  await page.keyboard.press('F6');
  expect(await focusIn('.bd-topbar')).toBe(true);
  await page.keyboard.press('F6');
  await expect(page.locator('.bd-tabs button[data-table="t03"]')).toBeFocused();
  await page.keyboard.press('F6');
  expect(await focusIn('.bd-grid-wrap')).toBe(true);
  // Shift+F6 goes back; the table takes the focus at the cell it had, and typing lands there.
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('.bd-tabs button[data-table="t03"]')).toBeFocused();
  await page.keyboard.press('F6');
  await page.keyboard.type('350');
  await page.keyboard.press('Enter');
  await expect(draft.cell('2010306', col)).toHaveText('350.00');
});

test('a paste right after a click lands at the clicked cell, even before the grid reports the click', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t02');
  await draft.cell('2080501', 'business').click();
  await expect(draft.cell('2080501', 'business')).toHaveClass(/ag-cell-focus/);
  // The press and the paste in one task: the grid's own report of the click comes after both.
  await page.evaluate(() => {
    const cell = document.querySelector('.bd-grid-wrap .ag-row[row-id="2082701"] .ag-cell[col-id="fiscal"]')!;
    for (const type of ['mousedown', 'mouseup', 'click']) cell.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, buttons: type === 'mousedown' ? 1 : 0 }));
    const data = new DataTransfer();
    data.setData('text/plain', '7');
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(draft.cell('2082701', 'fiscal')).toHaveText('7.00');
  await expect(draft.cell('2080501', 'business')).toHaveText('');
});

test('paste lines copied from last year’s workbook over the code column: rows placed by code, new codes added, one undo', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  await expect(draft.cell('2010399', 'code')).toHaveCount(0);
  const basicAt = await page.evaluate(() => Array.from(document.querySelectorAll('.bd-grid-wrap .ag-header-cell[col-id]'), (h) => h.getAttribute('col-id')));
  // 科目编码, 科目名称, 合计, 基本支出 as the workbook prints them: a 类 sum line, two 项 lines (one new), a 合计 line.
  const gap = '\t'.repeat(Math.max(1, basicAt.indexOf('basic') - basicAt.indexOf('name')));
  const block = [`合计\t${gap}`, `201\t一般公共服务支出${gap}400`, `2010306\t政务公开审批${gap}350`, `2010399\t其他政府办公厅（室）及相关机构事务支出${gap}50`].join('\r\n') + '\r\n';
  await draft.cell('total', 'code').click();
  await draft.paste(block);
  await expect(draft.cell('2010399', 'basic')).toHaveText('50.00');
  await expect(draft.cell('2010306', 'basic')).toHaveText('350.00');
  await expect(draft.cell('2010399', 'name')).toHaveText(/其他政府办公厅/);
  await expect(draft.cell('20103', 'basic')).toHaveText('400.00');
  await expect(page.getByRole('status')).toContainText('已按科目编码粘贴 3 行；新增科目 1 个；汇总行、合计和项目支出由系统计算，已略过');
  await expect(draft.notice).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(draft.cell('2010399', 'code')).toHaveCount(0);
  await expect(draft.cell('2010306', 'basic')).toHaveText('341.80');
});

test('range selection: shift+arrows, copy as TSV, Delete clears the range', async ({ page, request, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  /** 2080501…20827 in 财政拨款收入 by click and Shift+↓↓, retried while an earlier step still moves the selection. */
  const selectFiscalRange = () =>
    expect(async () => {
      await draft.cell('2080501', 'fiscal').click();
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowDown');
      for (const row of ['2080501', '2080505', '20827']) await expect(draft.cell(row, 'fiscal')).toHaveClass(/bd-in-range/, { timeout: 1_000 });
      await expect(draft.cell('2080501', 'business')).not.toHaveClass(/bd-in-range/, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  await draft.open(seed.id);
  await draft.showTable('t02');
  // The window may still be placing its first selection on a loaded machine: the same retried step.
  await selectFiscalRange();
  await expect(draft.cell('2082701', 'fiscal')).not.toHaveClass(/bd-in-range/);
  const copied = await draft.copy();
  expect(copied).toBe('2.1\r\n46\r\n3.4\r\n');
  // Shift+click and a mouse drag select rectangles too.
  await draft.cell('2080501', 'business').click();
  await draft.cell('2080505', 'superior').click({ modifiers: ['Shift'] });
  await expect(draft.cell('2080505', 'operating')).toHaveClass(/bd-in-range/);
  await expect(draft.cell('2080501', 'superior')).toHaveClass(/bd-in-range/);
  await expect(draft.cell('2080501', 'fiscal')).not.toHaveClass(/bd-in-range/);
  await draft.cell('2080505', 'fiscal').hover();
  await page.mouse.down();
  await draft.cell('2080501', 'specialAccount').hover();
  await page.mouse.up();
  await expect(draft.cell('2080501', 'fiscal')).toHaveClass(/bd-in-range/);
  await expect(draft.cell('2080505', 'specialAccount')).toHaveClass(/bd-in-range/);
  await expect(draft.cell('2080505', 'business')).not.toHaveClass(/bd-in-range/);
  await selectFiscalRange();
  // Real keys through the system clipboard: Ctrl+C here, Ctrl+V two columns to the right.
  await page.keyboard.press('Control+c');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('2.1\r\n46\r\n3.4\r\n');
  await draft.cell('2080501', 'business').click();
  await page.evaluate(() => navigator.clipboard.writeText('7\r\n8\r\n'));
  await page.keyboard.press('Control+v');
  await expect(draft.cell('2080505', 'business')).toHaveText('8.00');
  await expect(draft.cell('20805', 'business')).toHaveText('15.00');
  await page.keyboard.press('Control+z');
  await expect(draft.cell('20805', 'business')).toHaveText('');
  await selectFiscalRange();
  await page.keyboard.press('Delete');
  await expect(draft.cell('2080505', 'fiscal')).toHaveText('');
  await expect(draft.cell('20805', 'fiscal')).toHaveText('');
  await expect(draft.cell('20827', 'fiscal')).toHaveText('3.40');
  await page.keyboard.press('Control+z');
  await expect(draft.cell('2080505', 'fiscal')).toHaveText('46.00');
});

test('keys quicker than the grid reports its focus moves keep what they selected (Ctrl+End then Ctrl+A; Shift+↓ twice; then a click)', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t02');
  await draft.cell('2080501', 'fiscal').click();
  await expect(draft.focusedCell).toHaveAttribute('col-id', 'fiscal');
  /** Keys pressed in one task: the grid tells of each focus move only after all of them. */
  const pressAtOnce = (keys: Array<{ key: string; ctrlKey?: boolean; shiftKey?: boolean }>) =>
    page.evaluate((list) => {
      for (const k of list) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { ...k, bubbles: true, cancelable: true }));
    }, keys);
  await pressAtOnce([{ key: 'End', ctrlKey: true }, { key: 'a', ctrlKey: true }]);
  await expect(page.locator('.bd-statusbar')).toContainText('已选中整张表');
  await page.waitForTimeout(300);
  await expect(draft.cell('2080505', 'fiscal')).toHaveClass(/bd-in-range/);
  await expect(draft.cell('2010306', 'total')).toHaveClass(/bd-in-range/);
  await draft.cell('2080501', 'fiscal').click();
  await expect(draft.cell('2080505', 'fiscal')).not.toHaveClass(/bd-in-range/);
  await pressAtOnce([{ key: 'ArrowDown', shiftKey: true }, { key: 'ArrowDown', shiftKey: true }]);
  await page.waitForTimeout(300);
  for (const row of ['2080501', '2080505', '20827']) await expect(draft.cell(row, 'fiscal')).toHaveClass(/bd-in-range/);
  // A plain click on the range's own focus cell selects that cell alone.
  await draft.cell('20827', 'fiscal').click();
  await expect(draft.cell('2080501', 'fiscal')).not.toHaveClass(/bd-in-range/);
  await expect(draft.cell('20827', 'fiscal')).not.toHaveClass(/bd-in-range/);
});

test('undo does not pull the selection back once the clerk has moved on (click, arrow key, tab)', async ({ page, request }) => {
  const seed = await host.seed(request);
  // A store that answers slowly (a large draft, a busy disk): the undo's answer arrives after the clerk's next move.
  let slowHistory = false;
  await slowCalls(page, (method) => slowHistory && method.startsWith('history/'), 400);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  slowHistory = true;
  /** Wait until the undo's answer is shown, then a little longer: a late jump would have happened by then. */
  const settled = async (row: string, text: string) => {
    await expect(draft.cell(row, 'basic')).toHaveText(text);
    await draft.saved();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)))));
  };
  const focusedAt = async (row: string, col: string) => {
    await expect(draft.focusedCell).toHaveAttribute('col-id', col);
    await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', row);
  };

  // A click right after Ctrl+Z.
  await draft.type('2010306', 'basic', '300');
  await expect(draft.cell('2010306', 'basic')).toHaveText('300.00');
  await page.keyboard.press('Control+z');
  await draft.cell('2082701', 'operating').click();
  await settled('2010306', '341.80');
  await focusedAt('2082701', 'operating');

  // An arrow key right after Ctrl+Y.
  await page.keyboard.press('Control+y');
  await page.keyboard.press('ArrowDown');
  await settled('2010306', '300.00');
  await focusedAt('2082702', 'operating');

  // Another table chosen right after Ctrl+Z: it stays.
  await page.keyboard.press('Control+z');
  await draft.tab('t05').click();
  await settled('2010306', '341.80');
  await expect(draft.tab('t05')).toHaveAttribute('aria-selected', 'true');

  // Without a move, undo still goes to the changed cell.
  await page.keyboard.press('Control+y');
  await expect(draft.tab('t03')).toHaveAttribute('aria-selected', 'true');
  await settled('2010306', '300.00');
  await focusedAt('2010306', 'basic');
});

test('a wrong figure in a 项 row shows findings in the panel and on the cells; clicking selects the cell; fixing clears them', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await expect(page.getByTestId('findings-list')).toContainText('未发现问题');
  await draft.showTable('t03');
  const original = await draft.cell('2010306', 'basic').innerText();
  await draft.type('2010306', 'basic', '300');
  const finding = draft.findings.filter({ hasText: '2010306 政务公开审批' }).first();
  await expect(finding).toBeVisible();
  await expect(finding).toHaveClass(/sev-error/);
  await expect(draft.cell('2010306', 'total')).toHaveClass(/bd-error/);
  await expect(draft.tab('t02').locator('.bd-badge.sev-error')).toBeVisible();
  // The message on hover.
  await draft.cell('2010306', 'total').hover();
  const tip = page.locator('.bd-cell-tip');
  await expect(tip).toContainText('【强制】');
  // Under its cell, within the grid; gone once the pointer leaves the cell.
  const [cellBox, tipBox, gridBox] = await Promise.all([draft.cell('2010306', 'total').boundingBox(), tip.boundingBox(), draft.grid.boundingBox()]);
  expect(tipBox!.y).toBeGreaterThanOrEqual(cellBox!.y + cellBox!.height);
  expect(tipBox!.x + tipBox!.width).toBeLessThanOrEqual(gridBox!.x + gridBox!.width);
  await page.mouse.move(1, 1);
  await expect(tip).toHaveCount(0);
  // The finding's 合计 is calculated: the click goes to an entered cell it comes from.
  await finding.locator('.bd-finding-msg').click();
  await expect(draft.tab('t02')).toHaveAttribute('aria-selected', 'true');
  await expect(draft.focusedCell).not.toHaveClass(/bd-derived/);
  await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2010306');
  await expect(draft.cell('2010306', 'total')).toHaveClass(/bd-error/);
  await draft.showTable('t03');
  await draft.type('2010306', 'basic', original.replace(/,/g, ''));
  await expect(draft.findings).toHaveCount(0);
  await expect(draft.cell('2010306', 'total')).not.toHaveClass(/bd-error/);
  // Undo from another table goes back to where the change was, and the findings come back.
  await draft.showTable('t01');
  await draft.cell('c201', 'outAmount').click();
  await page.keyboard.press('Control+z');
  await expect(draft.tab('t03')).toHaveAttribute('aria-selected', 'true');
  await expect(draft.cell('2010306', 'basic')).toHaveText('300.00');
  await expect(draft.focusedCell).toHaveAttribute('col-id', 'basic');
  await expect(draft.findings.first()).toBeVisible();
});

test('one wrong 项 figure: the 项 finding leads, the 款, 类 and 合计 findings it causes are grouped under it', async ({ page, request }, testInfo) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  await draft.type('2010306', 'basic', '300');
  const group = page.locator('.bd-finding-group').filter({ hasText: '2010306 政务公开审批' });
  await expect(group).toHaveCount(1);
  // The lead is the 项; the rest follow from it, folded away until asked for.
  await expect(group.locator(':scope > ul .bd-finding-msg')).toContainText('2010306');
  const related = group.getByTestId('related-findings');
  await expect(related.locator('summary')).toHaveText(/由此引起的上级科目、合计差异 3 条/);
  await expect(related.locator('.bd-finding-msg').first()).toBeHidden();
  await related.locator('summary').click();
  await expect(related.locator('.bd-finding-msg')).toHaveCount(3);
  await expect(related).toContainText('20103');
  await expect(related).toContainText('合计');
  // One cause, one group: no second group of the same table speaks of 20103 or 201 on their own.
  await expect(page.locator('.bd-finding-group').filter({ hasNotText: '2010306' }).filter({ hasText: /20103 |201 一般/ })).toHaveCount(0);
  const file = testInfo.outputPath('grouped-findings.png');
  await page.screenshot({ path: file });
  await testInfo.attach('一处错误，上级科目与合计的差异归在其下', { path: file, contentType: 'image/png' });
});

test('a warning can be explained from the findings panel', async ({ page, request }) => {
  const probe = (await (await request.post('/api/findings/explain', { data: {} })).json()) as { ok: boolean; error?: { message: string } };
  test.skip(!probe.ok && !!probe.error?.message.startsWith('未知的操作'), '主进程尚未提供 findings/explain（说明的保存由校验模块提供），跳过此项。');
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  // 公务用车运行维护费 in table 9 below 30231 of table 6's basic spending: a 提示 (warning).
  await draft.showTable('t09');
  await draft.type('vehicleRunning', 'general', '0.5');
  const warning = page.locator('.bd-finding.sev-warning').filter({ hasText: '30231' }).first();
  await expect(warning).toBeVisible();
  // The tab badges count the warnings still to be dealt with: an explained one leaves them.
  const badged = async () => (await page.locator('.bd-tabs .bd-badge.sev-warning').allInnerTexts()).reduce((n, t) => n + Number(t), 0);
  await expect.poll(badged).toBeGreaterThan(0);
  const unexplained = await badged();
  await warning.getByRole('button', { name: '填写说明' }).click();
  await warning.getByLabel('说明').fill('2025 年科目名称调整：接待费在项目支出中安排');
  await warning.getByRole('button', { name: '保存说明' }).click();
  await expect(warning).toContainText('说明：2025 年科目名称调整');
  await expect(warning.locator('.bd-explained')).toHaveText('已说明');
  await expect.poll(badged).toBe(unexplained - 1);
  await page.reload();
  await expect(page.locator('.bd-finding.sev-warning').filter({ hasText: '30231' }).first()).toContainText('说明：2025 年科目名称调整');
});

test('removing a row with figures asks first; list tables add and remove records', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  await draft.cell('2082702', 'basic').click();
  await page.getByRole('button', { name: '删除所选行' }).click();
  const confirm = page.getByRole('dialog', { name: '删除有数据的行' });
  await expect(confirm).toContainText('科目 2082702');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(draft.cell('2082702', 'basic')).toHaveText('2.00');
  await page.getByRole('button', { name: '删除所选行' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
  await expect(draft.row('2082702')).toHaveCount(0);

  await draft.showTable('org');
  const before = await draft.bodyRows.count();
  await page.getByRole('button', { name: '＋ 添加一行' }).click();
  await expect(draft.bodyRows).toHaveCount(before + 1);
  // A Chinese IME announces itself as the 'Process' key; the cell opens empty for the composition.
  await page.evaluate(() => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Process', keyCode: 229, bubbles: true })));
  await expect(draft.grid.locator('.ag-cell-inline-editing input')).toHaveValue('');
  await page.keyboard.insertText('巨鹿县示范中心');
  await page.keyboard.press('Enter');
  await expect(draft.bodyRows.last()).toContainText('巨鹿县示范中心');
  await draft.saved();
  await draft.bodyRows.last().locator('.ag-cell[col-id="name"]').click();
  await page.getByRole('button', { name: '删除所选行' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
  await expect(draft.bodyRows).toHaveCount(before);
});

test('a right click (or Shift+F10) on a cell opens its menu as in a spreadsheet: copy, paste, clear, insert and delete rows, where a sum comes from; Escape gives the cell back', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('t03');
  const menu = page.getByRole('menu', { name: '单元格操作' });

  // A right click selects the cell clicked; Escape closes the menu and the keys go on from that cell.
  await draft.cell('2082701', 'basic').click({ button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText(['复制Ctrl+C', '粘贴Ctrl+V', '清除内容Delete', '插入科目…Insert', '删除此科目']);
  await expect(menu.getByRole('menuitem', { name: '复制' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(draft.grid.locator('.ag-cell-focus')).toHaveAttribute('col-id', 'basic');
  await expect(draft.grid.locator('.ag-row-focus')).toHaveAttribute('row-id', '2082701');

  // By keys: two rows selected, the menu key opens it at the cell, the arrows choose, Enter runs:
  // both rows go in one step (their 款, shown for them, with them), after asking, as the button does.
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: '删除所选 2 个科目' })).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: '删除有数据的行' });
  await expect(confirm).toContainText('所选 2 个科目已填有数据');
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(draft.row('2082701')).toHaveCount(0);
  await expect(draft.row('2082702')).toHaveCount(0);
  await expect(draft.row('20827')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(draft.cell('2082701', 'basic')).toHaveText('1.40');
  await expect(draft.cell('2082702', 'basic')).toHaveText('2.00');

  // 复制 puts the cell on the clipboard as Ctrl+C does.
  await draft.cell('2082701', 'basic').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: '复制' }).click();
  await expect(page.getByRole('status')).toContainText('已复制 1 行 × 1 列');
  // 粘贴 reads the clipboard where the page may (the desktop app lets its own page), as Ctrl+V does; one undo.
  await draft.cell('2082702', 'basic').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: '粘贴' }).click();
  await expect(page.getByRole('status')).toContainText('无法读取剪贴板，请按 Ctrl+V 粘贴');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await draft.cell('2082702', 'basic').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: '粘贴' }).click();
  await expect(draft.cell('2082702', 'basic')).toHaveText('1.40');
  await page.keyboard.press('Control+z');
  await expect(draft.cell('2082702', 'basic')).toHaveText('2.00');

  // A sum cannot be cleared away or deleted; its menu says where it comes from.
  await draft.cell('total', 'total').click({ button: 'right' });
  await expect(menu.getByRole('menuitem', { name: '删除此科目' })).toHaveAttribute('title', '合计行由系统计算，不能删除');
  await menu.getByRole('menuitem', { name: '计算来源' }).click();
  await expect(draft.notice).toContainText('本格由系统计算：=');

  // 插入科目… opens the code picker, as Insert does.
  await draft.cell('2082701', 'basic').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: '插入科目…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('start screen: drafts listed with status and last change; duplicate; delete asks first', async ({ page, request }) => {
  await host.seed(request);
  await page.goto('/index.html');
  const rows = page.getByRole('table', { name: '预算稿' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('巨鹿县行政审批局');
  await expect(rows.first()).toContainText('编制中');
  await expect(rows.first()).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await rows.first().click();
  await page.getByRole('button', { name: '复制' }).click();
  await expect(rows).toHaveCount(2);
  // The copy reads as a copy: the two rows are not alike.
  await expect(rows.filter({ hasText: '巨鹿县行政审批局（副本）' })).toHaveCount(1);
  await rows.first().click();
  await page.getByRole('button', { name: '删除' }).click();
  const confirm = page.getByRole('dialog', { name: '删除预算稿' });
  await expect(confirm).toContainText('巨鹿县行政审批局');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(rows).toHaveCount(2);
  await rows.first().click();
  await page.getByRole('button', { name: '删除' }).click();
  await page.getByRole('dialog', { name: '删除预算稿' }).getByRole('button', { name: '删除' }).click();
  await expect(rows).toHaveCount(1);
  // A new draft from another draft's figures starts with them.
  await page.getByRole('banner').getByRole('button', { name: '新建预算稿' }).click();
  const dialog = page.getByRole('dialog', { name: '新建预算稿' });
  await dialog.getByLabel('预算年度').fill('abc');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog.getByRole('alert')).toContainText('“abc”不是有效的预算年度');
  await dialog.getByLabel('预算年度').fill('2025');
  await dialog.getByLabel('起始数据').selectOption({ index: 1 });
  await dialog.getByRole('button', { name: '创建' }).click();
  const draft = new DraftPage(page);
  await draft.showTable('t02');
  await expect(draft.cell('2010306', 'fiscal')).toHaveText('409.30');
});

test('start screen by keyboard only: Tab reaches the list, the arrows choose a draft, Enter opens it', async ({ page, request }) => {
  const seed = await host.seed(request);
  await request.post('/api/drafts/duplicate', { data: { draftId: seed.id } });
  await page.goto('/index.html');
  const rows = page.getByRole('table', { name: '预算稿' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  for (let i = 0; i < 20 && !(await page.evaluate(() => !!document.activeElement?.closest('.bd-draft-list'))); i++) await page.keyboard.press('Tab');
  await expect(rows.first()).toBeFocused();
  await expect(page.getByRole('button', { name: '打开', exact: true })).toBeEnabled();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const chosen = await rows.first().getAttribute('data-draft');
  await page.keyboard.press('Enter');
  await page.locator('.bd-grid-wrap .ag-row').first().waitFor();
  expect(page.url()).toContain(chosen!);
});

test('a draft chosen in the list shows its first table first (main’s first view), then the rest of it; a reload takes it whole', async ({ page, request }) => {
  const seed = await host.seed(request);
  // The drafts/open calls the window sends (one socket carries every call).
  const opens: { firstTable?: boolean }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const call = JSON.parse(String(f.payload)) as { method: string; args: { firstTable?: boolean } };
      if (call.method === 'drafts/open') opens.push(call.args);
    }),
  );
  await page.goto('/index.html');
  await page.locator(`.bd-draft-list tr[data-draft="${seed.id}"]`).focus();
  await page.keyboard.press('Enter');
  const draft = new DraftPage(page);
  await expect(draft.cell('yearTotal', 'outAmount')).not.toHaveText('');
  // The rest followed: another table, and the findings.
  await draft.showTable('t03');
  await expect(draft.cell('2010306', 'basic')).not.toHaveText('');
  await expect(page.getByText('正在检查各表勾稽关系…')).toHaveCount(0);
  expect(opens.map((a) => a.firstTable ?? false)).toEqual([true, false]);
  // A reload of the open draft (here: another window's edit changed it) keeps the table shown and takes the whole draft.
  const other = await page.context().newPage();
  const second = new DraftPage(other);
  await second.open(seed.id);
  await second.showTable('t03');
  await second.type('2010306', 'basic', '4321');
  await expect(draft.cell('2010306', 'basic')).toHaveText('4,321.00');
  expect(opens.length).toBeGreaterThan(2);
  expect(opens.slice(2).every((a) => !a.firstTable)).toBe(true);
});

test('a reason of 比上年增减 written before the figures moved on is flagged until written again', async ({ page, request }) => {
  const seed = await host.seed(request);
  const draft = new DraftPage(page);
  await draft.open(seed.id);
  await draft.showTable('py');
  // What the reason was written against is kept out of sight: no column of it in the grid.
  await expect(draft.grid.locator('.ag-header-cell[col-id="reasonBasis"]')).toHaveCount(0);
  // Chinese text arrives as composed input, not as keys: F2 opens the cell first, as with an IME.
  await draft.cell('public', 'reason').click();
  await page.keyboard.press('F2');
  await page.keyboard.type('办公费按定额标准调整');
  await page.keyboard.press('Enter');
  await expect(draft.cell('public', 'reason')).toHaveText('办公费按定额标准调整');
  const stale = draft.findings.filter({ hasText: '“日常公用经费”的增减原因是在' });
  await expect(stale).toHaveCount(0);
  // 办公费 raised by 2.00 afterwards: the reason explains a change that is no longer the figures'.
  await draft.showTable('t06');
  await draft.type('30201', 'public', '12.42');
  await expect(stale).toHaveCount(1);
  await expect(stale).toContainText('现在为比上年');
  // The finding leads to the reason; written again, it is recorded against today's change.
  await stale.locator('.bd-finding-msg').click();
  await expect(draft.tab('py')).toHaveAttribute('aria-selected', 'true');
  await expect(draft.focusedCell).toHaveAttribute('col-id', 'reason');
  await page.keyboard.type('办公费按定额标准调整，另增 2.00 万元');
  await page.keyboard.press('Enter');
  await expect(stale).toHaveCount(0);
  // One step: undo brings the old reason and the warning back.
  await page.keyboard.press('Control+z');
  await expect(stale).toHaveCount(1);
});
