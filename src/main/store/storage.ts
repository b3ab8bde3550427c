import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fail } from '../../shared/api/common';
import type { BackupInfo } from '../../shared/api/store';
import type { DraftMeta } from '../../shared/draft';
import { openDatabase, StoreOpenError, type Db } from './database';
import { CELL_LOG_KEEP, DraftStore } from './draft-store';
import { EDITS_SUFFIX } from './journal';
import { draftsOf, lostSince, MarkerFile, readMarker } from './marker';
import { backupsToKeep, backupTime, DEFAULT_ROTATION, type RotationPolicy } from './rotation';

export interface StorageOptions {
  dataDir: string;
  /** Back up again after this much time of editing (default 10 minutes). */
  backupIntervalMs?: number;
  /** Newest backups always kept (default 10); older ones are kept by day, by week and by draft (./rotation.ts). */
  keepBackups?: number;
  /** Days and weeks of daily and weekly backups kept (default 7 and 5). */
  rotation?: Partial<Omit<RotationPolicy, 'newest'>>;
  /** Cell log entries kept in full (default CELL_LOG_KEEP). */
  cellLogKeep?: number;
}

export interface Recovery {
  /**
   * 'damaged': unreadable file; 'newer-version': written by a newer app; 'missing': the file is
   * gone or empty while backups or the marker show there were drafts; 'behind': the file opens
   * but holds less than the app acknowledged (a lost -wal, an old copy).
   */
  kind: 'damaged' | 'newer-version' | 'missing' | 'behind';
  reason: string;
  /** What was acknowledged and is not in the database, in words. */
  lost: string[];
}

/** What rotation and the start know of each backup without opening it again. */
interface ManifestEntry {
  drafts: string[];
  /** The state of the database it copies (see stateKey): an unchanged database is not backed up again at start. */
  state?: string;
}
const MANIFEST = 'manifest.json';

export const DB_FILE = 'budget-desk.sqlite';
const BACKUP_PATTERN = /^budget-desk-\d{8}T\d{9}Z(-\d+)?\.sqlite$/;
/** Commits between WAL checkpoints while edits come without pause (≈ 25 KB of WAL each). */
const CHECKPOINT_EVERY = 200;

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

/**
 * The database file of the data folder and its lifecycle: open with checks, online backups
 * that rotate, and the recovery path when the file is damaged (the damaged file is moved
 * aside, never overwritten).
 */
export class Storage {
  readonly file: string;
  readonly backupsDir: string;
  private readonly marker: MarkerFile;
  private db: Db | null = null;
  private store: DraftStore | null = null;
  recovery: Recovery | null = null;
  /** Called after the database was swapped (restore, fresh start). */
  readonly onReopen: Array<() => void> = [];
  /**
   * Tables whose current rows survive a restore (merged into the restored database, the current
   * row winning): the review domain lists its accounts and trusted keys, so restoring a backup
   * older than the accounts never wipes them.
   */
  readonly keepOnRestore: string[] = [];
  /** Called after every backup written. */
  readonly onBackup: Array<(info: BackupInfo) => void> = [];
  private readonly intervalMs: number;
  private readonly policy: RotationPolicy;
  private readonly cellLogKeep: number;
  private editsSinceCompaction = 0;
  private lastBackupAt = 0;
  private pending: Promise<unknown> = Promise.resolve();
  private backingUp = false;

  constructor(readonly options: StorageOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.file = join(options.dataDir, DB_FILE);
    this.marker = new MarkerFile(this.file);
    this.backupsDir = join(options.dataDir, 'backups');
    mkdirSync(this.backupsDir, { recursive: true });
    // A backup cut short by a crash leaves a .part file (and its rollback journal): never a
    // backup. Backups are only ever opened by this app, so a -wal/-shm beside one is a leftover.
    for (const f of readdirSync(this.backupsDir)) {
      if (/\.sqlite\.part(-journal|-wal|-shm)?$/.test(f) || /\.sqlite-(wal|shm)$/.test(f)) rmSync(join(this.backupsDir, f), { force: true });
    }
    this.intervalMs = options.backupIntervalMs ?? 10 * 60_000;
    this.policy = { ...DEFAULT_ROTATION, ...options.rotation, newest: Math.max(1, options.keepBackups ?? DEFAULT_ROTATION.newest) };
    this.cellLogKeep = options.cellLogKeep ?? CELL_LOG_KEEP;
  }

