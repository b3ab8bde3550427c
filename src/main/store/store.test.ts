import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import { currentSchemaVersion, DurableWriter, openDatabase, StoreOpenError } from './database';
import { MIGRATIONS } from './migrations';
import { storeMigrations } from './migrations/store';
import { EDITS_SUFFIX, EditJournal } from './journal';
import { DB_FILE } from './storage';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

/** Where a descriptor points, or null for one closed meanwhile. */
const safeReadlink = (path: string): string | null => {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
};

const edit = (row: string, col: string, value: string) => ({ table: 't03', row, col, value });

describe('draft store on a real SQLite file', () => {
  it('a deleted draft is acknowledged as deleted: the next start opens normally, not in recovery', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const gone = seedDraft(app);
    const kept = seedDraft(app);
    app.ctx.drafts.deleteDraft(gone.id);
    await app.close();
    const again = tempApp({ dataDir });
    expect(again.ctx.storage.recovery).toBeNull();
    expect(again.ctx.drafts.listDrafts().map((d) => d.id)).toEqual([kept.id]);
    await again.close();
  });

  it('an edit commits at synchronous = NORMAL and syncs the WAL itself; the connection stays FULL, also when the edit fails', () => {
    const db = openDatabase(join(fresh(), DB_FILE));
    const durable = new DurableWriter(db);
    const level = () => db.pragma('synchronous', { simple: true });
    // Descriptors of this process open on the WAL (Linux's /proc): SQLite's own, and the writer's.
    const walDescriptors = () => readdirSync('/proc/self/fd').filter((fd) => safeReadlink(`/proc/self/fd/${fd}`) === `${db.name}-wal`).length;
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    expect(level()).toBe(2);
    expect(durable.transaction(() => (db.prepare('INSERT INTO t VALUES (?, ?)').run('a', '1'), level()))).toBe(1);
    expect(level()).toBe(2);
    expect(() =>
      durable.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?, ?)').run('b', '2');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(level()).toBe(2);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['a']);
    // The WAL is opened once for the writer's life, not per edit, and released by close.
    durable.transaction(() => db.prepare('INSERT INTO t VALUES (?, ?)').run('c', '3'));
    expect(walDescriptors()).toBe(2);
    durable.close();
    expect(walDescriptors()).toBe(1);
    db.close();
  });

  it('a checkpoint starts the WAL over in the pause, so the next edit appends to it and writes no WAL header of its own', () => {
    const db = openDatabase(join(fresh(), DB_FILE));
    const durable = new DurableWriter(db);
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    const frames = () => (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
    for (let i = 0; i < 20; i++) durable.transaction(() => db.prepare('INSERT OR REPLACE INTO t VALUES (?, ?)').run(`k${i % 3}`, String(i)));
    expect(frames()).toBeGreaterThanOrEqual(20);
    durable.checkpoint();
    // One frame: the WAL was restarted by the checkpoint's own small write (without it, the
    // 20 edits' frames would still be counted, and the next edit would restart the WAL).
    expect(frames()).toBe(1);
    durable.transaction(() => db.prepare('INSERT OR REPLACE INTO t VALUES (?, ?)').run('k0', 'after'));
    expect(frames()).toBeGreaterThan(1);
    expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
    durable.close();
    db.close();
  });

  it('an edit is acknowledged once the edit journal holds it; SQLite takes it after the reply, and every read through the store sees it at once', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    const store = app.ctx.storage.requireStore();
    const stored = () => app.ctx.db.prepare("SELECT value FROM cells WHERE draft_id = ? AND key = 't03!2010306!basic'").pluck().get(meta.id);
    const journalBytes = () => readFileSync(join(dataDir, DB_FILE + EDITS_SUFFIX));
    const result = app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', '4321')]);
    expect(result.meta.revision).toBe(meta.revision + 1);
    // In the journal, not yet in SQLite.
    expect(journalBytes().includes('"4321"')).toBe(true);
    expect(stored()).not.toBe('4321');
    // Read through the store: applied first.
    expect(store.content(meta.id).cells['t03!2010306!basic']).toBe('4321');
    expect(stored()).toBe('4321');
    expect(store.get(meta.id)?.revision).toBe(result.meta.revision);
    // Without a read, the turn after the reply applies it.
    app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', '4322')]);
    expect(stored()).toBe('4321');
    await new Promise((r) => setImmediate(r));
    expect(stored()).toBe('4322');
    await app.close();
  });

  it('journaled edits follow the record as any other write leaves it (a status change, an undo)', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    const drafts = app.ctx.drafts;
    const revisions: number[] = [drafts.applyBatch(meta.id, [edit('2010306', 'basic', '1')]).meta.revision];
    revisions.push(drafts.setStatus(meta.id, 'editing').revision);
    revisions.push(drafts.applyBatch(meta.id, [edit('2010306', 'basic', '2')]).meta.revision);
    revisions.push(drafts.undo(meta.id).meta.revision);
    revisions.push(drafts.applyBatch(meta.id, [edit('2010306', 'basic', '3')]).meta.revision);
    revisions.push(drafts.applyBatch(meta.id, [edit('2010306', 'basic', '4')]).meta.revision);
    expect(revisions).toEqual(revisions.map((_, i) => meta.revision + 1 + i));
    const store = app.ctx.storage.requireStore();
    expect(store.get(meta.id)?.revision).toBe(revisions.at(-1));
    expect(store.content(meta.id).cells['t03!2010306!basic']).toBe('4');
    await app.close();
  });

  it('a journaled edit applied inside a caller\'s transaction that fails is applied again after it', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    const store = app.ctx.storage.requireStore();
    app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', '777')]);
    expect(() =>
      app.ctx.db.transaction(() => {
        expect(store.content(meta.id).cells['t03!2010306!basic']).toBe('777');
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(store.content(meta.id).cells['t03!2010306!basic']).toBe('777');
    expect(store.get(meta.id)?.revision).toBe(meta.revision + 1);
    await app.close();
    const again = tempApp({ dataDir });
    expect(again.ctx.drafts.getSnapshot(meta.id).content.cells['t03!2010306!basic']).toBe('777');
    await again.close();
  });

  it('a pause makes SQLite durable and starts the journal over; a full journal starts over by itself', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    const journal = join(dataDir, DB_FILE + EDITS_SUFFIX);
    const records = () => {
      const { records, journal: j } = EditJournal.open(journal);
      j.close();
      return records.length;
    };
    for (let i = 0; i < 3; i++) app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', String(i))]);
    expect(records()).toBe(3);
    await new Promise((r) => setTimeout(r, 400));
    expect(records()).toBe(0);
    // Steps of 1.5 MB (the store keeps any text): the third does not fit in what is left, and
    // goes in after the journal starts over; one larger than the journal takes the transaction path.
    const store = app.ctx.storage.requireStore();
    const author = { id: 'u', name: '测试' };
    const step = (text: string) => store.commit(meta.id, { cells: [{ key: 't03!2010306!basic', old: null, new: text }], rows: [] }, '填写', author, new Date().toISOString());
    for (const c of 'abc') step(c.repeat(1_500_000));
    expect(records()).toBe(1);
    step('d'.repeat(5_000_000));
    expect(records()).toBe(1);
    expect(store.get(meta.id)?.revision).toBe(meta.revision + 7);
    expect(store.content(meta.id).cells['t03!2010306!basic']).toHaveLength(5_000_000);
    await app.close();
  });

  it('edits, rows, undo history and the cell log survive closing and reopening', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', '1,234.50')]);
    app.ctx.drafts.addRow(meta.id, 't03', '2010399');
    app.ctx.drafts.applyBatch(meta.id, [edit('2010399', 'basic', '7')]);
    await app.close();

    const again = tempApp({ dataDir });
    const snap = again.ctx.drafts.openDraft(meta.id);
    expect(snap.content.cells['t03!2010306!basic']).toBe('1234.5');
    expect(snap.content.cells['t03!2010399!basic']).toBe('7');
    expect(snap.content.rows.t03).toContain('2010399');
    expect(snap.meta.revision).toBe(3);
    expect(snap.canUndo).toBe(true);
    const log = again.ctx.drafts.cellLog(meta.id, { table: 't03', row: '2010306', col: 'basic' });
    expect(log[0]).toMatchObject({ user: '编制人', oldValue: '341.8', newValue: '1234.5' });
    // Undo after reopen reverts the last step that was recorded before closing.
    again.ctx.drafts.undo(meta.id);
    expect(again.ctx.drafts.getSnapshot(meta.id).content.cells['t03!2010399!basic']).toBeUndefined();
    await again.close();
  });

  it('a change writes its cells and logs each in order: a key given twice keeps its last value, null clears, any text is kept as typed', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    const store = app.ctx.storage.requireStore();
    const text = '说明："引号"、\\反斜杠\n换行 [1,"2"] {}';
    const at = '2026-12-07T00:00:00.000Z';
    const author = { id: 'u1', name: '编制人' };
    store.commit(meta.id, {
      cells: [
        { key: 't03!2010306!basic', old: '341.8', new: '5' },
        { key: 't03!2010306!basic', old: '5', new: '6' },
        { key: 't03!2010306!project', old: '67.5', new: null },
        { key: 'narrative!s01!text', old: null, new: text },
        { key: 't03!2010306!operating', old: null, new: '1' },
        { key: 't03!2010306!operating', old: '1', new: null },
        { key: 't03!2010306!superior', old: null, new: '2' },
        { key: 't03!2010306!superior', old: '2', new: null },
        { key: 't03!2010306!superior', old: null, new: '3' },
      ],
      rows: [],
    }, '填写', author, at);
    await app.close();

    const again = tempApp({ dataDir });
    const cells = again.ctx.storage.requireStore().content(meta.id).cells;
    expect(cells['t03!2010306!basic']).toBe('6');
    expect(cells['t03!2010306!project']).toBeUndefined();
    expect(cells['t03!2010306!operating']).toBeUndefined();
    expect(cells['t03!2010306!superior']).toBe('3');
    expect(cells['narrative!s01!text']).toBe(text);
    const log = again.ctx.drafts.cellLog(meta.id, { table: 't03', row: '2010306', col: 'basic' });
    expect(log.slice(0, 2).map((e) => [e.oldValue, e.newValue])).toEqual([['5', '6'], ['341.8', '5']]);
    await again.close();
  });

  it('runs in WAL mode with full sync and records every migration', () => {
    const app = tempApp({ dataDir: fresh() });
    const db = app.ctx.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    return app.close();
  });

  it('editing without pause keeps the WAL short: it is checkpointed between edits and rewritten in place', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    const meta = seedDraft(app);
    app.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const wal = join(dataDir, DB_FILE + '-wal');
    const editAndYield = async (i: number) => {
      app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', String(100 + i))]);
      await new Promise((r) => setImmediate(r)); // the next edit arrives as a new message
    };
    for (let i = 0; i < 400; i++) await editAndYield(i);
    const after400 = statSync(wal).size;
    for (let i = 400; i < 1200; i++) await editAndYield(i);
    // 800 more commits (≈ 20 MB of WAL frames) leave the file near the size the first ones
    // reached (one checkpoint interval may write a few more pages than another).
    expect(after400).toBeGreaterThan(0);
    expect(statSync(wal).size).toBeLessThan(after400 * 1.5);
    expect(app.ctx.drafts.getSnapshot(meta.id).content.cells['t03!2010306!basic']).toBe('1299');
    await app.close();
  });

  it('migrates a database of the first schema to the current one, keeping its data', async () => {
    const dataDir = fresh();
    const file = join(dataDir, DB_FILE);
    const v1 = openDatabase(file, storeMigrations.filter((m) => m.version === 1));
    v1.prepare(`INSERT INTO drafts VALUES ('d1', '435', '巨鹿县行政审批局', 2024, 'hebei-2024', 'editing', 4, '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z')`).run();
    v1.prepare(`INSERT INTO draft_rows VALUES ('d1', 't03', '["2010306"]')`).run();
    v1.prepare(`INSERT INTO cells VALUES ('d1', 't03!2010306!basic', '12.34')`).run();
    v1.prepare(`INSERT INTO cell_log (draft_id, at, user_name, key, old_value, new_value) VALUES ('d1', '2024-01-02T00:00:00Z', '张三', 't03!2010306!basic', NULL, '12.34')`).run();
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const app = tempApp({ dataDir });
    expect(app.ctx.db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
    const snap = app.ctx.drafts.openDraft('d1');
    expect(snap.meta).toMatchObject({ unitName: '巨鹿县行政审批局', revision: 4 });
    expect(snap.content).toEqual({ rows: { t03: ['2010306'] }, cells: { 't03!2010306!basic': '12.34' } });
    expect(app.ctx.drafts.cellLog('d1', undefined)[0]).toMatchObject({ user: '张三', newValue: '12.34' });
    // The tables of later versions work on the migrated data.
    app.ctx.drafts.applyBatch('d1', [edit('2010306', 'basic', '20')]);
    expect(app.ctx.drafts.undo('d1').cells['t03!2010306!basic']).toBe('12.34');
    app.ctx.drafts.setPriorContent('d1', { rows: {}, cells: { 't03!2010306!basic': '10' } });
    expect(app.ctx.drafts.getPriorContent('d1')?.cells['t03!2010306!basic']).toBe('10');
    await app.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const dataDir = fresh();
    const file = join(dataDir, DB_FILE);
    const db = openDatabase(file);
    db.prepare(`INSERT INTO schema_migrations VALUES (999, 'from the future', '2030-01-01')`).run();
    db.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(StoreOpenError);

    const app = tempApp({ dataDir });
    const info = await app.dispatch('app/info', {});
    expect(info.ok && (info.value as { recovery?: { kind: string; reason: string } }).recovery).toMatchObject({ kind: 'newer-version' });
    const list = await app.dispatch('drafts/list', {});
    expect(list).toMatchObject({ ok: false, error: { code: 'newer-version' } });
    expect(!list.ok && list.error.message).toContain('更新版本');
    await app.close();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  for (const [name, damage] of [
    ['garbage', (file: string) => writeFileSync(file, Buffer.from('this is not a database at all, just some text; '.repeat(200)))],
    ['truncated', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 3))],
    ['corrupted pages', (file: string) => {
      const buf = readFileSync(file);
      for (let i = 4096 + 100; i < buf.length; i += 7) buf[i] = 0xa5;
      writeFileSync(file, buf);
    }],
  ] as const) {
    it(`a ${name} database file yields the recovery path with the backups, not a crash`, async () => {
      const dataDir = fresh();
      const app = tempApp({ dataDir });
      const meta = seedDraft(app);
      await app.ctx.storage.idle(); // the backup taken on open
      const backup = await app.ctx.storage.backupNow();
      app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', '99')]);
      await app.close();
      const file = join(dataDir, DB_FILE);
      damage(file);
      const damagedBytes = readFileSync(file);

      const broken = tempApp({ dataDir });
      const info = await broken.dispatch('app/info', {});
      expect(info.ok).toBe(true);
      const recovery = info.ok ? (info.value as { recovery?: { kind: string; reason: string; backups: Array<{ file: string }> } }).recovery : undefined;
      expect(recovery?.kind).toBe('damaged');
      expect(recovery?.reason).toContain('损坏');
      expect(recovery?.backups.map((b) => b.file)).toContain(backup.file);
      expect(recovery?.backups.every((b) => (b as { verified?: boolean }).verified)).toBe(true);
      expect(await broken.dispatch('drafts/open', { draftId: meta.id })).toMatchObject({ ok: false, error: { code: 'damaged' } });

      const restored = await broken.dispatch('backups/restore', { file: recovery!.backups[0].file });
      expect(restored).toMatchObject({ ok: true, value: { restored: true } });
      const aside = (restored.ok && (restored.value as { movedAside: string }).movedAside) as string;
      expect(readFileSync(aside).equals(damagedBytes)).toBe(true); // moved aside, not overwritten
      const snap = await broken.dispatch('drafts/open', { draftId: meta.id });
      expect(snap).toMatchObject({ ok: true, value: { meta: { id: meta.id } } });
      expect((await broken.dispatch('app/info', {})) as { value: { recovery?: unknown } }).not.toHaveProperty('value.recovery');
      await broken.close();
    });
  }

  it('recovery without a backup: start empty keeps the damaged file aside', async () => {
    const dataDir = fresh();
    writeFileSync(join(dataDir, DB_FILE), 'garbage'.repeat(100));
    const app = tempApp({ dataDir });
    const r = await app.dispatch('recovery/startEmpty', {});
    expect(r).toMatchObject({ ok: true, value: { started: true } });
    expect(existsSync((r as { value: { movedAside: string } }).value.movedAside)).toBe(true);
    expect(await app.dispatch('drafts/list', {})).toEqual({ ok: true, value: [] });
    await app.close();
  });

  it('backs up on open and after the interval of editing, keeping the last K', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir, keepBackups: 3, backupIntervalMs: 0 });
    await app.ctx.storage.idle();
    expect(app.ctx.storage.listBackups()).toHaveLength(1); // on open
    const meta = seedDraft(app);
    for (let i = 0; i < 6; i++) {
      app.ctx.drafts.applyBatch(meta.id, [edit('2010306', 'basic', String(100 + i))]);
      await app.ctx.storage.idle();
    }
    const backups = app.ctx.storage.listBackups();
    expect(backups).toHaveLength(3);
    expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(3);
    // The newest backup holds the latest edit: a real, readable SQLite copy.
    const copy = new Database(join(dataDir, 'backups', backups[0].file), { readonly: true });
    expect(copy.prepare(`SELECT value FROM cells WHERE key = 't03!2010306!basic'`).pluck().get()).toBe('105');
    copy.close();
    await app.close();
  });

  it('restore refuses names that are not backups of the folder, and damaged backups', async () => {
    const dataDir = fresh();
    const app = tempApp({ dataDir });
    for (const file of ['../budget-desk.sqlite', '/etc/passwd', 'budget-desk-20990101T000000000Z.sqlite']) {
      const r = await app.dispatch('backups/restore', { file });
      expect(r.ok).toBe(false);
    }
    const bad = 'budget-desk-20200101T000000000Z.sqlite';
    writeFileSync(join(dataDir, 'backups', bad), 'not a database');
    expect(app.ctx.storage.listBackups({ verify: true }).find((b) => b.file === bad)?.verified).toBe(false);
    expect(await app.dispatch('backups/restore', { file: bad })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(app.ctx.storage.isOpen).toBe(true); // the working database was not touched
    await app.close();
  });

  it('keeps a bounded undo history: the last 500 steps, older ones dropped when editing pauses, not by an edit\'s commit', async () => {
    const app = tempApp({ dataDir: fresh() });
    const meta = seedDraft(app);
    const store = app.ctx.storage.requireStore();
    app.ctx.db.pragma('synchronous = OFF'); // speed only: durability is not under test here
    const steps = () => app.ctx.db.prepare('SELECT COUNT(*) FROM history WHERE draft_id = ?').pluck().get(meta.id) as number;
    for (let i = 0; i < 620; i++) {
      store.commit(meta.id, { cells: [{ key: 't03!2010306!basic', old: String(i), new: String(i + 1) }], rows: [] }, '填写', { id: 'u', name: 'u' }, 'at');
      app.ctx.storage.noteEdit();
      if (i % 100 === 99 && i < 600) await new Promise((r) => setImmediate(r)); // edits one after another, no pause
    }
    expect(steps()).toBeGreaterThan(500);
    await new Promise((r) => setTimeout(r, 600)); // a pause
    expect(steps()).toBe(500);
    expect(store.peekUndo(meta.id)?.change.cells[0].new).toBe('620');
    await app.close();
  });
});
