import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../test-support/temp-app';
import { Storage } from './storage';

const CHILD = join(import.meta.dirname, '__fixtures__', 'crash-child.ts');
const RUNS = 20;

/** Run the child until it has acknowledged edits for `afterMs`, then SIGKILL it; returns its output. */
function runAndKill(dataDir: string, start: number, afterMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`child exited on its own: ${err}`));
    });
  });
}

describe('durability under SIGKILL', () => {
  it(`loses no acknowledged edit over ${RUNS} killed runs`, async () => {
    const dataDir = tempDir();
    try {
      const acked = new Map<string, number>();
      let totalAcks = 0;
      for (let run = 0; run < RUNS; run++) {
        // Kill moments from 50 ms to 2.5 s after start: mid-edit, mid-paste, and mid-backup (the one taken on open).
        const out = await runAndKill(dataDir, (run + 1) * 1_000_000, 50 + Math.floor(Math.random() * 2450));
        for (const line of out.split('\n')) {
          const m = /^ack (\S+) (\d+)$/.exec(line);
          if (!m) continue;
          totalAcks++;
          acked.set(m[1], Math.max(acked.get(m[1]) ?? 0, Number(m[2])));
        }
        // Reopen after the kill as the app does (the edit journal replayed): the integrity check
        // passes and every acknowledged value is there (or a later one the child wrote but could
        // not print before it died).
        const reopened = new Storage({ dataDir, backupIntervalMs: 60 * 60_000 });
        reopened.open();
        const store = reopened.requireStore();
        const stored = new Map(Object.entries(store.content(store.list()[0].id).cells));
        await reopened.close();
        for (const [key, value] of acked) expect(Number(stored.get(key)), key).toBeGreaterThanOrEqual(value);
      }
      expect(totalAcks).toBeGreaterThan(RUNS * 10);
      // Backups cut short by a kill are removed, never listed; every listed one opens and checks out.
      const storage = new Storage({ dataDir });
      expect(readdirSync(storage.backupsDir).filter((f) => f.endsWith('.part'))).toEqual([]);
      const backups = storage.listBackups({ verify: true });
      expect(backups.length).toBeGreaterThan(0);
      expect(backups.every((b) => b.verified)).toBe(true);
    } finally {
      removeDir(dataDir);
    }
  }, 300_000);
});
