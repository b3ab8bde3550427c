import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../../seeds';
import { loadShippedDictionaries } from '../../../main/dictionary';
import { DraftModel } from '../../engine/model';
import { getTemplate } from '../../regions';
import { createFindingEngine } from '..';
import { narrativeRules } from './narrative';
import { reasonBases } from '../../narrative/reason-basis';
import { toDecimalString } from '../../money';

const dictionaries = loadShippedDictionaries();

function setup() {
  const seed = getSeed('juluxian-2024');
  const template = getTemplate(seed.meta.templateId);
  const model = new DraftModel(template, seed.content);
  const engine = createFindingEngine(template, dictionaries, { rules: narrativeRules(template) });
  return { model, engine };
}

describe('narrative rules in the finding engine', () => {
  it('the seed has no text finding', () => {
    const { model, engine } = setup();
    expect(engine.full(model)).toEqual([]);
  });

  it('hand-written text: a finding at the narrative cell and the table cell, resolved when the table changes', () => {
    const { model, engine } = setup();
    engine.full(model);
    const edit = (key: string, value: string) => engine.update(model, model.apply([{ key, value }]).changed.concat(key), false);

    let delta = edit('narrative!s03!text', '2024年，我部门机关运行经费共计安排 48.80万元。');
    expect(delta.added.map((f) => [f.id, f.severity, f.cells.map((c) => `${c.table}!${c.row}!${c.col}`)])).toEqual([
      ['r15-text-operating@text', 'error', ['narrative!s03!text', 't06!total!public']],
    ]);
    expect(delta.added[0].message).toContain('表6“部门预算一般公共预算财政拨款基本支出表”');

    // The clerk raises 办公费 by 2.00: the tables now say 48.80 and the hand-written text is right.
    delta = edit('t06!30201!public', '12.42');
    expect(delta.resolved).toEqual(['r15-text-operating@text']);
    expect(engine.current()).toEqual([]);

    // Drafted text follows by itself: no finding in section 二 although its figures changed.
    expect(engine.full(model)).toEqual([]);
  });

  it('a project named in the text with an amount: checked against its project sheet, cleared when the words or the sheet agree', () => {
    const { model, engine } = setup();
    engine.full(model);
    const edit = (key: string, value: string) => engine.update(model, model.apply([{ key, value }]).changed.concat(key), false);
    const sentence = (amount: string) => `其中，政务外网费用安排 ${amount} 万元，用于电子政务外网线路租用。`;

    let delta = edit('narrative!s07!lead', sentence('7.00'));
    expect(delta.added.map((f) => [f.id, f.severity, f.cells.map((c) => `${c.table}!${c.row}!${c.col}`)])).toEqual([
      ['r16-text-figure@text', 'error', ['narrative!s07!lead', 'projects!p7!amount']],
    ]);
    expect(delta.added[0].message).toBe(
      '情况说明“七、部门项目预算安排情况及绩效目标”写“政务外网费用安排 7.00 万元”：表10“项目绩效目标表”项目“政务外网费用”“合计”栏为 5.00 万元，文中为 7.00 万元，相差 2.00 万元。',
    );

    delta = edit('narrative!s07!lead', sentence('5.00'));
    expect(delta.resolved).toEqual(['r16-text-figure@text']);
    expect(engine.current()).toEqual([]);

    // The project's sheet changes (财政资金 5 → 7): the words that said 5.00 are wrong now, 7.00 right.
    delta = edit('projects!p7!fiscal', '7');
    expect(delta.added.map((f) => f.id)).toEqual(['r16-text-figure@text']);
    delta = edit('narrative!s07!lead', sentence('7.00'));
    expect(delta.resolved).toEqual(['r16-text-figure@text']);
  });

  it('several defects of a kind in one section give one finding listing them; the full check agrees', () => {
    const { model, engine } = setup();
    model.apply([{ key: 'narrative!s02!text', value: '人员经费 411.5 万元，日常公用经费 46.00 万元，项目支出 76.50 万元。' }]);
    const findings = engine.full(model);
    expect(findings.map((f) => f.id)).toEqual(['r16-text-figure@text']);
    expect(findings[0].message).toMatch(/^共 2 处：/);
  });

  it('“个百分点” said of an amount is a 提示 of its own rule, and a 类’s wrong share an error of the share rule', () => {
    const { model, engine } = setup();
    model.apply([{ key: 'narrative!s02!text', value: '支出总计525.80万元，比上年下降14.51个百分点。按支出功能分类，一般公共服务支出409.30万元，占70.84%。' }]);
    const findings = engine.full(model);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['r16-text-share@text', 'error'],
      ['r16-text-points@text', 'warning'],
    ]);
  });

  it('a 类’s part of 基本支出 stated in the text is checked again when only that part moves', () => {
    const { model, engine } = setup();
    // 208 has 10.00 of 经营支出, to move 基本支出 between rows without moving any total.
    model.apply([
      { key: 't03!2080505!operating', value: '10' },
      { key: 'narrative!s02!text', value: '基本支出458.30万元，其中：一般公共服务支出341.80万元。' },
    ]);
    expect(engine.full(model)).toEqual([]);
    const edits = { 't03!2010306!basic': '331.8', 't03!2010306!operating': '10', 't03!2080505!basic': '56', 't03!2080505!operating': '0' };
    const changed = model.apply(Object.entries(edits).map(([key, value]) => ({ key, value }))).changed;
    const delta = engine.update(model, changed.concat(Object.keys(edits)), false);
    expect(delta.added.map((f) => f.id)).toEqual(['r16-text-item@text']);
    expect(delta.added[0].message).toContain('201 一般公共服务支出为 409.30 万元，其中基本支出 331.80 万元，文中为 341.80 万元');
  });

  it('a change without a reason is a warning on the 上年对比 table', () => {
    const { model, engine } = setup();
    model.apply([{ key: 'py!threeTotal!prior', value: '2' }]);
    const findings = engine.full(model);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['r16-text-reason@threeTotal', 'warning']]);
    expect(findings[0].message).toBe('“三公”经费比上年减少 1.00 万元，未说明增减原因：请在“上年对比”表的“三公”经费一行填写增减原因。');
  });
});

