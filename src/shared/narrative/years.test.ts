import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../engine/model';
import { templateOf } from '../regions';
import { describeCells } from './__fixtures__/seed-model';
import { checkNarrative } from './checks';
import { draftNarrative, narrativeHeading } from './draft';

/** The seed's figures in a draft of another year: every year printed follows the draft. */
function seedIn(year: number): DraftModel {
  const seed = getSeed('juluxian-2024');
  return new DraftModel(templateOf({ ...seed.meta, year }), seed.content);
}

describe.each([2025, 2026])('a %i draft', (year) => {
  const model = seedIn(year);
  const text = draftNarrative(model, model.template).map((s) => s.text).join('\n');

  it('states its own year, compares with the year before and dates the assets at the end of it', () => {
    expect(model.template.year).toBe(year);
    expect(text).toContain(`${year}年预算收入`);
    expect(text).toContain(`${year}年预算收支安排525.80万元，比${year - 1}年预算减少89.27万元`);
    expect(text).toContain(`与${year - 1}年相比持平`);
    expect(text).toContain(`截至${year - 1}年12月31日`);
    expect(text).toContain(`纳入${year}年部门预算编制范围的单位共`);
    expect(narrativeHeading(model.template, '巨鹿县行政审批局')).toBe(`巨鹿县行政审批局 ${year} 年部门预算信息公开情况说明`);
  });

  it('prints no other year', () => {
    const years = new Set([...text.matchAll(/(\d{4})年/g)].map((m) => Number(m[1])));
    expect([...years].sort()).toEqual([year - 1, year]);
  });

  it('has no finding of its own text', () => {
    expect(checkNarrative(model, model.template, describeCells(model, model.template))).toEqual([]);
  });
});
