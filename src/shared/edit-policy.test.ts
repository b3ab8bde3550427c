import { describe, expect, it } from 'vitest';
import { cellInWords, layoutReason, parseTyped, readOnlyReason } from './edit-policy';
import { printedCode } from './template/layout';
import { getTemplate } from './regions';
import { requireRole, rowByLine, type TableDef } from './template/types';

const hebei = getTemplate('hebei-2024');

describe('parseTyped', () => {
  it('stores figures canonically, blank as nothing', () => {
    expect(parseTyped('money', '1,234.50')).toEqual({ ok: true, value: '1234.5' });
    expect(parseTyped('money', '  ')).toEqual({ ok: true, value: null });
    expect(parseTyped('money', '(12.30)')).toEqual({ ok: true, value: '-12.3' });
    expect(parseTyped('money', '１２')).toEqual({ ok: true, value: '12' });
    expect(parseTyped('money', '5.')).toEqual({ ok: true, value: '5' });
    expect(parseTyped('money', '-0')).toEqual({ ok: true, value: '0' });
  });

  it('rounds money beyond two decimals visibly, so what is stored is what is shown', () => {
    const r = parseTyped('money', '12.345');
    expect(r).toEqual({ ok: true, value: '12.35', note: '“12.345”已按两位小数四舍五入为 12.35' });
    expect(parseTyped('money', '-0.005')).toMatchObject({ ok: true, value: '-0.01' });
    expect(parseTyped('money', '409.2999999999999')).toMatchObject({ ok: true, value: '409.3' });
    // Quantities keep their decimals.
    expect(parseTyped('quantity', '12.345')).toEqual({ ok: true, value: '12.345' });
  });

  it('computes simple arithmetic after =, exactly', () => {
    expect(parseTyped('money', '=12+3.5')).toEqual({ ok: true, value: '15.5', note: '=12+3.5 = 15.50' });
    expect(parseTyped('money', '=0.1+0.2')).toMatchObject({ value: '0.3' });
    expect(parseTyped('money', '＝(10-4)*2/3')).toMatchObject({ ok: true, value: '4' });
    expect(parseTyped('money', '=10/3')).toEqual({
      ok: true,
      value: '3.33',
      note: '=10/3 = 3.33（已按2位小数四舍五入）',
    });
    expect(parseTyped('money', '=-5+2')).toMatchObject({ value: '-3' });
    expect(parseTyped('money', '=1,200*2')).toMatchObject({ value: '2400' });
    expect(parseTyped('percent', '=50/2')).toMatchObject({ value: '25' });
  });

  it('refuses what is not a figure with a message that names the input', () => {
    for (const [input, words] of [
      ['=12+', '算式不完整'],
      ['=(1+2', '括号不成对'],
      ['=1/0', '除数为零'],
      ['=A1+2', '“A”不是数字或运算符'],
      ['=', '= 后面没有算式'],
    ]) {
      const r = parseTyped('money', input);
      expect(r.ok, input).toBe(false);
      if (!r.ok) expect(r.message).toContain(words);
    }
    const bad = parseTyped('money', '12元a');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('“12元a”');
    expect(parseTyped('quantity', '-2')).toEqual({ ok: false, message: '数量不能为负数：“-2”' });
    const pct = parseTyped('percent', 'abc');
    expect(pct.ok || pct.message).toContain('百分比');
    expect(parseTyped('money', '1234567890').ok).toBe(false);
  });

  it('keeps figures brought in exact to the micro-unit, and refuses what would change', () => {
    expect(parseTyped('money', '12.345678', 'stored')).toEqual({ ok: true, value: '12.345678' });
    expect(parseTyped('money', '12.3456789', 'stored')).toEqual({ ok: false, message: '“12.3456789”小数位数过多，最多 6 位' });
    expect(parseTyped('money', '=1+2', 'stored').ok).toBe(false);
    expect(parseTyped('quantity', '-1', 'stored').ok).toBe(false);
    expect(parseTyped('money', '-0', 'stored')).toEqual({ ok: true, value: '0' });
  });

  it('keeps text as typed', () => {
    expect(parseTyped('text', ' 说明 ')).toEqual({ ok: true, value: ' 说明 ' });
    expect(parseTyped('text', '')).toEqual({ ok: true, value: null });
  });
});

describe('readOnlyReason', () => {
  const spending = requireRole(hebei, 'spending');
  const summary = requireRole(hebei, 'summary');

  it('says why the layout keeps a cell from being typed', () => {
    expect(layoutReason(spending, '2010306', 'basic', false)).toBeNull();
    expect(layoutReason(spending, '2010306', 'total', true)).toContain('公式');
    expect(layoutReason(spending, '20103', 'basic', false)).toContain('下级科目汇总');
    expect(layoutReason(spending, 'total', 'basic', false)).toContain('合计行');
    expect(layoutReason(spending, '2010306', 'code', false)).toContain('添加科目');
    expect(layoutReason(spending, '2010306', 'serial', false)).toContain('序号');
    const general = rowByLine(summary, 'income:general')!;
    const labelCol = summary.columns.find((c) => c.role === 'label')!;
    expect(layoutReason(summary, general.id, labelCol.id, false)).toContain('表样');
  });

  it('puts the draft status and the role first', () => {
    expect(readOnlyReason(spending, '2010306', 'basic', false, { status: 'editing', role: 'clerk' })).toBeNull();
    expect(readOnlyReason(spending, '2010306', 'basic', false, { status: 'returned', role: 'clerk' })).toBeNull();
    expect(readOnlyReason(spending, '2010306', 'basic', false, { status: 'submitted', role: 'clerk' })).toContain('已提交');
    expect(readOnlyReason(spending, '2010306', 'basic', false, { status: 'signed' })).toContain('已审签');
    expect(readOnlyReason(spending, '2010306', 'basic', false, { status: 'editing', role: 'supervisor' })).toContain('审核人不能修改');
    expect(readOnlyReason(spending, '2010306', 'basic', false, { status: 'editing' })).toBeNull();
  });
});

describe('cells in words', () => {
  const split: TableDef = {
    id: 'x',
    title: '支出表',
    number: '3',
    hasSerial: false,
    published: true,
    columns: [
      {
        id: 'code',
        header: ['功能分类科目编码'],
        kind: 'code',
        role: 'code',
        splitLevels: ['类', '款', '项'],
      },
      { id: 'total', header: ['合计'], kind: 'money' },
    ],
    rows: { kind: 'coded', scheme: 'function', levels: [3, 5, 7], totalLabel: '合计' },
  };

  it('prints a split code column as 类 款 项', () => {
    expect(printedCode(split, '2050205')).toBe('205 | 02 | 05');
    expect(printedCode(split, '20502')).toBe('205 | 02');
    expect(printedCode(requireRole(hebei, 'spending'), '2050205')).toBe('2050205');
  });

  it('names a cell as the clerk reads it', () => {
    expect(cellInWords(split, '2050205', 'total')).toBe('表3 205 | 02 | 05 合计');
    expect(cellInWords(split, 'total', 'total')).toBe('表3 合计 合计');
    const spending = requireRole(hebei, 'spending');
    expect(cellInWords(spending, 'total', 'basic')).toMatch(/^表\d+ 合计 基本支出$/);
  });
});
