import { requireRole, type Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { draftNarrative } from './draft';

/**
 * Reading the 情况说明 back from a workbook: which section a printed title is, how a text
 * written as one block splits into the template's sections, and what to store. A section
 * whose text is what the app drafts now stays drafted (its figures stay tied); any other
 * text is stored as the clerk's text and checked against the tables.
 */

/** "六、部门主管专项资金预算安排情况及绩效目标" → "六". */
function numeralOf(title: string): string | null {
  const m = /^\s*([一二三四五六七八九十]+)\s*[、.．]/.exec(title);
  return m ? m[1] : null;
}

const squash = (s: string) => s.replace(/[\s“”"（）()]/g, '');

/** The section a printed title stands for: same numeral, and one title begins the other. */
export function matchSectionTitle(title: string, template: Template): string | null {
  const n = numeralOf(title);
  if (!n) return null;
  const t = squash(title);
  const hit = template.narrative.find((s) => {
    const st = squash(s.title);
    return numeralOf(s.title) === n && (t.startsWith(st) || st.startsWith(t) || t.slice(0, 6) === st.slice(0, 6));
  });
  return hit?.id ?? null;
}

/**
 * Split a whole 情况说明 (as printed: headings on their own lines) into the template's
 * sections. Headings are recognised in the template's order (sections may be missing), so
 * a heading-like line inside a section never goes back to an earlier section.
 */
export function splitNarrative(text: string, template: Template): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const out: Record<string, string[]> = {};
  let current: string | null = null;
  let next = 0;
  for (const line of lines) {
    const id = numeralOf(line) ? matchSectionTitle(line, template) : null;
    const k = id ? template.narrative.findIndex((s, i) => i >= next && s.id === id) : -1;
    if (k >= 0) {
      current = template.narrative[k].id;
      out[current] = [];
      next = k + 1;
      continue;
    }
    if (current) out[current].push(line);
  }
  const sections: Record<string, string> = {};
  for (const [id, body] of Object.entries(out)) sections[id] = body.join('\n').trim();
  return sections;
}

export interface NarrativeEdit {
  /** The template's narrative table. */
  table: string;
  row: string;
  col: 'text';
  /** '' keeps (or puts back) the drafted section. */
  value: string;
}

/** The edits that store imported section texts (see the module comment). */
export function narrativeImportEdits(view: ValueView, template: Template, texts: Record<string, string>): NarrativeEdit[] {
  const fold = (s: string) => s.replace(/\s/g, '');
  const drafted = new Map(draftNarrative(view, template).map((s) => [s.id, s]));
  const table = requireRole(template, 'narrative').id;
  const edits: NarrativeEdit[] = [];
  for (const { id } of template.narrative) {
    const text = texts[id];
    if (text === undefined) continue;
    const now = drafted.get(id);
    const sameAsDraft = now?.mode === 'drafted' && fold(now.text) === fold(text);
    edits.push({ table, row: id, col: 'text', value: sameAsDraft || text.trim() === '' ? '' : text.trim() });
  }
  return edits;
}
