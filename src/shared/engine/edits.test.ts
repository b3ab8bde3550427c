import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { loadShippedDictionaries } from '../../main/dictionary';
import { getTemplate } from '../regions';
import { canonicalNumber, checkNewCodedRow, codeColumnScheme, createEditChecker } from './edits';
import { DraftModel } from './model';

const dicts = loadShippedDictionaries();
const template = getTemplate('hebei-2024');
const seed = getSeed('juluxian-2024');
const check = createEditChecker(new DraftModel(template, seed.content), dicts);

describe('edit checks', () => {
  it('reads numbers by column kind into canonical text', () => {
    expect(canonicalNumber('money', ' ￥1,234.50 ')).toEqual({ ok: true, value: '1234.5' });
    expect(canonicalNumber('money', '(12.30)')).toEqual({ ok: true, value: '-12.3' });
    expect(canonicalNumber('percent', '75%')).toEqual({ ok: true, value: '75' });
    expect(canonicalNumber('percent', '７５％')).toEqual({ ok: true, value: '75' });
    expect(canonicalNumber('quantity', '-2')).toMatchObject({ ok: false, message: expect.stringContaining('数量不能为负数') });
    expect(canonicalNumber('percent', 'abc%')).toMatchObject({ ok: false, message: expect.stringContaining('“abc%”不是有效的百分比') });
    expect(canonicalNumber('money', '')).toEqual({ ok: true, value: null });
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
