import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCli } from '../cli/main';

/** The command line run in-process, its output captured. */
export async function runCaptured(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A folder for a test file's workbooks, with the seed exported into it by the CLI (seed.xlsx); removed after the file's tests. */
export function exportedSeedFolder(prefix: string): { readonly dir: string; readonly seedFile: string } {
  const folder = { dir: '', seedFile: '' };
  beforeAll(async () => {
    folder.dir = mkdtempSync(join(tmpdir(), prefix));
    folder.seedFile = join(folder.dir, 'seed.xlsx');
    const r = await runCaptured('export', 'juluxian-2024', '-o', folder.seedFile);
    expect(r.code, r.err).toBe(0);
  });
  afterAll(() => rmSync(folder.dir, { recursive: true, force: true }));
  return folder;
}
