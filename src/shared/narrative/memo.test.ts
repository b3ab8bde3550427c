import { describe, expect, it } from 'vitest';
import type { ValueView } from '../validation/types';
import seedText from './__fixtures__/seed-text.json';
import { describeCells, seedModel } from './__fixtures__/seed-model';
import { checkNarrative } from './checks';
import { NarrativeMemo } from './memo';

describe('the text checked again section by section (NarrativeMemo)', () => {
  it('gives what a check of the whole text gives, after every kind of edit', () => {
    // The seed with the disclosure's own words in sections 二–四 (they hold real slips).
    const model = seedModel(Object.fromEntries(Object.entries(seedText.original).map(([s, text]) => [`narrative!${s}!text`, text])));
    // The engine's words for cells read record names from the view they are given: the memo must see those reads too.
    const describeIn = (view: ValueView) => describeCells(view, model.template);
    const memo = new NarrativeMemo(model.template, describeIn);
    const fresh = () => checkNarrative(model, model.template, describeIn(model), 'clerk');
    expect(memo.issues(model)).toEqual(fresh());
    expect(fresh().length).toBeGreaterThan(0);
    const steps: Array<() => void> = [
      // A figure a section states, one it does not, last year's figure of a change.
      () => model.apply([{ key: 't09!reception!general', value: '3.5' }]),
      () => model.apply([{ key: 't03!2010306!basic', value: '12' }]),
      () => model.apply([{ key: 'py!spendingTotal!prior', value: '400' }]),
      // A reason, a lead, a name the labels hold, a project's name and amount.
      () => model.apply([{ key: 'py!threeTotal!reason', value: '压减公务接待' }]),
      () => model.apply([{ key: 'narrative!s05!lead', value: '2024年“三公”经费增加12.00万元。' }]),
      () => model.apply([{ key: 't06!30108!name', value: '职业年金' }]),
      () => model.apply([{ key: `projects!${model.content.rows.projects[0]}!name`, value: '政务服务' }, { key: `projects!${model.content.rows.projects[0]}!fiscal`, value: '67.5' }]),
      // A project added with a name the text uses, then removed; a section rewritten and cleared.
      () => model.applyWithRows([{ key: 'projects!rx1!name', value: '政务外网费用' }, { key: 'projects!rx1!fiscal', value: '6' }], { projects: [...model.content.rows.projects, 'rx1'] }),
      () => model.setRows('projects', model.content.rows.projects.filter((r) => r !== 'rx1')),
      () => model.apply([{ key: 'narrative!s03!text', value: '机关运行经费{{t06!total!public}}万元，比上年增加（减少）XX万元。' }]),
      () => model.apply([{ key: 't06!total!public', value: '1' }, { key: 't06!30201!public', value: '9.99' }]),
      () => model.apply([{ key: 'narrative!s02!text', value: null }]),
    ];
    steps.forEach((step, i) => {
      step();
      expect(memo.issues(model), `after step ${i}`).toEqual(fresh());
    });
  });

  it('checks again only a section whose reads changed', () => {
    const model = seedModel(Object.fromEntries(Object.entries(seedText.original).map(([s, text]) => [`narrative!${s}!text`, text])));
    // The engine's words for cells read record names from the view they are given: the memo must see those reads too.
    const describeIn = (view: ValueView) => describeCells(view, model.template);
    const memo = new NarrativeMemo(model.template, describeIn);
    const before = memo.issues(model);
    // Nothing changed: the same issue objects, none made again.
    expect(memo.issues(model).every((issue, i) => issue === before[i])).toBe(true);
    // The 三公 reception figure is stated in section 四 alone: the other sections' issues are kept as they were.
    model.apply([{ key: 't09!reception!general', value: '3.5' }]);
    const after = memo.issues(model);
    const kept = (s: string) => after.filter((x) => x.section === s).every((x) => before.includes(x));
    expect(kept('s02')).toBe(true);
    expect(after.filter((x) => x.section === 's04')).not.toEqual(before.filter((x) => x.section === 's04'));
  });
});