  /**
   * Open the database; on damage, a newer schema, a missing or emptied file while there were
   * drafts, or a file behind what was acknowledged, enter recovery instead of throwing (and
   * take no backup: the backups are what recovery needs).
   */
  open(options: { fresh?: boolean } = {}): void {
    const marker = readMarker(this.file);
    const size = existsSync(this.file) ? statSync(this.file).size : null;
    if ((size === null || size === 0) && !options.fresh) {
      const marked = Object.keys(marker?.drafts ?? {}).length;
      const backedUp = marked ? null : this.newestBackupWithDrafts();
      if (marked || backedUp) {
        const what = size === null ? '数据库文件不见了' : '数据库文件是空的（0 字节）';
        const evidence = marked ? `上次确认保存时有 ${marked} 份预算稿` : `备份 ${backedUp} 中还有预算稿`;
        this.enterRecovery({ kind: 'missing', reason: `${what}，但${evidence}：数据没有了。请从备份恢复`, lost: lostSince(marker, {}) });
        return;
      }
    }
    let db: Db;
    let store: DraftStore;
    try {
      db = openDatabase(this.file);
    } catch (err) {
      if (!(err instanceof StoreOpenError)) {
        throw new Error(`无法打开数据文件 ${this.file}（${(err as Error).message}）。请检查数据文件夹是否存在、可写，磁盘是否已满。`, { cause: err });
      }
      this.enterRecovery({ kind: err.kind, reason: err.message, lost: [] });
      return;
    }
    try {
      // Replays the edits the journal holds and the database lacks (a crash came first).
      store = new DraftStore(db, this.file + EDITS_SUFFIX);
    } catch (err) {
      db.close();
      throw new Error(`无法读取修改日志 ${this.file + EDITS_SUFFIX}（${(err as Error).message}）。请检查数据文件夹是否可写，磁盘是否已满。`, { cause: err });
    }
    const lost = lostSince(marker, draftsOf(db));
    if (lost.length) {
      store.close();
      db.close();
      this.enterRecovery({
        kind: 'behind',
        reason: '数据库比程序最后确认保存的内容旧（可能是 -wal 日志文件被删除或损坏，或数据库文件被换成了旧副本），部分已保存的修改不在其中',
        lost,
      });
      return;
    }
    this.db = db;
    this.store = store;
    this.recovery = null;
    this.compactLog();
    this.marker.write(draftsOf(db));
    // An unchanged database is not copied again at every start.
    const newest = this.listBackups()[0];
    if (newest && this.manifest()[newest.file]?.state === stateKey(db)) this.lastBackupAt = Date.now();
    else this.backupInBackground();
  }

  private enterRecovery(recovery: Recovery): void {
    this.db = null;
    this.store = null;
    this.recovery = recovery;
  }

  /** The newest backup holding at least one draft (read-only look, newest first), or null. */
  private newestBackupWithDrafts(): string | null {
    const manifest = this.manifest();
    for (const b of this.listBackups()) {
      const drafts = manifest[b.file]?.drafts ?? readBackupDrafts(join(this.backupsDir, b.file));
      if (drafts && drafts.length) return b.file;
    }
    return null;
  }

  /** Recovery of a database behind its marker, by keeping it as it is: the marker is set to what it holds. */
  async keepCurrent(): Promise<{ kept: true }> {
    if (this.recovery?.kind !== 'behind') fail('conflict', '只有数据库比最后确认保存的内容旧时才能选择“保留现有数据”');
    await this.idle();
    const db = openDatabase(this.file);
    this.marker.write(draftsOf(db));
    db.close();
    this.reopen();
    return { kept: true };
  }

  private compactLog(): void {
    try {
      this.store?.compactCellLog(this.cellLogKeep);
    } catch (err) {
      console.error('整理修改记录失败：', err);
    }
  }

  get isOpen(): boolean {
    return this.db !== null;
  }

  /**
   * The open database. The drafts' own tables are read through the store (requireStore), which
   * has the edits the journal holds applied first (DraftStore.settle).
   */
  requireDb(): Db {
    if (!this.db) this.refuse();
    return this.db;
  }

  requireStore(): DraftStore {
    if (!this.store) this.refuse();
    return this.store;
  }

