import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../../seeds';
import { loadShippedDictionaries } from '../../../main/dictionary';
import { DraftModel } from '../../engine/model';
import { getTemplate } from '../../regions';
import { createFindingEngine } from '..';

const dictionaries = loadShippedDictionaries();
const seed = getSeed('juluxian-2024');
const template = getTemplate(seed.meta.templateId);
const balanceFindings = (model: DraftModel) => createFindingEngine(template, dictionaries).full(model).filter((f) => f.ruleId === 'balance-not-negative');

describe('a 结转结余 computed by subtraction is never negative', () => {
  it('a half-filled draft (spending typed, income not yet): 年终结转结余 below zero is a finding at the cell and what it comes from', () => {
    const spendingOnly = Object.fromEntries(Object.entries(seed.content.cells).filter(([k]) => k.startsWith('t03!')));
    const model = new DraftModel(template, { rows: seed.content.rows, cells: spendingOnly });
    expect(model.value('t01', 'carry', 'outAmount')).toBeLessThan(0);
    const [finding, ...others] = balanceFindings(model);
    expect(others).toEqual([]);
    expect(finding.severity).toBe('error');
    expect(finding.cells[0]).toEqual({ table: 't01', row: 'carry', col: 'outAmount' });
    expect(finding.cells).toContainEqual({ table: 't01', row: 'yearTotal', col: 'outAmount' });
    expect(finding.message).toBe(
      '表1“部门预算收支总表”“年终结转结余”行“预算数”栏为 -458.30 万元，结转结余不能为负数：支出比收入与上年结转之和多 458.30 万元。请补录收入（或上年结转），或核减支出。',
    );
  });

  it('the seed, and the half-filled draft once its income is entered, have none', () => {
    expect(balanceFindings(new DraftModel(template, seed.content))).toEqual([]);
    const spendingOnly = Object.fromEntries(Object.entries(seed.content.cells).filter(([k]) => k.startsWith('t03!')));
    const model = new DraftModel(template, { rows: seed.content.rows, cells: spendingOnly });
    const engine = createFindingEngine(template, dictionaries);
    engine.full(model);
    const income = Object.entries(seed.content.cells).filter(([k]) => !k.startsWith('t03!'));
    const applied = model.apply(income.map(([key, value]) => ({ key, value })));
    engine.update(model, applied.changed.concat(income.map(([k]) => k)), false);
    expect(engine.current().filter((f) => f.ruleId === 'balance-not-negative')).toEqual([]);
  });
});
