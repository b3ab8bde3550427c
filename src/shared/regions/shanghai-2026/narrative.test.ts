import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDictionaries } from '../../../main/dictionary';
import type { Dictionaries } from '../../dictionary';
import type { DraftContent } from '../../draft';
import { DraftModel } from '../../engine/model';
import { describeCells } from '../../narrative/__fixtures__/seed-model';
import { checkNarrative } from '../../narrative/checks';
import { draftNarrative } from '../../narrative/draft';
import { createFindingEngine } from '../../validation';
import { getTemplate } from '..';

/**
 * The 上海 2026 text drafted from a small budget of each scope: 编制说明 with its per-科目
 * lines named 类/款/项 by name, 其他相关情况说明 with the “三公” changes and reasons, 政府采购 by
 * kind, 绩效目标 and vehicles; figures in 万元 from tables in 元; the drafted text passes
 * its own checks.
 */

let dictionaries: Dictionaries;
beforeAll(() => {
  dictionaries = loadShippedDictionaries();
});
const names = (code: string) => dictionaries.function.get(code)?.name;

/** 行政运行 of 司法 (2040601) and 小学教育 (2050202), 上年 figures and reasons typed. */
export function shanghaiTextSample(scope: 'department' | 'unit'): DraftContent {
  const cells: Record<string, string> = {
    'income!2040601!fiscal': '1150000',
    'income!2050202!fiscal': '300000',
    'income!2050202!business': '50000',
    'spending!2040601!basic': '1150000',
    'spending!2050202!basic': '350000',
    'generalSpending!2040601!basic': '1000000',
    'generalSpending!2040601!project': '150000',
    'generalSpending!2050202!basic': '300000',
    'basicEconomic!30101!personnel': '900000',
    'basicEconomic!30201!public': '400000',
    'threePublic!amount!abroad': '1.5',
    'threePublic!amount!reception': '2',
    'threePublic!amount!vehicleRunning': '3.25',
    'threePublic!amount!operatingCost': '40',
    'priorYear!threeTotal!prior': '7.5',
    'priorYear!threeTotal!reason': '压减公务接待',
    'priorYear!fiscalSpending!prior': '1400000',
    'priorYear!fiscalSpending!reason': '人员调整增加人员经费',
    'lineNotes!2040601!prior': '1000000',
    'lineNotes!2040601!use': '机关日常运转',
    'lineNotes!2040601!reason': '新增法律援助项目',
    'lineNotes!2050202!use': '小学教育教学',
    'purchases!goods!amount': '100000',
    'purchases!services!amount': '20000',
    'assetCounts!enforcement!held': '2',
    'assetCounts!other!held': '1',
    'projects!p1!name': '法律援助',
    'projects!p1!fiscal': '150000',
    'projects!p1!goals': '办理法律援助案件300件',
    'projects!p1!use': '法律援助案件办理补贴',
    'org!o1!name': '上海市普陀区司法局',
    'org!o1!nature': '行政',
    'narrative!functions!lead': '主要职能包括：法治建设、法律服务。',
    'narrative!organisation!lead': '本单位设办公室、法治科两个内设机构。',
    'summary!c204!outPersonnel': '800000',
    'summary!c204!outPublic': '350000',
    'summary!c205!outPersonnel': '280000',
    'summary!c205!outPublic': '70000',
  };
  // The unit's 收支总表 splits spending by kind; its 机构设置 is its own words (内设机构).
  if (scope === 'department') for (const k of Object.keys(cells)) if (k.startsWith('summary!') || k.startsWith('narrative!organisation')) delete cells[k];
  return {
    rows: {
      income: ['2040601', '2050202'],
      spending: ['2040601', '2050202'],
      generalSpending: ['2040601', '2050202'],
      basicEconomic: ['30101', '30201'],
      lineNotes: ['2040601'],
      projects: ['p1'],
      org: ['o1'],
    },
    cells,
  };
}

