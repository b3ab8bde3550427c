import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { emptyContent } from '../draft';
import { getTemplate } from '../regions';
import { planProjectCopy, summarizeProjects } from './copy';

const template = getTemplate('hebei-2024');
const source = getSeed('juluxian-2024').content;

describe('copying projects from another draft', () => {
  it('copies the entered cells of the project and its indicators, not the derived 合计 nor the parent link', () => {
    const plan = planProjectCopy(template, source, emptyContent(), ['p3']);
    expect(plan.skipped).toEqual([]);
    const [p] = plan.projects;
    expect(p.from).toBe('p3');
    expect(p.cells).toMatchObject({ code: '13052924P00584011808H', name: '委托机构评估评审工作经费', fiscal: '1.5', functionCode: '2010306', plan12: '100' });
    expect(p.cells).not.toHaveProperty('amount');
    expect(p.indicators).toHaveLength(7);
    expect(p.indicators[3].cells).toEqual({ level1: '产出指标', level2: '成本指标', level3: '评审项目使用费', description: '评审项目使用费', value: '≤1.5 万元', basis: '巨鹿县行政审批局关于申请委托机构评估评审工作经费的请示（巨行字【2022】4 号）' });
  });

  it('skips what the target already has (by 项目编码), a project chosen twice, and unknown records, saying why', () => {
    const target = { rows: { projects: ['x1'] }, cells: { 'projects!x1!code': '13052924P00584011813B' } };
    const plan = planProjectCopy(template, source, target, ['p1', 'p2', 'p2', 'p99']);
    expect(plan.projects.map((p) => p.from)).toEqual(['p2']);
    expect(plan.skipped.map((s) => s.message)).toEqual([
      '项目“工作经费”（13052924P00584011813B）已在本草稿中，未重复复制',
      '项目“光纤租赁和短信机费用”（13052924P00584011806A）已在本草稿中，未重复复制',
      '来源草稿中没有项目 p99',
    ]);
  });

  it('summarizes a draft’s projects for the choice', () => {
    const list = summarizeProjects(template, source);
    expect(list).toHaveLength(8);
    expect(list[6]).toEqual({ row: 'p7', code: '13052924P00584011784Q', name: '政务外网费用', fiscal: '5', otherFunds: '', indicatorCount: 7 });
  });
});
