import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { parseIndicatorValue } from './indicator-value';

describe('指标值 parsed into comparator, number and unit', () => {
  it.each([
    ['≥95%', '≥', '95', '%'],
    ['≤4 万元', '≤', '4', '万元'],
    ['≥12 个月', '≥', '12', '个月'],
    ['≤1.5 万元', '≤', '1.5', '万元'],
    ['12 月底前', '≤', '12', '月底'],
    ['不低于 90%', '≥', '90', '%'],
    ['＞＝９５％', '≥', '95', '%'],
    ['= 1,200 台', '=', '1200', '台'],
  ])('%s', (text, comparator, number, unit) => {
    const r = parseIndicatorValue(text);
    expect(r.value).toEqual({ comparator, number, unit });
    expect(r.problems).toEqual([]);
  });

  it('reports what is missing, in Chinese', () => {
    expect(parseIndicatorValue('12 万').problems).toEqual(['缺少比较符（≥、≤、＝ 等）']);
    expect(parseIndicatorValue('≥95').problems).toEqual(['缺少计量单位（如 %、万元、个）']);
    expect(parseIndicatorValue('较好').problems).toEqual(['缺少数值', '缺少比较符（≥、≤、＝ 等）']);
    expect(parseIndicatorValue('').problems).toEqual(['指标值为空']);
    expect(parseIndicatorValue('≥95%以上 3 项').problems[0]).toMatch(/无法识别/);
    expect(parseIndicatorValue('≥120%').problems).toEqual(['百分比 120% 超过 100%']);
  });

  it('every value of the seed parses, except the one the seed printed without a comparator', () => {
    const seed = getSeed('juluxian-2024');
    const bad: string[] = [];
    for (const row of seed.content.rows.indicators) {
      const text = seed.content.cells[`indicators!${row}!value`];
      if (parseIndicatorValue(text).problems.length) bad.push(`${row}:${text}`);
    }
    expect(bad).toEqual(['p8i4:12 万']);
  });
});
