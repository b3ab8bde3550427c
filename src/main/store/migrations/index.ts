import { excelMigrations } from './excel';
import { narrativeMigrations } from './narrative';
import { reviewMigrations } from './review';
import { storeMigrations } from './store';
import type { Migration } from './types';
import { unitsMigrations } from './units';
import { validationMigrations } from './validation';

/** Version range each domain's migrations must stay in (see ./types). */
const RANGES: Array<[name: string, list: Migration[], from: number, to: number]> = [
  ['store', storeMigrations, 1, 19],
  ['validation', validationMigrations, 20, 29],
  ['excel', excelMigrations, 30, 39],
  ['narrative', narrativeMigrations, 40, 49],
  ['review', reviewMigrations, 50, 59],
  ['units', unitsMigrations, 60, 69],
];

/** Every migration of every domain, checked for range and uniqueness, ordered by version. */
export function allMigrations(): Migration[] {
  const seen = new Set<number>();
  const all: Migration[] = [];
  for (const [name, list, from, to] of RANGES) {
    for (const m of list) {
      if (!Number.isInteger(m.version) || m.version < from || m.version > to) {
        throw new Error(`migration ${m.version} of ${name} is outside its range ${from}–${to}`);
      }
      if (seen.has(m.version)) throw new Error(`migration version ${m.version} is used twice`);
      seen.add(m.version);
      all.push(m);
    }
  }
  return all.sort((a, b) => a.version - b.version);
}
