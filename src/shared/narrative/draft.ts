import { hasPack, getPack } from '../regions';
import { tableByRole, type Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { draftContext, NEEDS_INPUT } from './kit';
import type { CodeNames } from './lines';
import type { NarrativePack } from './pack';
import { renderParts, renderText, type RenderedPart } from './placeholders';

/**
 * The 情况说明 drafted from the figures. The outline is the template's (Template.narrative);
 * how each section is drafted, and in which unit the text states amounts, is the region
 * pack's (RegionPack.narrative). How a section is stored (narrative table cells):
 * - `text` empty: the section is drafted. Its draft is a source text whose figures are
 *   placeholders (see ./placeholders), so it follows every change of the tables; `lead` and
 *   `tail` hold the clerk's own words placed before and after the drafted part (部门职责,
 *   总体绩效目标, 工作保障措施 …).
 * - `text` filled: the clerk's text of the whole section, as is. When the clerk starts
 *   editing a drafted section, the editor is given `editableSource()`: the draft with
 *   lead/tail inlined and the figures still as placeholders, so the figures stay tied. Text
 *   typed or imported without placeholders is checked (./checks) against the tables.
 * The export prints `text` of `draftNarrative()`: placeholders replaced by the figures.
 */

export { NEEDS_INPUT };

export type SectionMode = 'drafted' | 'manual';

export interface NarrativeSection {
  id: string;
  title: string;
  mode: SectionMode;
  /** Source with placeholders (drafted: the draft; manual: the stored text). */
  source: string;
  /** What is printed: the source with the current figures. */
  text: string;
}

/** The text settings of a template's pack (none for a template of no pack, or a pack without text). */
export function narrativePackOf(template: Template): NarrativePack | undefined {
  return hasPack(template.id) ? getPack(template.id).narrative : undefined;
}

/** The unit the text states amounts in. */
export function textUnit(template: Template): Template['unitOfMeasure'] {
  return narrativePackOf(template)?.unit ?? template.unitOfMeasure;
}

/** Id of the template's narrative table (found by role). */
export function narrativeTable(template: Template): string | undefined {
  return tableByRole(template, 'narrative')?.id;
}

/** The drafted source of one section (placeholders for every figure). */
export function draftSource(view: ValueView, template: Template, sectionId: string, names?: CodeNames): string {
  const pack = narrativePackOf(template);
  if (!pack) return '';
  const c = draftContext(view, template, pack, names);
  const drafter = pack.drafters[sectionId];
  return drafter ? drafter(c, sectionId) : c.withLeadTail(sectionId, '');
}

function sectionSource(view: ValueView, template: Template, id: string, names?: CodeNames): { mode: SectionMode; source: string } {
  const table = narrativeTable(template);
  const stored = table ? view.text(table, id, 'text') : '';
  return stored.trim() ? { mode: 'manual', source: stored } : { mode: 'drafted', source: draftSource(view, template, id, names) };
}

/**
 * Every section of the template's text, as it is printed now. `names` gives the names of
 * function codes the tables do not carry (the dictionary's), for the texts that name 科目.
 */
export function draftNarrative(view: ValueView, template: Template, names?: CodeNames): NarrativeSection[] {
  const unit = textUnit(template);
  return template.narrative.map(({ id, title }) => {
    const { mode, source } = sectionSource(view, template, id, names);
    return { id, title, mode, source, text: renderText(source, view, template, unit) };
  });
}

/** The rendered parts of a section (for the checks: which cell a piece of text came from). */
export function sectionParts(view: ValueView, template: Template, id: string, names?: CodeNames): { mode: SectionMode; parts: RenderedPart[] } {
  const { mode, source } = sectionSource(view, template, id, names);
  return { mode, parts: renderParts(source, view, template, textUnit(template)) };
}

/**
 * What the editor starts from when the clerk edits a drafted section: the draft with the
 * clerk's own lead/tail words inlined and the figures left as placeholders.
 */
export function editableSource(view: ValueView, template: Template, sectionId: string, names?: CodeNames): string {
  const draft = draftSource(view, template, sectionId, names);
  const table = narrativeTable(template);
  if (!table) return draft;
  const own = new RegExp(`\\{\\{${table}!([A-Za-z0-9_]+)!(lead|tail)\\|text\\}\\}`, 'g');
  return draft.replace(own, (_, s: string, col: string) => view.text(table, s, col));
}

/** The heading the text is printed under (the pack's wording, the draft's year). */
export function narrativeHeading(template: Template, unitName: string): string {
  return narrativePackOf(template)?.heading(unitName, template.year) ?? `${unitName} ${template.year} 年预算情况说明`;
}
