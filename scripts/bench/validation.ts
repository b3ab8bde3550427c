import { loadShippedDictionaries } from '../../src/main/dictionary';
import type { Dictionaries } from '../../src/shared/dictionary';
import { cellKey, type DraftContent } from '../../src/shared/draft';
import { DraftModel } from '../../src/shared/engine/model';
import { getTemplate } from '../../src/shared/regions';
import { narrativeTable } from '../../src/shared/narrative/draft';
import type { Template } from '../../src/shared/template';
import { changedKeysOf, countProblems, createFindingEngine, findingSections, type RuleDef } from '../../src/shared/validation';
import { hebei2024Rules } from '../../src/shared/regions/hebei-2024/rules';
import { SYNTHETIC_PACK, syntheticDepartment, syntheticTables } from '../../seeds/synthetic';
import type { BenchLine } from '../bench';
import { percentile, time } from './util';

const T = syntheticTables();

/**
 * Live validation on the large synthetic department: a full run and single edits re-checked
 * incrementally; first with the whole rule set of the template (table rules and the text
 * rules of the 情况说明), then with the table rules alone, so that each part's cost shows.
 */
export async function run(): Promise<BenchLine[]> {
  const dictionaries = loadShippedDictionaries();
  const content = syntheticDepartment(dictionaries, 500);
  const template = getTemplate(SYNTHETIC_PACK);
  const probe = new DraftModel(template, content);
  const codedRows = [T.income, T.spending, T.generalSpending, T.basicEconomic].reduce((n, t) => n + probe.rows(t).length, 0);
  return [
    { name: 'entered cells', value: Object.keys(content.cells).length, unit: 'count' },
    { name: 'coded rows (tables 2, 3, 5, 6)', value: codedRows, unit: 'count', target: { op: '>=', value: 3000 } },
    ...measure('all rules', template, dictionaries, content, undefined, true),
    ...measure('table rules', template, dictionaries, content, hebei2024Rules(template), false),
    ...problemCounting(template, dictionaries, content),
    ...longText(template, dictionaries, content),
  ];
}

/**
 * A 情况说明 section pasted as one paragraph of 70,000 characters (a document whose line breaks
 * were lost), full of figures, shares and changes: the text rules read it in time proportional
 * to its length (once in its square: seconds).
 */
function longText(template: Template, dictionaries: Dictionaries, content: DraftContent): BenchLine[] {
  const sentence = '基本支出458.30万元，占支出总额的87.50%；其中：人员经费411.50万元，占89.79%，“三公”经费1万元，比上年增加1%。';
  const long = structuredClone(content);
  long.cells[cellKey(narrativeTable(template)!, template.narrative[1].id, 'text')] = sentence.repeat(Math.ceil(70_000 / sentence.length));
  const model = new DraftModel(template, long);
  const full = time(() => createFindingEngine(template, dictionaries).full(model));
  return [
    { name: '情况说明 of 70,000 characters in one paragraph: text findings', value: full.value.filter((f) => f.id.startsWith('r1')).length, unit: 'count' },
    { name: '情况说明 of 70,000 characters in one paragraph: full validation', value: full.ms, unit: 'ms', target: { op: '<=', value: 1000 } },
  ];
}

/**
 * Counting the problems as the window, the import preview and `check` count them
 * (validation/problems.ts), on the department with every 项 of table 2 wrong: thousands of
 * findings of one rule and column, each 项 with the 款, 类 and 合计 it breaks.
 */
function problemCounting(template: Template, dictionaries: Dictionaries, content: DraftContent): BenchLine[] {
  const wrong = structuredClone(content);
  for (const row of wrong.rows[T.income]) {
    const key = cellKey(T.income, row, 'fiscal');
    if (wrong.cells[key]) wrong.cells[key] = '0.01';
  }
  const findings = createFindingEngine(template, dictionaries).full(new DraftModel(template, wrong));
  const count = () => countProblems(findingSections(findings, []));
  count(); // warm-up (JIT)
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) runs.push(time(count).ms);
  return [
    { name: 'problems: findings with every 项 of table 2 wrong', value: findings.length, unit: 'count' },
    { name: 'problems: of them problems (强制)', value: count().error, unit: 'count' },
    { name: 'problems: count them (group under first causes), median', value: percentile(runs, 50), unit: 'ms', target: { op: '<=', value: 50 } },
  ];
}

