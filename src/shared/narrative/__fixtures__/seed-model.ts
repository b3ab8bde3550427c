import { getSeed } from '../../../../seeds';
import { DraftModel } from '../../engine/model';
import { getTemplate } from '../../regions';
import { checkSection, type TextIssue } from '../checks';

/** The seed budget as a live model, optionally with edits (key → text). */
export function seedModel(edits: Record<string, string> = {}): DraftModel {
  const seed = getSeed('juluxian-2024');
  const model = new DraftModel(getTemplate(seed.meta.templateId), seed.content);
  if (Object.keys(edits).length) model.apply(Object.entries(edits).map(([key, value]) => ({ key, value })));
  return model;
}

/** The seed budget with a hand-written section. */
export function withText(section: string, text: string, edits: Record<string, string> = {}): DraftModel {
  const model = seedModel(edits);
  if (edits['t06!30109!personnel']) model.setRows('t06', [...model.content.rows.t06, '30109']);
  model.apply([{ key: `narrative!${section}!text`, value: text }]);
  return model;
}

/** The issues of one hand-written section of the seed. */
export const issuesOf = (section: string, text: string, edits?: Record<string, string>): TextIssue[] => {
  const model = withText(section, text, edits);
  return checkSection(model, model.template, section);
};
