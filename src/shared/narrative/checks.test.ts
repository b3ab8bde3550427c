import { describe, expect, it } from 'vitest';
import seedText from './__fixtures__/seed-text.json';
import { checkNarrative } from './checks';
import { describeCells, issuesOf, seedModel } from './__fixtures__/seed-model';

describe('text checks find the defects of real disclosures', () => {
  it('a figure next to a known label that the tables contradict: “职业年金 887.36 万元” where 表6 says 87.36', () => {
    // The seed with a 职业年金 row of 87.36 in table 6.
    const annuity = { 't06!30109!name': '职业年金缴费', 't06!30109!personnel': '87.36' };
    const [issue, ...rest] = issuesOf('s02', '人员经费中，职业年金 887.36 万元。', annuity);
    expect(rest).toEqual([]);
    expect(issue.check).toBe('figure');
    expect(issue.severity).toBe('error');
    expect(issue.textCell).toBe('narrative!s02!text');
    expect(issue.tableCells).toEqual(['t06!30109!total']);
    expect(issue.snippet).toBe('职业年金 887.36 万元'); // as typed
    expect(issue.message).toContain('为 87.36 万元，文中为 887.36 万元，相差 800.00 万元');
    // The right figure passes.
    expect(issuesOf('s02', '人员经费中，职业年金 87.36 万元。', annuity)).toEqual([]);
  });

  it('names the cell it contradicts by the side of its column: 表1 支出总计 is “支出总计”, not the 收入总计 beside it', () => {
    const [spending] = issuesOf('s02', '支出总计600.00万元。');
    expect(spending.tableCells).toEqual(['t01!grandTotal!outAmount']);
    expect(spending.message).toContain('表1“部门预算收支总表”“支出总计”行“预算数”栏为 525.80 万元，文中为 600.00 万元');
    const [income] = issuesOf('s02', '收入总计600.00万元。');
    expect(income.tableCells).toEqual(['t01!grandTotal!inAmount']);
    expect(income.message).toContain('表1“部门预算收支总表”“收入总计”行“预算数”栏为 525.80 万元');
  });

  it('a project amount and a 三公 figure typed wrong', () => {
    const issues = issuesOf('s04', '公务用车运维费 1.10万元；公务接待费 0.00万元。');
    expect(issues.map((i) => [i.check, i.tableCells[0]])).toEqual([['figure', 't09!vehicleRunning!total']]);
    expect(issuesOf('s02', '项目支出67.50万元，主要为政务外网费用 6万元。').map((i) => i.tableCells[0])).toEqual(['projects!p7!amount']);
  });

  it('a count of table 12 typed wrong: “车辆 2 辆” where the table says 1', () => {
    const issues = issuesOf('s09', '截至2023年12月31日，我部门固定资产金额为558.01万元，其中：车辆2辆，价值13.29万元；办公用房 0 平方米。');
    expect(issues.map((i) => [i.check, i.snippet, i.tableCells])).toEqual([['figure', '车辆2辆', ['t12!vehicles!quantity']]]);
    expect(issues[0].message).toContain('为 1，文中为 2');
  });

  it('a count to be bought is not the count held: “拟购置车辆 0 辆” where 表12 holds 1', () => {
    expect(issuesOf('s09', '截至2023年12月31日，我部门共有车辆1辆。本年度拟购置车辆0辆，2024年部门预算安排购置车辆2辆。')).toEqual([]);
  });

  it('“增长 100%” on a zero base', () => {
    const issues = issuesOf('s04', '公务接待费0.50万元，比上年增长100%。', { 't09!reception!general': '0.5', 'py!reception!prior': '0' });
    expect(issues.map((i) => i.check)).toEqual(['zeroBase']);
    expect(issues[0].message).toContain('上年公务接待费为零');
    expect(issues[0].tableCells).toEqual(['py!reception!prior', 'py!reception!current']);
    // Without last year's figure there is nothing to compare with.
    expect(issuesOf('s04', '公务接待费0.50万元，比上年增长100%。', { 't09!reception!general': '0.5' })).toEqual([]);
  });

  it('a rate that does not recompute, and one that does', () => {
    expect(issuesOf('s02', '支出总计525.80万元，比上年减少14.6%。').map((i) => [i.check, i.message.includes('变动率为 14.51%')])).toEqual([['change', true]]);
    expect(issuesOf('s02', '支出总计525.80万元，比上年减少14.51%。')).toEqual([]);
  });

  it('a comparison leading the sentence governs its clauses: “与上年相比，收、支总计各减少…，下降…”', () => {
    const wrong = issuesOf('s02', '与上年相比，收、支总计各减少89.33万元，下降14.51%。');
    expect(wrong.map((i) => [i.check, i.tableCells])).toEqual([['change', ['py!spendingTotal!prior', 'py!spendingTotal!current', 'py!spendingTotal!change']]]);
    expect(wrong[0].message).toContain('实际减少 89.27 万元，文中为 89.33 万元');
    expect(issuesOf('s02', '与上年相比，收、支总计各减少89.27万元，下降14.51%。')).toEqual([]);
    // Without an amount or a rate the clause is not taken as the total's change.
    expect(issuesOf('s02', '与上年相比，人员增加2人。')).toEqual([]);
  });

  it('“个百分点” said of an amount: a 提示 saying to write the rate in %, pointing at the words', () => {
    const [issue, ...rest] = issuesOf('s02', '支出总计525.80万元，比上年下降14.51个百分点。');
    expect(rest).toEqual([]);
    expect([issue.check, issue.severity, issue.snippet, issue.tableCells]).toEqual(['points', 'warning', '下降14.51个百分点', ['py!spendingTotal!prior', 'py!spendingTotal!current']]);
    expect(issue.message).toContain('比较的是金额（支出总计），金额的增减幅度用“%”表示，应写“下降14.51%”（上年支出总计 615.07 万元，本年 525.80 万元）');
    // The rate the figures give, whatever number was written; 持平 where nothing changed.
    expect(issuesOf('s02', '基本支出比上年减少95.77万元，下降17.29个百分点。').map((i) => [i.check, i.message.includes('应写“下降17.28%”')])).toEqual([['points', true]]);
    expect(issuesOf('s04', '2024年“三公”经费预算1.00万元，比上年下降5个百分点。').map((i) => [i.check, i.message.includes('应写“持平”')])).toEqual([['points', true]]);
    // An amount the tables do not know: the number written, as a rate.
    const pair = issuesOf('s02', '档案数字化经费上年400.00万元，本年300.00万元，下降25个百分点。');
    expect(pair.map((i) => [i.check, i.snippet, i.message.includes('应写“下降25%”')])).toEqual([['points', '下降25个百分点', true]]);
    // A comparison leading the sentence: the amount is in an earlier clause.
    expect(issuesOf('s02', '2024年支出预算525.80万元，与上年相比，下降14.51个百分点。').map((i) => i.check)).toEqual(['points']);
    // The amount of the change before it, of the sentence's figure: its rate.
    const after = issuesOf('s02', '2024年支出预算525.80万元，比上年减少89.27万元，下降14个百分点。');
    expect(after.map((i) => [i.check, i.message.includes('比较的是金额（支出总计），金额的增减幅度用“%”表示，应写“下降14.51%”')])).toEqual([['points', true]]);
  });

  it('“个百分点” said of a share or a rate is right, and its direction is not the figure’s', () => {
    for (const text of [
      '基本支出占比比上年提高2.1个百分点。',
      '基本支出458.30万元，占支出总额的87.16%，比上年提高2.1个百分点。',
      '基本支出占支出总额的比重较上年下降1.5个百分点。',
      '项目支出执行率比上年提高5个百分点。',
      '政府采购预算中预留中小企业份额占比40%，比上年提高5个百分点。',
    ]) {
      expect(issuesOf('s02', text), text).toEqual([]);
    }
  });

  it('a change of a share is not the figure’s change: “占支出总额的比重同比下降 2.1%”', () => {
    // Before: read as 支出总计 falling 2.1% (it fell 14.51%) and as a share of 2.1%.
    expect(issuesOf('s02', '基本支出458.30万元，占支出总额的比重同比下降2.1%。')).toEqual([]);
    expect(issuesOf('s02', '一般公共服务支出409.30万元，占支出总额的比重比上年提高2.1%。')).toEqual([]);
    expect(issuesOf('s02', '一般公共服务支出409.30万元，占比同比下降3.2%。')).toEqual([]);
  });

  it('a change after a share is the part’s, not the whole’s: “人员经费…，占基本支出的 89.79%，比上年减少…”', () => {
    // 人员经费 fell 97.20 万元 (基本支出 95.77).
    expect(issuesOf('s02', '人员经费411.50万元，占基本支出的89.79%，比上年减少97.20万元。')).toEqual([]);
    const wrong = issuesOf('s02', '人员经费411.50万元，占基本支出的89.79%，比上年减少95.77万元。');
    expect(wrong.map((i) => [i.check, i.tableCells])).toEqual([['change', ['py!personnel!prior', 'py!personnel!current', 'py!personnel!change']]]);
  });

  it('a change said after a 类’s amount and share is the 类’s, whose last year is not known: not the total’s', () => {
    // Before: taken as 支出总计 rising 3.5% (it fell).
    expect(issuesOf('s02', '按支出功能分类，一般公共服务支出409.30万元，占77.84%，比上年增长3.5%。')).toEqual([]);
  });

  it('a rate going on from the clause before’s comparison: “比上年减少 89.27 万元，下降 14.51%” (北京, 广东)', () => {
    expect(issuesOf('s02', '2024年财政拨款支出预算525.80万元，比2023年减少89.27万元，下降14.51%。')).toEqual([]);
    const wrong = issuesOf('s02', '2024年财政拨款支出预算525.80万元，比2023年减少89.27万元，下降15.51%。');
    expect(wrong.map((i) => [i.check, i.snippet, i.message.includes('变动率为 14.51%，文中为 15.51%')])).toEqual([['change', '下降15.51%', true]]);
    // Each figure of a list by its own subject.
    const list = issuesOf('s02', '支出预算中，基本支出458.30万元，占比87.16%，比上年减少95.77万元，下降18.28%；项目支出67.50万元，占比12.84%，比上年增加6.50万元，增长10.66%。');
    expect(list.map((i) => [i.check, i.tableCells[0], i.message.includes('变动率为 17.28%')])).toEqual([['change', 'py!basic!prior', true]]);
    // A clause that goes on without a comparison before it is not taken as one.
    expect(issuesOf('s02', '支出总计525.80万元，主要用于保障运转，增长较快的是项目支出。')).toEqual([]);
  });

  it('an economic 类 of 基本支出 by its national name: “基本支出…，其中：工资福利支出 409.40 万元”, and its share of 基本支出', () => {
    // 表6: 301 409.40, 302 46.80, 303 2.10 (the 类 rows carry no name of their own).
    expect(issuesOf('s02', '基本支出458.30万元，其中：工资福利支出409.40万元，商品和服务支出46.80万元，对个人和家庭的补助2.10万元。')).toEqual([]);
    const wrong = issuesOf('s02', '基本支出458.30万元，其中：工资福利支出419.40万元，商品和服务支出46.80万元。');
    expect(wrong.map((i) => [i.check, i.snippet, i.tableCells])).toEqual([['figure', '工资福利支出419.40万元', ['t06!301!total']]]);
    expect(wrong[0].message).toContain('“301 工资福利支出”行“合计”栏为 409.40 万元，文中为 419.40 万元');
    const share = issuesOf('s02', '按支出经济分类，工资福利支出409.40万元，占基本支出的80.33%；商品和服务支出46.80万元，占基本支出的10.21%。');
    expect(share.map((i) => [i.check, i.tableCells])).toEqual([['share', ['t06!301!total', 't03!total!basic']]]);
    // Of the whole budget (the projects' 商品和服务支出 with 基本支出's), the basic-spending table does not say.
    expect(issuesOf('s02', '按支出经济分类，工资福利支出419.40万元，商品和服务支出86.80万元，占支出总额的16.51%。')).toEqual([]);
  });

  it('a rate by its noun or with 比例/率 (浙江, 广东): “减幅 14.51%”, “降幅为…”, “增幅…”, “下降比例为…”', () => {
    for (const text of [
      '2024年支出预算525.80万元，同比减少89.27万元，减幅14.51%。',
      '2024年支出预算525.80万元，比上年预算数减少89.27万元，降幅为14.51%。',
      '本年支出预算较上年减少89.27万元，下降比例为14.51%。',
      '项目支出67.50万元，占支出总额的12.84%，较上年增长6.5万元，增幅10.66%。',
      '项目支出增幅较大，主要是新增信用体系建设经费。',
    ]) {
      expect(issuesOf('s02', text), text).toEqual([]);
    }
    const wrong = (text: string) => issuesOf('s02', text).map((i) => [i.check, i.snippet, i.message.slice(i.message.indexOf('变动率'))]);
    expect(wrong('2024年支出预算525.80万元，同比减少89.27万元，减幅15.51%。')).toEqual([['change', '减幅15.51%', '变动率为 14.51%，文中为 15.51%。']]);
    expect(wrong('本年支出预算较上年减少89.27万元，下降比例为17.51%。')).toEqual([['change', '下降比例为17.51%', '变动率为 14.51%，文中为 17.51%。']]);
    expect(wrong('项目支出67.50万元，较上年增长6.5万元，增幅11.66%。')).toEqual([['change', '增幅11.66%', '变动率为 10.66%，文中为 11.66%。']]);
    // The noun the wrong way.
    expect(issuesOf('s02', '2024年支出预算525.80万元，同比增幅14.51%。').map((i) => [i.check, i.message.includes('应写“降幅”')])).toEqual([['direction', true]]);
  });

  it('a rate going on from a part’s change: “…，其中基本支出减少 95.77 万元，下降 18.28%”', () => {
    const text = (rate: string) => `2024年收入预算525.80万元，与2023年预算相比减少89.27万元，下降14.51%，其中基本支出减少95.77万元，下降${rate}%。`;
    expect(issuesOf('s02', text('17.28'))).toEqual([]);
    expect(issuesOf('s02', text('18.28')).map((i) => [i.check, i.tableCells[0]])).toEqual([['change', 'py!basic!prior']]);
  });

  it('changes that are not the figure’s: a count, a project’s, an amount reduced to, last year’s figure after the label', () => {
    for (const text of [
      // Before: read as 支出总计's change (the section's default subject).
      '在职人员比上年减少3人，下降10%。',
      '项目支出67.50万元，比上年增加6.50万元，增长10.66%；项目个数比上年增加2个，增幅50%。',
      // Before: read as 项目支出's change.
      '项目支出67.50万元，其中信用体系建设经费5万元，比上年增加1万元，增长25%。',
      // Before: 554.07 read as this year's 基本支出, 458.30 as the amount of the change.
      '基本支出由上年554.07万元减少为458.30万元。',
    ]) {
      expect(issuesOf('s02', text), text).toEqual([]);
    }
    expect(issuesOf('s02', '基本支出由上年555.07万元减少为458.30万元。').map((i) => [i.check, i.tableCells])).toEqual([['figure', ['py!basic!prior']]]);
    expect(issuesOf('s02', '基本支出较上年减少为450.30万元。').map((i) => [i.check, i.message.includes('实际减少 95.77 万元，文中为 450.30 万元')])).toEqual([['change', true]]);
  });

  it('a comparison with last year’s 执行数, 调整预算 or 实际支出 is not with the 上年预算数 the 上年对比 holds', () => {
    for (const text of [
      '2024年支出预算525.80万元，比2023年执行数减少50.00万元，下降8.68%。',
      '2024年支出预算525.80万元，比2023年预算执行数增加10.00万元。',
      '2024年支出预算525.80万元，较2023年调整预算减少50.00万元。',
    ]) {
      expect(issuesOf('s02', text), text).toEqual([]);
    }
    expect(issuesOf('s04', '2024年“三公”经费预算1.00万元，较2023年实际支出减少0.20万元。')).toEqual([]);
    // With the 年初预算 it is.
    expect(issuesOf('s02', '2024年支出预算525.80万元，比2023年年初预算减少89.27万元，下降15.51%。').map((i) => i.check)).toEqual(['change']);
    // 个百分点 of an amount is still said, with the number written as the rate.
    const points = issuesOf('s02', '2024年支出预算525.80万元，比2023年执行数下降8.68个百分点。');
    expect(points.map((i) => [i.check, i.message.includes('应写“下降8.68%”；')])).toEqual([['points', true]]);
  });

  it('a share’s part is not a figure named as what the money is for or the reason: “…，主要是办公费增加，占公用经费的 100%”', () => {
    expect(issuesOf('s03', '机关运行经费46.80万元，比上年增长3.15%，主要是办公费增加，占公用经费的100%。')).toEqual([]);
  });

  it('政府采购’s 预留中小微企业份额 (表11’s last column) and its share of the 政府采购预算', () => {
    const issues = (text: string) => {
      const model = seedModel();
      model.setRows('t11', ['b1']);
      const cells = { 't11!b1!project': '办公设备购置', 't11!b1!general': '10', 't11!b1!smeShare': '4', 'narrative!s08!text': text };
      model.apply(Object.entries(cells).map(([key, value]) => ({ key, value })));
      return checkNarrative(model, model.template, describeCells(model, model.template)).map((i) => [i.check, i.tableCells]);
    };
    expect(issues('2024年，我部门政府采购预算10.00万元，其中预留中小微企业份额4.00万元，占40%。')).toEqual([]);
    expect(issues('2024年，我部门政府采购预算10.00万元，其中预留中小微企业份额5.00万元。')).toEqual([['figure', ['t11!total!smeShare']]]);
    expect(issues('2024年，我部门政府采购预算10.00万元，其中预留中小微企业份额4.00万元，占50%。')).toEqual([['share', ['t11!total!smeShare', 't11!total!total']]]);
  });

  it('货物、工程、服务 amounts said of 政府采购 against the rows of each kind (目录序号 A, B, C), the table named once as a table', () => {
    const issues = (text: string, shortName?: string) => {
      const model = seedModel();
      model.setRows('t11', ['b1', 'b2']);
      const cells = { 't11!b1!catalog': 'A02010104', 't11!b1!general': '6', 't11!b2!catalog': 'C1204', 't11!b2!general': '4', 'narrative!s08!text': text };
      model.apply(Object.entries(cells).map(([key, value]) => ({ key, value })));
      const template = shortName ? { ...model.template, tables: model.template.tables.map((t) => (t.id === 't11' ? { ...t, shortName } : t)) } : model.template;
      return checkNarrative(model, template, describeCells(model, template)).filter((i) => i.check === 'procurementKind').map((i) => [i.tableCells, i.message.slice(i.message.indexOf('：') + 1)]);
    };
    expect(issues('2024年，我部门政府采购预算10.00万元，其中货物类6.00万元，服务类4.00万元。')).toEqual([]);
    const said = '2024年，我部门政府采购预算10.00万元，其中货物类7.00万元，服务类4.00万元。';
    expect(issues(said)).toEqual([[['t11!b1!total'], '政府采购预算表中货物类采购（目录序号 A 开头）合计 6.00 万元，文中为 7.00 万元。']]);
    // A pack whose short name already ends in 表 is not named 表表.
    expect(issues(said, '政府采购预算表')[0][1]).toMatch(/^政府采购预算表中货物类/);
  });

  it('“已列入政府采购预算” with no procurement asks for the table by its name, named as a table once', () => {
    const message = (shortName?: string) => {
      const model = seedModel({ 'narrative!s09!text': '各项采购已按要求列入政府采购预算。' });
      const template = shortName ? { ...model.template, tables: model.template.tables.map((t) => (t.id === 't11' ? { ...t, shortName } : t)) } : model.template;
      return checkNarrative(model, template, describeCells(model, template)).find((i) => i.check === 'presentNote')?.message;
    };
    expect(message()).toMatch(/或填写政府采购预算表。$/);
    expect(message('政府采购预算表')).toMatch(/或填写政府采购预算表。$/);
  });

  it('a change after a figure named as what it is for is the sentence’s figure’s: “项目支出…，主要是新增信用体系建设经费 5 万元，比上年增长…”', () => {
    expect(issuesOf('s02', '项目支出67.50万元，主要是新增信用体系建设经费5万元，比上年增长10.66%。')).toEqual([]);
    const wrong = issuesOf('s02', '项目支出67.50万元，主要是新增信用体系建设经费5万元，比上年增长11.66%。');
    expect(wrong.map((i) => [i.check, i.tableCells[0]])).toEqual([['change', 'py!project!prior']]);
    // A figure with a change of its own there is the subject of what follows.
    expect(issuesOf('s02', '基本支出减少95.77万元，主要是人员经费减少97.2万元，下降19.11%。')).toEqual([]);
  });

  it('a percentage without %: “占 76.23”', () => {
    const issues = issuesOf('s02', '人员经费411.50万元，占 76.23，日常公用经费46.80万元，占比8.90%。');
    expect(issues.map((i) => [i.check, i.snippet])).toEqual([['percentSign', '占 76.23']]);
  });

  it('元 written where the unit is 万元: “3.58 元”', () => {
    const issues = issuesOf('s03', '2024年，我部门机关运行经费共计安排46.80万元，其中办公费 3.58 元。');
    expect(issues.map((i) => [i.check, i.severity, i.snippet])).toEqual([['unit', 'warning', '其中办公费 3.58 元']]);
    expect(issues[0].message).toContain('是否应为“3.58万元”');
  });

  it('an amount in 元 where the budget is in 万元: read as its 万元, checked against the figure, and said so', () => {
    // 基本支出 is 458.30 万元.
    const right = issuesOf('s02', '2024年支出预算525.80万元，其中基本支出4,583,000.00元。');
    expect(right.map((i) => [i.check, i.severity])).toEqual([['unit', 'warning']]);
    expect(right[0].message).toContain('“4583000.00元”即 458.30 万元；本预算的金额单位是万元，说明中宜写作“458.30万元”');
    const wrong = issuesOf('s02', '2024年支出预算525.80万元，其中基本支出4583500元。');
    expect(wrong.map((i) => [i.check, i.tableCells])).toEqual([['figure', ['t03!total!basic']], ['unit', []]]);
    expect(wrong[0].message).toContain('为 458.30 万元，文中为 4583500 元（即 458.35 万元），相差 0.05 万元');
    expect(wrong[1].message).toContain('说明中的金额宜以万元写'); // the wrong amount is not offered
  });

  it('an amount in 亿元 where the budget is in 万元: the figure to the places written', () => {
    // 支出总计 is 525.80 万元, 0.05258 亿元.
    expect(issuesOf('s02', '2024年支出总计0.0526亿元，约0.05亿元。')).toEqual([]);
    const wrong = issuesOf('s02', '2024年支出总计0.0536亿元。');
    expect(wrong.map((i) => [i.check, i.severity, i.snippet])).toEqual([['figure', 'error', '支出总计0.0536亿元']]);
    expect(wrong[0].message).toContain('为 525.80 万元，文中为 0.0536 亿元，以亿元写到 4 位小数应为 0.0526 亿元');
    // A change in 亿元: 89.27 万元 is 0.0089 亿元.
    expect(issuesOf('s02', '支出总计比上年减少0.0089亿元。')).toEqual([]);
    expect(issuesOf('s02', '支出总计比上年减少0.0098亿元。').map((i) => [i.check, i.message.includes('实际减少 89.27 万元，文中为 0.0098 亿元')])).toEqual([['change', true]]);
  });

  it('the 收支总表’s 本年 lines and 表5’s totals by their printed words: “本年收入合计”, “一般公共预算财政拨款支出”', () => {
    expect(issuesOf('s02', '本年收入合计526.80万元。').map((i) => i.tableCells)).toEqual([['t01!yearTotal!inAmount']]);
    expect(issuesOf('s02', '一般公共预算财政拨款支出526.80万元。').map((i) => i.tableCells)).toEqual([['t05!total!total']]);
    expect(issuesOf('s02', '一般公共预算财政拨款基本支出458.30万元，一般公共预算财政拨款支出525.80万元，本年支出合计525.80万元。')).toEqual([]);
    // Each fund's spending by its own table, not as all funds' 支出 (“预算支出” inside the words).
    expect(issuesOf('s02', '一般公共预算支出总额525.80万元，政府性基金预算支出0.00万元，国有资本经营预算支出0万元。')).toEqual([]);
    expect(issuesOf('s02', '政府性基金预算支出525.80万元。').map((i) => i.tableCells)).toEqual([['t07!total!total']]);
  });

  it('a share that the figures contradict: “占支出总额的 87.50%” where 基本支出 is 87.16% of it', () => {
    const [issue, ...rest] = issuesOf('s02', '基本支出458.30万元，占支出总额的87.50%。');
    expect(rest).toEqual([]);
    expect([issue.check, issue.severity, issue.tableCells]).toEqual(['share', 'error', ['t03!total!basic', 't01!grandTotal!outAmount']]);
    expect(issue.message).toContain('占 87.16%，文中为 87.50%');
    expect(issuesOf('s02', '人员经费411.50万元，占基本支出的79.79%。').map((i) => i.check)).toEqual(['share']);
    // Right, cut, rounded either way to a whole percent, or evened by 0.01: no finding; a share without its whole is not judged.
    for (const text of ['基本支出458.30万元，占支出总额的87.16%；项目支出67.50万元，占12.84%。', '基本支出458.30万元，占总支出的87.1%。', '基本支出458.30万元，占总支出的88%。', '基本支出458.30万元，占总支出的87.17%。', '项目支出67.50万元，占比13%。']) {
      expect(issuesOf('s02', text), text).toEqual([]);
    }
    expect(issuesOf('s02', '基本支出458.30万元，占总支出的86%。').map((i) => i.check)).toEqual(['share']);
    // Of the figure a 其中 breaks down.
    const within = issuesOf('s02', '支出预算525.80万元，其中：基本支出458.30万元，占87.50%；项目支出67.50万元，占12.84%。');
    expect(within.map((i) => [i.check, i.tableCells])).toEqual([['share', ['t03!total!basic', 't01!grandTotal!outAmount']]]);
    // The 其中's list goes on past a ；.
    const list = issuesOf('s02', '支出预算525.80万元，其中：基本支出458.30万元，占87.16%；项目支出67.50万元，占13.84%。');
    expect(list.map((i) => [i.check, i.tableCells])).toEqual([['share', ['t03!total!project', 't01!grandTotal!outAmount']]]);
    // A 。 ends it.
    expect(issuesOf('s02', '支出预算525.80万元，其中：基本支出458.30万元。项目支出67.50万元，占13.84%。')).toEqual([]);
    // A 其中 opening its sentence breaks down what the sentence before is about (上海's 三公).
    const opening = issuesOf('s02', '2024年支出预算525.80万元，比上年减少89.27万元，主要原因是人员调出。其中：基本支出458.30万元，占86.16%；项目支出67.50万元，占12.84%。');
    expect(opening.map((i) => [i.check, i.tableCells])).toEqual([['share', ['t03!total!basic', 't01!grandTotal!outAmount']]]);
    // Last year's shares are not this year's figures.
    expect(issuesOf('s02', '2023年基本支出554.07万元，占支出总额的90.08%；上年人员经费占上年基本支出的91.81%。')).toEqual([]);
  });

  it('a figure stated for last year is checked against the 上年对比’s, or not at all where last year is unknown', () => {
    // 上年对比: 基本支出 554.07, 人员经费 508.70 last year; 项目 has no last-year figure in the text's words.
    expect(issuesOf('s02', '2023年基本支出554.07万元，上年人员经费508.70万元。')).toEqual([]);
    const wrong = issuesOf('s02', '2023年基本支出555.07万元。');
    expect(wrong.map((i) => [i.check, i.tableCells])).toEqual([['figure', ['py!basic!prior']]]);
    expect(wrong[0].message).toContain('为 554.07 万元，文中为 555.07 万元');
    expect(issuesOf('s03', '上年机关运行经费45.37万元。')).toEqual([]);
    // A date at last year's end is the assets' own: still checked against the table.
    expect(issuesOf('s09', '截至2023年12月31日固定资产金额为559.01万元。').map((i) => i.check)).toEqual(['figure']);
  });

  it('收支总预算 is the total', () => {
    expect(issuesOf('s02', '2024年部门收支总预算526.80万元。').map((i) => [i.check, i.tableCells])).toEqual([['figure', ['t01!grandTotal!outAmount']]]);
  });

  it('a change with the wrong direction word: “较上年增加” when it fell', () => {
    const issues = issuesOf('s02', '2024年支出预算525.80万元，较上年增加。其中人员经费减少97.20万元，日常公用经费减少1.43万元。');
    expect(issues.map((i) => [i.check, i.severity])).toEqual([['direction', 'error'], ['direction', 'error']]);
    expect(issues[0].message).toContain('上年支出总计 615.07 万元，本年 525.80 万元，实际减少 89.27 万元，应写“减少”');
    expect(issues[1].snippet).toBe('日常公用经费减少1.43万元');
    expect(issues[1].tableCells).toEqual(['py!public!prior', 'py!public!current']);
  });

  it('a change amount the tables contradict', () => {
    const issues = issuesOf('s02', '基本支出减少95.77万元，主要为人员经费减少79.2万元。');
    expect(issues.map((i) => [i.check, i.snippet])).toEqual([['change', '人员经费减少79.2万元']]);
  });

  it('leftover placeholders: “XX”, “增加（减少）”, an unfilled 【】', () => {
    const issues = issuesOf('s04', '2024年“三公”经费预算XX万元，比上年增加（减少）1.00万元。【请填写原因】');
    expect(issues.filter((i) => i.check === 'placeholder').map((i) => i.snippet)).toEqual(['XX', '增加（减少）', '【请填写原因】']);
  });

  it('机关运行经费 ≠ 表6 公用经费 for an administrative unit, and not checked for a 事业 unit', () => {
    const text = '2024年，我部门机关运行经费共计安排 45.37万元，主要用于办公费。';
    const issues = issuesOf('s03', text);
    expect(issues.map((i) => [i.check, i.tableCells])).toEqual([['operatingCost', ['t06!total!public']]]);
    expect(issues[0].message).toContain('46.80 万元（行政、参公单位），文中为 45.37 万元');
    expect(issuesOf('s03', text, { 'org!o1!nature': '事业' })).toEqual([]);
  });

  it('words typed in a drafted section’s lead or a reason point at that cell', () => {
    const model = seedModel({ 'narrative!s04!lead': '我部门“三公”经费预算 XX 万元。', 'py!project!reason': '新增项目，占 12.5' });
    const issues = checkNarrative(model, model.template, describeCells(model, model.template));
    expect(issues.map((i) => [i.check, i.textCell])).toEqual([
      ['percentSign', 'py!project!reason'],
      ['placeholder', 'narrative!s04!lead'],
    ]);
    // Reading only the clerk's words (as the finding engine does) finds the same.
    expect(checkNarrative(model, model.template, describeCells(model, model.template), 'clerk')).toEqual(issues);
  });
});

