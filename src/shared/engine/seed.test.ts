import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import figures from '../__fixtures__/seed-figures.json';
import { money, toFixedString } from '../money';
import { getTemplate } from '../regions';
import { DraftModel } from './model';

/**
 * The seed disclosure, recomputed: only leaf cells are entered; every total, every parent
 * row, tables 1 and 4 are derived, and must equal the published figure (blank where blank).
 */
type Row = Record<string, string | number | undefined>;
const tables = figures.tables as unknown as Record<string, { rows?: Row[]; income?: Row[]; expenditure?: Row[]; footer?: Row[]; projects?: Row[] }>;

function modelOfSeed() {
  const seed = getSeed('juluxian-2024');
  return new DraftModel(getTemplate(seed.meta.templateId), seed.content);
}

describe('seed budget recomputed from its entered cells', () => {
  const model = modelOfSeed();
  let compared = 0;
  const expectCell = (table: string, row: string, col: string, expected: string | number | undefined) => {
    const v = model.value(table, row, col);
    const shown = v === null || v === 0 ? '' : toFixedString(v); // published tables print zero as blank
    const want = expected === undefined || expected === '' ? '' : toFixedString(money(String(expected)));
    expect(shown, `${table} ${row} ${col}`).toBe(want);
    compared++;
  };

  it('coded tables 2, 3, 5, 6: every row and column', () => {
    for (const [key, table] of [['02 部门预算收入总表', 't02'], ['03 部门预算支出总表', 't03'], ['05 部门预算一般公共预算财政拨款支出表', 't05'], ['06 部门预算一般公共预算财政拨款基本支出表', 't06']] as const) {
      const def = model.table(table);
      const refRows = tables[key].rows!;
      expect(model.rows(table)).toEqual(refRows.map((r) => (r.code as string | undefined) ?? 'total'));
      for (const ref of refRows) {
        const row = (ref.code as string | undefined) ?? 'total';
        for (const col of def.columns.filter((c) => c.kind === 'money')) {
          const expected = ref[col.header.join('·')] ?? ref[col.header[col.header.length - 1]];
          expectCell(table, row, col.id, expected);
        }
      }
    }
  });

  it('tables 7 and 8 are empty', () => {
    expect(model.rows('t07')).toEqual(['total']);
    expect(model.value('t07', 'total', 'total')).toBeNull();
    expect(model.value('t08', 'total', 'total')).toBeNull();
  });

  it('table 1 follows entirely from the others', () => {
    const ref = tables['01 部门预算收支总表'];
    const rows = model.rows('t01');
    ref.income!.forEach((r, i) => expectCell('t01', rows[i], 'inAmount', r.amount));
    ref.expenditure!.forEach((r, i) => expectCell('t01', rows[i], 'outAmount', r.amount));
    ['yearTotal', 'carry', 'grandTotal'].forEach((row, i) => {
      expectCell('t01', row, 'inAmount', ref.footer![i].leftAmount);
      expectCell('t01', row, 'outAmount', ref.footer![i].rightAmount);
    });
  });

  it('table 4 follows entirely from the others', () => {
    const ref = tables['04 部门预算财政拨款收支总表'];
    const rows = model.rows('t04');
    const outCols: Array<[string, string]> = [['合计', 'outTotal'], ['一般公共预算财政拨款', 'outGeneral'], ['政府性基金预算财政拨款', 'outFund'], ['国有资本经营预算财政拨款', 'outCapital']];
    ref.income!.forEach((r, i) => expectCell('t04', rows[i], 'inAmount', r.amount));
    ref.expenditure!.forEach((r, i) => outCols.forEach(([label, col]) => expectCell('t04', rows[i], col, r[label])));
    ['yearTotal', 'balanceHead', 'balGeneral', 'balFund', 'balCapital', 'grandTotal'].forEach((row, i) => {
      expectCell('t04', row, 'inAmount', ref.footer![i].leftAmount);
      outCols.forEach(([label, col]) => expectCell('t04', row, col, ref.footer![i][label]));
    });
  });

  it('table 9 三公, table 12 assets, the projects total', () => {
    const rows = model.rows('t09');
    tables['09 部门预算财政拨款“三公”经费支出表'].rows!.forEach((r, i) => {
      for (const [label, col] of [['合计', 'total'], ['一般公共预算财政拨款', 'general'], ['政府性基金预算拨款', 'fund'], ['国有资本经营预算财政拨款', 'capital']]) {
        expectCell('t09', rows[i], col, r[label]);
      }
    });
    tables['12 部门固定资产占用情况表'].rows!.forEach((r, i) => expectCell('t12', model.rows('t12')[i], 'value', r['价值']));
    for (const p of tables['10 项目绩效目标表'].projects!) expectCell('projects', `p${p.order}`, 'amount', p.amount);
    expectCell('projects', 'total', 'amount', '67.50');
    expect(compared).toBeGreaterThan(300);
  });

  it('the year-on-year figures of the text', () => {
    const change = figures.narrativeFigures.比上年;
    expectCell('py', 'spendingTotal', 'change', change.totalChange);
    expectCell('py', 'basic', 'change', change.基本支出Change);
    expectCell('py', 'personnel', 'change', change.人员经费Change);
    expectCell('py', 'public', 'change', change.日常公用经费Change);
    expectCell('py', 'project', 'change', change.项目支出Change);
    expect(toFixedString(model.value('py', 'spendingTotal', 'rate')!)).toBe('-14.51');
  });
});

