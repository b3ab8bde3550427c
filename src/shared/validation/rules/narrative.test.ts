import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../../seeds';
import { loadShippedDictionaries } from '../../../main/dictionary';
import { DraftModel } from '../../engine/model';
import { getTemplate } from '../../regions';
import { createFindingEngine } from '..';
import { narrativeRules } from './narrative';

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
      ['r15-text-operating@text', 'error', ['narrative!s03!text', 'py!operating!current', 't06!total!public']],
    ]);
    expect(delta.added[0].message).toContain('表6“部门预算一般公共预算财政拨款基本支出表”');

    // The clerk raises 办公费 by 2.00: the tables now say 48.80 and the hand-written text is right.
    delta = edit('t06!30201!public', '12.42');
    expect(delta.resolved).toEqual(['r15-text-operating@text']);
    expect(engine.current()).toEqual([]);

    // Drafted text follows by itself: no finding in section 二 although its figures changed.
    expect(engine.full(model)).toEqual([]);
  });

  it('several defects of a kind in one section give one finding listing them; the full check agrees', () => {
    const { model, engine } = setup();
    model.apply([{ key: 'narrative!s02!text', value: '人员经费 411.5 万元，日常公用经费 46.00 万元，项目支出 76.50 万元。' }]);
    const findings = engine.full(model);
    expect(findings.map((f) => f.id)).toEqual(['r16-text-figure@text']);
    expect(findings[0].message).toMatch(/^共 2 处：/);
  });

  it('a change without a reason is a warning on the 上年对比 table', () => {
    const { model, engine } = setup();
    model.apply([{ key: 'py!threeTotal!prior', value: '2' }]);
    const findings = engine.full(model);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['r16-text-reason@threeTotal', 'warning']]);
    expect(findings[0].message).toBe('“三公”经费比上年减少 1.00 万元，未说明增减原因：请在“上年对比”表的“三公”经费一行填写增减原因。');
  });
});
