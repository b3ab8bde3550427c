import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { syntheticDepartment } from '../../../seeds/synthetic';
import { loadShippedDictionaries } from '../../main/dictionary';
import type { DraftContent } from '../draft';
import { getTemplate } from '../regions';
import { SHANGHAI_SMALL } from './__fixtures__/shanghai-small';
import { DraftModel } from './model';
import { contentPart, firstShownTables, tablesFeeding } from './replica';

/**
 * A model asked for some tables alone (`only`: a window's first tables) builds the formulas of
 * their cells and of the computed cells those read, and no other: every figure of those tables
 * is what the whole draft's model computes, by the same formulas, for every table of every pack.
 */

const cases: Array<[name: string, templateId: string, content: () => DraftContent]> = [
  ['seed', 'hebei-2024', () => getSeed('juluxian-2024').content],
  ['synthetic department', 'hebei-2024', () => syntheticDepartment(loadShippedDictionaries(), 40)],
  ['上海 department', 'shanghai-2026-department', () => SHANGHAI_SMALL],
  ['上海 unit', 'shanghai-2026-unit', () => SHANGHAI_SMALL],
];

describe('a model of some tables alone', () => {
  for (const [name, templateId, content] of cases) {
    it(`${name}: each table computed alone, from the tables feeding it, as the whole model computes it`, () => {
      const template = getTemplate(templateId);
      const whole = new DraftModel(template, content());
      let figures = 0;
      for (const table of template.tables) {
        const part = [table.id];
        const alone = new DraftModel(template, contentPart(whole.content, tablesFeeding(template, part)), { only: part });
        const state = alone.computedState(part);
        expect(state, `${name} ${table.id}`).toEqual(whole.computedState(part));
        // Each cell it computes, it computes by the formula the whole model has for it.
        for (const f of alone.allFormulas()) expect(f, f.target).toEqual(whole.formulaFor(f.target));
        figures += Object.keys(state.values).length;
      }
      expect(figures).toBeGreaterThan(10);
    });
  }

  it('builds fewer formulas than the whole draft for the first table, and refuses edits', () => {
    const template = getTemplate('hebei-2024');
    const content = syntheticDepartment(loadShippedDictionaries(), 40);
    const first = firstShownTables(template);
    const feeding = contentPart(content, tablesFeeding(template, first));
    const alone = new DraftModel(template, feeding, { only: first });
    const all = new DraftModel(template, feeding);
    expect(alone.computedState(first)).toEqual(all.computedState(first));
    expect(alone.allFormulas().length).toBeLessThan(all.allFormulas().length * 0.7);
    expect(() => alone.apply([{ key: 't03!2010301!basic', value: '1' }])).toThrow();
    expect(() => alone.setRows('t03', [])).toThrow();
  });
});
