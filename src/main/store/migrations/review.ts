import type { Migration } from './types';

/** Schema of the review domain as released before the one sequence (50–54): accounts, comments, versions, signatures. */
export const reviewMigrations: Migration[] = [
  {
    version: 50,
    name: 'review: accounts, sessions, comments, versions, signatures',
    sql: `
      CREATE TABLE review_users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
        password_hash TEXT NOT NULL,
        password_salt TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE review_sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES review_users(id),
        started_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE TABLE review_comments (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL,
        parent_id TEXT REFERENCES review_comments(id),
        table_id TEXT,
        row_id TEXT,
        col_id TEXT,
        text TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_role TEXT NOT NULL,
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        resolved_by TEXT,
        resolved_at TEXT
      );
      CREATE INDEX review_comments_draft ON review_comments(draft_id, created_at);
      CREATE TABLE review_versions (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('submit', 'sign')),
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        meta_json TEXT NOT NULL,
        content_json TEXT NOT NULL
      );
      CREATE INDEX review_versions_draft ON review_versions(draft_id, created_at);
      CREATE TABLE review_signatures (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL,
        version_id TEXT NOT NULL REFERENCES review_versions(id),
        signer_id TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('valid', 'void')),
        voided_at TEXT,
        void_reason TEXT
      );
      CREATE INDEX review_signatures_draft ON review_signatures(draft_id, signed_at);
      CREATE TABLE review_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        user_name TEXT NOT NULL,
        note TEXT,
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 51,
    name: 'review: draft file lineage and what opening a file found',
    sql: `
      CREATE TABLE review_lineage (
        draft_id TEXT PRIMARY KEY,
        origin_draft_id TEXT NOT NULL,
        origin_revision INTEGER NOT NULL,
        opened_at TEXT NOT NULL
      );
      CREATE TABLE review_file_notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL,
        file TEXT NOT NULL,
        ok INTEGER NOT NULL,
        messages_json TEXT NOT NULL,
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 52,
    name: 'review: records of a deleted draft go with it',
    sql: `
      CREATE TRIGGER review_cleanup_after_draft_delete AFTER DELETE ON drafts
      BEGIN
        DELETE FROM review_signatures WHERE draft_id = OLD.id;
        DELETE FROM review_versions WHERE draft_id = OLD.id;
        DELETE FROM review_comments WHERE draft_id = OLD.id AND parent_id IS NOT NULL;
        DELETE FROM review_comments WHERE draft_id = OLD.id;
        DELETE FROM review_events WHERE draft_id = OLD.id;
        DELETE FROM review_lineage WHERE draft_id = OLD.id;
        DELETE FROM review_file_notices WHERE draft_id = OLD.id;
      END;
    `,
  },
  {
    version: 53,
    name: 'review: account keys and sealed signatures',
    sql: `
      ALTER TABLE review_users ADD COLUMN public_key TEXT;
      ALTER TABLE review_users ADD COLUMN private_key_enc TEXT;
      ALTER TABLE review_signatures ADD COLUMN public_key TEXT;
      ALTER TABLE review_signatures ADD COLUMN seal TEXT;
      CREATE TABLE review_known_keys (
        signer_name TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        source TEXT NOT NULL
      );
    `,
  },
  {
    version: 54,
    name: 'review: password lockouts kept across restarts',
    sql: `
      CREATE TABLE review_lockouts (
        name TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until INTEGER NOT NULL
      );
    `,
  },
];

/** A review table rebuilt with its references declared: copy the rows that still have them. */
function rebuilt(table: string, columns: string, keep: string, indexes = ''): string {
  return `
      CREATE TABLE ${table}_new (${columns});
      INSERT INTO ${table}_new SELECT * FROM ${table} WHERE ${keep};
      DROP TABLE ${table};
      ALTER TABLE ${table}_new RENAME TO ${table};
      ${indexes}`;
}

const OF_A_DRAFT = 'draft_id IN (SELECT id FROM drafts)';

/**
 * Review records refer to their draft by a foreign key that cascades, instead of the trigger
 * of 52; records left behind by drafts deleted before 52 are dropped.
 */
export const reviewForeignKeys: Migration = {
  version: 55,
  name: 'review: records refer to their draft (foreign keys with cascade)',
  rebuildsTables: true,
  sql: `
      DROP TRIGGER review_cleanup_after_draft_delete;
      ${rebuilt(
        'review_versions',
        `id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('submit', 'sign')),
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        meta_json TEXT NOT NULL,
        content_json TEXT NOT NULL`,
        OF_A_DRAFT,
        'CREATE INDEX review_versions_draft ON review_versions(draft_id, created_at);',
      )}
      ${rebuilt(
        'review_signatures',
        `id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        version_id TEXT NOT NULL REFERENCES review_versions(id) ON DELETE CASCADE,
        signer_id TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('valid', 'void')),
        voided_at TEXT,
        void_reason TEXT,
        public_key TEXT,
        seal TEXT`,
        `${OF_A_DRAFT} AND version_id IN (SELECT id FROM review_versions)`,
        'CREATE INDEX review_signatures_draft ON review_signatures(draft_id, signed_at);',
      )}
      ${rebuilt(
        'review_comments',
        `id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        parent_id TEXT REFERENCES review_comments(id) ON DELETE CASCADE,
        table_id TEXT,
        row_id TEXT,
        col_id TEXT,
        text TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_role TEXT NOT NULL,
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        resolved_by TEXT,
        resolved_at TEXT`,
        `${OF_A_DRAFT} AND (parent_id IS NULL OR parent_id IN (SELECT id FROM review_comments WHERE ${OF_A_DRAFT}))`,
        'CREATE INDEX review_comments_draft ON review_comments(draft_id, created_at);',
      )}
      ${rebuilt(
        'review_events',
        `id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        user_name TEXT NOT NULL,
        note TEXT,
        at TEXT NOT NULL`,
        OF_A_DRAFT,
      )}
      ${rebuilt(
        'review_lineage',
        `draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        origin_draft_id TEXT NOT NULL,
        origin_revision INTEGER NOT NULL,
        opened_at TEXT NOT NULL`,
        OF_A_DRAFT,
      )}
      ${rebuilt(
        'review_file_notices',
        `id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        ok INTEGER NOT NULL,
        messages_json TEXT NOT NULL,
        at TEXT NOT NULL`,
        OF_A_DRAFT,
      )}
  `,
};

/** An account a supervisor adds for someone else carries a temporary password, changed at first login. */
export const reviewTemporaryPasswords: Migration = {
  version: 57,
  name: 'review: an account made by someone else carries a temporary password',
  sql: `ALTER TABLE review_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;`,
};
