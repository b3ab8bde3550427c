import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fail } from '../../shared/api/common';
import type { BackupInfo } from '../../shared/api/store';
import { openDatabase, StoreOpenError, type Db } from './database';
import { DraftStore } from './draft-store';

export interface StorageOptions {
  dataDir: string;
  /** Back up again after this much time of editing (default 10 minutes). */
  backupIntervalMs?: number;
  /** Backups kept (default 10). */
  keepBackups?: number;
}

export interface Recovery {
  kind: 'damaged' | 'newer-version';
  reason: string;
}

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
  private db: Db | null = null;
  private store: DraftStore | null = null;
  recovery: Recovery | null = null;
  /** Called after the database was swapped (restore, fresh start). */
  readonly onReopen: Array<() => void> = [];
  /** Called after every backup written. */
  readonly onBackup: Array<(info: BackupInfo) => void> = [];
  private readonly intervalMs: number;
  private readonly keep: number;
  private lastBackupAt = 0;
  private pending: Promise<unknown> = Promise.resolve();
  private backingUp = false;

  constructor(readonly options: StorageOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.file = join(options.dataDir, DB_FILE);
    this.backupsDir = join(options.dataDir, 'backups');
    mkdirSync(this.backupsDir, { recursive: true });
    // A backup cut short by a crash leaves a .part file: never a backup, remove it.
    for (const f of readdirSync(this.backupsDir)) if (f.endsWith('.sqlite.part')) rmSync(join(this.backupsDir, f), { force: true });
    this.intervalMs = options.backupIntervalMs ?? 10 * 60_000;
    this.keep = Math.max(1, options.keepBackups ?? 10);
  }

  /** Open the database; on damage or a newer schema, enter recovery instead of throwing. */
  open(): void {
    try {
      this.db = openDatabase(this.file);
      this.store = new DraftStore(this.db);
      this.recovery = null;
      this.backupInBackground();
    } catch (err) {
      if (!(err instanceof StoreOpenError)) {
        throw new Error(`无法打开数据文件 ${this.file}（${(err as Error).message}）。请检查数据文件夹是否存在、可写，磁盘是否已满。`, { cause: err });
      }
      this.db = null;
      this.store = null;
      this.recovery = { kind: err.kind, reason: err.message };
    }
  }

  get isOpen(): boolean {
    return this.db !== null;
  }

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
    if (r) fail(r.kind, `${r.reason}。请在“恢复”页面选择一个备份恢复。`);
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
        const info: BackupInfo = { file: f, createdAt: st.mtime.toISOString(), sizeBytes: st.size };
        if (options.verify) info.verified = backupIsReadable(path);
        return info;
      });
  }

  /** SQLite online backup of the open database, then rotation to the last K. */
  async backupNow(): Promise<BackupInfo> {
    const db = this.requireDb();
    let name = `budget-desk-${stamp()}.sqlite`;
    for (let i = 1; existsSync(join(this.backupsDir, name)); i++) name = `budget-desk-${stamp()}-${i}.sqlite`;
    const target = join(this.backupsDir, name);
    const partial = target + '.part';
    this.backingUp = true;
    try {
      await db.backup(partial);
      renameSync(partial, target);
    } catch (err) {
      rmSync(partial, { force: true });
      throw err;
    } finally {
      this.backingUp = false;
    }
    this.lastBackupAt = Date.now();
    this.rotate();
    const info = this.listBackups().find((b) => b.file === name)!;
    for (const hook of this.onBackup) hook(info);
    return info;
  }

  /** After an edit: checkpoint the WAL once editing pauses; back up when the last backup is older than the interval. */
  noteEdit(): void {
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
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    if (++this.uncheckpointed >= CHECKPOINT_EVERY) {
      this.checkpointDue = setImmediate(() => this.checkpoint());
      return;
    }
    this.checkpointTimer = setTimeout(() => this.checkpoint(), 300);
    this.checkpointTimer.unref();
  }

  private checkpointDue: NodeJS.Immediate | null = null;

  private uncheckpointed = 0;

  private checkpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    this.checkpointDue = null;
    this.uncheckpointed = 0;
    try {
      this.db?.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      console.error('WAL checkpoint failed:', err);
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

  private rotate(): void {
    for (const old of this.listBackups().slice(this.keep)) rmSync(join(this.backupsDir, old.file), { force: true });
  }

  // ------------------------------------------------------------------ recovery

  /** Replace the database by a backup; the current file is moved aside first. */
  async restore(file: string): Promise<{ restored: true; movedAside?: string }> {
    if (!BACKUP_PATTERN.test(file) || basename(file) !== file) fail('bad-request', `“${file}”不是备份文件名，请从备份列表中选择`);
    const source = join(this.backupsDir, file);
    if (!existsSync(source)) fail('not-found', `找不到备份 ${file}`);
    if (!backupIsReadable(source)) fail('damaged', `备份 ${file} 也已损坏，请选择更早的备份`);
    await this.idle();
    const movedAside = this.closeAndMoveAside(this.recovery?.kind ?? 'before-restore');
    copyFileSync(source, this.file);
    this.reopen();
    return { restored: true, ...(movedAside && { movedAside }) };
  }

  /** Recovery without a usable backup: keep the damaged file aside and start empty. */
  async startEmpty(): Promise<{ started: true; movedAside?: string }> {
    if (!this.recovery) fail('conflict', '数据库完好，无需重新开始');
    await this.idle();
    const movedAside = this.closeAndMoveAside(this.recovery.kind);
    this.reopen();
    return { started: true, ...(movedAside && { movedAside }) };
  }

  private reopen(): void {
    this.open();
    if (this.recovery) fail(this.recovery.kind, this.recovery.reason);
    for (const hook of this.onReopen) hook();
  }

  private closeAndMoveAside(reason: string): string | undefined {
    this.db?.close();
    this.db = null;
    this.store = null;
    if (!existsSync(this.file)) return undefined;
    const aside = `${this.file}.${reason}-${stamp()}`;
    renameSync(this.file, aside);
    for (const ext of ['-wal', '-shm']) if (existsSync(this.file + ext)) renameSync(this.file + ext, aside + ext);
    return aside;
  }

  async close(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    if (this.checkpointDue) clearImmediate(this.checkpointDue);
    await this.idle();
    this.db?.close();
    this.db = null;
    this.store = null;
  }
}

/** A backup opens read-only and passes the integrity check. */
export function backupIsReadable(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const r = db.pragma('quick_check', { simple: true });
      return r === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