function measure(label: string, template: Template, dictionaries: Dictionaries, content: DraftContent, rules: RuleDef[] | undefined, targets: boolean): BenchLine[] {
  const model = new DraftModel(template, structuredClone(content));
  const engine = createFindingEngine(template, dictionaries, { rules });
  engine.full(model); // warm-up (JIT)
  // On open: a new engine indexes the rows (instances) and checks everything.
  const coldRuns: number[] = [];
  for (let i = 0; i < 5; i++) coldRuns.push(time(() => createFindingEngine(template, dictionaries, { rules }).full(model)).ms);
  // Again on the same rows (before sign-off, after an import of figures): the instances are reused.
  const fullRuns: number[] = [];
  for (let i = 0; i < 10; i++) fullRuns.push(time(() => engine.full(model)).ms);

  // Single edits of every kind a clerk makes: an amount on a 项 row (propagating to totals,
  // tables 1 and 4), a project's 财政资金, a 指标值, a subject name.
  const leaves = content.rows[T.spending];
  const projects = content.rows[T.projects];
  const indicators = content.rows[T.indicators];
  const edits: Array<(i: number) => { key: string; value: string }> = [
    (i) => ({ key: cellKey(T.spending, leaves[(i * 37) % leaves.length], 'basic'), value: String(100 + (i % 13)) }),
    (i) => ({ key: cellKey(T.generalSpending, leaves[(i * 41) % leaves.length], 'basic'), value: String(90 + (i % 11)) }),
    (i) => ({ key: cellKey(T.projects, projects[(i * 7) % projects.length], 'fiscal'), value: String(5 + (i % 9)) }),
    (i) => ({ key: cellKey(T.indicators, indicators[(i * 13) % indicators.length], 'value'), value: i % 2 ? '≥95%' : '较好' }),
    (i) => ({ key: cellKey(T.basicEconomic, content.rows[T.basicEconomic][i % content.rows[T.basicEconomic].length], 'name'), value: i % 2 ? '名称' : '' }),
  ];
  const samples: number[] = [];
  // The first update builds the dependency index: timed on its own.
  const first = edits[0](0);
  const applied0 = model.apply([first]);
  const indexMs = time(() => engine.update(model, changedKeysOf([first], applied0), applied0.structural)).ms;
  for (let i = 1; i <= 1000; i++) {
    const edit = edits[i % edits.length](i);
    const applied = model.apply([edit]);
    // Only the validation step is timed; the model's recomputation has its own figures.
    samples.push(time(() => engine.update(model, changedKeysOf([edit], applied), applied.structural)).ms);
  }
  // Structural edits (a row removed from table 3, then added back) re-index.
  const structural: number[] = [];
  const allLeaves = [...leaves];
  for (let i = 0; i < 6; i++) {
    model.setRows(T.spending, i % 2 ? allLeaves : allLeaves.filter((_, k) => k !== 10 + i));
    structural.push(time(() => engine.update(model, [], true)).ms);
  }
  const target = (op: '<=' | '>=', value: number) => (targets ? { target: { op, value } } : {});
  return [
    { name: `${label}: rules`, value: engine.rules.length, unit: 'count' },
    { name: `${label}: rule instances`, value: engine.instanceCount, unit: 'count' },
    { name: `${label}: full validation, new engine`, value: percentile(coldRuns, 50), unit: 'ms' },
    { name: `${label}: full validation, rows indexed`, value: percentile(fullRuns, 50), unit: 'ms', ...target('<=', 100) },
    { name: `${label}: dependency index (first edit)`, value: indexMs, unit: 'ms' },
    { name: `${label}: one edit, median`, value: percentile(samples, 50), unit: 'ms', ...target('<=', 1) },
    { name: `${label}: one edit, p99`, value: percentile(samples, 99), unit: 'ms', ...target('<=', 5) },
    { name: `${label}: row added/removed, median`, value: percentile(structural, 50), unit: 'ms' },
  ];
}
