import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../store/storage';
import { cleanedAfterEach, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import type { FileDialogs } from './context';

/** Paths from the window: main writes only where the user chose, with the right extension, never into its data folder. */
const { apps, dirs } = cleanedAfterEach();

function setup(dialogs?: FileDialogs) {
  const app = tempApp(dialogs ? { dialogs } : {});
  apps.push(app);
  const out = tempDir('budget-desk-out-');
  dirs.push(out);
  return { app, out, draftId: seedDraft(app).id };
}

const edit = (draftId: string, value: string) => ({ draftId, edits: [{ table: 't03', row: '2010306', col: 'basic', value }] });

describe('write targets without native dialogs (CLI, test host)', () => {
  it('saving a draft file over budget-desk.sqlite (or anything in the data folder) is refused, and later edits are kept', async () => {
    const { app, draftId } = setup();
    const db = join(app.dataDir, DB_FILE);
    for (const path of [db, db + '-wal', join(app.dataDir, 'backups', 'x.json'), join(app.dataDir, 'a.json'), join(app.dataDir, 'sub', '..', 'b.json')]) {
      const r = await app.dispatch('draftFile/save', { draftId, path, replace: true });
      expect(r.ok, path).toBe(false);
    }
    expect(await app.dispatch('draftFile/save', { draftId, path: join(app.dataDir, 'a.json'), replace: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('数据文件夹') },
    });
    expect(await app.dispatch('excel/export', { draftId, path: join(app.dataDir, 'book.xlsx'), replace: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (let i = 0; i < 10; i++) expect(await app.dispatch('cells/set', edit(draftId, String(100 + i)))).toMatchObject({ ok: true });
    await app.close();
    apps.pop();
    const again = tempApp({ dataDir: app.dataDir });
    apps.push(again);
    expect(again.ctx.drafts.getSnapshot(draftId).content.cells['t03!2010306!basic']).toBe('109');
  });

  it('a symbolic link into the data folder is followed and refused', async () => {
    const { app, out, draftId } = setup();
    symlinkSync(app.dataDir, join(out, 'link'));
    symlinkSync(join(app.dataDir, DB_FILE), join(out, 'db.json'));
    expect(await app.dispatch('draftFile/save', { draftId, path: join(out, 'link', 'x.json') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('draftFile/save', { draftId, path: join(out, 'db.json'), replace: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readFileSync(join(app.dataDir, DB_FILE)).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('the extension must fit, the path must be absolute, a NUL is a clear validation error', async () => {
    const { app, out, draftId } = setup();
    expect(await app.dispatch('draftFile/save', { draftId, path: join(out, 'a.sqlite') })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('.json') } });
    expect(await app.dispatch('excel/export', { draftId, path: join(out, 'a.json') })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('.xlsx') } });
    expect(await app.dispatch('excel/export', { draftId, path: 'relative.xlsx' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('完整的保存路径') } });
    for (const [method, args] of [
      ['draftFile/save', { draftId, path: join(out, 'a\0.json') }],
      ['excel/export', { draftId, path: join(out, 'a.xlsx\0.sqlite') }],
      ['draftFile/open', { path: '/tmp/x\0' }],
      ['excel/importPreview', { path: '/tmp/x\0.xlsx' }],
      ['review/verifyWorkbook', { path: '/tmp/x\0.xlsx' }],
      ['dictionary/replace', { scheme: 'function', path: '/tmp/x\0.csv' }],
    ] as const) {
      expect(await app.dispatch(method, args), method).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('NUL') } });
    }
    expect(await app.dispatch('draftFile/save', { draftId, path: join(out, 'ok.budget.json') })).toMatchObject({ ok: true });
    expect(existsSync(join(out, 'ok.budget.json'))).toBe(true);
  });

  it('inherited names are not arguments', async () => {
    const { app, draftId } = setup();
    for (const extra of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const args = JSON.parse(`{"draftId": "${draftId}", "${extra}": 1}`);
      expect(await app.dispatch('drafts/open', args), extra).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining(extra) } });
    }
  });
});

describe('write targets with native dialogs (Electron)', () => {
  function recordingDialogs(answer: (defaultName: string) => string | null) {
    const asked: string[] = [];
    const dialogs: FileDialogs = {
      native: true,
      chooseOpen: async () => null,
      chooseSave: async ({ defaultName }) => {
        asked.push(defaultName);
        return answer(defaultName);
      },
    };
    return { dialogs, asked };
  }

  it('a path chosen in the save dialog is written as is; a typed one is confirmed in the dialog first; a cancel writes nothing', async () => {
    const out = tempDir('budget-desk-chosen-');
    dirs.push(out);
    let answer: string | null = join(out, 'chosen.xlsx');
    const { dialogs, asked } = recordingDialogs(() => answer);
    const { app, draftId } = setup(dialogs);
    const chosen = await app.dispatch('files/chooseSave', { title: '导出 Excel', defaultName: 'a.xlsx', filters: [] });
    expect(chosen).toMatchObject({ ok: true, value: { path: answer } });
    expect(await app.dispatch('excel/export', { draftId, path: answer!, replace: true })).toMatchObject({ ok: true, value: { path: answer } });
    expect(asked).toHaveLength(1);

    // Typed in the window: main's own dialog asks, starting from what was typed.
    const typed = join(out, 'typed.budget.json');
    answer = join(out, 'confirmed.budget.json');
    expect(await app.dispatch('draftFile/save', { draftId, path: typed })).toMatchObject({ ok: true, value: { path: answer } });
    expect(asked[1]).toBe(typed);
    expect(existsSync(typed)).toBe(false);
    expect(existsSync(answer)).toBe(true);

    answer = null;
    const other = join(out, 'other.xlsx');
    expect(await app.dispatch('excel/export', { draftId, path: other })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('已取消') } });
    expect(existsSync(other)).toBe(false);

    // Even chosen in the dialog, the data folder and a wrong extension stay refused.
    answer = join(app.dataDir, DB_FILE);
    expect(await app.dispatch('draftFile/save', { draftId, path: join(out, 'x.json') })).toMatchObject({ ok: false });
    mkdirSync(join(out, 'd'));
    writeFileSync(join(out, 'd', 'keep.txt'), 'keep');
    answer = join(out, 'd', 'keep.txt');
    expect(await app.dispatch('draftFile/save', { draftId, path: join(out, 'y.json') })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(readFileSync(join(out, 'd', 'keep.txt'), 'utf8')).toBe('keep');
  });
});
