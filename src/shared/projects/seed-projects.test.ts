import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import figures from '../__fixtures__/seed-figures.json';
import { TOTAL_ROW } from '../draft';
import { DraftModel } from '../engine/model';
import { toFixedString } from '../money';
import { getTemplate } from '../regions';
import { parseIndicatorValue } from './indicator-value';

/**
 * Table 10 of the seed document reproduced from the draft: every project (code, name,
 * budget, use, spending plan, goals) and every indicator of it, in the published order.
 */
const seed = getSeed('juluxian-2024');
const model = new DraftModel(getTemplate(seed.meta.templateId), seed.content);
const published = figures.tables['10 项目绩效目标表'].projects;
const fold = (s: string) => s.replace(/\s/g, '');

describe('the seed’s eight projects with every indicator', () => {
  const rows = model.rows('projects').filter((r) => r !== TOTAL_ROW);
  const indicatorsOf = (project: string) => model.rows('indicators').filter((r) => model.text('indicators', r, 'project') === project);

  it('has the eight projects of the document, totalling 67.50', () => {
    expect(rows).toHaveLength(published.length);
    expect(published).toHaveLength(8);
    expect(toFixedString(model.value('projects', TOTAL_ROW, 'amount')!)).toBe('67.50');
  });

  it.each(published.map((p) => [p.order, p.name, p] as const))('project %i %s: sheet and indicators as published', (order, _name, p) => {
    const row = rows[order - 1];
    const text = (col: string) => model.text('projects', row, col);
    expect(text('code')).toBe(p.code);
    expect(fold(text('name'))).toBe(fold(p.name));
    expect(toFixedString(model.value('projects', row, 'amount')!)).toBe(p.amount);
    expect(toFixedString(model.value('projects', row, 'fiscal')!)).toBe(p.fiscal);
    expect(fold(text('use'))).toBe(fold(p.use));
    expect(Object.values(p.spendingPlan)).toEqual(['plan03', 'plan06', 'plan10', 'plan12'].map((c) => `${text(c)}%`));
    expect(text('goals').split('\n').map(fold)).toEqual(p.goals.map(fold));

    const inds = indicatorsOf(row);
    expect(inds).toHaveLength(p.indicators.length);
    const columns: Array<[label: keyof (typeof p.indicators)[number], col: string]> = [
      ['一级指标', 'level1'], ['二级指标', 'level2'], ['三级指标', 'level3'], ['绩效指标描述', 'description'], ['指标值', 'value'], ['指标值确定依据', 'basis'],
    ];
    p.indicators.forEach((ind, i) => {
      for (const [label, col] of columns) {
        expect(fold(model.text('indicators', inds[i], col)), `${p.name} #${i + 1} ${label}`).toBe(fold(ind[label]));
      }
    });
    // The function code and fund through which the amount feeds 项目支出 of tables 3 and 5.
    expect(text('functionCode')).toBe('2010306');
    expect(text('fund')).toBe('一般公共预算');
  });

  it('every 指标值 parses into comparator, number and unit, but the one the document printed as “12 万”', () => {
    const unparsed = model.rows('indicators').filter((r) => parseIndicatorValue(model.text('indicators', r, 'value')).problems.length);
    expect(unparsed.map((r) => model.text('indicators', r, 'value'))).toEqual(['12 万']);
    expect(model.rows('indicators')).toHaveLength(published.reduce((n, p) => n + p.indicators.length, 0));
  });
});