for (const scope of ['department', 'unit'] as const) {
  describe(`上海 2026 ${scope === 'unit' ? '单位' : '部门'}预算的说明`, () => {
    const template = getTemplate(`shanghai-2026-${scope}`, 2026);
    const model = () => new DraftModel(template, shanghaiTextSample(scope));
    const textOf = (m: DraftModel, id: string) => draftNarrative(m, template, names).find((s) => s.id === id)!.text;
    const self = scope === 'unit' ? '本单位' : '本部门';

    it('编制说明: totals in 万元 with 比上年 and the reason, then one line per 项 named by its names', () => {
      const text = textOf(model(), 'explanation');
      expect(text).toContain(`2026年，${self}收入预算150.00万元，其中：财政拨款收入145.00万元；事业收入5.00万元；事业单位经营收入0.00万元；其他收入0.00万元。`);
      expect(text).toContain('其中：财政拨款支出预算145.00万元，比2025年预算增加5.00万元。');
      expect(text).toContain('财政拨款收入支出变化的主要原因是：人员调整增加人员经费。');
      expect(text).toContain('财政拨款支出主要内容如下：');
      expect(text).toContain(
        '1. “公共安全支出（204类）司法（06款）行政运行（01项）”115.00万元。主要用于：机关日常运转。上年100.00万元，本年115.00万元，比上年增加15.00%。主要原因是：新增法律援助项目。',
      );
      expect(text).toContain('2. “教育支出（205类）普通教育（02款）小学教育（02项）”30.00万元。主要用于：小学教育教学。');
    });

    it('其他相关情况说明: “三公” with its change and reason, 机关运行经费, 政府采购 by kind, 绩效目标, vehicles as of 上年8月31日', () => {
      const text = textOf(model(), 'other');
      expect(text).toContain('2026年“三公”经费预算数为6.75万元，比2025年预算减少0.75万元，主要原因是压减公务接待。其中：');
      expect(text).toContain('（二）公务用车购置及运行费3.25万元。其中：公务用车购置费0.00万元；公务用车运行费3.25万元。');
      expect(text).toContain(`2026年${self}财政拨款的机关运行经费预算为40.00万元。`);
      expect(text).toContain(`2026年${self}政府采购预算12.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算0.00万元、政府采购服务预算2.00万元。`);
      expect(text).toContain(`2026年，${self}编报绩效目标的项目共1个，涉及项目预算资金15.00万元。`);
      expect(text).toContain(`截至2025年8月31日，${self}共有车辆3辆，其中：执法执勤用车2辆、其他用车1辆；单价100万元（含）以上设备（不含车辆）0台（套）。`);
    });

    it('其他相关情况说明 typed wrong: 政府采购 by kind, 绩效目标 projects and their amount, vehicles held; a count to be bought is not one held', () => {
      const m = model();
      const typed = (from: string, to: string) => {
        const text = textOf(m, 'other');
        expect(text).toContain(from);
        const edited = new DraftModel(template, { ...shanghaiTextSample(scope), cells: { ...shanghaiTextSample(scope).cells, 'narrative!other!text': text.replace(from, to) } });
        return checkNarrative(edited, template, describeCells(edited, template), 'printed', dictionaries).map((i) => [i.check, i.message.slice(i.message.indexOf('：') + 1)]);
      };
      expect(typed('政府采购货物预算10.00万元', '政府采购货物预算11.00万元')).toEqual([['figure', '“政府采购预算（情况说明用）”“政府采购货物预算”行“预算数”栏为 10.00 万元，文中为 11.00 万元，相差 1.00 万元。']]);
      expect(typed('项目共1个，涉及项目预算资金15.00万元', '项目共2个，涉及项目预算资金16.00万元')).toEqual([
        ['goals', '项目及绩效目标中填有绩效目标的项目共 1 个，文中为 2 个。'],
        ['goals', '项目及绩效目标中填有绩效目标的项目金额合计 15.00 万元，文中为 16.00 万元。'],
      ]);
      expect(typed('共有车辆3辆', '共有车辆4辆')).toEqual([['figure', '“车辆及大型设备（情况说明用）”“车辆合计”行“现有（上年8月31日）”栏为 3，文中为 4。']]);
      expect(typed('安排购置车辆0辆', '安排购置车辆1辆')).toEqual([['figure', '“车辆及大型设备（情况说明用）”“车辆合计”行“本年预算安排购置”栏为 0，文中为 1。']]);
      // The one-line “三公” table is named without a row.
      expect(typed('机关运行经费预算为40.00万元', '机关运行经费预算为41.00万元')[0][1]).toContain('机关运行经费预算表”“机关运行经费预算数”栏 40.00 万元');
    });

    it('主要职能 (and a unit’s 内设机构) not yet written: a 提示 says what to write, not a 强制', () => {
      const blank = shanghaiTextSample(scope);
      delete blank.cells['narrative!functions!lead'];
      delete blank.cells['narrative!organisation!lead'];
      const findings = createFindingEngine(template, dictionaries).full(new DraftModel(template, blank));
      const missing = findings.filter((f) => f.id.startsWith('r16-text-lead-missing'));
      expect(missing.map((f) => f.severity)).toEqual(['warning']);
      expect(missing[0].message).toContain(`这段文字只能由编制人填写，请写明${scope === 'unit' ? '单位' : '部门'}主要职能。`);
      if (scope === 'unit') expect(missing[0].message).toContain('请写明单位内设机构。');
      expect(findings.filter((f) => f.severity === 'error' && /text/.test(f.id))).toEqual([]);
    });

    it('the drafted text passes its own checks, and the draft has no text finding', () => {
      const m = model();
      expect(checkNarrative(m, template, describeCells(m, template), 'printed', dictionaries).map((i) => i.message)).toEqual([]);
      const engine = createFindingEngine(template, dictionaries);
      const textFindings = engine.full(m).filter((f) => /text|line/.test(f.id));
      expect(textFindings.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
    });
  });
}

describe('a 类’s share where the budget has more than 财政拨款 (事业收入 in 教育)', () => {
  // 支出: 204 115.00, 205 35.00 of 150.00; 财政拨款 (一般公共预算): 204 115.00, 205 30.00 of 145.00.
  const template = getTemplate('shanghai-2026-department', 2026);
  const issues = (text: string) => {
    const sample = shanghaiTextSample('department');
    const m = new DraftModel(template, { ...sample, cells: { ...sample.cells, 'narrative!explanation!text': text } });
    return checkNarrative(m, template, describeCells(m, template), 'printed', dictionaries).map((i) => [i.check, i.snippet, i.tableCells]);
  };

  it('is over the total of the table its amount is from, or the figure a 其中 breaks down', () => {
    expect(issues('2026年，本部门财政拨款支出预算145.00万元，其中：公共安全支出115.00万元，占79.31%；教育支出30.00万元，占20.69%。')).toEqual([]);
    expect(issues('2026年，本部门财政拨款支出预算145.00万元，其中：公共安全支出115.00万元，占79.31%；教育支出30.00万元，占21.69%。')).toEqual([
      ['share', '教育支出30.00万元，占21.69%', ['generalSpending!205!total', 'fiscalSummary!grandTotal!outTotal']],
    ]);
    // 35.00 is 教育支出 of the budget as a whole only: of its 150.00.
    expect(issues('教育支出35.00万元，占23.33%。')).toEqual([]);
    expect(issues('教育支出35.00万元，占20.69%。').map(([check]) => check)).toEqual(['share']);
  });

  it('is not judged where the amount is the 类’s in tables of different totals and the sentence names no whole', () => {
    // 115.00 is 公共安全支出 of the whole (76.67% of 150.00) and of 财政拨款 (79.31% of 145.00).
    expect(issues('公共安全支出115.00万元，占70.67%。')).toEqual([]);
  });
});

it('a 2027 draft says 2027 and compares with 2026', () => {
  const template = getTemplate('shanghai-2026-unit', 2027);
  const m = new DraftModel(template, shanghaiTextSample('unit'));
  const all = draftNarrative(m, template, names).map((s) => s.text).join('\n');
  expect(all).toContain('2027年，本单位收入预算');
  expect(all).toContain('比2026年预算增加5.00万元');
  expect(all).toContain('截至2026年8月31日');
  expect(all).not.toMatch(/2025年/);
});

describe('逐条原因: a line changing by the pack’s threshold or from zero needs its reason', () => {
  const template = getTemplate('shanghai-2026-unit', 2026);
  const lineFindings = (m: DraftModel) =>
    createFindingEngine(template, dictionaries)
      .full(m)
      .filter((f) => f.id.startsWith('r16-line-reason'));

  it('a 15 % rise without a reason is one finding naming the line and its figures; the reason clears it', () => {
    const m = new DraftModel(template, shanghaiTextSample('unit'));
    m.apply([{ key: 'lineNotes!2040601!reason', value: '' }]);
    const [f, ...rest] = lineFindings(m);
    expect(rest).toEqual([]);
    expect(f.id).toBe('r16-line-reason@2040601');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      '“行政运行（2040601）”上年 100.00 万元，本年 115.00 万元，增加 15.00%（变动达到 10% 或上年为零的，须说明原因），尚未填写增减原因：请在“逐条原因”中填写。',
    );
    expect(f.cells.map((c) => `${c.table}!${c.row}!${c.col}`)).toEqual(['lineNotes!2040601!reason', 'lineNotes!2040601!prior', 'generalSpending!2040601!total']);
    m.apply([{ key: 'lineNotes!2040601!reason', value: '新增法律援助项目' }]);
    expect(lineFindings(m)).toEqual([]);
  });

  it('below the threshold nothing is asked; from zero it is', () => {
    const m = new DraftModel(template, shanghaiTextSample('unit'));
    m.setRows('lineNotes', ['2040601', '2050202']);
    m.apply([
      { key: 'lineNotes!2040601!reason', value: '' },
      { key: 'lineNotes!2040601!prior', value: '1050000' },
      { key: 'lineNotes!2050202!prior', value: '0' },
    ]);
    expect(lineFindings(m).map((f) => f.id)).toEqual(['r16-line-reason@2050202']);
    expect(lineFindings(m)[0].message).toContain('“小学教育（2050202）”上年 0.00 万元，本年 30.00 万元，上年为零，本年新增');
  });
});
