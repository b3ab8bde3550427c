import { loadShippedDictionaries } from '../../src/main/dictionary';
import { DraftModel } from '../../src/shared/engine/model';
import { getTemplate } from '../../src/shared/regions';
import { syntheticDepartment } from '../../seeds/synthetic';
import type { BenchLine } from '../bench';
import { percentile, time } from './util';

/** The derivation graph on the large synthetic department. */
export async function run(): Promise<BenchLine[]> {
  const content = syntheticDepartment(loadShippedDictionaries(), 500);
  const template = getTemplate('hebei-2024');
  const cellCount = Object.keys(content.cells).length;
  const { ms: buildMs, value: model } = time(() => new DraftModel(template, content));
  const codedRows = ['t02', 't03', 't05', 't06'].reduce((n, t) => n + model.rows(t).length, 0);
  const leaves = content.rows.t03;
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const code = leaves[(i * 37) % leaves.length];
    samples.push(time(() => model.apply([{ key: `t03!${code}!basic`, value: String(100 + (i % 13)) }])).ms);
  }
  return [
    { name: 'entered cells', value: cellCount, unit: 'count' },
    { name: 'coded rows (tables 2, 3, 5, 6)', value: codedRows, unit: 'count', target: { op: '>=', value: 3000 } },
    { name: 'build graph + compute all', value: buildMs, unit: 'ms' },
    { name: 'recompute after one edit, median', value: percentile(samples, 50), unit: 'ms' },
    { name: 'recompute after one edit, p99', value: percentile(samples, 99), unit: 'ms' },
  ];
}
