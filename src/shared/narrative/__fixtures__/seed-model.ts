import { getSeed } from '../../../../seeds';
import { loadShippedDictionaries } from '../../../main/dictionary';
import { DraftModel } from '../../engine/model';
import { getTemplate } from '../../regions';
import type { Template } from '../../template/types';
import { Labels } from '../../validation/labels';
import type { ValueView } from '../../validation/types';
import { checkSection, type DescribeCell, type TextIssue } from '../checks';

const labelsOf = new WeakMap<Template, Labels>();

/** The validation engine's words for cells (the one describer), for text checks called directly. */
export function describeCells(view: ValueView, template: Template): DescribeCell {
  let labels = labelsOf.get(template);
  if (!labels) labelsOf.set(template, (labels = new Labels(template, loadShippedDictionaries())));
  return labels.describer(view);
}

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
  return checkSection(model, model.template, section, describeCells(model, model.template));
};
