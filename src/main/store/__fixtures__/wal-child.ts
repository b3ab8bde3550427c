/**
 * Child of the damaged-files test: opens the data folder, makes `count` acknowledged edits of
 * the first draft, then kills itself with SIGKILL before the WAL is checkpointed, so those edits
 * live only in budget-desk.sqlite-wal and the edit journal. Each edit comes in its own turn of
 * the event loop, as the window's messages do (the ack marker is written in the turn after an
 * edit's reply). With `same-turn`, the kill comes in the last edit's own turn: acknowledged,
 * in the journal, not yet in SQLite.
 * argv: dataDir, count, [same-turn]
 */
import { writeSync } from 'node:fs';
import { createApp } from '../../app';

const [dataDir, countText, mode] = process.argv.slice(2);
const app = createApp({ dataDir, backupIntervalMs: 60 * 60_000 });
const draft = app.ctx.drafts.listDrafts()[0];
const count = Number(countText);
for (let i = 0; i < count; i++) {
  const meta = app.ctx.drafts.applyBatch(draft.id, [{ table: 't03', row: '2010306', col: 'basic', value: String(500 + i) }]).meta;
  if (mode === 'same-turn' && i === count - 1) {
    writeSync(1, `acked ${meta.revision}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
  await new Promise((r) => setImmediate(r));
}
process.stdout.write(`acked ${app.ctx.drafts.getMeta(draft.id).revision}\n`, () => process.kill(process.pid, 'SIGKILL'));
