import { describe, expect, it } from 'vitest';
import { cellKey, emptyContent, TOTAL_ROW } from '../../../../shared/draft';
import { DraftModel } from '../../../../shared/engine/model';
import { getTemplate } from '../../../../shared/regions';
import { requireRole } from '../../../../shared/template/types';
import { enteredSource, formulaInWords } from './cells';

const hebei = getTemplate('hebei-2024');
const spending = requireRole(hebei, 'spending').id;
const general = requireRole(hebei, 'generalSpending').id;

describe('a calculated cell in words', () => {
  const content = emptyContent();
  content.rows[spending] = ['208', '20805', '2080501', '2080505'];
  content.rows[general] = ['208', '20805', '2080501', '2080505'];
  content.cells[cellKey(general, '2080501', 'basic')] = '3.1';
  content.cells[cellKey(general, '2080505', 'basic')] = '45';
  const model = new DraftModel(hebei, content);

  it('says what a roll-up, a row sum and a cross-table figure are made of; an entered cell has none', () => {
    expect(formulaInWords(model, cellKey(general, '20805', 'basic'))).toBe('= 各下级科目“基本支出”之和（2 项）');
    expect(formulaInWords(model, cellKey(general, TOTAL_ROW, 'basic'))).toBe('= 表5 208 基本支出');
    expect(formulaInWords(model, cellKey(general, '2080501', 'total'))).toMatch(/^= .*基本支出 \+ .*项目支出$/);
    expect(formulaInWords(model, cellKey(general, '2080501', 'basic'))).toBeNull();
  });

  it('leads from a calculated cell to the entered one its figure comes from', () => {
    expect(enteredSource(model, cellKey(general, '20805', 'basic'))).toBe(cellKey(general, '2080501', 'basic'));
    expect(enteredSource(model, cellKey(general, '2080501', 'basic'))).toBeNull();
  });
});
