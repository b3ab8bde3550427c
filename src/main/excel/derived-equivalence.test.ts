import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { syntheticDepartment } from '../../../seeds/synthetic';
import { cellKey } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { derivedCheck } from '../../shared/workbook/derived';
import { loadShippedDictionaries } from '../dictionary';

/** The import's static answer to "is this cell computed?" agrees with the draft model, cell by cell. */
describe('derivedCheck agrees with DraftModel.isDerived', () => {
  const template = getTemplate('hebei-2024');
  const isDerived = derivedCheck(template);
  const cases = {
    seed: getSeed('juluxian-2024').content,
    synthetic: syntheticDepartment(loadShippedDictionaries(), 40),
  };
  for (const [name, content] of Object.entries(cases)) {
    it(name, () => {
      const model = new DraftModel(template, content);
      let checked = 0;
      for (const t of template.tables) {
        for (const row of model.rows(t.id)) {
          for (const c of t.columns) {
            expect(isDerived(t.id, row, c.id), cellKey(t.id, row, c.id)).toBe(model.isDerived(cellKey(t.id, row, c.id)));
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(1000);
    });
  }
});
