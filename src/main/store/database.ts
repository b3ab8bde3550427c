import Database from 'better-sqlite3';
import { closeSync, existsSync, fdatasyncSync, openSync, readSync, statSync } from 'node:fs';
import { LAST_RANGED_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';
import { prepared } from './statements';

export type Db = Database.Database;

/** Why a database file could not be opened: damaged, or written by a newer version of the app. */
export class StoreOpenError extends Error {
  constructor(
    readonly kind: 'damaged' | 'newer-version',
    message: string,
  ) {
    super(message);
  }
}

const SQLITE_HEADER = 'SQLite format 3\0';

function headerIsSqlite(file: string): boolean {
  const size = statSync(file).size;
  if (size === 0) return true; // an empty file is a new database
  if (size < 100) return false;
  const buf = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return buf.toString('latin1') === SQLITE_HEADER;
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code === 'SQLITE_IOERR_SHORT_READ';
}

/** Highest schema version this build knows. */
export function currentSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Open (or create) a store database: refuse a file that is not SQLite or fails the integrity
 * check (damaged) or was written by a newer schema (newer-version); then WAL, full sync,
 * foreign keys, and every missing migration applied in version order, each recorded.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (existsSync(file) && !headerIsSqlite(file)) {
    throw new StoreOpenError('damaged', '数据库文件已损坏（不是有效的 SQLite 文件）');
  }
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is synced at every commit, so an acknowledged edit survives power loss too.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Checkpoints run when editing pauses (Storage.noteEdit), not inside an edit's commit.
    db.pragma('wal_autocheckpoint = 0');
    const check = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    if (check.length !== 1 || check[0].integrity_check !== 'ok') {
      throw new StoreOpenError('damaged', `数据库文件已损坏：${check.slice(0, 3).map((r) => r.integrity_check).join('；')}`);
    }
    migrate(db, migrations);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof StoreOpenError) throw err;
    if (isCorruption(err)) throw new StoreOpenError('damaged', `数据库文件已损坏，无法读取（${(err as Error).message}）`);
    throw err;
  }
}

/** Applied versions of a database. */
export function appliedVersions(db: Db): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[]);
}

/**
 * Apply the migrations a database lacks, in sequence order. What it has applied must be a
 * prefix of the sequence (gaps up to LAST_RANGED_VERSION aside, see ./migrations); anything
 * else was written by another build and is left untouched.
 */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const applied = new Set(appliedVersions(db));
  const known = currentSchemaVersion(migrations);
  const unknown = [...applied].filter((v) => !migrations.some((m) => m.version === v));
  if (unknown.length) {
    throw new StoreOpenError(
      'newer-version',
      `此数据库由更新版本的 Budget Desk 创建（数据结构版本 ${Math.max(...unknown)}），当前程序只支持到版本 ${known}。请安装新版本后再打开，数据库未做任何改动。`,
    );
  }
  const last = migrations.findLastIndex((m) => applied.has(m.version));
  const gap = migrations.slice(0, Math.max(last, 0)).find((m) => !applied.has(m.version) && m.version > LAST_RANGED_VERSION);
  if (gap) {
    throw new StoreOpenError(
      'newer-version',
      `此数据库的数据结构缺少版本 ${gap.version}（${gap.name}），却已有更晚的版本，不是本程序任何版本能生成的状态，可能由其他版本的 Budget Desk 改动过。数据库未做任何改动，请联系技术支持。`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.version} leaves ${broken.length} broken references`);
        }
        record.run(m.version, m.name, new Date().toISOString());
      })();
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  db.pragma(`user_version = ${known}`);
}

/**
 * Write transactions of one connection that are on disk when they return, each made durable by
 * one fdatasync of the WAL. SQLite as built here has no fdatasync: at synchronous = FULL each
 * commit is an fsync, which also writes the file's times through the file system's journal,
 * while an fdatasync of a WAL rewritten in place writes only its blocks. So the commit runs at
 * synchronous = NORMAL (a WAL database stays consistent through a crash at that level) and
 * the WAL is synced here before returning; every other write of the connection stays FULL.
 *
 * The WAL is synced through a descriptor opened once and kept for the connection's life, as
 * SQLite keeps its own: it is the same file SQLite writes, even if its name were removed.
 * `close` it before the connection closes.
 */
export class DurableWriter {
  private wal: number | null = null;

  constructor(private readonly db: Db) {}

  /**
   * Run fn in a transaction, on disk when this returns; with `sync: false` consistent but not
   * yet synced (for what another file already holds durably: the edit journal).
   */
  transaction<T>(fn: () => T, options: { sync?: boolean } = {}): T {
    const db = this.db;
    if (db.memory || db.inTransaction) return db.transaction(fn)();
    prepared(db, 'PRAGMA synchronous = NORMAL').run();
    let value: T;
    try {
      value = db.transaction(fn)();
    } finally {
      prepared(db, 'PRAGMA synchronous = FULL').run();
    }
    if (options.sync !== false) this.syncWal();
    return value;
  }

  /** Make every transaction committed so far durable. */
  syncWal(): void {
    if (this.db.memory) return;
    this.wal ??= openSync(`${this.db.name}-wal`, 'r');
    fdatasyncSync(this.wal);
  }

  /**
   * Move the WAL into the database file, and when all of it has moved, start it over now. The
   * first write into a WAL checkpointed to its end restarts it from its start, and SQLite then
   * writes the WAL's new header and fsyncs it before that write's own frames: an fsync with
   * the file's metadata, which an edit would otherwise pay. One small write of the connection's
   * own (user_version set to itself) pays it here, in a pause.
   */
  checkpoint(): void {
    const [moved] = this.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (!moved || moved.busy !== 0 || moved.log <= 0 || moved.checkpointed !== moved.log) return; // nothing moved, or not all (a reader)
    const version = this.db.pragma('user_version', { simple: true }) as number;
    this.transaction(() => this.db.pragma(`user_version = ${version}`));
  }

  close(): void {
    if (this.wal !== null) closeSync(this.wal);
    this.wal = null;
  }
}
