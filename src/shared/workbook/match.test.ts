import { hebei2024Vocabulary } from '../regions/hebei-2024/vocabulary';
import { describe, expect, it } from 'vitest';
import { getTemplate } from '../regions';
import { assignColumns, matchTitle } from './match';
import { parseWorkbook } from './parse';
import { foldLabel, statedUnit, statedUnitName, statedYear } from './text';
import { readCell } from './values';

const hebei = getTemplate('hebei-2024');
const table = (id: string) => hebei.tables.find((t) => t.id === id)!;

describe('titles of other regions and years', () => {
  it.each([
    ['部门预算收支总表', 't01'],
    ['部门财务收支预算总表', 't01'],
    ['财务收支预算总表', 't01'],
    ['巨鹿县行政审批局2024年部门财务收支预算总表', 't01'],
    ['  部门预算　收支总表 ', 't01'],
    ['表1 部门预算收支总表', 't01'],
    ['收入预算总表', 't02'],
    ['支出预算总表', 't03'],
    ['财政拨款收支预算总表', 't04'],
    ['部门预算财政拨款收支总表', 't04'],
    ['一般公共预算支出功能分类预算表', 't05'],
    ['一般公共预算基本支出部门预算经济分类预算表', 't06'],
    ['政府性基金预算支出功能分类预算表', 't07'],
    ['国有资本经营预算支出功能分类预算表', 't08'],
    ['"三公"经费和机关运行经费预算表', 't09'],
    ['部门预算财政拨款“三公”经费支出表', 't09'],
    ['部门预算财政拨款"三公"经费支出表', 't09'],
    ['1、工作经费绩效目标表', 'projects'],
    ['部门政府采购预算', 't11'],
    ['部门固定资产占用情况表', 't12'],
  ])('%s → %s', (title, id) => {
    expect(matchTitle(hebei, title)?.tableId).toBe(id);
  });

  it('text that is not a title matches nothing', () => {
    for (const text of ['合计', '435 巨鹿县行政审批局', '单位：万元', '一般公共服务支出', '']) expect(matchTitle(hebei, text)).toBeNull();
  });
});

describe('headers and the information line', () => {
  it('columns by header text in any order; 收入 and 支出 sides of table 1 told apart by their group', () => {
    const t01 = assignColumns(table('t01'), [['支出', '金额'], ['支出', '项 目'], ['收入', '项目'], ['收入', '预算数']], hebei2024Vocabulary.headers);
    expect(t01.map((a) => [a.index, a.colId])).toEqual([
      [0, 'outAmount'],
      [1, 'outItem'],
      [2, 'inItem'],
      [3, 'inAmount'],
    ]);
    const t11 = assignColumns(table('t11'), [['项目名称'], ['2025年预留中小微企业份额']], hebei2024Vocabulary.headers);
    expect(t11.map((a) => a.colId)).toEqual(['project', 'smeShare']);
    const t02 = assignColumns(table('t02'), [['科目名称'], ['本年收入', '财政拨款'], ['上年结转结余'], ['合　计']], hebei2024Vocabulary.headers);
    expect(t02.map((a) => a.colId)).toEqual(['name', 'fiscal', 'carryOver', 'total']);
  });

  it('unit of measure, year, unit; labels fold full-width text and numbering', () => {
    expect(statedUnit('单位：元')).toBe('元');
    expect(statedUnit('金额单位: 万元')).toBe('万元');
    expect(statedUnit('（单位：万元）')).toBe('万元');
    expect(statedYear('预算年度：2024')).toBe(2024);
    expect(statedUnitName('435 巨鹿县行政审批局')).toEqual({ code: '435', name: '巨鹿县行政审批局' });
    expect(statedUnitName('编制单位：巨鹿县行政审批局')).toEqual({ code: '', name: '巨鹿县行政审批局' });
    expect(statedUnitName('单位：万元')).toBeNull();
    expect(foldLabel('一、一般公共服务支出')).toBe('一般公共服务支出');
    expect(foldLabel('其中：教学科研人员因公出国（境）费')).toBe('教学科研人员因公出国(境)费');
    expect(foldLabel('价值（金额单位：万元）')).toBe('价值');
  });
});

describe('figures converted exactly', () => {
  it('元 → 万元 in decimal; spreadsheet float noise removed; full-width and separators read', () => {
    expect(readCell({ v: 4093000 }, 'money', '元', '万元')).toEqual({ ok: true, text: '409.3' });
    expect(readCell({ v: 0.01 }, 'money', '元', '万元')).toEqual({ ok: true, text: '0.000001' });
    expect(readCell({ v: 409.29999999999995 }, 'money', '万元', '万元')).toEqual({ ok: true, text: '409.3' });
    expect(readCell({ v: '４６００００．００' }, 'money', '元', '万元')).toEqual({ ok: true, text: '46' });
    expect(readCell({ v: '1,234.5' }, 'money', '万元', '元')).toEqual({ ok: true, text: '12345000' });
    expect(readCell({ v: 0.25, pct: true }, 'percent', '万元', '万元')).toEqual({ ok: true, text: '25' });
    expect(readCell({ v: '-' }, 'money', '万元', '万元')).toEqual({ ok: true, text: null });
    expect(readCell({ v: 0.001 }, 'money', '元', '万元')).toMatchObject({ ok: false });
    expect(readCell({ v: '十万' }, 'money', '万元', '万元')).toMatchObject({ ok: false });
  });
});

describe('unit of measure in the header labels', () => {
  it('a sheet without 单位 line but with 预算数（元） reads in 元', () => {
    const grid = {
      name: '表3',
      rows: [
        [{ v: '部门预算支出总表' }],
        [{ v: '科目编码' }, { v: '科目名称' }, { v: '合计（元）' }, { v: '基本支出（元）' }],
        [{ v: '2010306' }, { v: '政务公开审批' }, { v: 4093000 }, { v: 4093000 }],
      ],
    };
    const wb = parseWorkbook(hebei, 'x.xlsx', [grid]);
    expect(wb.tables[0].unitOfMeasure).toBe('元');
    expect(wb.tables[0].rows[0].values).toMatchObject({ total: '409.3', basic: '409.3' });
  });
});
