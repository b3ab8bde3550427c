/**
 * Reads one workbook the way the import does (guard, then SheetJS) in a process of its own
 * and prints what happened as one JSON line: whether it was refused, the message, how long
 * it took and the process's peak memory. Used by hostile.test.ts: a hostile file must not
 * take the test runner down with it, and the peak memory of a fresh process is measurable.
 *
 *   node --import tsx src/main/test-support/read-probe.ts <file>
 */
import { readGridsFromFile } from '../excel/read';

const file = process.argv[2];
const started = performance.now();
let outcome: { refused: boolean; message: string; rows?: number };
try {
  const grids = await readGridsFromFile(file);
  outcome = { refused: false, message: '', rows: grids.reduce((n, g) => n + g.rows.length, 0) };
} catch (e) {
  outcome = { refused: true, message: (e as Error).message };
}
const ms = Math.round(performance.now() - started);
// maxRSS is in kilobytes: the peak of the whole process, parsing included.
const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ...outcome, ms, peakMB }));
