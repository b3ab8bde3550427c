import type { Dictionaries } from '../src/shared/dictionary';
import { cellKey, type DraftContent } from '../src/shared/draft';

/**
 * A large synthetic department for benchmarks: every 项 function code of the dictionary in
 * tables 2, 3 and 5 (with rollups well over 3,000 coded rows), every economic 款 in table 6,
 * and `projects` projects with 7 indicators each. Amounts are deterministic and consistent:
 * income by function equals spending by function, so the draft starts clean.
 */
export function syntheticDepartment(dict: Dictionaries, projects = 500): DraftContent {
  const rows: Record<string, string[]> = {};
  const cells: Record<string, string> = {};
  const set = (t: string, r: string, c: string, v: string) => (cells[cellKey(t, r, c)] = v);
  const leaves = dict.function.all().filter((r) => r.code.length === 7);
  const projectCode = (i: number) => leaves[i % leaves.length].code;
  const projectAmount = (i: number) => 10 + (i % 17);
  const projectByCode = new Map<string, number>();
  for (let i = 0; i < projects; i++) projectByCode.set(projectCode(i), (projectByCode.get(projectCode(i)) ?? 0) + projectAmount(i));

  rows.t02 = [];
  rows.t03 = [];
  rows.t05 = [];
  leaves.forEach((leaf, i) => {
    const basic = 100 + (i % 50) + ((i * 7) % 100) / 100;
    const project = projectByCode.get(leaf.code) ?? 0;
    const total = (basic * 100 + project * 100) / 100;
    for (const t of ['t02', 't03', 't05']) {
      rows[t].push(leaf.code);
      set(t, leaf.code, 'name', leaf.name);
    }
    set('t02', leaf.code, 'fiscal', total.toFixed(2));
    set('t03', leaf.code, 'basic', basic.toFixed(2));
    set('t05', leaf.code, 'basic', basic.toFixed(2));
  });

  rows.t06 = [];
  const economic = dict.economic.all().filter((r) => r.code.length === 5 && /^30[123]/.test(r.code));
  economic.forEach((e, i) => {
    rows.t06.push(e.code);
    set('t06', e.code, 'name', e.name);
    set('t06', e.code, e.code.startsWith('302') ? 'public' : 'personnel', String(1 + (i % 9)));
  });

  rows.projects = [];
  rows.indicators = [];
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
    rows.projects.push(id);
    set('projects', id, 'code', `SYN${String(i + 1).padStart(6, '0')}`);
    set('projects', id, 'name', `合成项目${i + 1}`);
    set('projects', id, 'functionCode', projectCode(i));
    set('projects', id, 'fund', '一般公共预算');
    set('projects', id, 'fiscal', String(projectAmount(i)));
    set('projects', id, 'use', '用于保障业务正常开展。');
    set('projects', id, 'plan03', '25');
    set('projects', id, 'plan06', '50');
    set('projects', id, 'plan10', '75');
    set('projects', id, 'plan12', '100');
    set('projects', id, 'goals', '完成年度工作任务');
    levels.forEach(([l1, l2, value], k) => {
      const ind = `${id}i${k + 1}`;
      rows.indicators.push(ind);
      set('indicators', ind, 'project', id);
      set('indicators', ind, 'level1', l1);
      set('indicators', ind, 'level2', l2);
      set('indicators', ind, 'level3', `${l2}${k + 1}`);
      set('indicators', ind, 'description', `${l2}说明`);
      set('indicators', ind, 'value', value);
      set('indicators', ind, 'basis', '工作计划');
    });
  }
  set('t09', 'vehicleRunning', 'general', '2');
  set('t12', 'vehicles', 'quantity', '1');
  set('t12', 'vehicles', 'value', '20');
  rows.org = ['o1'];
  set('org', 'o1', 'name', '合成单位本级');
  set('org', 'o1', 'nature', '行政');
  return { rows, cells };
}