describe('an empty draft', () => {
  it('asks for the words only the clerk can write, at their cells, in both scopes', () => {
    const model = seedModel({ 'narrative!s01!lead': '', 'narrative!s05!lead': '' });
    for (const scope of ['printed', 'clerk'] as const) {
      const issues = checkNarrative(model, model.template, describeCells(model, model.template), scope);
      expect(issues.map((i) => [i.check, i.snippet, i.textCell]), scope).toEqual([
        ['placeholder', '【请填写部门职责】', scope === 'clerk' ? 'narrative!s01!lead' : 'narrative!s01!text'],
        ['placeholder', '【请填写部门整体绩效目标】', scope === 'clerk' ? 'narrative!s05!lead' : 'narrative!s05!text'],
      ]);
    }
  });
});

describe('no false alarms on correct text', () => {
  it('the seed document’s own sections 二、三、四、六、九、十、十一 pass, except its two real slips: “增加 0.00 万元” where the change is nil, and 九 “已按要求列入政府采购预算” where 八 says there is none', () => {
    const model = seedModel(Object.fromEntries(Object.entries(seedText.original).map(([s, t]) => [`narrative!${s}!text`, t])));
    const issues = checkNarrative(model, model.template, describeCells(model, model.template));
    expect(issues.map((i) => [i.check, i.severity, i.snippet])).toEqual([
      ['direction', 'warning', '增加0.00万元'],
      ['presentNote', 'warning', '已按要求列入政府采购预算'],
    ]);
  });
});
