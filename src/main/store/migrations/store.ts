import type { Migration } from './types';

/**
 * Schema of the draft store as released before the one sequence (1–5, see ./index.ts).
 * Version 1 is the first schema (drafts, cells, row lists, the cell log); later versions
 * add the undo history, the prior-year layer and explanations of warnings.
 */
export const storeMigrations: Migration[] = [
  {
    version: 1,
    name: 'drafts, entered cells, row lists, cell log',
    sql: `
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        unit_code TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        year INTEGER NOT NULL,
        template_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'editing',
        revision INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- Entered cells: key "table!row!col", value canonical decimal text or text.
      CREATE TABLE cells (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (draft_id, key)
      ) WITHOUT ROWID;
      -- Row ids of a table in display order, as a JSON array.
      CREATE TABLE draft_rows (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        table_id TEXT NOT NULL,
        rows_json TEXT NOT NULL,
        PRIMARY KEY (draft_id, table_id)
      ) WITHOUT ROWID;
      CREATE TABLE cell_log (
        id INTEGER PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        key TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
      );
      CREATE INDEX cell_log_by_cell ON cell_log (draft_id, key, id);
    `,
  },
  {
    version: 2,
    name: 'undo history, user ids in the cell log',
    sql: `
      ALTER TABLE cell_log ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
      -- One committed change (an edit, a paste, a row added …); undone ones can be redone
      -- until a new change is made.
      CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        user_name TEXT NOT NULL,
        at TEXT NOT NULL,
        change_json TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX history_by_draft ON history (draft_id, undone, id);
    `,
  },
  {
    version: 3,
    name: 'prior-year layer, explanations of warnings',
    sql: `
      CREATE TABLE prior_cells (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (draft_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE prior_rows (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        table_id TEXT NOT NULL,
        rows_json TEXT NOT NULL,
        PRIMARY KEY (draft_id, table_id)
      ) WITHOUT ROWID;
      CREATE TABLE explanations (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (draft_id, finding_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'history ordered by draft',
    sql: `CREATE INDEX history_by_draft_order ON history (draft_id, id);`,
  },
  {
    version: 5,
    name: 'cell log without the per-cell index',
    // Every logged cell paid a random B-tree insert into it (half the cost of a paste); the
    // history of one cell is an occasional look-up, served by scanning the log backwards
    // (≈ 8 ms per 70,000 logged changes).
    sql: `DROP INDEX cell_log_by_cell;`,
  },
];

/** A copy of a draft carries a label (副本, 副本 2 …) so the list tells it from its original. */
export const draftLabels: Migration = {
  version: 58,
  name: 'drafts: a copy is labelled',
  sql: `ALTER TABLE drafts ADD COLUMN label TEXT NOT NULL DEFAULT '';`,
};

/**
 * Undo steps found through one index: an edit's commit no longer writes a second one. Cutting
 * the old steps (in a pause) sorts the draft's few hundred steps instead.
 */
export const historyOneIndex: Migration = {
  version: 59,
  name: 'history: one index',
  sql: `DROP INDEX history_by_draft_order;`,
};

/**
 * What a window shows first of a draft, as computed at a revision by a build: a draft opens
 * from it at once when neither has changed since (DraftService.openFirstTables).
 */
export const firstViews: Migration = {
  version: 60,
  name: 'first_views: the first tables as last computed',
  sql: `CREATE TABLE first_views (
    draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    build TEXT NOT NULL,
    computed_json TEXT NOT NULL
  );`,
};
