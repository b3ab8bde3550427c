/**
 * Child process of the crash test: applies edits to a real database as fast as it can and
 * prints "ack <key> <value>" after each edit is acknowledged. The test kills it with SIGKILL.
 * argv: dataDir, first value (values only grow, so a lost edit shows as a smaller value).
 */
import { getSeed } from '../../../../seeds';
import { createApp } from '../../app';

const [dataDir, startText] = process.argv.slice(2);
const app = createApp({ dataDir, backupIntervalMs: 60 * 60_000 });
app.ctx.storage.onBackup.push((b) => process.stdout.write(`backup ${b.file}\n`));
const drafts = app.ctx.drafts;
const seed = getSeed('juluxian-2024');
const draft = drafts.listDrafts()[0] ?? drafts.createDraft(seed.meta, seed.content);
const cols = ['fiscal', 'specialAccount', 'business', 'operating', 'superior', 'subordinate', 'other', 'carryOver'];
const cells = seed.content.rows.t02.flatMap((row) => cols.map((col) => ({ table: 't02', row, col })));
process.stdout.write('ready\n');
for (let i = Number(startText); ; i++) {
  // Yield now and then, as the app does between requests: the backup taken on open runs meanwhile.
  if (i % 20 === 0) await new Promise((r) => setImmediate(r));
  if (i % 10 === 0) {
    // A paste: 16 cells in one transaction.
    const batch = Array.from({ length: 16 }, (_, k) => ({ ...cells[(i + k) % cells.length], value: String(i) }));
    drafts.applyBatch(draft.id, batch, '粘贴');
    process.stdout.write(batch.map((c) => `ack ${c.table}!${c.row}!${c.col} ${i}\n`).join(''));
  } else {
    const cell = cells[i % cells.length];
    drafts.applyBatch(draft.id, [{ ...cell, value: String(i) }]);
    process.stdout.write(`ack ${cell.table}!${cell.row}!${cell.col} ${i}\n`);
  }
}