  private refuse(): never {
    const r = this.recovery;
    if (r) fail(errorCode(r), `${r.reason}。请在“恢复”页面选择一个备份恢复。`);
    fail('io', '数据库尚未打开');
  }

  // ------------------------------------------------------------------ backups

  /** Backups, newest first; with verify, each is opened and checked (for the recovery page). */
  listBackups(options: { verify?: boolean } = {}): BackupInfo[] {
    if (!existsSync(this.backupsDir)) return [];
    return readdirSync(this.backupsDir)
      .filter((f) => BACKUP_PATTERN.test(f))
      .sort()
      .reverse()
      .map((f) => {
        const path = join(this.backupsDir, f);
        const st = statSync(path);
        const info: BackupInfo = { file: f, createdAt: new Date(backupTime(f) ?? st.mtime.getTime()).toISOString(), sizeBytes: st.size };
        if (options.verify) {
          info.verified = backupIsReadable(path);
          const drafts = info.verified ? (this.manifest()[f]?.drafts ?? readBackupDrafts(path)) : null;
          if (drafts) info.drafts = drafts.length;
        }
        return info;
      });
  }

  private manifestCache: Record<string, ManifestEntry> | null = null;

  private manifest(): Record<string, ManifestEntry> {
    if (!this.manifestCache) {
      try {
        this.manifestCache = JSON.parse(readFileSync(join(this.backupsDir, MANIFEST), 'utf8')) as Record<string, ManifestEntry>;
      } catch {
        this.manifestCache = {};
      }
    }
    return this.manifestCache;
  }

  private saveManifest(entries: Record<string, ManifestEntry>): void {
    this.manifestCache = entries;
    const file = join(this.backupsDir, MANIFEST);
    try {
      writeFileSync(file + '.tmp', JSON.stringify(entries));
      renameSync(file + '.tmp', file);
    } catch (err) {
      console.error('写入备份清单失败：', err);
    }
  }

  /** SQLite online backup of the open database, then rotation to the last K. */
  async backupNow(): Promise<BackupInfo> {
    const db = this.requireDb();
    this.store?.settle();
    let name = `budget-desk-${stamp()}.sqlite`;
    for (let i = 1; existsSync(join(this.backupsDir, name)); i++) name = `budget-desk-${stamp()}-${i}.sqlite`;
    const target = join(this.backupsDir, name);
    const partial = target + '.part';
    this.backingUp = true;
    let entry: ManifestEntry;
    try {
      const state = stateKey(db);
      await db.backup(partial);
      entry = { drafts: finishBackup(partial), state };
      renameSync(partial, target);
    } catch (err) {
      for (const f of [partial, partial + '-journal']) rmSync(f, { force: true });
      throw err;
    } finally {
      this.backingUp = false;
    }
    this.saveManifest({ ...this.manifest(), [name]: entry });
    this.lastBackupAt = Date.now();
    this.rotate();
    const info = this.listBackups().find((b) => b.file === name)!;
    for (const hook of this.onBackup) hook(info);
    return info;
  }

  /**
   * After an edit: record it as acknowledged; the upkeep (old undo steps, the cell log, the
   * WAL checkpoint) waits until editing pauses; back up when the last backup is older than
   * the interval.
   */
  noteEdit(meta?: DraftMeta): void {
    // The change is on disk (in the edit journal, or its commit synced the WAL): record it as
    // acknowledged. A change of a draft the marker lists moves its revision; anything else (a
    // new or deleted draft) has the list read again, with every step in SQLite first.
    if (this.db && !(meta && this.marker.advance(meta.id, { revision: meta.revision, unitName: meta.unitName, year: meta.year }))) {
      this.store?.settle();
      this.marker.write(draftsOf(this.db));
    }
    this.editsSinceCompaction++;
    this.scheduleCheckpoint();
    if (!this.backingUp && Date.now() - this.lastBackupAt >= this.intervalMs) this.backupInBackground();
  }

  private checkpointTimer: NodeJS.Timeout | null = null;

