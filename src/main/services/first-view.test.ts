import { describe, expect, it, vi } from 'vitest';
import { firstShownTables } from '../../shared/engine/replica';
import { cleanedAfterEach, removeDir, seedDraft, tempApp } from '../test-support/temp-app';
import { firstViewOf } from './first-view';

const { apps } = cleanedAfterEach();
const edit = (value: string) => ({ table: 't03', row: '2010306', col: 'basic', value });

describe('the first view of a draft', () => {
  it('is kept for a new draft as it is created, and a window opens from it equal to what the whole draft computes', () => {
    const app = tempApp();
    apps.push(app);
    const meta = seedDraft(app);
    const store = app.ctx.storage.requireStore();
    expect(store.firstView(meta.id)).toMatchObject({ revision: meta.revision });

    const opened = app.ctx.drafts.openFirstTables(meta.id);
    const whole = firstViewOf(app.ctx.drafts.getModel(meta.id));
    expect(opened.part).toEqual(firstShownTables(app.ctx.drafts.getModel(meta.id).template));
    expect(opened.computed).toEqual(whole.computed);
    expect(opened.content).toEqual(whole.content);
    // Figures of that draft, not an empty view.
    expect(Object.keys(opened.computed.values).length).toBeGreaterThan(0);
  });

  it('is taken as kept only at the same revision and build; otherwise computed again and kept anew', async () => {
    const app = tempApp();
    const meta = seedDraft(app);
    const store = () => again.ctx.storage.requireStore();
    const kept = app.ctx.storage.requireStore().firstView(meta.id)!;
    await app.close();

    // A draft not in memory opens from what is kept: a view marked as such shows.
    let again = tempApp({ dataDir: app.dataDir });
    const marked = JSON.stringify({ ...JSON.parse(kept.computedJson), marked: true });
    store().putFirstView(meta.id, kept.revision, kept.build, marked);
    expect(again.ctx.drafts.openFirstTables(meta.id)).toMatchObject({ computed: { marked: true } });
    // Another build's view is not: computed again, and kept.
    store().putFirstView(meta.id, kept.revision, 'another build', marked);
    expect(again.ctx.drafts.openFirstTables(meta.id).computed).not.toHaveProperty('marked');
    expect(store().firstView(meta.id)).toMatchObject({ revision: kept.revision, build: kept.build });

    // An edit moves the revision: the app keeps the view of the draft in memory as it closes,
    // and the next start opens from it, with the edit.
    const changed = again.ctx.drafts.applyBatch(meta.id, [edit('4321')]);
    store().putFirstView(meta.id, kept.revision, kept.build, marked);
    await again.close();
    again = tempApp({ dataDir: app.dataDir });
    expect(store().firstView(meta.id)).toMatchObject({ revision: changed.meta.revision });
    const reopened = again.ctx.drafts.openFirstTables(meta.id);
    expect(reopened.computed).not.toHaveProperty('marked');
    expect(reopened.computed).toEqual(firstViewOf(again.ctx.drafts.getModel(meta.id)).computed);
    await again.close();
    removeDir(app.dataDir);
  });

  it('is not kept at close for a draft in memory that is no longer stored (deleted behind the service), and nothing fails', async () => {
    const app = tempApp();
    const meta = seedDraft(app);
    app.ctx.drafts.applyBatch(meta.id, [edit('4321')]);
    app.ctx.db.prepare('DELETE FROM drafts WHERE id = ?').run(meta.id);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await app.close();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      removeDir(app.dataDir);
    }
  });
});
