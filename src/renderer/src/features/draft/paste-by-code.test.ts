import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../../shared/regions';
import { codeIn, planPasteByCode } from './paste-by-code';

const t03 = getTemplate('hebei-2024').tables.find((t) => t.id === 't03')!;
const colIds = ['code', 'name', ...t03.columns.filter((c) => c.role !== 'code' && c.role !== 'name').map((c) => c.id)];
const at = (id: string) => colIds.indexOf(id);

describe('paste by code', () => {
  it('reads codes as Excel and published tables write them', () => {
    expect(['2010301', ' 201 03 01 ', '2010301 行政运行', '２０１０３０１', '2010301.0'].map(codeIn)).toEqual(Array(5).fill('2010301'));
    expect(['合计', '', '一、一般公共服务'].map(codeIn)).toEqual([null, null, null]);
  });

  it('places lines by code, adds missing codes once, skips names, sum lines and lines without a code', () => {
    const basic = at('basic') - at('code');
    const line = (code: string, name: string, value: string) => {
      const cells = Array(basic + 1).fill('');
      cells[0] = code;
      cells[1] = name;
      cells[basic] = value;
      return cells;
    };
    const block = [line('合计', '', '130'), line('201', '一般公共服务支出', '130'), line('20103', '政府办公厅', '130'), line('2010301', '行政运行', '100'), line('2010399', '其他', '30'), line('2010399', '其他', '31')];
    const plan = planPasteByCode(t03, colIds, at('code'), block, new Set(['total', '201', '20103', '2010306']))!;
    expect(plan.addCodes).toEqual([
      { table: 't03', code: '2010301' },
      { table: 't03', code: '2010399' },
    ]);
    expect(plan.edits.filter((e) => e.value !== '').map((e) => [e.row, e.col, e.value])).toEqual([
      ['2010301', 'basic', '100'],
      ['2010399', 'basic', '30'],
      ['2010399', 'basic', '31'],
    ]);
    expect(plan.edits.some((e) => e.col === 'name')).toBe(false);
    expect(plan).toMatchObject({ lines: 5, sumLines: 2, withoutCode: 1, outside: 0 });
  });

  it('joins codes printed over 类 | 款 | 项 columns, each line taking the parts above it, as 上海 prints them', () => {
    const basic = at('basic') - at('name'); // cells after the name up to 基本支出
    const line = (cls: string, sec: string, item: string, name: string, value: string) => [cls, sec, item, name, ...Array(basic - 1).fill(''), value];
    const block = [line('合计', '', '', '', '130'), line('201', '', '', '一般公共服务支出', '130'), line('', '03', '', '政府办公厅', '130'), line('', '', '01', '行政运行', '100'), line('', '', '99', '其他', '30'), line('208', '', '', '社会保障和就业支出', '5'), line('', '05', '05', '机关事业单位基本养老保险缴费支出', '5')];
    const plan = planPasteByCode(t03, colIds, at('code'), block, new Set(['total', '201', '20103']))!;
    expect(plan.addCodes.map((c) => c.code)).toEqual(['2010301', '2010399', '2080505']);
    expect(plan.edits.filter((e) => e.value !== '').map((e) => [e.row, e.col, e.value])).toEqual([
      ['2010301', 'basic', '100'],
      ['2010399', 'basic', '30'],
      ['2080505', 'basic', '5'],
    ]);
    expect(plan).toMatchObject({ lines: 6, sumLines: 3, withoutCode: 1 });
  });

  it('does not take a code, a name and figures for split codes', () => {
    const plan = planPasteByCode(t03, colIds, at('code'), [['2010306', '', '12', '34']], new Set(['2010306']))!;
    expect(plan.edits.map((e) => [e.row, e.col, e.value])).toContainEqual(['2010306', colIds[2], '12']);
  });

  it('is an ordinary paste when the block does not cover the code column, or the table has no codes', () => {
    expect(planPasteByCode(t03, colIds, at('basic'), [['1', '2']], new Set())).toBeNull();
    const t01 = getTemplate('hebei-2024').tables.find((t) => t.id === 't01')!;
    expect(planPasteByCode(t01, ['inItem', 'inAmount'], 0, [['x', '1']], new Set())).toBeNull();
  });

  it('counts figures beyond the last column', () => {
    const wide = [['2010306', '名称', ...Array(colIds.length - 2).fill(''), '5']];
    expect(planPasteByCode(t03, colIds, 0, wide, new Set(['2010306']))!.outside).toBe(1);
  });
});
