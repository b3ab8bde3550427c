import { describe, expect, it } from 'vitest';
import { cellKey, emptyContent, TOTAL_ROW } from '../../../../shared/draft';
import { DraftModel } from '../../../../shared/engine/model';
import { getTemplate } from '../../../../shared/regions';
import { requireRole } from '../../../../shared/template/types';
import { displayText, enteredSource, formulaInWords } from './cells';
import { getSeed } from '../../../../../seeds';
import { templateOf } from '../../../../shared/regions';

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

describe('a zero as the window shows it', () => {
  const seed = getSeed('juluxian-2024');
  const template = templateOf(seed.meta);
  const model = new DraftModel(template, seed.content);
  const shown = (role: string, rowId: string, colId: string) => {
    const table = requireRole(template, role);
    return displayText(model, table, rowId, table.columns.find((c) => c.id === colId)!);
  };
  const comparison = requireRole(template, 'priorYear');
  const comparedRow = (label: string) => (comparison.rows.kind === 'fixed' ? comparison.rows.rows.find((r) => r.labels.item === label)!.id : '');

  it('上年对比: a change of zero is a figure (0.00 beside its 0.00%), a row with nothing to compare stays blank', () => {
    const same = comparedRow('“三公”经费'); // 1.00 both years
    expect([shown('priorYear', same, 'prior'), shown('priorYear', same, 'current'), shown('priorYear', same, 'change'), shown('priorYear', same, 'rate')]).toEqual(['1.00', '1.00', '0.00', '0.00%']);
    const none = comparedRow('因公出国（境）费'); // nothing either year
    expect(['prior', 'current', 'change', 'rate'].map((c) => shown('priorYear', none, c))).toEqual(['', '', '', '']);
  });

  it('上年对比: this year at zero against last year\'s figure shows 0.00, not a gap', () => {
    const content = structuredClone(seed.content);
    const row = comparedRow('公务接待费');
    content.cells[cellKey(comparison.id, row, 'prior')] = '2';
    const m = new DraftModel(template, content);
    const text = (c: string) => displayText(m, comparison, row, comparison.columns.find((x) => x.id === c)!);
    expect(['prior', 'current', 'change', 'rate'].map(text)).toEqual(['2.00', '0.00', '-2.00', '-100.00%']);
  });

  it('a published table prints a derived zero as blank, as the exported workbook and the seed\'s published tables do', () => {
    // 年终结转结余 of 收支总表 is 0.00 by its sum, and printed blank.
    const summary = requireRole(template, 'summary');
    const carry = summary.rows.kind === 'fixed' ? summary.rows.rows.find((r) => r.labels.outItem === '年终结转结余')!.id : '';
    expect(model.valueByKey(cellKey(summary.id, carry, 'outAmount'))).toBe(0);
    expect(shown('summary', carry, 'outAmount')).toBe('');
  });
});
