import { loadShippedDictionaries } from '../../src/main/dictionary';
import { cellKey } from '../../src/shared/draft';
import { DraftModel } from '../../src/shared/engine/model';
import { getTemplate } from '../../src/shared/template';
import { changedKeysOf, createFindingEngine } from '../../src/shared/validation';
import { syntheticDepartment } from '../../seeds/synthetic';
import type { BenchLine } from '../bench';
import { percentile, time } from './util';

/** Live validation on the large synthetic department: a full run and single edits re-checked incrementally. */
export async function run(): Promise<BenchLine[]> {
  const dictionaries = loadShippedDictionaries();
  const content = syntheticDepartment(dictionaries, 500);
  const template = getTemplate('hebei-2024');
  const model = new DraftModel(template, content);
  const engine = createFindingEngine(template, dictionaries);
  const codedRows = ['t02', 't03', 't05', 't06'].reduce((n, t) => n + model.rows(t).length, 0);
  const cells = Object.keys(content.cells).length;

  engine.full(model); // warm-up (JIT)
  // On open: a new engine indexes the rows (instances + dependency index) and checks everything.
  const coldRuns: number[] = [];
  for (let i = 0; i < 5; i++) coldRuns.push(time(() => createFindingEngine(template, dictionaries).full(model)).ms);
  // Again on the same rows (before sign-off, after an import of figures): the index is reused.
  const fullRuns: number[] = [];
  for (let i = 0; i < 10; i++) fullRuns.push(time(() => engine.full(model)).ms);

  // Single edits of every kind a clerk makes: an amount on a 项 row (propagating to totals,
  // tables 1 and 4), a project's 财政资金, a 指标值, a subject name.
  const leaves = content.rows.t03;
  const projects = content.rows.projects;
  const indicators = content.rows.indicators;
  const edits: Array<(i: number) => { key: string; value: string }> = [
    (i) => ({ key: cellKey('t03', leaves[(i * 37) % leaves.length], 'basic'), value: String(100 + (i % 13)) }),
    (i) => ({ key: cellKey('t05', leaves[(i * 41) % leaves.length], 'basic'), value: String(90 + (i % 11)) }),
    (i) => ({ key: cellKey('projects', projects[(i * 7) % projects.length], 'fiscal'), value: String(5 + (i % 9)) }),
    (i) => ({ key: cellKey('indicators', indicators[(i * 13) % indicators.length], 'value'), value: i % 2 ? '≥95%' : '较好' }),
    (i) => ({ key: cellKey('t06', content.rows.t06[i % content.rows.t06.length], 'name'), value: i % 2 ? '名称' : '' }),
  ];
  const samples: number[] = [];
  for (let i = 0; i < 2500; i++) {
    const edit = edits[i % edits.length](i);
    const applied = model.apply([edit]);
    // Only the validation step is timed; the model's recomputation has its own figures.
    samples.push(time(() => engine.update(model, changedKeysOf([edit], applied), applied.structural)).ms);
  }
  // Structural edits (a row removed from table 3, then added back) re-index.
  const structural: number[] = [];
  const allLeaves = [...leaves];
  for (let i = 0; i < 6; i++) {
    model.setRows('t03', i % 2 ? allLeaves : allLeaves.filter((_, k) => k !== 10 + i));
    structural.push(time(() => engine.update(model, [], true)).ms);
  }
  return [
    { name: 'entered cells', value: cells, unit: 'count' },
    { name: 'coded rows (tables 2, 3, 5, 6)', value: codedRows, unit: 'count', target: { op: '>=', value: 3000 } },
    { name: 'rule instances', value: engine.instanceCount, unit: 'count' },
    { name: 'full validation, new engine (index + check all)', value: percentile(coldRuns, 50), unit: 'ms' },
    { name: 'full validation, rows indexed (check all)', value: percentile(fullRuns, 50), unit: 'ms', target: { op: '<=', value: 100 } },
    { name: 'row added or removed: re-index + check all, median', value: percentile(structural, 50), unit: 'ms' },
    { name: 're-validation after one edit, median', value: percentile(samples, 50), unit: 'ms', target: { op: '<=', value: 1 } },
    { name: 're-validation after one edit, p99', value: percentile(samples, 99), unit: 'ms', target: { op: '<=', value: 5 } },
  ];
}
