import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, Method, ResultOf } from '../../shared/api';
import { createApp, type App } from '../app';
import { removeDir, seedDraft, tempApp } from '../test-support/temp-app';

/** The typed value of a successful call (fails the test with the Chinese message otherwise). */
async function value<M extends Method>(app: App, method: M, args: ArgsOf<M>): Promise<Awaited<ResultOf<M>>> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Awaited<ResultOf<M>>;
}

describe('the official code list of a year replaces the shipped one', () => {
  let app: App;
  let dataDir: string;
  afterEach(async () => {
    await app.close();
    removeDir(dataDir);
  });

  it('is loaded from xlsx, used for new rows and checks, kept across restarts, and reset', async () => {
    app = tempApp();
    dataDir = app.ctx.dataDir;
    const draft = seedDraft(app);
    const file = join(dataDir, '2025年功能分类科目.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('功能分类');
    ws.addRows([['科目编码', '科目名称'], ['201', '一般公共服务支出'], ['20103', '政府办公厅（室）及相关机构事务'], ['2010306', '政务公开审批'], ['2010388', '2025年新增科目']]);
    await wb.xlsx.writeFile(file);

    const before = await app.dispatch('rows/add', { draftId: draft.id, table: 't03', code: '2010388' });
    expect(before.ok).toBe(false);

    const replaced = await value(app, 'dictionary/replace', { scheme: 'function', path: file });
    expect(replaced.find((s) => s.scheme === 'function')).toMatchObject({ source: 'user', size: 4, fileName: '2025年功能分类科目.xlsx' });
    const added = await app.dispatch('rows/add', { draftId: draft.id, table: 't03', code: '2010388' });
    expect(added.ok).toBe(true);
    // The seed's other codes are not in this year's list: the open draft is checked against it.
    const findings = await value(app, 'findings/list', { draftId: draft.id });
    expect(findings.findings.some((f) => f.message.includes('2080505'))).toBe(true);

    // A restart keeps the user's list.
    await app.close();
    app = createApp({ dataDir });
    const search = await value(app, 'dictionary/search', { templateId: 'hebei-2024', scheme: 'function', query: '2025年新增' });
    expect(search.map((r) => r.code)).toEqual(['2010388']);

    const reset = await value(app, 'dictionary/reset', { scheme: 'function' });
    expect(reset.find((s) => s.scheme === 'function')?.source).toBe('shipped');
    const gone = await app.dispatch('dictionary/search', { templateId: 'hebei-2024', scheme: 'function', query: '2025年新增' });
    expect(gone.ok && gone.value).toEqual([]);
  });

  it('a wrong list is refused with a clear message and nothing changes', async () => {
    app = tempApp();
    dataDir = app.ctx.dataDir;
    const wrong = join(dataDir, '经济分类.csv');
    writeFileSync(wrong, 'code,name\n301,工资福利支出\n30101,基本工资\n');
    const r = await app.dispatch('dictionary/replace', { scheme: 'function', path: wrong });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'bad-file', message: expect.stringMatching(/不像功能分类科目表.*选错了科目表/) });
    const missing = await app.dispatch('dictionary/replace', { scheme: 'economic', path: join(dataDir, 'nope.xlsx') });
    expect(!missing.ok && missing.error.message).toMatch(/找不到文件/);
    const sources = await value(app, 'dictionary/sources', {});
    expect(sources.map((s) => s.source)).toEqual(['shipped', 'shipped']);
  });
});
