import { describe, expect, it } from 'vitest';
import { exportFileName } from './paths';

describe('exportFileName', () => {
  it('follows <单位编码> <单位名称> <年度>年部门预算.xlsx', () => {
    expect(exportFileName({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2024 })).toBe('435 巨鹿县行政审批局 2024年部门预算.xlsx');
  });
  it('replaces characters a file name cannot hold', () => {
    expect(exportFileName({ unitCode: '9', unitName: 'A/B:C*?"<>|\\', year: 2025 })).toBe('9 A_B_C_______ 2025年部门预算.xlsx');
  });
});
