import { describe, expect, it } from 'vitest';
import { DraftModel } from '../engine/model';
import { getTemplate } from '../regions';
import { createFindingEngine } from '../validation';
import { loadShippedDictionaries } from '../../main/dictionary';
import { checkNarrative, type TextIssue } from './checks';
import { describeCells, issuesOf, seedModel } from './__fixtures__/seed-model';

/**
 * The reviewers' checks of issue 17, one family at a time: the seed broken in one place with
 * a sentence of the kind reviewers find gives exactly the expected finding (section, words,
 * figures), and the sentence put right gives none.
 */

const brief = (issues: TextIssue[]) => issues.map((i) => ({ check: i.check, section: i.section, snippet: i.snippet }));

/** One issue, of this family, in this section, on these words; its message names the figures. */
function expectOne(issues: TextIssue[], check: string, section: string, snippet: string, ...says: string[]) {
  expect(brief(issues)).toEqual([{ check, section, snippet }]);
  for (const s of says) expect(issues[0].message).toContain(s);
}

describe('text against text', () => {
  it('one item, two amounts in one paragraph', () => {
    const issues = issuesOf('s02', '课题研究费12.00万元，主要用于政务服务课题；课题研究费共安排10.00万元。');
    expectOne(issues, 'repeat', 's02', '课题研究费共安排10.00万元', '“课题研究费”写了两个金额：12.00 万元和10.00 万元');
    expect(issuesOf('s02', '课题研究费12.00万元，主要用于政务服务课题；课题研究费共安排12.00万元。')).toEqual([]);
  });

  it('a direction word the sentence’s own two figures contradict', () => {
    const issues = issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，增长12.5%。');
    expectOne(issues, 'pairChange', 's02', '档案数字化经费上年400.00万元，本年300.00万元，增长12.5%', '上年 400.00 万元，本年 300.00 万元，实际减少 100.00 万元，应写“减少”');
    expect(issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，减少25%。')).toEqual([]);
  });

  it('a rate that does not follow from the sentence’s two figures', () => {
    const issues = issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，减少12.5%。');
    expectOne(issues, 'pairChange', 's02', '档案数字化经费上年400.00万元，本年300.00万元，减少12.5%', '变动率为 25.00%，文中为 12.5%');
    // A rate by its noun (浙江, 广东).
    expect(issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，降幅25%。')).toEqual([]);
    expectOne(issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，降幅35%。'), 'pairChange', 's02', '档案数字化经费上年400.00万元，本年300.00万元，降幅35%', '变动率为 25.00%，文中为 35%');
    expectOne(issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，增幅25%。'), 'pairChange', 's02', '档案数字化经费上年400.00万元，本年300.00万元，增幅25%', '实际减少 100.00 万元，应写“降幅”');
  });

  it('a comparison with a year other than the last, and a budget year other than the draft’s', () => {
    expectOne(issuesOf('s02', '2024年支出预算525.80万元，与2022年相比减少89.27万元。'), 'year', 's02', '与2022年', '比较的应是上年（2023年），文中为2022年');
    expectOne(issuesOf('s02', '2023年预算收入525.80万元。'), 'year', 's02', '2023年预算', '这是2024年预算，文中写成2023年');
    expect(issuesOf('s02', '2024年支出预算525.80万元，与2023年相比减少89.27万元。')).toEqual([]);
  });

  it('punctuation: a doubled full stop, a paragraph without its full stop, unbalanced quotes, a word typed twice', () => {
    expectOne(issuesOf('s11', '我部门无其他需要说明的事项。。'), 'punctuation', 's11', '他需要说明的事项。。', '标点“。。”重复');
    expectOne(issuesOf('s11', '我部门无其他需要说明的事项，特此说明如上述各项内容所列'), 'punctuation', 's11', '…要说明的事项，特此说明如上述各项内容所列', '段末缺少句号');
    expectOne(issuesOf('s11', '我部门无“其他需要说明的事项。'), 'punctuation', 's11', '我部门无“其他需要说明的事项。', '引号不成对');
    expectOne(issuesOf('s11', '我部门无其他需要说明的的事项。'), 'punctuation', 's11', '门无其他需要说明的的事项。', '“的”连写了两次');
    expect(issuesOf('s11', '我部门无其他需要说明的事项。')).toEqual([]);
  });

  it('单位 wording in a 部门 report', () => {
    expectOne(issuesOf('s11', '我单位无其他需要说明的事项。'), 'scope', 's11', '我单位', '这是部门预算，应写“我部门”');
  });

  it('leftovers of the template: 待填写, TBD, a reason left empty', () => {
    expectOne(issuesOf('s11', '我部门其他需要说明的事项：待填写。'), 'placeholder', 's11', '待填写');
    expectOne(issuesOf('s11', '我部门其他事项TBD。'), 'placeholder', 's11', 'TBD');
    expectOne(issuesOf('s04', '2024年，我部门财政拨款“三公”经费预算安排1.00万元，增减变化的主要原因是。'), 'placeholder', 's04', '主要原因是', '“原因是”后没有写原因');
  });

  it('negative amounts and shares above 100 %', () => {
    expectOne(issuesOf('s02', '档案数字化经费比上年-9.50万元。'), 'negative', 's02', '-9.50万元', '减少应写“减少9.50万元”');
    expectOne(issuesOf('s02', '人员经费占支出总计的108.5%。'), 'negative', 's02', '占支出总计的108.5%', '占比不能超过 100%，文中为 108.5%');
  });
});

describe('text against the tables', () => {
  it('an old 科目 name', () => {
    expectOne(issuesOf('s02', '我部门本年未安排文化体育与传媒支出。'), 'oldName', 's02', '文化体育与传媒支出', '207 类现为“文化旅游体育与传媒支出”');
    expect(issuesOf('s02', '我部门本年未安排文化旅游体育与传媒支出。')).toEqual([]);
  });

  it('a per-科目 item against 财政拨款支出 of its code', () => {
    const issues = issuesOf('s02', '“政务公开审批”科目314.80万元，主要用于审批服务。');
    expectOne(issues, 'item', 's02', '“政务公开审批”科目314.80万元', '2010306 政务公开审批为 409.30 万元，文中为 314.80 万元');
    expect(issues[0].tableCells).toEqual(['t05!2010306!total']);
    expect(issuesOf('s02', '“政务公开审批”科目409.30万元，主要用于审批服务。')).toEqual([]);
    // A 款 named with its "（室）".
    expectOne(issuesOf('s02', '“一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）政务公开审批（06项）”314.80万元。'), 'item', 's02',
      '“一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）政务公开审批（06项）”314.80万元', '2010306 政务公开审批为 409.30 万元，文中为 314.80 万元');
    // Its share of the whole named: the item's 财政拨款支出 (the seed's 525.80 万元 in all).
    expect(issuesOf('s02', '“政务公开审批”科目409.30万元，占一般公共预算支出的77.84%。')).toEqual([]);
    const share = issuesOf('s02', '“一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）政务公开审批（06项）”409.30万元，占一般公共预算支出的70.84%。');
    expect(share.map((i) => [i.check, i.tableCells])).toEqual([['share', ['t05!2010306!total', 't05!total!total']]]);
    expect(share[0].message).toContain('“2010306 政务公开审批”行“合计”栏为 409.30 万元');
    // A wrong amount is the item's one finding; without a whole named, the share is not judged.
    expect(brief(issuesOf('s02', '“政务公开审批”科目314.80万元，占一般公共预算支出的70.84%。')).map((i) => i.check)).toEqual(['item']);
    expect(issuesOf('s02', '“政务公开审批”科目409.30万元，占70.84%。')).toEqual([]);
  });

  it('a 类 by its name with an amount, against the budget as a whole or 财政拨款', () => {
    const issues = issuesOf('s02', '按支出功能分类，一般公共服务支出419.30万元，占79.74%。');
    expectOne(issues, 'item', 's02', '一般公共服务支出419.30万元', '201 一般公共服务支出为 409.30 万元，文中为 419.30 万元');
    expect(issues[0].tableCells).toEqual(['t03!201!total', 't05!201!total']);
    expect(issuesOf('s02', '按支出功能分类，一般公共服务支出预算为409.30万元，社会保障和就业支出51.50万元，卫生健康支出27.00万元，住房保障支出38.00万元。')).toEqual([]);
    // Written with its level, as 北京 and 广东 texts do.
    expectOne(issuesOf('s02', '一般公共服务支出（类）419.30万元，主要用于机关日常运转。'), 'item', 's02', '一般公共服务支出（类）419.30万元', '文中为 419.30 万元');
    expect(issuesOf('s02', '一般公共服务支出（类）409.30万元，占一般公共预算支出的77.84%。')).toEqual([]);
    expect(brief(issuesOf('s02', '一般公共服务支出（类）409.30万元，占一般公共预算支出的78.84%。')).map((i) => i.check)).toEqual(['share']);
    // A longer name that ends with it, a change, a share and last year's amount are not the 类's amount.
    expect(issuesOf('s02', '其他一般公共服务支出12.00万元；一般公共服务支出增加10.00万元，占77.84%；2023年一般公共服务支出450.00万元。')).toEqual([]);
  });

  it('a 类’s share: of the total of the table its amount is from, or of the whole the sentence names', () => {
    // The seed: 201 409.30, 208 51.50, 210 27.00, 221 38.00 of 525.80, all 财政拨款.
    expect(issuesOf('s02', '按支出功能分类，一般公共服务支出409.30万元，占77.84%；社会保障和就业支出51.50万元，占9.79%；卫生健康支出27.00万元，占5.13%；住房保障支出38.00万元，占7.23%。')).toEqual([]);
    const issues = issuesOf('s02', '按支出功能分类，一般公共服务支出409.30万元，占70.84%。');
    expectOne(issues, 'share', 's02', '一般公共服务支出409.30万元，占70.84%', '“201 一般公共服务支出”行“合计”栏为 409.30 万元', '“合计”行“合计”栏为 525.80 万元，占 77.84%，文中为 70.84%');
    expect(issues[0].severity).toBe('error');
    expect(issues[0].tableCells).toEqual(['t03!201!total', 't03!total!total']);
    // The same rounding as any share: cut, rounded to a whole percent, evened by 0.01.
    for (const share of ['77.8', '78', '77.85']) expect(issuesOf('s02', `一般公共服务支出409.30万元，占${share}%。`), share).toEqual([]);
    // "所占比重为", in brackets.
    expect(brief(issuesOf('s02', '一般公共服务支出409.30万元，所占比重为70.84%。')).map((i) => i.check)).toEqual(['share']);
    expect(brief(issuesOf('s02', '住房保障支出38.00万元（占8.23%）。')).map((i) => i.check)).toEqual(['share']);
    expect(issuesOf('s02', '住房保障支出38.00万元（占7.23%），一般公共服务支出409.30万元，所占比重为77.84%。')).toEqual([]);
    // After its change (广东).
    expect(brief(issuesOf('s02', '一般公共服务支出409.30万元，比上年增加10.00万元，增长2.50%，占比70.84%。')).map((i) => i.check)).toEqual(['share']);
    expect(issuesOf('s02', '一般公共服务支出409.30万元，比上年增加10.00万元，增长2.50%，占比77.84%。')).toEqual([]);
    // Of the whole named after 占.
    expect(brief(issuesOf('s02', '一般公共服务支出409.30万元，占一般公共预算支出的70.84%。')).map((i) => i.check)).toEqual(['share']);
    expect(issuesOf('s02', '一般公共服务支出409.30万元，占一般公共预算支出的77.84%。')).toEqual([]);
    // Of the figure a 其中 breaks down.
    expect(brief(issuesOf('s02', '支出预算525.80万元，其中：一般公共服务支出409.30万元，占70.84%。')).map((i) => i.check)).toEqual(['share']);
  });

  it('a 类’s amount in a sentence about 基本支出 or 项目支出 is its part of them, and its share of them', () => {
    // 201: 341.80 基本支出 and 67.50 项目支出 of its 409.30.
    expect(issuesOf('s02', '基本支出458.30万元，按功能分类，其中：一般公共服务支出341.80万元，社会保障和就业支出51.50万元。')).toEqual([]);
    expect(issuesOf('s02', '项目支出67.50万元，全部为一般公共服务支出67.50万元。')).toEqual([]);
    expect(issuesOf('s02', '基本支出458.30万元，其中：一般公共服务支出341.80万元，占74.58%。')).toEqual([]);
    const share = issuesOf('s02', '基本支出458.30万元，其中：一般公共服务支出341.80万元，占78.58%。');
    expect(share.map((i) => [i.check, i.tableCells])).toEqual([['share', ['t03!201!basic', 't03!total!basic']]]);
    // Without 基本支出 in the sentence, 341.80 is not 一般公共服务支出.
    expectOne(issuesOf('s02', '一般公共服务支出341.80万元。'), 'item', 's02', '一般公共服务支出341.80万元', '为 409.30 万元，文中为 341.80 万元');
  });

  it('a 类’s share is not judged where its whole is ambiguous, or where it is not the 类’s', () => {
    // 208 has 10.00 万元 more in the spending table than in 财政拨款: 支出总计 535.80, 财政拨款 525.80.
    const beyond = { 't03!2080501!basic': '12.1' };
    // 一般公共服务支出 409.30 is its figure in both; 76.39% of 535.80 or 77.84% of 525.80: the sentence does not say which.
    expect(issuesOf('s02', '一般公共服务支出409.30万元，占70.84%。', beyond)).toEqual([]);
    expect(issuesOf('s02', '一般公共服务支出409.30万元，占76.39%。', beyond)).toEqual([]);
    // Named, it is judged.
    expect(brief(issuesOf('s02', '一般公共服务支出409.30万元，占一般公共预算支出的76.39%。', beyond)).map((i) => i.check)).toEqual(['share']);
    // A 类 amount only the spending table gives is a share of the spending table's total.
    expect(issuesOf('s02', '社会保障和就业支出61.50万元，占11.48%。', beyond)).toEqual([]);
    expect(brief(issuesOf('s02', '社会保障和就业支出61.50万元，占9.79%。', beyond)).map((i) => i.check)).toEqual(['share']);
    // A wrong amount is the 类 check's one finding; the share is not judged again.
    expect(brief(issuesOf('s02', '一般公共服务支出419.30万元，占70.84%。')).map((i) => i.check)).toEqual(['item']);
    // Last year's share, a 款 or 项 of the 类 and its "其他" 款 are not the 类's share this year.
    for (const text of [
      '上年一般公共服务支出450.00万元，占73.16%。',
      '2023年一般公共服务支出450.00万元，占73.16%。',
      '一般公共服务支出中，政务公开审批300.00万元，占57.06%。',
      '一般公共服务支出(201类)政府办公厅(室)及相关机构事务(03款)409.30万元，占70.00%。',
      '其他一般公共服务支出12.00万元，占2.28%。',
    ]) {
      expect(issuesOf('s02', text), text).toEqual([]);
    }
  });

  it('a share said after a 类 is not a share of a figure named earlier in the sentence', () => {
    // Before: 基本支出 (87.16% of the total) was taken as the part of the 类's share.
    expect(issuesOf('s02', '支出总额525.80万元，基本支出458.30万元，一般公共服务支出409.30万元，占支出总额的77.84%。')).toEqual([]);
  });

  it('the number of units against the 机构设置 table (the seed lists one, 行政)', () => {
    expect(issuesOf('s01', '纳入2024年部门预算编制范围的单位共1个：巨鹿县行政审批局。内设机构共8个。')).toEqual([]);
    expectOne(issuesOf('s01', '纳入2024年部门预算编制范围的单位共2个。'), 'unitCount', 's01', '单位共2个', '机构设置表列出单位 1 个，文中为 2 个');
    expectOne(issuesOf('s01', '本部门预算包括本部及所属单位共三家单位。'), 'unitCount', 's01', '单位共三家', '文中为 3 个');
    expectOne(issuesOf('s01', '所属事业单位共1个。'), 'unitCount', 's01', '事业单位共1个', '单位性质为“事业”的单位 0 个，文中为 1 个');
    // The units below the department alone are all but its own; a nature counted without 共.
    expect(issuesOf('s01', '本部门无下属单位，下属单位共0个；本级及下属单位共1家；行政单位1家。')).toEqual([]);
    expectOne(issuesOf('s01', '本部门中，行政单位2家。'), 'unitCount', 's01', '行政单位2家', '单位性质为“行政”的单位 1 个，文中为 2 个');
  });

  it('a note that a table is empty when it has figures', () => {
    const issues = issuesOf('s07', '我部门本年无项目支出。');
    expectOne(issues, 'emptyNote', 's07', '无项目支出', '合计为 67.50 万元，不是空表');
    expect(issues[0].tableCells).toEqual(['projects!total!amount']);
  });

  it('a section saying a budget is included where its table is empty (九 “已按要求列入政府采购预算” against 八 “无政府采购预算”)', () => {
    const s09 = (tail: string) => `截至2023年12月31日，我部门固定资产金额为558.01万元。本年度拟购置固定资产总额为0.00万元${tail}`;
    const issues = issuesOf('s09', s09('，已按要求列入政府采购预算，详见政府采购预算表。'));
    expectOne(issues, 'presentNote', 's09', '已按要求列入政府采购预算', '政府采购预算合计为 0（本年无政府采购预算），与“已按要求列入政府采购预算”矛盾');
    expect(issues[0].severity).toBe('warning');
    expect(issues[0].tableCells).toEqual(['t11!total!total']);
    expect(issuesOf('s09', s09('。'))).toEqual([]);
  });
});

describe('the seed', () => {
  it('“三公” above its economic code (project-funded) is allowed, below it is a finding', () => {
    const engine = createFindingEngine(seedModel().template, loadShippedDictionaries());
    const r14 = (value: string) => engine.full(seedModel({ 't09!vehicleRunning!general': value })).filter((f) => f.id.startsWith('r14-'));
    expect(r14('1')).toEqual([]);
    expect(r14('2')).toEqual([]);
    expect(r14('0.5').map((f) => f.id)).toEqual(['r14-t09-t06@t06!30231!total']);
  });

  it('its drafted text passes every text check', () => {
    const model = seedModel();
    expect(checkNarrative(model, model.template, describeCells(model, model.template)).map((i) => i.message)).toEqual([]);
  });

  it('逐条原因: 机关运行经费 up 17 % on last year asks for a reason; the reason clears it', () => {
    const engine = createFindingEngine(seedModel().template, loadShippedDictionaries());
    const lines = (edits: Record<string, string>) => engine.full(seedModel(edits)).filter((f) => f.id.startsWith('r16-line-reason'));
    expect(lines({})).toEqual([]);
    const [f, ...rest] = lines({ 'py!operating!prior': '40' });
    expect(rest).toEqual([]);
    expect(f.id).toBe('r16-line-reason@operating');
    expect(f.message).toContain('“机关运行经费”上年 40.00 万元，本年 46.80 万元，增加 17.00%');
    expect(lines({ 'py!operating!prior': '44' })).toEqual([]);
    expect(lines({ 'py!operating!prior': '40', 'py!operating!reason': '新增党员活动经费' })).toEqual([]);
  });
});

describe('政府采购: the 预留 share', () => {
  it('预留中小微企业份额 above its purchase’s 预算资金合计 is a finding naming both; within it, none', () => {
    const engine = createFindingEngine(seedModel().template, loadShippedDictionaries());
    const findings = (sme: string) => {
      const model = seedModel();
      model.setRows('t11', ['b1']);
      model.apply(Object.entries({ 't11!b1!project': '办公设备购置', 't11!b1!general': '3.5', 't11!b1!smeShare': sme }).map(([key, value]) => ({ key, value })));
      return engine.full(model).filter((f) => f.ruleId === 'r02-t11-sme');
    };
    expect(findings('3.5')).toEqual([]);
    const over = findings('3.6');
    // The purchase's row and the 合计 row (the sum of the shares) are both above their totals.
    expect(over.map((f) => f.id).sort()).toEqual(['r02-t11-sme@t11!b1!smeShare', 'r02-t11-sme@t11!total!smeShare']);
    const purchase = over.find((f) => f.id.includes('!b1!'))!;
    expect(purchase.message).toContain('“办公设备购置”行“2024年预留中小微企业份额”栏为 3.60 万元，大于本行“预算资金合计”的 3.50 万元');
    expect(purchase.cells.map((c) => c.col)).toEqual(['smeShare', 'total']);
  });

  it('上海: 面向中小企业预留 above the 政府采购预算合计, and 小微 above 中小企业, are findings; within them, none', () => {
    const template = getTemplate('shanghai-2026-department', 2026);
    const engine = createFindingEngine(template, loadShippedDictionaries());
    const findings = (sme: string, smallMicro: string) =>
      engine
        .full(new DraftModel(template, { rows: {}, cells: { 'purchases!goods!amount': '100', 'purchases!sme!amount': sme, 'purchases!smallMicro!amount': smallMicro } }))
        .filter((f) => f.ruleId === 'sh09-purchase-sme')
        .map((f) => f.id);
    expect(findings('100', '60')).toEqual([]);
    expect(findings('120', '60')).toEqual(['sh09-purchase-sme@purchases!sme!amount']);
    expect(findings('80', '90')).toEqual(['sh09-purchase-sme@purchases!smallMicro!amount']);
  });
});
