/**
 * `npm run bench`: speed and memory figures against the targets of the issues, printed.
 * Each section lives in scripts/bench/<name>.ts and exports `run(): Promise<BenchLine[]>`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchLine {
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'x' | 'count';
  /** Target the figure must meet ("≤ 100"), and whether it does. */
  target?: { op: '<=' | '>='; value: number };
}

const SECTIONS = ['model', 'store', 'validation', 'excel', 'ui', 'review', 'pdf', 'units'];

const here = dirname(fileURLToPath(import.meta.url));
let failed = 0;
const only = process.argv.slice(2);
for (const section of SECTIONS) {
  if (only.length && !only.includes(section)) continue;
  const file = join(here, 'bench', `${section}.ts`);
  if (!existsSync(file)) continue;
  const mod = (await import(file)) as { run: () => Promise<BenchLine[]> };
  console.log(`\n== ${section}`);
  for (const line of await mod.run()) {
    const figure = `${line.value.toFixed(line.unit === 'count' ? 0 : 2)} ${line.unit}`;
    let verdict = '';
    if (line.target) {
      const ok = line.target.op === '<=' ? line.value <= line.target.value : line.value >= line.target.value;
      if (!ok) failed++;
      verdict = `  (target ${line.target.op === '<=' ? '≤' : '≥'} ${line.target.value} ${line.unit}: ${ok ? 'met' : 'MISSED'})`;
    }
    console.log(`  ${line.name.padEnd(48)} ${figure.padStart(14)}${verdict}`);
  }
}
console.log(failed ? `\n${failed} target(s) missed` : '\nall targets met');
process.exitCode = failed ? 1 : 0;
