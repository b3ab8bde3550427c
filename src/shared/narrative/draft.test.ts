import { describe, expect, it } from 'vitest';
import figures from '../__fixtures__/seed-figures.json';
import seedText from './__fixtures__/seed-text.json';
import { describeCells } from './__fixtures__/seed-model';
import { checkNarrative } from './checks';
import { draftNarrative, editableSource } from './draft';
import { buildLabels } from './labels';
import { moneyFigures } from './figures';

import { getSeed } from '../../../seeds';
import { DraftModel } from '../engine/model';
import { getTemplate } from '../regions';

/** The seed budget as a live model, optionally with edits (key → text). */
function seedModel(edits: Record<string, string> = {}): DraftModel {
  const seed = getSeed('juluxian-2024');
  const model = new DraftModel(getTemplate(seed.meta.templateId), seed.content);
  if (Object.keys(edits).length) model.apply(Object.entries(edits).map(([key, value]) => ({ key, value })));
  return model;
}

const section = (model: ReturnType<typeof seedModel>, id: string) => draftNarrative(model, model.template).find((s) => s.id === id)!;

describe('情况说明 drafted from the seed budget', () => {
  const model = seedModel();
  const sections = draftNarrative(model, model.template);

  it('has the eleven sections of the template, all drafted, and none with a finding', () => {
    expect(sections.map((s) => s.title)).toEqual(model.template.narrative.map((s) => s.title));
    expect(sections.every((s) => s.mode === 'drafted' && s.text.trim() !== '')).toBe(true);
    expect(sections.some((s) => s.text.includes('{{'))).toBe(false);
    expect(checkNarrative(model, model.template, describeCells(model, model.template))).toEqual([]);
  });

  it('sections 二、三、四 (and 九) state the same figures as the seed document', () => {
    const labels = buildLabels(model, model.template);
    for (const id of ['s02', 's03', 's04', 's09'] as const) {
      const ours = moneyFigures(section(model, id).text, labels, '万元');
      const theirs = moneyFigures(seedText.original[id], labels, '万元');
      // Every figure the seed states after a known word, we state after the same word.
      for (const [label, value] of Object.entries(theirs.byLabel)) expect(ours.byLabel[label], `${id} ${label}`).toBe(value);
      // And every amount the seed's section prints appears in ours (the seed writes 5万元 for 5.00).
      const ourValues = new Set(ours.all);
      for (const v of theirs.all) expect(ourValues.has(v), `${id} ${v}`).toBe(true);
      expect(Object.keys(theirs.byLabel).length).toBeGreaterThan(id === 's02' || id === 's04' ? 3 : 0);
    }
  });

  it('the figures are those of seed-figures.json', () => {
    const n = figures.narrativeFigures;
    const s02 = section(model, 's02').text;
    expect(s02).toContain(`2024年预算收入${n.收入.total}万元`);
    expect(s02).toContain(`其中基本支出${n.支出.基本支出}万元，包括人员经费${n.支出.人员经费}万元和日常公用经费${n.支出.日常公用经费}万元；项目支出${n.支出.项目支出}万元`);
    expect(s02).toContain('比2023年预算减少89.27万元；其中：基本支出减少95.77万元；人员经费减少97.20万元；日常公用经费增加1.43万元；项目支出增加6.50万元，主要为取消软件正版化');
    expect(section(model, 's03').text).toContain(`机关运行经费共计安排${n.机关运行经费}万元`);
    expect(section(model, 's04').text).toContain(`“三公”经费预算安排${n.三公经费.total}万元`);
    expect(section(model, 's04').text).toContain('公务用车运行维护费1.00万元');
    expect(section(model, 's04').text).toContain('与2023年相比持平');
    expect(section(model, 's09').text).toContain(`固定资产金额为${n.国有资产.上年末固定资产金额}万元，其中：车辆1辆，价值13.29万元`);
    // The seed says "已按要求列入政府采购预算" beside 八's "无政府采购预算"; the draft does not.
    expect(section(model, 's09').text).toContain('本年度拟购置固定资产总额为0.00万元。');
    expect(section(model, 's09').text).not.toContain('列入政府采购预算');
    // Each project with its amount, in 支出说明 and in section 七.
    for (const p of figures.tables['10 项目绩效目标表'].projects) {
      expect(s02).toContain(`${p.name}${p.amount}万元`);
      expect(section(model, 's07').text).toContain(`${p.name}预算${p.amount}万元`);
    }
  });

  it('keeps the seed’s own words: 职责, 机构设置, 总体绩效目标, 工作保障措施, standard sentences', () => {
    const s01 = section(model, 's01').text;
    expect(s01).toContain(seedText.duties);
    expect(s01).toContain('巨鹿县行政审批局本级（行政，正科级，财政拨款）');
    const s05 = section(model, 's05').text;
    expect(s05).toContain(seedText.overallGoal);
    expect(s05).toContain('（三）工作保障措施\n' + seedText.measures);
    expect(s05).toContain('(一)工作经费\n绩效目标：保障单位内行政审批、政务服务设备正常使用，保障单位内中央空调等设备正常使用，保障单位内部各办公区域正常运转。\n绩效指标：断电率≤5%，节约用电≥95%。');
    const bare = (t: string) => t.replace(/\s/g, '');
    for (const id of ['s06', 's10', 's11'] as const) expect(bare(section(model, id).text), id).toBe(bare(seedText.original[id]));
    expect(section(model, 's06').text).toBe('我部门无主管专项资金预算安排情况。');
    expect(section(model, 's08').text).toBe('我部门2024年无政府采购预算。');
    expect(section(model, 's10').text).toMatch(/^1、财政拨款收入：[\s\S]*10、机关运行经费：/);
    expect(section(model, 's11').text).toBe('我部门无其他需要说明的事项。');
  });
});

