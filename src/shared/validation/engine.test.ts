import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { loadShippedDictionaries } from '../../main/dictionary';
import { DraftModel } from '../engine/model';
import type { Finding } from '../findings';
import { getTemplate } from '../regions';
import { cellKey } from '../draft';
import { blockingFindings, changedKeysOf, createFindingEngine, readPatterns, StatedValues, type RuleDef } from '.';
import { instancesOf } from './checks';
import { Labels } from './labels';
import { scanListSums, type ListOperand } from './list-sums';
import { hebei2024Rules } from '../regions/hebei-2024/rules';
import { narrativeRules } from './rules/narrative';
import { balanceRules } from './rules/balances';
import { rulesFor } from './rules';

const template = getTemplate('hebei-2024');
const dictionaries = loadShippedDictionaries();
const seedModel = () => new DraftModel(template, getSeed('juluxian-2024').content);

describe('rule registry', () => {
  it('the Hebei 2024 set holds the table rules, the balances and the text rules, ids unique', () => {
    const ids = rulesFor(template).map((r) => r.id);
    expect(ids).toEqual([...hebei2024Rules(template), ...balanceRules(template), ...narrativeRules(template)].map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(createFindingEngine(getTemplate('hebei-2024'), dictionaries).rules.length).toBe(ids.length);
  });
});

describe('custom rules: whole-column reads and values shared within a pass', () => {
  let computed = 0;
  // Two rules reading every project's 财政资金 through one shared sum.
  const sumOfProjects = (id: string, limit: number): RuleDef => ({
    id,
    group: 0,
    severity: 'warning',
    title: `项目财政资金合计不超过 ${limit}`,
    check: {
      kind: 'custom',
      instances: (_view, ctx) => [
        {
          anchor: 'all',
          reads: [{ table: 'projects', row: '*', col: 'fiscal' }],
          evaluate: (v) => {
            const total = ctx.shared('projects-fiscal', () => {
              computed++;
              return v.rows('projects').filter((r) => r !== 'total').reduce((n, r) => n + (v.value('projects', r, 'fiscal') ?? 0), 0);
            });
            return total > limit * 1_000_000 ? { cells: [{ table: 'projects', row: 'total', col: 'fiscal' }], message: `项目财政资金合计超过 ${limit} 万元` } : null;
          },
        },
      ],
    },
  });

  it('an edit of any row of the column re-checks; the shared value is computed once per pass', () => {
    const model = seedModel();
    const engine = createFindingEngine(template, dictionaries, { rules: [sumOfProjects('a', 70), sumOfProjects('b', 80)] });
    expect(engine.full(model)).toEqual([]);
    expect(computed).toBe(1);
    const edits = [{ key: 'projects!p3!fiscal', value: '5' }];
    const delta = engine.update(model, changedKeysOf(edits, model.apply(edits)), false);
    expect(delta.added.map((f) => f.id)).toEqual(['a@all']);
    expect(computed).toBe(2);
    const more = [{ key: 'projects!p8!fiscal', value: '30' }];
    expect(engine.update(model, changedKeysOf(more, model.apply(more)), false).added.map((f) => f.id)).toEqual(['b@all']);
    expect(computed).toBe(3);
    // An unrelated edit re-checks neither.
    const other = [{ key: 'projects!p8!name', value: '改名' }];
    expect(engine.update(model, changedKeysOf(other, model.apply(other)), false)).toEqual({ added: [], resolved: [] });
    expect(computed).toBe(3);
  });
});

describe('blockingFindings', () => {
  const finding = (id: string, severity: 'error' | 'warning'): Finding => ({ id, ruleId: id, severity, table: 't01', cells: [], message: id });
  it('errors always block; warnings block until explained (blank text is no explanation)', () => {
    const findings = [finding('e', 'error'), finding('w1', 'warning'), finding('w2', 'warning')];
    const explanations = [
      { findingId: 'e', text: '已核实' },
      { findingId: 'w1', text: '项目支出安排' },
      { findingId: 'w2', text: '   ' },
    ];
    expect(blockingFindings(findings, explanations).map((f) => f.id)).toEqual(['e', 'w2']);
    expect(blockingFindings(findings, [])).toHaveLength(3);
  });
});

describe('a template without a hand-written rule set', () => {
  const other = { ...template, id: 'other-region-2025', name: '另一地区（2025）' };

  it('is checked by the rules its derivations and coded tables imply: the seed as stated is clean, a wrong printed total is found', () => {
    const engine = createFindingEngine(other, dictionaries);
    expect(engine.rules.some((r) => r.id.startsWith('d'))).toBe(true);
    expect(engine.rules.some((r) => r.id.startsWith('r01'))).toBe(false);
    const stated = StatedValues.copyOf(other, seedModel());
    expect(engine.full(stated)).toEqual([]);
    expect(engine.full(seedModel())).toEqual([]);
    stated.setValue('t02!2010306!total', 400_000_000);
    const findings = engine.full(stated);
    expect(findings.map((f) => f.id).sort()).toEqual(['d-t02-rollup@t02!20103!total', 'd-t02-total@t02!2010306!total']);
    expect(findings[0].message).toContain('“2010306 政务公开审批”行“合计”栏为 400.00 万元，应等于本行“小计”、“上年结转”之和 409.30 万元，少 9.30 万元');
  });
});

describe('read patterns', () => {
  it('name every table and column an instance of the rule reads (besides the record names of messages)', () => {
    const model = seedModel();
    const labels = new Labels(template, dictionaries);
    const ctx = { key: cellKey, template, dictionaries, labels, shared: <T,>(_k: string, f: () => T) => f(), grouped: () => undefined, listSums: (list: ListOperand) => scanListSums(model, list) };
    for (const rule of hebei2024Rules(template)) {
      const allowed = new Set(readPatterns(rule).map((p) => `${p.table}!${p.col}`));
      for (const inst of instancesOf(rule, model, ctx)) {
        for (const key of inst.reads) {
          const [table, row, col] = key.split('!');
          if (labels.labelKeys(table, row).includes(key)) continue;
          expect(allowed.has(`${table}!${col}`), `${rule.id} reads ${key}`).toBe(true);
        }
      }
    }
  });
});

describe('custom rules grouped by a text column', () => {
  it('re-index when the column is edited', () => {
    // One instance per 资金性质 in use: which funds appear depends on the `fund` column.
    const perFund: RuleDef = {
      id: 'funds',
      group: 0,
      severity: 'warning',
      title: '每种资金性质的项目不超过 7 个',
      check: {
        kind: 'custom',
        groupBy: ['projects!fund'],
        instances: (view) => {
          const funds = new Map<string, string[]>();
          for (const p of view.rows('projects').filter((r) => r !== 'total')) {
            const fund = view.text('projects', p, 'fund');
            funds.set(fund, [...(funds.get(fund) ?? []), p]);
          }
          return [...funds].map(([fund, projects]) => ({
            anchor: fund,
            reads: [],
            evaluate: () => (projects.length > 7 ? { cells: [], message: `${fund}项目 ${projects.length} 个` } : null),
          }));
        },
      },
    };
    const model = seedModel();
    const engine = createFindingEngine(template, dictionaries, { rules: [perFund] });
    expect(engine.full(model)).toHaveLength(1);
    const edits = [{ key: 'projects!p8!fund', value: '政府性基金预算' }];
    expect(engine.update(model, changedKeysOf(edits, model.apply(edits)), false)).toEqual({ added: [], resolved: ['funds@一般公共预算'] });
  });
});

describe('project rules after records move or are added', () => {
  const levelsOf = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'r07-indicator-levels').map((f) => f.id).sort();

  it('an indicator moved to another project: its 指标值 finding names the new project, both projects\' levels are checked again', () => {
    const model = seedModel();
    const engine = createFindingEngine(template, dictionaries);
    engine.full(model);
    const bad = [{ key: 'indicators!p1i1!value', value: '较好' }];
    engine.update(model, changedKeysOf(bad, model.apply(bad)), false);
    const move = [{ key: 'indicators!p1i1!project', value: 'p2' }];
    const delta = engine.update(model, changedKeysOf(move, model.apply(move)), false);
    const value = delta.added.find((f) => f.id === 'r07-indicator-value@indicators!p1i1!value');
    expect(value?.message).toContain('光纤租赁和短信机费用');
    expect(value?.message).not.toContain('工作经费');
    const oracle = createFindingEngine(template, dictionaries).full(model);
    expect(engine.current().map((f) => `${f.id} ${f.message}`).sort()).toEqual(oracle.map((f) => `${f.id} ${f.message}`).sort());
    expect(levelsOf(engine.current())).toEqual(levelsOf(oracle));
  });

  it('a project added with its indicators: only its own instances are built, and its missing levels are found', () => {
    const model = seedModel();
    const engine = createFindingEngine(template, dictionaries);
    engine.full(model);
    const count = engine.instanceCount;
    const cells = [
      { key: 'indicators!px1!project', value: 'px' },
      { key: 'indicators!px1!level1', value: '产出指标' },
      { key: 'indicators!px1!value', value: '≥3 个' },
    ];
    const rows = { projects: [...model.content.rows.projects, 'px'], indicators: [...model.content.rows.indicators, 'px1'] };
    const delta = engine.update(model, changedKeysOf(cells, model.applyWithRows(cells, rows)), true);
    expect(levelsOf(delta.added)).toEqual(['r07-indicator-levels@projects!px!效益指标', 'r07-indicator-levels@projects!px!满意度指标']);
    const oracle = createFindingEngine(template, dictionaries).full(model);
    expect(engine.current().map((f) => `${f.id} ${f.message}`).sort()).toEqual(oracle.map((f) => `${f.id} ${f.message}`).sort());
    expect(engine.instanceCount).toBeGreaterThan(count);
  });
});