  /**
   * Move the WAL into the database file 300 ms after the last edit, or, when edits do not
   * pause, right after the edit that brings the WAL to CHECKPOINT_EVERY commits (once it has
   * been acknowledged, so no edit waits for it). A short WAL is rewritten in place from its
   * start, and an fsync of written-over blocks is quicker than one that grows the file.
   */
  private scheduleCheckpoint(): void {
    if (this.checkpointDue) return;
    if (++this.uncheckpointed >= CHECKPOINT_EVERY) {
      if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
      this.checkpointTimer = null;
      this.checkpointDue = setImmediate(() => this.checkpoint());
      return;
    }
    // Each edit moves the same timer on (no new timer per edit).
    if (this.checkpointTimer) this.checkpointTimer.refresh();
    else this.checkpointTimer = setTimeout(() => this.checkpoint(), 300).unref();
  }

  private checkpointDue: NodeJS.Immediate | null = null;

  private uncheckpointed = 0;

  private checkpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    this.checkpointDue = null;
    this.uncheckpointed = 0;
    this.upkeep();
    try {
      this.store?.checkpoint();
    } catch (err) {
      console.error('WAL checkpoint failed:', err);
    }
  }

  /** What edits leave to do when editing pauses: old undo steps dropped, the cell log compacted now and then. */
  private upkeep(): void {
    try {
      this.store?.pruneHistory();
    } catch (err) {
      console.error('整理撤销记录失败：', err);
    }
    if (this.editsSinceCompaction >= 1000) {
      this.editsSinceCompaction = 0;
      if ((this.store?.cellLogSize() ?? 0) > this.cellLogKeep * 1.5) this.compactLog();
    }
  }

  private backupInBackground(): void {
    this.lastBackupAt = Date.now();
    this.pending = this.pending
      .then(() => (this.db ? this.backupNow() : undefined))
      .catch((err) => console.error('备份失败：', err));
  }

  /** Resolves when no backup is running. */
  async idle(): Promise<void> {
    await this.pending;
  }

  /** Delete the backups no generation and no draft needs any more (./rotation.ts). */
  private rotate(): void {
    const manifest = { ...this.manifest() };
    const entries = this.listBackups().map((b) => {
      if (!manifest[b.file]) {
        const drafts = readBackupDrafts(join(this.backupsDir, b.file));
        if (drafts) manifest[b.file] = { drafts };
      }
      return { file: b.file, at: Date.parse(b.createdAt), drafts: manifest[b.file]?.drafts ?? null };
    });
    const keep = backupsToKeep(entries, this.policy, Date.now());
    for (const e of entries) {
      if (keep.has(e.file)) continue;
      rmSync(join(this.backupsDir, e.file), { force: true });
      delete manifest[e.file];
    }
    for (const f of Object.keys(manifest)) if (!entries.some((e) => e.file === f)) delete manifest[f];
    this.saveManifest(manifest);
  }

  // ------------------------------------------------------------------ recovery

  /** Replace the database by a backup; the current file is moved aside first. */
  async restore(file: string): Promise<{ restored: true; movedAside?: string }> {
    if (!BACKUP_PATTERN.test(file) || basename(file) !== file) fail('bad-request', `“${file}”不是备份文件名，请从备份列表中选择`);
    const source = join(this.backupsDir, file);
    if (!existsSync(source)) fail('not-found', `找不到备份 ${file}`);
    if (!backupIsReadable(source)) fail('damaged', `备份 ${file} 也已损坏，请选择更早的备份`);
    await this.idle();
    const kept = this.db ? readTables(this.db, this.keepOnRestore) : {};
    const movedAside = this.closeAndMoveAside(this.recovery?.kind ?? 'before-restore');
    copyFileSync(source, this.file);
    // The restored file is the new truth: what it lacks was chosen, not lost.
    const restored = openDatabase(this.file);
    try {
      mergeTables(restored, kept);
      this.marker.write(draftsOf(restored));
    } finally {
      restored.close();
    }
    this.reopen();
    return { restored: true, ...(movedAside && { movedAside }) };
  }

  /** Recovery without a usable backup: keep the damaged file aside and start empty. */
  async startEmpty(): Promise<{ started: true; movedAside?: string }> {
    if (!this.recovery) fail('conflict', '数据库完好，无需重新开始');
    await this.idle();
    const movedAside = this.closeAndMoveAside(this.recovery.kind);
    this.marker.write({});
    this.reopen({ fresh: true });
    return { started: true, ...(movedAside && { movedAside }) };
  }

  private reopen(options: { fresh?: boolean } = {}): void {
    this.open(options);
    if (this.recovery) fail(errorCode(this.recovery), this.recovery.reason);
    for (const hook of this.onReopen) hook();
  }

  private closeAndMoveAside(reason: string): string | undefined {
    this.closeDatabase();
    const aside = `${this.file}.${reason}-${stamp()}`;
    const found = existsSync(this.file);
    if (found) renameSync(this.file, aside);
    // The edit journal goes with its database (even one gone missing): it holds edits of that file, never of the next one.
    for (const ext of ['-wal', '-shm', EDITS_SUFFIX]) if (existsSync(this.file + ext)) renameSync(this.file + ext, aside + ext);
    return found ? aside : undefined;
  }

  async close(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    if (this.checkpointDue) clearImmediate(this.checkpointDue);
    await this.idle();
    this.upkeep();
    this.closeDatabase();
    this.marker.close();
  }

  private closeDatabase(): void {
    this.store?.close();
    this.db?.close();
    this.db = null;
    this.store = null;
  }
}

