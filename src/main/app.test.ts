import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { removeDir, seedDraft, tempApp } from './test-support/temp-app';

describe('createApp', () => {
  it('pushes an event for every committed change', async () => {
    const app = tempApp();
    const seen: Array<[string, unknown]> = [];
    const unsubscribe = app.events.subscribe((event, payload) => seen.push([event, payload]));
    await app.ctx.storage.idle();
    const draft = seedDraft(app);
    const r = await app.dispatch('cells/set', { draftId: draft.id, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '1' }] });
    expect(r.ok).toBe(true);
    // The news goes out after the answer: none yet of the edit, then in the next turn.
    expect(seen.map(([, p]) => (p as { revision: number }).revision)).not.toContain(1);
    await new Promise((ok) => setImmediate(ok));
    expect(seen).toEqual(expect.arrayContaining([['draft/changed', { draftId: draft.id, revision: 1 }]]));
    unsubscribe();
    await app.dispatch('cells/set', { draftId: draft.id, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '2' }] });
    await new Promise((ok) => setImmediate(ok));
    // Creation (revision 0) and the edit (revision 1); nothing after unsubscribing.
    expect(seen.filter(([e]) => e === 'draft/changed').map(([, p]) => (p as { revision: number }).revision)).toEqual([0, 1]);
    await app.close();
    removeDir(app.dataDir);
  });

  it('file dialogs are refused in plain Node with a clear message', async () => {
    const app = tempApp();
    const r = await app.dispatch('files/chooseOpen', { title: '打开', filters: [] });
    expect(r).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('文件对话框') } });
    await app.close();
    removeDir(app.dataDir);
  });

  it('logs the stack of an unexpected error to the data folder, not to the caller', async () => {
    const app = tempApp();
    const draft = seedDraft(app);
    app.ctx.drafts.beforeChange.push(() => {
      throw new TypeError('guard exploded');
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await app.dispatch('cells/set', { draftId: draft.id, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '1' }] });
    quiet.mockRestore();
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('exploded');
    expect(readFileSync(join(app.dataDir, 'logs', 'main.log'), 'utf8')).toMatch(/cells\/set[\s\S]*TypeError: guard exploded/);
    await app.close();
    removeDir(app.dataDir);
  });
});
