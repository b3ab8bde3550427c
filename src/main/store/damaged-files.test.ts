import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/api/store';
import { removeDir, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import { openDatabase } from './database';
import { EDITS_SUFFIX } from './journal';
import { MARKER_SUFFIX } from './marker';
import { backupsToKeep, DEFAULT_ROTATION } from './rotation';
import { DB_FILE } from './storage';

/**
 * Bad luck with the database file: emptied, deleted, truncated, its -wal lost, an old copy put
 * in its place. Every case ends in recovery (or a clear warning), never in an empty start, and
 * no backup holding a draft is ever deleted.
 */
const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

const edit = (value: string) => ({ table: 't03', row: '2010306', col: 'basic', value });

/** A data folder with one draft, a backup holding it, and a few more edits after the backup. */
async function folderWithDraft(options: { keepBackups?: number } = {}) {
  const dataDir = fresh();
  const app = tempApp({ dataDir, ...options });
  const meta = seedDraft(app);
  await app.ctx.storage.idle();
  await app.ctx.storage.backupNow();
  for (let i = 0; i < 3; i++) app.ctx.drafts.applyBatch(meta.id, [edit(String(10 + i))]);
  await app.close();
  return { dataDir, meta, file: join(dataDir, DB_FILE) };
}

async function info(dataDir: string, options: { keepBackups?: number } = {}) {
  const app = tempApp({ dataDir, ...options });
  const r = await app.dispatch('app/info', {});
  if (!r.ok) throw new Error(r.error.message);
  return { app, info: r.value as AppInfo };
}

function backupsHolding(dataDir: string, draftId: string): string[] {
  const dir = join(dataDir, 'backups');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .filter((f) => {
      const db = new Database(join(dir, f), { readonly: true });
      try {
        return db.prepare('SELECT 1 FROM drafts WHERE id = ?').get(draftId) !== undefined;
      } finally {
        db.close();
      }
    });
}

describe('damaged database files', () => {
  for (const [name, damage, kind] of [
    ['emptied to 0 bytes', (f: string) => truncateSync(f, 0), 'missing'],
    ['deleted', (f: string) => unlinkSync(f), 'missing'],
    ['truncated to a third', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 3)), 'damaged'],
  ] as const) {
    it(`a database ${name} goes to recovery with its backups, and ten starts delete no backup`, async () => {
      const { dataDir, meta, file } = await folderWithDraft({ keepBackups: 2 });
      damage(file);
      for (let start = 0; start < 10; start++) {
        const { app, info: i } = await info(dataDir, { keepBackups: 2 });
        expect(i.recovery?.kind).toBe(kind);
        expect(await app.dispatch('drafts/list', {})).toMatchObject({ ok: false }); // never an empty list
        await app.close();
      }
      const held = backupsHolding(dataDir, meta.id);
      expect(held.length).toBeGreaterThan(0);
      const { app, info: i } = await info(dataDir, { keepBackups: 2 });
      if (kind === 'missing') expect(i.recovery?.lost?.[0]).toContain('巨鹿县行政审批局');
      const best = i.recovery!.backups.find((b) => b.verified && (b.drafts ?? 0) > 0)!;
      expect(best).toBeDefined();
      expect(await app.dispatch('backups/restore', { file: best.file })).toMatchObject({ ok: true });
      expect(app.ctx.drafts.getMeta(meta.id).id).toBe(meta.id);
      await app.close();
    });
  }

  it('a first start (no backups, no marker) with an empty file is an ordinary new database', async () => {
    const dataDir = fresh();
    writeFileSync(join(dataDir, DB_FILE), '');
    const { app, info: i } = await info(dataDir);
    expect(i.recovery).toBeUndefined();
    expect(await app.dispatch('drafts/list', {})).toEqual({ ok: true, value: [] });
    await app.close();
  });

  /** Run the wal-child (see ./__fixtures__/wal-child.ts); returns the revision before and what it printed. */
  async function killedAfterEdits(dataDir: string, draftId: string, count: number, mode = '') {
    const before = tempApp({ dataDir });
    const revisionBefore = before.ctx.drafts.getMeta(draftId).revision;
    await before.close();
    const out = await new Promise<string>((resolve) => {
      const args = ['--import', 'tsx', join(import.meta.dirname, '__fixtures__', 'wal-child.ts'), dataDir, String(count), ...(mode ? [mode] : [])];
      execFile(process.execPath, args, (_err, stdout) => resolve(stdout));
    });
    return { revisionBefore, out };
  }

  const storedRevision = (file: string, draftId: string) => {
    const db = openDatabase(file);
    try {
      return db.prepare('SELECT revision FROM drafts WHERE id = ?').pluck().get(draftId) as number;
    } finally {
      db.close();
    }
  };

  it('a lost -wal (process killed before the checkpoint, then the file deleted) is made good from the edit journal', async () => {
    const { dataDir, meta, file } = await folderWithDraft();
    const { revisionBefore, out } = await killedAfterEdits(dataDir, meta.id, 5);
    expect(out).toContain(`acked ${revisionBefore + 5}`);
    expect(statSync(file + '-wal').size).toBeGreaterThan(0);
    unlinkSync(file + '-wal');
    rmSync(file + '-shm', { force: true });

    const { app, info: i } = await info(dataDir);
    expect(i.recovery).toBeUndefined();
    expect(app.ctx.drafts.getMeta(meta.id).revision).toBe(revisionBefore + 5);
    expect(app.ctx.drafts.getSnapshot(meta.id).content.cells['t03!2010306!basic']).toBe('504');
    await app.close();
  });

  it('a lost -wal and edit journal are detected, and recovery says what was lost', async () => {
    const { dataDir, meta, file } = await folderWithDraft();
    const { revisionBefore, out } = await killedAfterEdits(dataDir, meta.id, 5);
    expect(out).toContain(`acked ${revisionBefore + 5}`);
    for (const ext of ['-wal', '-shm', EDITS_SUFFIX]) rmSync(file + ext, { force: true });

    const { app, info: i } = await info(dataDir);
    expect(i.recovery?.kind).toBe('behind');
    expect(i.recovery?.reason).toContain('-wal');
    expect(i.recovery?.lost).toEqual([expect.stringContaining(`最后确认保存到第 ${revisionBefore + 5} 版，数据库中只有第 ${revisionBefore} 版（少了 5 次修改）`)]);
    // The clerk may keep what there is: the marker then follows the database.
    expect(await app.dispatch('recovery/keepCurrent', {})).toEqual({ ok: true, value: { kept: true } });
    expect(app.ctx.drafts.getMeta(meta.id).revision).toBe(revisionBefore);
    await app.close();
    const { app: again, info: after } = await info(dataDir);
    expect(after.recovery).toBeUndefined();
    await again.close();
  });

  it('an edit acknowledged and killed in its own turn (in the journal, not yet in SQLite) is there at the next start', async () => {
    const { dataDir, meta, file } = await folderWithDraft();
    const { revisionBefore, out } = await killedAfterEdits(dataDir, meta.id, 3, 'same-turn');
    expect(out).toContain(`acked ${revisionBefore + 3}`);
    // SQLite alone lacks the last edit: only the journal holds it.
    expect(storedRevision(file, meta.id)).toBe(revisionBefore + 2);

    const { app, info: i } = await info(dataDir);
    expect(i.recovery).toBeUndefined();
    expect(app.ctx.drafts.getMeta(meta.id).revision).toBe(revisionBefore + 3);
    expect(app.ctx.drafts.getSnapshot(meta.id).content.cells['t03!2010306!basic']).toBe('502');
    // Replayed as the step it was: undo takes it back to the edit before.
    expect(app.ctx.drafts.undo(meta.id).cells['t03!2010306!basic']).toBe('501');
    await app.close();
    // Replayed once: the next start has the undo and nothing replayed again.
    const { app: again } = await info(dataDir);
    expect(again.ctx.drafts.getMeta(meta.id).revision).toBe(revisionBefore + 4);
    expect(again.ctx.drafts.getSnapshot(meta.id).content.cells['t03!2010306!basic']).toBe('501');
    await again.close();
  });

  it('an old copy put in place of the database is detected (a draft created since is named)', async () => {
    const { dataDir, meta, file } = await folderWithDraft();
    copyFileSync(file, join(dataDir, 'old.sqlite'));
    const app = tempApp({ dataDir });
    const second = app.ctx.drafts.createDraft({ unitCode: '999', unitName: '新单位', year: 2025, templateId: meta.templateId });
    app.ctx.drafts.applyBatch(meta.id, [edit('77')]);
    await app.close();
    copyFileSync(join(dataDir, 'old.sqlite'), file);
    const { app: again, info: i } = await info(dataDir);
    expect(i.recovery?.kind).toBe('behind');
    expect(i.recovery?.lost).toEqual(
      expect.arrayContaining([expect.stringContaining('“新单位 2025 年”：最后确认保存到第 0 版，数据库中已没有这份预算稿'), expect.stringContaining('少了 1 次修改')]),
    );
    // The backup taken when the second draft existed brings it back.
    const withBoth = i.recovery!.backups.find((b) => (b.drafts ?? 0) >= 2);
    expect(withBoth).toBeDefined();
    expect(await again.dispatch('backups/restore', { file: withBoth!.file })).toMatchObject({ ok: true });
    expect(again.ctx.drafts.getMeta(second.id).unitName).toBe('新单位');
    await again.close();
  });

  it('a deleted draft is not reported as lost; the marker follows deletions', async () => {
    const { dataDir, meta } = await folderWithDraft();
    const app = tempApp({ dataDir });
    expect(await app.dispatch('drafts/delete', { draftId: meta.id })).toMatchObject({ ok: true });
    await app.close();
    const { app: again, info: i } = await info(dataDir);
    expect(i.recovery).toBeUndefined();
    await again.close();
  });

  it('after "start empty", rotation still keeps the last backup holding the old draft', async () => {
    const { dataDir, meta, file } = await folderWithDraft({ keepBackups: 2 });
    truncateSync(file, 0);
    const app = tempApp({ dataDir, keepBackups: 2, backupIntervalMs: 0 });
    expect(await app.dispatch('recovery/startEmpty', {})).toMatchObject({ ok: true });
    const other = app.ctx.drafts.createDraft({ unitCode: '1', unitName: '甲', year: 2025, templateId: meta.templateId });
    app.ctx.drafts.addRow(other.id, 't03', '2010306');
    for (let i = 0; i < 8; i++) {
      app.ctx.drafts.applyBatch(other.id, [edit(String(i))]);
      await app.ctx.storage.idle();
    }
    await app.close();
    expect(backupsHolding(dataDir, meta.id).length).toBeGreaterThanOrEqual(1);
    expect(existsSync(file + MARKER_SUFFIX)).toBe(true);
  });

  it('verifying backups leaves no -wal/-shm beside them; a crashed backup\'s .part-journal is removed', async () => {
    const { dataDir, file } = await folderWithDraft();
    const backups = join(dataDir, 'backups');
    writeFileSync(join(backups, 'budget-desk-20260101T000000000Z.sqlite.part'), 'x');
    writeFileSync(join(backups, 'budget-desk-20260101T000000000Z.sqlite.part-journal'), 'x');
    truncateSync(file, 0);
    const { app, info: i } = await info(dataDir);
    expect(i.recovery?.backups.length).toBeGreaterThan(0);
    expect(i.recovery?.backups.every((b) => b.verified)).toBe(true);
    await app.close();
    expect(readdirSync(backups).filter((f) => !f.endsWith('.sqlite') && f !== 'manifest.json')).toEqual([]);
  });

  it('the cell log is compacted: bounded, with the last change of every cell kept', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir, cellLogKeep: 100 });
    const meta = seedDraft(app);
    const entered = app.ctx.db.prepare('SELECT COUNT(*) FROM cell_log').pluck().get() as number;
    expect(entered).toBeGreaterThan(100);
    for (let i = 0; i < 300; i++) app.ctx.drafts.applyBatch(meta.id, [{ ...edit(String(i)), row: ['2010306', '2080501', '2080505'][i % 3] }]);
    await app.close();
    const again = tempApp({ dataDir, cellLogKeep: 100 });
    const size = again.ctx.db.prepare('SELECT COUNT(*) FROM cell_log').pluck().get() as number;
    const cells = again.ctx.db.prepare('SELECT COUNT(DISTINCT key) FROM cell_log').pluck().get() as number;
    expect(size).toBeLessThanOrEqual(100 + cells);
    expect(size).toBeLessThan(entered + 300 - 150);
    // Every cell still shows its last change; the edited ones their newest in order.
    expect(again.ctx.drafts.cellLog(meta.id, { table: 't03', row: '2010306', col: 'basic' }, 3).map((e) => e.newValue)).toEqual(['297', '294', '291']);
    await again.close();
  });
});