type Rows = Record<string, Array<Record<string, unknown>>>;

function readTables(db: Db, tables: string[]): Rows {
  const out: Rows = {};
  for (const t of tables) {
    try {
      out[t] = db.prepare(`SELECT * FROM "${t}"`).all() as Array<Record<string, unknown>>;
    } catch (err) {
      console.error(`恢复前读取 ${t} 失败：`, err);
    }
  }
  return out;
}

/** Upsert rows into a database by each table's primary key (columns the table has); a row that conflicts otherwise is logged and skipped. */
function mergeTables(db: Db, rows: Rows): void {
  db.transaction(() => {
    for (const [table, list] of Object.entries(rows)) {
      const info = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string; pk: number }>;
      const keys = info.filter((c) => c.pk > 0).map((c) => c.name);
      if (!keys.length || !list.length) continue;
      const cols = info.map((c) => c.name).filter((c) => c in list[0]);
      const update = cols.filter((c) => !keys.includes(c));
      const sql =
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')}) ` +
        `ON CONFLICT (${keys.map((c) => `"${c}"`).join(', ')}) ` +
        (update.length ? `DO UPDATE SET ${update.map((c) => `"${c}" = excluded."${c}"`).join(', ')}` : 'DO NOTHING');
      const stmt = db.prepare(sql);
      for (const r of list) {
        try {
          stmt.run(Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
        } catch (err) {
          console.error(`恢复时保留 ${table} 的一行失败：`, err);
        }
      }
    }
  })();
}

function errorCode(r: Recovery): 'damaged' | 'newer-version' {
  return r.kind === 'newer-version' ? 'newer-version' : 'damaged';
}

/**
 * A fresh backup becomes a self-contained file: rollback journal instead of WAL (so opening it
 * to verify or list it leaves no -wal/-shm), compacted when the copy carries much free space
 * (a compacted cell log). Returns the ids of the drafts it holds.
 */
function finishBackup(file: string): string[] {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free > 256 && free > pages * 0.2) db.exec('VACUUM');
    return db.prepare('SELECT id FROM drafts').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Open a backup read-only; whatever SQLite creates beside it (-wal/-shm of an old WAL-mode backup) is removed after. */
function readOnly<T>(file: string, fn: (db: Db) => T): T {
  const leftovers = ['-wal', '-shm'].map((ext) => file + ext).filter((f) => !existsSync(f));
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  } finally {
    for (const f of leftovers) rmSync(f, { force: true });
  }
}

/** A backup opens read-only and passes the integrity check. */
export function backupIsReadable(file: string): boolean {
  try {
    return readOnly(file, (db) => db.pragma('quick_check', { simple: true }) === 'ok');
  } catch {
    return false;
  }
}

/** The draft ids a backup holds, or null when it cannot be read. */
function readBackupDrafts(file: string): string[] | null {
  try {
    return readOnly(file, (db) => db.prepare('SELECT id FROM drafts').pluck().all() as string[]);
  } catch {
    return null;
  }
}

/**
 * The state of a database in a few numbers: each draft's revision and status, and the row
 * count of every table (comments, signatures, accounts …), hashed. Equal keys: nothing to back up.
 */
function stateKey(db: Db): string {
  const hash = createHash('sha256');
  for (const r of db.prepare('SELECT id, revision, status, updated_at FROM drafts ORDER BY id').raw().all()) hash.update(JSON.stringify(r));
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) hash.update(`${t}:${String(db.prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get())}`);
  return hash.digest('hex');
}
