import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempApp, tempDir } from '../test-support/temp-app';
import { appliedVersions, currentSchemaVersion, openDatabase, StoreOpenError, type Db } from './database';
import { LAST_RANGED_VERSION, MIGRATIONS } from './migrations';
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

const has = (db: Db, table: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;

const count = (db: Db, table: string, draftId: string) =>
  db.prepare(`SELECT count(*) FROM ${table} WHERE draft_id = ?`).pluck().get(draftId) as number;

/** The database's schema as text, to compare an upgraded database with a new one. */
const schemaOf = (db: Db) =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

const AT = '2025-01-01T00:00:00Z';

/** Rows in every table a schema has: draft d1 with store and review records, and review records of draft gone (deleted before the trigger of 52). */
function fill(db: Db): void {
  db.prepare(`INSERT INTO drafts (id, unit_code, unit_name, year, template_id, status, revision, created_at, updated_at) VALUES ('d1', '435', '巨鹿县行政审批局', 2025, 'hebei-2024', 'submitted', 4, ?, ?)`).run(AT, AT);
  db.prepare(`INSERT INTO draft_rows VALUES ('d1', 't03', '["2010306"]')`).run();
  db.prepare(`INSERT INTO cells VALUES ('d1', 't03!2010306!basic', '12.34')`).run();
  db.prepare(`INSERT INTO cell_log (draft_id, at, user_name, key, old_value, new_value) VALUES ('d1', ?, '张三', 't03!2010306!basic', NULL, '12.34')`).run(AT);
  if (has(db, 'history')) {
    db.prepare(`INSERT INTO history (draft_id, label, user_name, at, change_json) VALUES ('d1', '编辑', '张三', ?, '{}')`).run(AT);
  }
  if (has(db, 'prior_cells')) db.prepare(`INSERT INTO prior_cells VALUES ('d1', 't03!2010306!basic', '10')`).run();
  if (!has(db, 'review_users')) return;
  db.prepare(`INSERT INTO review_users (id, name, role, password_hash, password_salt, created_at) VALUES ('u1', '李局长', 'supervisor', 'h', 's', ?)`).run(AT);
  // Once review records refer to their draft by a foreign key (55), none can outlive it.
  const referred = /REFERENCES drafts/.test(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'review_versions'").pluck().get() as string);
  for (const draft of referred ? ['d1'] : ['d1', 'gone']) {
    db.prepare(`INSERT INTO review_versions VALUES (?, ?, 'submit', 4, ?, '张三', 'f', '{}', '{}')`).run(`v-${draft}`, draft, AT);
    db.prepare(`INSERT INTO review_signatures (id, draft_id, version_id, signer_id, signer_name, signed_at, fingerprint, content_hash, revision, state)
      VALUES (?, ?, ?, 'u1', '李局长', ?, 'f', 'c', 4, 'valid')`).run(`s-${draft}`, draft, `v-${draft}`, AT);
    db.prepare(`INSERT INTO review_comments (id, draft_id, parent_id, text, author_id, author_name, author_role, revision, created_at)
      VALUES (?, ?, NULL, '请核对', 'u1', '李局长', 'supervisor', 4, ?)`).run(`c-${draft}`, draft, AT);
    db.prepare(`INSERT INTO review_comments (id, draft_id, parent_id, text, author_id, author_name, author_role, revision, created_at)
      VALUES (?, ?, ?, '已核对', 'u1', '张三', 'clerk', 4, ?)`).run(`r-${draft}`, draft, `c-${draft}`, AT);
    db.prepare(`INSERT INTO review_events (draft_id, action, from_status, to_status, user_name, at) VALUES (?, 'submit', 'editing', 'submitted', '张三', ?)`).run(draft, AT);
    if (has(db, 'review_lineage')) {
      db.prepare(`INSERT INTO review_lineage VALUES (?, 'origin', 3, ?)`).run(draft, AT);
      db.prepare(`INSERT INTO review_file_notices (draft_id, file, ok, messages_json, at) VALUES (?, 'a.budget', 1, '[]', ?)`).run(draft, AT);
    }
  }
}

const REVIEW_TABLES = ['review_versions', 'review_signatures', 'review_comments', 'review_events', 'review_lineage', 'review_file_notices'];
const STORE_TABLES = ['cells', 'draft_rows', 'cell_log', 'history', 'prior_cells'];

function newDatabaseSchema() {
  const db = openDatabase(join(fresh(), DB_FILE));
  try {
    return schemaOf(db);
  } finally {
    db.close();
  }
}

describe('migrations: one sequence', () => {
  it('is numbered in order, and one after another since the ranges ended', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const sequenced = versions.filter((v) => v > LAST_RANGED_VERSION);
    expect(sequenced).toEqual(sequenced.map((_, i) => LAST_RANGED_VERSION + 1 + i));
  });

  it('applies every migration in order on a new database', () => {
    const db = openDatabase(join(fresh(), DB_FILE));
    const order = db.prepare('SELECT version FROM schema_migrations ORDER BY rowid').pluck().all();
    expect(order).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  // Every released schema is a prefix of the sequence.
  for (let n = 1; n < MIGRATIONS.length; n++) {
    const from = MIGRATIONS[n - 1];
    it(`upgrades a database of schema ${from.version} (${from.name}) with its data to the latest`, async () => {
      const dataDir = fresh();
      const old = openDatabase(join(dataDir, DB_FILE), MIGRATIONS.slice(0, n));
      fill(old);
      const reviewTables = REVIEW_TABLES.filter((t) => has(old, t));
      old.close();

      const app = tempApp({ dataDir });
      const db = app.ctx.db;
      // Applied in sequence order after the ones it had, the same schema as a new database.
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY rowid').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(schemaOf(db)).toEqual(newDatabaseSchema());
      expect(db.pragma('foreign_key_check')).toEqual([]);

      // Its data kept and usable.
      const snap = app.ctx.drafts.openDraft('d1');
      expect(snap.meta).toMatchObject({ unitName: '巨鹿县行政审批局', revision: 4, status: 'submitted' });
      expect(snap.content.cells['t03!2010306!basic']).toBe('12.34');
      for (const table of reviewTables) expect(count(db, table, 'd1'), table).toBeGreaterThan(0);
      // Records of a draft deleted before they went with it are gone.
      for (const table of REVIEW_TABLES) expect(count(db, table, 'gone'), table).toBe(0);
      // Deleting the draft takes every record that refers to it.
      db.prepare(`DELETE FROM drafts WHERE id = 'd1'`).run();
      for (const table of [...STORE_TABLES, ...REVIEW_TABLES]) expect(count(db, table, 'd1'), table).toBe(0);
      await app.close();
    });
  }

  it('fills the gaps of a database made while migrations were numbered by domain', () => {
    // Such a build shipped store 1–3 with review 50–53 before store 4 and 5 existed.
    const dataDir = fresh();
    const file = join(dataDir, DB_FILE);
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 3 || (m.version >= 50 && m.version <= 53)));
    fill(old);
    old.close();
    const db = openDatabase(file);
    expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaOf(db)).toEqual(newDatabaseSchema());
    expect(count(db, 'review_signatures', 'd1')).toBe(1);
    db.close();
  });

  it('refuses, untouched, a database whose applied list is not a prefix of the sequence', () => {
    const file = join(fresh(), DB_FILE);
    const db = openDatabase(file);
    const last = MIGRATIONS.at(-1)!;
    db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.version);
    db.prepare(`INSERT INTO schema_migrations VALUES (?, 'a later one', ?)`).run(last.version + 1, AT);
    db.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).message).toContain(`数据结构版本 ${last.version + 1}`);

    // A known version missing below an applied one after the ranges: no build makes that.
    const next = { version: last.version + 1, name: 'a later one', sql: 'CREATE TABLE later (id TEXT)' };
    const gapFile = join(fresh(), DB_FILE);
    const gapped = openDatabase(gapFile, [...MIGRATIONS, next]);
    gapped.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.version);
    gapped.close();
    expect(() => openDatabase(gapFile, [...MIGRATIONS, next])).toThrow(new RegExp(`缺少版本 ${last.version}`));
  });
});
