import { describe, expect, it } from 'vitest';
import { getSeed } from '../../seeds';
import { DraftModel } from './engine/model';
import { priorRowsLeftBlank, priorYearRefusal } from './prior-year';
import { getTemplate, templateOf } from './regions';
import { priorCells } from './workbook/plan';

const hebei = { templateId: 'hebei-2024', year: 2024 };

describe('what may become a draft\'s prior-year layer', () => {
  it('a budget of another region is refused, naming both layouts', () => {
    const refusal = priorYearRefusal({ templateId: 'shanghai-2026-department', year: 2023 }, hebei);
    expect(refusal).toContain('上海 · 区级部门预算（2026 版式）');
    expect(refusal).toContain('河北 · 县级部门预算（2024 版式）');
    expect(refusal).toContain('不能逐项对比');
  });

  it('a budget of the draft\'s year or later is not last year\'s: refused before its layout is looked at', () => {
    expect(priorYearRefusal({ templateId: 'shanghai-2026-department', year: 2026 }, hebei)).toBe('工作簿是 2026 年的预算，不早于本稿（2024 年），不能作为上年数：请选择 2023 年的预算');
    expect(priorYearRefusal({ templateId: 'hebei-2024', year: 2024 }, hebei, '预算稿')).toMatch(/^预算稿是 2024 年的预算/);
  });

  it('last year\'s budget of the same region is taken, in the same layout or another (部门 ↔ 单位), with or without a stated year', () => {
    expect(priorYearRefusal({ templateId: 'hebei-2024', year: 2023 }, hebei)).toBeNull();
    expect(priorYearRefusal({ templateId: 'hebei-2024', year: null }, hebei)).toBeNull();
    expect(priorYearRefusal({ templateId: 'shanghai-2026-unit', year: 2025 }, { templateId: 'shanghai-2026-department', year: 2026 })).toBeNull();
  });

  it('a figure last year\'s layout does not name is left blank and listed, never a made-up zero', () => {
    const seed = getSeed('juluxian-2024');
    const source = templateOf(seed.meta);
    const target = getTemplate('hebei-2024', 2025);
    // Last year's layout without 政府采购预算 among its key figures.
    const { procurement: _dropped, ...figures } = source.figures;
    const older = { ...source, id: 'hebei-older', figures };
    const cells = priorCells(target, new DraftModel(older, seed.content));
    expect(Object.keys(cells).some((k) => k.includes('procurement'))).toBe(false);
    expect(cells[Object.keys(cells).find((k) => k.includes('incomeTotal'))!]).toBe('525.8');
    expect(priorRowsLeftBlank(target, cells)).toEqual([{ row: 'procurement', label: '政府采购预算' }]);
    expect(priorRowsLeftBlank(target, priorCells(target, new DraftModel(source, seed.content)))).toEqual([]);
  });
});
