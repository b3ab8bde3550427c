/**
 * A numbered schema change. Every database applies the one sequence in ./index.ts in order;
 * a released migration is never edited, moved or renumbered.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds tables that others refer to (SQLite's way of adding a foreign key): runs with
   * foreign keys off, as SQLite prescribes for such changes, and checks them all before commit.
   */
  rebuildsTables?: boolean;
}
