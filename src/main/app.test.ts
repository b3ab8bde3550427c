import { describe, expect, it } from 'vitest';
import { removeDir, seedDraft, tempApp } from './test-support/temp-app';

describe('createApp', () => {
  it('pushes events: a committed change and a backup', async () => {
    const app = tempApp();
    const seen: Array<[string, unknown]> = [];
    const unsubscribe = app.events.subscribe((event, payload) => seen.push([event, payload]));
    await app.ctx.storage.idle();
    const draft = seedDraft(app);
    const r = await app.dispatch('cells/set', { draftId: draft.id, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '1' }] });
    expect(r.ok).toBe(true);
    const backup = await app.dispatch('backups/create', {});
    expect(seen).toEqual(
      expect.arrayContaining([
        ['draft/changed', { draftId: draft.id, revision: 1 }],
        ['store/backup', { file: (backup as { value: { file: string } }).value.file }],
      ]),
    );
    unsubscribe();
    await app.dispatch('cells/set', { draftId: draft.id, edits: [{ table: 't03', row: '2010306', col: 'basic', value: '2' }] });
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
});
