import type { Migration } from './types';

/**
 * The units a department draft names (each with its own draft once started or taken in) and
 * the department's last consolidation (which figures of each unit it used, and what it
 * eliminated). Deleting the department deletes both; deleting a unit's draft leaves the unit
 * named but not started.
 */
export const unitsTables: Migration = {
  version: 56,
  name: 'units: department units and consolidations',
  sql: `
      CREATE TABLE department_units (
        department_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        nature TEXT NOT NULL,
        rank TEXT NOT NULL,
        funding TEXT NOT NULL,
        unit_draft_id TEXT REFERENCES drafts(id) ON DELETE SET NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (department_id, code)
      );
      CREATE INDEX department_units_by_draft ON department_units (unit_draft_id);
      CREATE TABLE department_consolidations (
        department_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        consolidated_at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        department_revision INTEGER NOT NULL,
        units_json TEXT NOT NULL,
        result_json TEXT NOT NULL
      );
    `,
};