describe('the text follows the figures', () => {
  it('a drafted section changes with the tables', () => {
    const model = seedModel();
    model.apply([{ key: 't06!30201!public', value: '12.42' }]);
    expect(section(model, 's03').text).toContain('机关运行经费共计安排48.80万元');
    expect(section(model, 's02').text).toContain('日常公用经费增加3.43万元');
  });

  it('a section the clerk edited from the draft keeps its figures tied', () => {
    const model = seedModel();
    const source = editableSource(model, model.template, 's03');
    expect(source).toContain('{{py!operating!current}}万元');
    model.apply([{ key: 'narrative!s03!text', value: source.replace('我部门', '本局') }]);
    model.apply([{ key: 't06!30201!public', value: '12.42' }]);
    const s03 = section(model, 's03');
    expect(s03.mode).toBe('manual');
    expect(s03.text).toContain('本局机关运行经费共计安排48.80万元');
    expect(checkNarrative(model, model.template, describeCells(model, model.template))).toEqual([]);
  });

  it('editing the draft inlines the clerk’s own words and renders to the same text', () => {
    const model = seedModel();
    const drafted = section(model, 's05').text;
    const source = editableSource(model, model.template, 's05');
    expect(source).not.toContain('narrative!s05!lead');
    model.apply([{ key: 'narrative!s05!text', value: source }]);
    expect(section(model, 's05').text).toBe(drafted);
  });

  it('procurement, a non-administrative unit and a missing prior year change the wording', () => {
    const model = seedModel({
      't11!b1!project': '办公设备购置', 't11!b1!general': '3.5', 't11!b1!smeShare': '1',
      'org!o1!nature': '事业', 'py!spendingTotal!prior': '', 'py!threeTotal!prior': '',
    });
    model.setRows('t11', ['b1']);
    expect(section(model, 's08').text).toBe('2024年，我部门政府采购预算3.50万元，按资金来源分：一般公共预算3.50万元，政府性基金预算0.00万元，国有资本经营预算0.00万元，财政专户核拨0.00万元，单位自有资金0.00万元；预留中小微企业份额1.00万元。');
    expect(section(model, 's09').text).toContain('本年度拟购置固定资产总额为3.50万元，已按要求列入政府采购预算');
    expect(section(model, 's03').text).toContain('不涉及机关运行经费');
    expect(section(model, 's02').text).toContain('2023年预算数尚未录入');
    expect(section(model, 's04').text).not.toContain('与2023年相比');
  });

  it('a part without last year’s figure is left out of 比上年增减 rather than compared with zero', () => {
    const model = seedModel({ 'py!basic!prior': '' });
    const s02 = section(model, 's02').text;
    expect(s02).toContain('比2023年预算减少89.27万元；其中：人员经费减少97.20万元；');
    expect(s02).not.toContain('基本支出增加');
  });
});