describe('a reason of 比上年增减 written for another change', () => {
  it('is flagged once the figures move on, and cleared when the reason is written again for today’s change', () => {
    const { model, engine } = setup();
    const template = model.template;
    engine.full(model);
    const apply = (writes: Array<{ key: string; value: string | null }>) =>
      engine.update(model, model.apply(writes).changed.concat(writes.map((w) => w.key)), false);
    // The clerk explains 项目支出's change; main stores the change it explains beside it.
    const reason = [{ key: 'py!project!reason', value: '新增政务服务平台运维项目' }];
    const bases = reasonBases(template, model, reason);
    expect(bases).toEqual([{ key: 'py!project!reasonBasis', value: toDecimalString(model.value('py', 'project', 'change') ?? 0) }]);
    apply([...reason, ...bases]);
    expect(engine.current().filter((f) => f.ruleId === 'r16-text-stale-reason')).toEqual([]);

    // 项目支出 grows by 8.00 afterwards: the reason still explains the old change.
    const project = model.rows('projects').find((r) => r !== 'total')!;
    const before = model.value('projects', project, 'fiscal') ?? 0;
    apply([{ key: `projects!${project}!fiscal`, value: toDecimalString(before + 8_000_000) }]);
    const stale = engine.current().filter((f) => f.ruleId === 'r16-text-stale-reason');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ severity: 'warning', cells: [{ table: 'py', row: 'project', col: 'reason' }, { table: 'py', row: 'project', col: 'change' }] });
    expect(stale[0].message).toMatch(/^“项目支出”的增减原因是在比上年(增加|减少) [\d.]+ 万元时写的，现在为比上年(增加|减少) [\d.]+ 万元/);

    // Written again (or confirmed as it stands): recorded against today's change, the warning goes.
    apply([...reason, ...reasonBases(template, model, reason)]);
    expect(engine.current().filter((f) => f.ruleId === 'r16-text-stale-reason')).toEqual([]);
    // A reason cleared takes its basis with it; a reason written with figures records none and is not judged.
    expect(reasonBases(template, model, [{ key: 'py!project!reason', value: ' ' }])).toEqual([{ key: 'py!project!reasonBasis', value: null }]);
    const withFigures = [{ key: 'py!public!reason', value: '办公费调整' }, { key: 't06!30201!public', value: '1' }];
    expect(reasonBases(template, model, withFigures)).toEqual([]);
    apply(withFigures);
    expect(engine.current().filter((f) => f.ruleId === 'r16-text-stale-reason')).toEqual([]);
  });
});
