import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../engine/model';
import { getTemplate } from '../regions';
import seedText from './__fixtures__/seed-text.json';
import { describeCells } from './__fixtures__/seed-model';
import { checkNarrative } from './checks';
import { draftNarrative } from './draft';
import { matchSectionTitle, narrativeImportEdits, splitNarrative } from './import';

const template = getTemplate('hebei-2024');
const model = () => {
  const seed = getSeed('juluxian-2024');
  return new DraftModel(template, seed.content);
};

/** The seed document's 情况说明 headings and texts, as a workbook made by hand would hold them. */
const DOCUMENT = [
  '一、部门职责及机构设置情况', `部门职责：\n${seedText.duties}`,
  '二、部门预算安排的总体情况', seedText.original.s02,
  '三、机关运行经费安排情况', seedText.original.s03,
  '四、财政拨款“三公”经费预算情况及增减变化原因', seedText.original.s04,
  '五、部门整体绩效目标', `（一）总体绩效目标\n${seedText.overallGoal}`,
  '六、部门主管专项资金预算安排情况及绩效目标', seedText.original.s06,
  '九、国有资产信息', seedText.original.s09,
  '十、名词解释', seedText.original.s10,
  '十一、其他需要说明的事项', seedText.original.s11,
].join('\n');

describe('reading the 情况说明 back', () => {
  it('matches printed titles to the template’s sections, long or short', () => {
    expect(matchSectionTitle('六、部门主管专项资金预算安排情况及绩效目标', template)).toBe('s06');
    expect(matchSectionTitle(' 七、部门项目预算安排情况及绩效目标', template)).toBe('s07');
    expect(matchSectionTitle('十一、其他需要说明的事项', template)).toBe('s11');
    expect(matchSectionTitle('（一）总体绩效目标', template)).toBeNull();
  });

  it('splits a whole text at the headings in order; numbered lists inside a section stay in it', () => {
    const parts = splitNarrative(DOCUMENT, template);
    expect(Object.keys(parts)).toEqual(['s01', 's02', 's03', 's04', 's05', 's06', 's09', 's10', 's11']);
    expect(parts.s02).toBe(seedText.original.s02);
    expect(parts.s01).toContain('（十二）完成县委、县政府交办的其他任务。');
    expect(parts.s10.split('\n')).toHaveLength(10);
  });

  it('a text equal to the draft stays drafted (tied); a different one is stored and checked', () => {
    const m = model();
    const printed = Object.fromEntries(draftNarrative(m, template).map((s) => [s.id, s.text]));
    expect(narrativeImportEdits(m, template, printed).every((e) => e.value === '')).toBe(true);

    const edits = narrativeImportEdits(m, template, splitNarrative(DOCUMENT, template));
    const stored = edits.filter((e) => e.value !== '').map((e) => e.row);
    // The seed's own wording differs from the draft in 一 to 五 and 九; 六, 十, 十一 are the standard text.
    expect(stored).toEqual(['s01', 's02', 's03', 's04', 's05', 's09']);
    m.apply(edits.map((e) => ({ key: `narrative!${e.row}!text`, value: e.value })));
    // The seed's two slips are found in its own words: "增加0.00万元", and 九's "已按要求列入政府采购预算" beside 八's 无.
    expect(checkNarrative(m, template, describeCells(m, template)).map((i) => [i.check, i.snippet])).toEqual([
      ['direction', '增加0.00万元'],
      ['presentNote', '已按要求列入政府采购预算'],
    ]);
  });
});
