import { reviewForeignKeys, reviewMigrations, reviewTemporaryPasswords } from './review';
import { draftLabels, firstViews, historyOneIndex, storeMigrations } from './store';
import type { Migration } from './types';
import { unitsTables } from './units';

/**
 * Builds before the sequence was one numbered migrations by domain (1–19 the store, 50–59
 * review), so a database made by one of them may lack a store migration numbered lower than
 * review ones it has. Gaps up to this version are filled; after it the applied list must be
 * a prefix of the sequence.
 */
export const LAST_RANGED_VERSION = 54;

/**
 * The schema's history in the order a new database applies it. Append only, numbered after
 * the last one, whatever the domain: an upgraded database then applies new migrations in the
 * same order as a new one.
 */
export const MIGRATIONS: readonly Migration[] = checkedSequence([
  ...storeMigrations, // 1–5
  ...reviewMigrations, // 50–54
  // Numbered by domain up to here (LAST_RANGED_VERSION); one chronological sequence from here.
  reviewForeignKeys, // 55
  unitsTables, // 56
  reviewTemporaryPasswords, // 57
  draftLabels, // 58
  historyOneIndex, // 59
  firstViews, // 60
]);

function checkedSequence(list: Migration[]): readonly Migration[] {
  list.forEach((m, i) => {
    if (!Number.isInteger(m.version) || (i > 0 && m.version <= list[i - 1].version)) {
      throw new Error(`migration ${m.version} (${m.name}) is out of sequence`);
    }
    if (m.version > LAST_RANGED_VERSION && i > 0 && m.version !== list[i - 1].version + 1) {
      throw new Error(`migration ${m.version} (${m.name}) must be numbered ${list[i - 1].version + 1}`);
    }
  });
  return Object.freeze([...list]);
}
