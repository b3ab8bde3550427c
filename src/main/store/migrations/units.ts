import type { Migration } from './types';

/**
 * Schema of the units domain (versions 60–69): the units a department draft names (each with
 * its own draft, once started or taken in) and the department's last consolidation (which
 * revision of each unit it used, and what it eliminated).
 */
export const unitsMigrations: Migration[] = [
  {
    version: 60,
    name: 'units: department units and consolidations',
    sql: `
      CREATE TABLE department_units (
        department_id TEXT NOT NULL,
        code TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        nature TEXT NOT NULL,
        rank TEXT NOT NULL,
        funding TEXT NOT NULL,
        unit_draft_id TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (department_id, code)
      );
      CREATE INDEX department_units_by_draft ON department_units (unit_draft_id);
      CREATE TABLE department_consolidations (
        department_id TEXT PRIMARY KEY,
        consolidated_at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        department_revision INTEGER NOT NULL,
        units_json TEXT NOT NULL,
        result_json TEXT NOT NULL
      );
    `,
  },
];
