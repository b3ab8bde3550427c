import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement prepared once per connection and reused: preparing costs more than running a
 * small query, and some run on every edit. Keyed by connection, so a database reopened after a
 * recovery gets fresh statements. Do not toggle pluck/raw/expand on a shared statement.
 */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
