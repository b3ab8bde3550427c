import { getSeed } from '../../../seeds';
import { DraftModel } from '../engine/model';
import { getTemplate } from '../template';
import { moneyFigures } from './figures';

/** The seed budget as a live model, optionally with edits (key → text). */
export function seedModel(edits: Record<string, string> = {}): DraftModel {
  const seed = getSeed('juluxian-2024');
  const model = new DraftModel(getTemplate(seed.meta.templateId), seed.content);
  if (Object.keys(edits).length) model.apply(Object.entries(edits).map(([key, value]) => ({ key, value })));
  return model;
}

export { moneyFigures };