describe('incremental recomputation', () => {
  it('an edit changes exactly the cells downstream, and equals a full rebuild', () => {
    const model = modelOfSeed();
    const result = model.apply([{ key: 't06!30101!personnel', value: '300' }]);
    expect(result.structural).toBe(false);
    expect(result.changed).toEqual(expect.arrayContaining(['t06!30101!personnel', 't06!30101!total', 't06!301!personnel', 't06!total!total', 'py!personnel!change']));
    expect(toFixedString(model.value('t06', 'total', 'personnel')!)).toBe('416.50');
    const fresh = new DraftModel(model.template, model.content);
    for (const key of new Set([...model.numericKeys(), ...fresh.numericKeys()])) {
      expect(model.valueByKey(key), key).toBe(fresh.valueByKey(key));
    }
  });

  it('a project moved to another function code adds its rows to the spending tables', () => {
    const model = modelOfSeed();
    const result = model.apply([{ key: 'projects!p1!functionCode', value: '2080502' }]);
    expect(result.structural).toBe(true);
    expect(toFixedString(model.value('t05', '2080502', 'project')!)).toBe('20.00');
    expect(toFixedString(model.value('t05', '2010306', 'project')!)).toBe('47.50');
    expect(toFixedString(model.value('t01', 'c208', 'outAmount')!)).toBe('71.50');
  });
});

describe('projects of basic spending', () => {
  it('stay out of 项目支出; the rules and the text agree', async () => {
    const { createFindingEngine } = await import('../validation');
    const { loadShippedDictionaries } = await import('../../main/dictionary');
    const model = modelOfSeed();
    const result = model.apply([{ key: 'projects!p1!spending', value: '基本支出' }]);
    expect(result.changed).toEqual(expect.arrayContaining(['t05!2010306!project', 't03!total!project']));
    expect(toFixedString(model.value('t05', 'total', 'project')!)).toBe('47.50');
    expect(toFixedString(model.value('t03', '2010306', 'project')!)).toBe('47.50');
    expect(toFixedString(model.value('projects', 'total', 'amount')!)).toBe('67.50'); // still listed with its targets
    const findings = createFindingEngine(model.template, loadShippedDictionaries()).full(model);
    expect(findings.filter((f) => f.ruleId.startsWith('r11')).map((f) => f.message)).toEqual([]);
  });
});
