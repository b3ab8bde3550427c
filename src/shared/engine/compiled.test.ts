import { describe, expect, it } from 'vitest';
import { cellKey, TOTAL_ROW } from '../draft';
import { getTemplate } from '../regions';
import type { Template } from '../template/types';
import { derivedRules } from '../validation/rules/derived';
import { compileTemplate } from './compiled';
import { DraftModel } from './model';

/** A small template of no pack: a list of purchases and a fixed summary fed by a filtered list operand. */
const template: Template = {
  id: 'test-compiled',
  name: '测试',
  region: '测试',
  scope: 'unit',
  year: 2026,
  unitOfMeasure: '元',
  narrative: [],
  figures: {},
  tables: [
    {
      id: 'buys',
      title: '采购',
      hasSerial: false,
      published: true,
      rows: { kind: 'list', totalRow: { label: '合计', labelColumn: 'name' } },
      columns: [
        { id: 'name', header: ['名称'], kind: 'text' },
        { id: 'kind', header: ['类别'], kind: 'text', options: ['货物', '服务'] },
        { id: 'a', header: ['甲'], kind: 'money' },
        { id: 'b', header: ['乙'], kind: 'money' },
        { id: 'sum', header: ['小计'], kind: 'money' },
      ],
    },
    {
      id: 'summary',
      title: '汇总',
      hasSerial: false,
      published: true,
      rows: { kind: 'fixed', rows: [{ id: 'goods', labels: { label: '货物' } }, { id: 'all', labels: { label: '全部' } }] },
      columns: [
        { id: 'label', header: ['项目'], kind: 'text', role: 'label' },
        { id: 'amount', header: ['金额'], kind: 'money' },
      ],
    },
  ],
  derivations: [
    { kind: 'rowSum', table: 'buys', target: 'sum', parts: ['a', 'b'] },
    { kind: 'listTotal', table: 'buys', columns: ['a', 'b', 'sum'] },
    { kind: 'cell', table: 'summary', row: 'goods', col: 'amount', sum: [{ of: { list: { table: 'buys', col: 'sum', where: { col: 'kind', equals: '货物' } } } }] },
    { kind: 'cell', table: 'summary', row: 'all', col: 'amount', sum: [{ of: { total: { table: 'buys', col: 'sum' } } }] },
  ],
};

const content = {
  rows: { buys: ['r1', 'r2'] },
  cells: { 'buys!r1!kind': '货物', 'buys!r1!a': '10', 'buys!r1!b': '5', 'buys!r2!kind': '服务', 'buys!r2!a': '7' },
};
const yuan = (n: number) => n * 1_000_000;

describe('the compiled template', () => {
  it('is built once per template object', () => {
    expect(compileTemplate(template)).toBe(compileTemplate(template));
    const hebei = getTemplate('hebei-2024');
    expect(compileTemplate(hebei)).toBe(compileTemplate(hebei));
  });

  it('answers which cells are computed, from the derivations alone', () => {
    const c = compileTemplate(template);
    expect(c.isDerived('buys', 'r9', 'sum')).toBe(true);
    expect(c.isDerived('buys', TOTAL_ROW, 'a')).toBe(true);
    expect(c.isDerived('buys', 'r9', 'a')).toBe(false);
    expect(c.isDerived('summary', 'goods', 'amount')).toBe(true);
    expect([...c.computedColumns('buys')]).toEqual(['sum']);
    // Editing a record's 类别 moves it in or out of a filtered sum: the model re-reads its terms.
    expect(c.structuralColumns.has('buys!kind')).toBe(true);
  });

  it('feeds the model: a filtered list operand follows the records and their filter column', () => {
    const model = new DraftModel(template, content);
    expect(model.value('buys', 'r1', 'sum')).toBe(yuan(15));
    expect(model.value('summary', 'goods', 'amount')).toBe(yuan(15));
    expect(model.value('summary', 'all', 'amount')).toBe(yuan(22));
    const r = model.apply([{ key: cellKey('buys', 'r2', 'kind'), value: '货物' }]);
    expect(r.changed).toContain(cellKey('summary', 'goods', 'amount'));
    expect(model.value('summary', 'goods', 'amount')).toBe(yuan(22));
    model.applyWithRows([{ key: cellKey('buys', 'r3', 'b'), value: '1' }, { key: cellKey('buys', 'r3', 'kind'), value: '货物' }], { buys: ['r1', 'r2', 'r3'] });
    expect(model.value('summary', 'goods', 'amount')).toBe(yuan(23));
    expect(model.value('buys', TOTAL_ROW, 'b')).toBe(yuan(6));
  });

  it('gives the rules the equality of every derivation, checked on stated figures', () => {
    const rules = derivedRules(template);
    expect(rules.map((r) => r.check.kind)).toEqual(['rowSum', 'equal', 'equal', 'equal']);
    const goods = rules[2].check;
    expect(goods).toMatchObject({ kind: 'equal', equations: [{ right: [{ of: { list: { table: 'buys', where: { col: 'kind', equals: '货物' } } } }] }] });
  });
});
