import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { loadShippedDictionaries } from '../../main/dictionary';
import { getTemplate } from '../regions';
import { parseTyped } from '../edit-policy';
import { checkNewCodedRow, codeColumnScheme, createEditChecker } from './edits';
import { DraftModel } from './model';

const dicts = loadShippedDictionaries();
const template = getTemplate('hebei-2024');
const seed = getSeed('juluxian-2024');
const check = createEditChecker(new DraftModel(template, seed.content), dicts);

describe('edit checks', () => {
  it('reads figures by the edit policy: typed as the grid reads them, brought in exactly', () => {
    const stored = createEditChecker(new DraftModel(template, seed.content), dicts, 'stored');
    const money = { table: 't03', row: '2010306', col: 'basic' };
    // The grid and the service read what a clerk types alike: one parse (edit-policy's parseTyped).
    for (const typed of [' ￥1,234.50 ', '(12.30)', '12.345', '=12+3.5', '=10/3', '１２', '409.2999999999999']) {
      const grid = parseTyped('money', typed);
      const service = check({ ...money, value: typed });
      expect(service, typed).toEqual(grid.ok ? { ok: true, key: 't03!2010306!basic', value: grid.value } : expect.anything());
    }
    expect(check({ ...money, value: '12.345' })).toMatchObject({ ok: true, value: '12.35' });
    expect(check({ ...money, value: '=1/0' })).toMatchObject({ ok: false, code: 'invalid-value', message: expect.stringContaining('除数为零') });
    // Brought in whole: exact to the micro-unit (a unit's 元 in a 万元 department), nothing rounded, no arithmetic.
    expect(stored({ ...money, value: '0.123456' })).toMatchObject({ ok: true, value: '0.123456' });
    expect(stored({ ...money, value: '0.1234567' })).toMatchObject({ ok: false, code: 'invalid-value', message: expect.stringContaining('小数位数过多') });
    expect(stored({ ...money, value: '=1+2' })).toMatchObject({ ok: false, code: 'invalid-value' });
    expect(check({ table: 'projects', row: 'p1', col: 'plan06', value: '７５％' })).toMatchObject({ ok: true, value: '75' });
    expect(check({ table: 'projects', row: 'p1', col: 'plan06', value: 'abc%' })).toMatchObject({ ok: false, message: expect.stringContaining('“abc%”不是有效的百分比') });
    expect(check({ ...money, value: '' })).toMatchObject({ ok: true, value: null });
  });

  it('checks entered cells against the template', () => {
    expect(check({ table: 'projects', row: 'p1', col: 'plan06', value: '50%' })).toEqual({ ok: true, key: 'projects!p1!plan06', value: '50' });
    expect(check({ table: 'projects', row: 'p1', col: 'fund', value: '　一般公共预算 ' })).toMatchObject({ ok: true, value: '一般公共预算' });
    expect(check({ table: 'projects', row: 'p1', col: 'fund', value: '外汇' })).toMatchObject({ ok: false, code: 'invalid-value' });
    expect(check({ table: 'projects', row: 'p1', col: 'functionCode', value: '２０１０３０６' })).toMatchObject({ ok: true, value: '2010306' });
    expect(check({ table: 'projects', row: 'p1', col: 'functionCode', value: '20103' })).toMatchObject({ ok: false, code: 'invalid-value' });
    expect(check({ table: 'indicators', row: seed.content.rows.indicators[0], col: 'project', value: 'p999' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(check({ table: 'projects', row: 'total', col: 'name', value: 'x' })).toMatchObject({ ok: false, code: 'read-only' });
    expect(check({ table: 't02', row: '2010306', col: 'subtotal', value: '1' })).toMatchObject({ ok: false, code: 'read-only', message: expect.stringContaining('计算得出') });
    // A row labelled on both sides is named by the side of the cell: 表1's 支出总计, not the 收入总计 beside it.
    expect(check({ table: 't01', row: 'grandTotal', col: 'outAmount', value: '1' })).toMatchObject({ ok: false, message: expect.stringContaining('支出总计 行“预算数”栏') });
    expect(check({ table: 't01', row: 'grandTotal', col: 'inAmount', value: '1' })).toMatchObject({ ok: false, message: expect.stringContaining('收入总计 行“预算数”栏') });
    expect(check({ table: 't09', row: 'reception', col: 'general', value: '0.3' })).toMatchObject({ ok: true, value: '0.3' });
  });

  it('checks codes of new rows against the dictionary and the table levels', () => {
    expect(checkNewCodedRow(template, dicts, 't06', '30101')).toEqual({ ok: true, code: '30101' });
    expect(checkNewCodedRow(template, dicts, 't06', '3010101')).toMatchObject({ ok: false, code: 'invalid-value' });
    expect(checkNewCodedRow(template, dicts, 't03', '2018888')).toMatchObject({ ok: false, code: 'unknown-code' });
    expect(checkNewCodedRow(template, dicts, 'projects', '2010306')).toMatchObject({ ok: false });
    expect(codeColumnScheme(template, 'projects', 'functionCode')).toEqual({ scheme: 'function', levels: [7] });
  });
});
