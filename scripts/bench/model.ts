import { loadShippedDictionaries } from '../../src/main/dictionary';
import { DraftModel } from '../../src/shared/engine/model';
import { getTemplate } from '../../src/shared/regions';
import { SYNTHETIC_PACK, syntheticDepartment, syntheticTables } from '../../seeds/synthetic';
import type { BenchLine } from '../bench';
import { percentile, time } from './util';

const T = syntheticTables();

/** The derivation graph on the large synthetic department. */
export async function run(): Promise<BenchLine[]> {
  const content = syntheticDepartment(loadShippedDictionaries(), 500);
  const template = getTemplate(SYNTHETIC_PACK);
  const cellCount = Object.keys(content.cells).length;
  const { ms: buildMs, value: model } = time(() => new DraftModel(template, content));
  const codedRows = [T.income, T.spending, T.generalSpending, T.basicEconomic].reduce((n, t) => n + model.rows(t).length, 0);
  const leaves = content.rows[T.spending];
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const code = leaves[(i * 37) % leaves.length];
    samples.push(time(() => model.apply([{ key: `${T.spending}!${code}!basic`, value: String(100 + (i % 13)) }])).ms);
  }
  return [
    { name: 'entered cells', value: cellCount, unit: 'count' },
    { name: 'coded rows (tables 2, 3, 5, 6)', value: codedRows, unit: 'count', target: { op: '>=', value: 3000 } },
    { name: 'build graph + compute all', value: buildMs, unit: 'ms' },
    { name: 'recompute after one edit, median', value: percentile(samples, 50), unit: 'ms' },
    { name: 'recompute after one edit, p99', value: percentile(samples, 99), unit: 'ms' },
  ];
}
