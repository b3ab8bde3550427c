import { loadShippedDictionaries } from '../../src/main/dictionary';
import { consolidate, type UnitBudget } from '../../src/shared/consolidation';
import { cellKey, TOTAL_ROW, type DraftContent } from '../../src/shared/draft';
import type { Dictionaries } from '../../src/shared/dictionary';
import { toDecimalString } from '../../src/shared/money';
import { getTemplate } from '../../src/shared/regions';
import { requireRole, type TableRole, type Template } from '../../src/shared/template/types';
import type { BenchLine } from '../bench';
import { heapMB, time } from './util';

const UNITS = 50;

/**
 * One unit of about 6,000 entered cells, by table role: `codes` function codes in the income,
 * spending and general-spending tables, the economic 款 of basic spending, and projects with
 * seven indicators each. Unit 1 (本级) pays 对附属单位补助 that the others receive as 上级补助.
 */
export function syntheticUnit(template: Template, dict: Dictionaries, index: number, codes = 700, projects = 50): DraftContent {
  const rows: Record<string, string[]> = {};
  const cells: Record<string, string> = {};
  const table = (role: TableRole) => requireRole(template, role).id;
  const set = (role: TableRole, row: string, col: string, value: string) => {
    const id = table(role);
    cells[cellKey(id, row, col)] = value;
  };
  const list = (role: TableRole) => (rows[table(role)] ??= []);
  const leaves = dict.function
    .all()
    .filter((r) => r.code.length === 7)
    .slice(0, codes);
  leaves.forEach((leaf, i) => {
    const amount = (100 + ((i * 7 + index * 13) % 90) + index / 100).toFixed(2);
    for (const role of ['income', 'spending', 'generalSpending'] as const) {
      list(role).push(leaf.code);
      set(role, leaf.code, 'name', leaf.name);
    }
    set('income', leaf.code, 'fiscal', amount);
    set('spending', leaf.code, 'basic', amount);
    set('generalSpending', leaf.code, 'basic', amount);
  });
  const first = leaves[0].code;
  if (index === 0) set('spending', first, 'subsidy', String(UNITS - 1));
  else set('income', first, 'superior', '1');
  for (const e of dict.economic.all().filter((r) => r.code.length === 5 && /^30[12]/.test(r.code))) {
    list('basicEconomic').push(e.code);
    set('basicEconomic', e.code, 'name', e.name);
    set('basicEconomic', e.code, e.code.startsWith('302') ? 'public' : 'personnel', '1');
  }
  for (let p = 0; p < projects; p++) {
    const id = `p${p + 1}`;
    list('projects').push(id);
    set('projects', id, 'name', `项目${index + 1}-${p + 1}`);
    set('projects', id, 'functionCode', leaves[p % leaves.length].code);
    set('projects', id, 'fund', '一般公共预算');
    set('projects', id, 'fiscal', String(10 + (p % 7)));
    set('projects', id, 'use', '保障业务正常开展');
    for (let k = 0; k < 7; k++) {
      const ind = `${id}i${k + 1}`;
      list('indicators').push(ind);
      set('indicators', ind, 'project', id);
      set('indicators', ind, 'level1', '产出指标');
      set('indicators', ind, 'level2', '数量指标');
      set('indicators', ind, 'level3', `指标${k + 1}`);
      set('indicators', ind, 'value', '≥95%');
    }
  }
  return { rows, cells };
}

/** 部门汇总 of 50 units of about 6,000 entered cells each. */
export async function run(): Promise<BenchLine[]> {
  const dict = loadShippedDictionaries();
  const template = getTemplate('hebei-2024', 2025);
  const units: UnitBudget[] = Array.from({ length: UNITS }, (_, i) => ({
    profile: { code: `U${String(i + 1).padStart(3, '0')}`, name: `单位${i + 1}`, nature: i ? '事业' : '行政', rank: '正科级', funding: '财政拨款' },
    template,
    content: syntheticUnit(template, dict, i),
  }));
  const cellsPerUnit = Object.keys(units[0].content.cells).length;
  const heapBefore = heapMB();
  const cpu = process.cpuUsage();
  const { ms, value: result } = time(() => consolidate(template, units));
  const { user, system } = process.cpuUsage(cpu);
  const spending = requireRole(template, 'spending').id;
  const total = result.model.value(spending, TOTAL_ROW, 'total');
  if (result.eliminations[0]?.eliminated !== (UNITS - 1) * 1_000_000) throw new Error(`elimination ${JSON.stringify(result.eliminations)}`);
  if (result.problems.length) throw new Error(result.problems.join('\n'));
  console.log(`  (department 支出合计 ${total === null ? '—' : toDecimalString(total)} 万元, eliminated ${toDecimalString(result.eliminations[0].eliminated)})`);
  return [
    { name: 'units', value: UNITS, unit: 'count' },
    { name: 'entered cells per unit', value: cellsPerUnit, unit: 'count', target: { op: '>=', value: 5_500 } },
    { name: `consolidate ${UNITS} units (部门汇总)`, value: ms, unit: 'ms', target: { op: '<=', value: 1_000 } },
    // On a shared machine the wall time waits for the other processes: the CPU time it used is told apart.
    { name: '… of which CPU time of this process', value: (user + system) / 1000, unit: 'ms' },
    { name: 'heap growth while consolidating', value: Math.max(0, heapMB() - heapBefore), unit: 'MB' },
  ];
}