describe('backup rotation', () => {
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 5, 30, 12);
  it('keeps the newest, one a day for a week, one a week for a month, and the last backup of each draft', () => {
    const entries = Array.from({ length: 24 * 60 }, (_, h) => ({ file: `b${h}`, at: now - h * 3_600_000, drafts: ['a'] }));
    entries.push({ file: 'old-only-b', at: now - 200 * DAY, drafts: ['b'] });
    entries.push({ file: 'older-b', at: now - 300 * DAY, drafts: ['b'] });
    entries.push({ file: 'unreadable', at: now - 400 * DAY, drafts: null as never });
    const keep = backupsToKeep(entries, DEFAULT_ROTATION, now);
    for (let h = 0; h < 10; h++) expect(keep.has(`b${h}`)).toBe(true);
    expect(keep.has('old-only-b')).toBe(true);
    expect(keep.has('older-b')).toBe(false);
    expect(keep.has('unreadable')).toBe(true);
    const days = new Set([...keep].map((f) => entries.find((e) => e.file === f)!.at).filter((at) => at > now - 7 * DAY).map((at) => Math.floor(at / DAY)));
    expect(days.size).toBe(7);
    const weekly = [...keep].filter((f) => entries.find((e) => e.file === f)!.at < now - 8 * DAY && f.startsWith('b'));
    expect(weekly.length).toBeGreaterThanOrEqual(3);
    expect(keep.size).toBeLessThan(10 + 7 + 6 + 3);
  });
});
