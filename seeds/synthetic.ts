import type { Dictionaries } from '../src/shared/dictionary';
import { cellKey, type DraftContent } from '../src/shared/draft';
import { getTemplate } from '../src/shared/regions';
import { requireRole, type TableRole } from '../src/shared/template/types';

/** The pack the synthetic department is drafted in (its fixed rows are that pack's). */
export const SYNTHETIC_PACK = 'hebei-2024';

const ROLES = ['summary', 'income', 'spending', 'generalSpending', 'basicEconomic', 'threePublic', 'projects', 'indicators', 'procurement', 'assets', 'org', 'priorYear'] as const satisfies readonly TableRole[];

/** The synthetic department's tables by role: benchmarks and the test host address them so. */
export function syntheticTables(): Record<(typeof ROLES)[number], string> {
  const template = getTemplate(SYNTHETIC_PACK);
  return Object.fromEntries(ROLES.map((role) => [role, requireRole(template, role).id])) as Record<(typeof ROLES)[number], string>;
}

/**
 * A large synthetic department for benchmarks: every 项 function code of the dictionary in
 * tables 2, 3 and 5 (with rollups well over 3,000 coded rows), every economic 款 in table 6,
 * and `projects` projects with 7 indicators each. Amounts are deterministic and consistent:
 * income by function equals spending by function, so the draft starts clean.
 */
export function syntheticDepartment(dict: Dictionaries, projects = 500): DraftContent {
  const T = syntheticTables();
  const rows: Record<string, string[]> = {};
  const cells: Record<string, string> = {};
  const set = (t: string, r: string, c: string, v: string) => (cells[cellKey(t, r, c)] = v);
  const leaves = dict.function.all().filter((r) => r.code.length === 7);
  const projectCode = (i: number) => leaves[i % leaves.length].code;
  const projectAmount = (i: number) => 10 + (i % 17);
  const projectByCode = new Map<string, number>();
  for (let i = 0; i < projects; i++) projectByCode.set(projectCode(i), (projectByCode.get(projectCode(i)) ?? 0) + projectAmount(i));

  const coded = [T.income, T.spending, T.generalSpending];
  for (const t of coded) rows[t] = [];
  leaves.forEach((leaf, i) => {
    const basic = 100 + (i % 50) + ((i * 7) % 100) / 100;
    const project = projectByCode.get(leaf.code) ?? 0;
    const total = (basic * 100 + project * 100) / 100;
    for (const t of coded) {
      rows[t].push(leaf.code);
      set(t, leaf.code, 'name', leaf.name);
    }
    set(T.income, leaf.code, 'fiscal', total.toFixed(2));
    set(T.spending, leaf.code, 'basic', basic.toFixed(2));
    set(T.generalSpending, leaf.code, 'basic', basic.toFixed(2));
  });

  rows[T.basicEconomic] = [];
  const economic = dict.economic.all().filter((r) => r.code.length === 5 && /^30[123]/.test(r.code));
  economic.forEach((e, i) => {
    rows[T.basicEconomic].push(e.code);
    set(T.basicEconomic, e.code, 'name', e.name);
    set(T.basicEconomic, e.code, e.code.startsWith('302') ? 'public' : 'personnel', String(1 + (i % 9)));
  });

  rows[T.projects] = [];
  rows[T.indicators] = [];
  const levels: Array<[string, string, string]> = [
    ['产出指标', '数量指标', '≥12 个'],
    ['产出指标', '质量指标', '≥95%'],
    ['产出指标', '时效指标', '12 月底前'],
    ['产出指标', '成本指标', '≤20 万元'],
    ['效益指标', '社会效益指标', '≥90%'],
    ['效益指标', '可持续影响指标', '≥3 年'],
    ['满意度指标', '服务对象满意度指标', '≥95%'],
  ];
  for (let i = 0; i < projects; i++) {
    const id = `p${i + 1}`;
    rows[T.projects].push(id);
    set(T.projects, id, 'code', `SYN${String(i + 1).padStart(6, '0')}`);
    set(T.projects, id, 'name', `合成项目${i + 1}`);
    set(T.projects, id, 'functionCode', projectCode(i));
    set(T.projects, id, 'fund', '一般公共预算');
    set(T.projects, id, 'fiscal', String(projectAmount(i)));
    set(T.projects, id, 'use', '用于保障业务正常开展。');
    set(T.projects, id, 'plan03', '25');
    set(T.projects, id, 'plan06', '50');
    set(T.projects, id, 'plan10', '75');
    set(T.projects, id, 'plan12', '100');
    set(T.projects, id, 'goals', '完成年度工作任务');
    levels.forEach(([l1, l2, value], k) => {
      const ind = `${id}i${k + 1}`;
      rows[T.indicators].push(ind);
      set(T.indicators, ind, 'project', id);
      set(T.indicators, ind, 'level1', l1);
      set(T.indicators, ind, 'level2', l2);
      set(T.indicators, ind, 'level3', `${l2}${k + 1}`);
      set(T.indicators, ind, 'description', `${l2}说明`);
      set(T.indicators, ind, 'value', value);
      set(T.indicators, ind, 'basis', '工作计划');
    });
  }
  set(T.threePublic, 'vehicleRunning', 'general', '2');
  set(T.assets, 'vehicles', 'quantity', '1');
  set(T.assets, 'vehicles', 'value', '20');
  rows[T.org] = ['o1'];
  set(T.org, 'o1', 'name', '合成单位本级');
  set(T.org, 'o1', 'nature', '行政');
  return { rows, cells };
}
