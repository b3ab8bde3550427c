import { fail } from '../../shared/api/common';
import type { Dictionaries } from '../../shared/dictionary';
import { parseCellKey, type DraftContent } from '../../shared/draft';
import { checkNewCodedRow, createEditChecker } from '../../shared/engine/edits';
import { withReasonBases } from '../../shared/narrative/reason-basis';
import { DraftModel } from '../../shared/engine/model';
import type { Template } from '../../shared/template';

/**
 * Content that comes from outside the edit path (an imported workbook, a draft file, another
 * draft) made fit for a template: every row and cell checked as an edit would be.
 */

const MAX_PROBLEMS = 200;

/** The content canonical, or fail listing its problems: all or nothing. */
export function checkedContent(template: Template, dictionaries: Dictionaries, content: DraftContent): DraftContent {
  const problems: Array<{ where: string; message: string; code: string }> = [];
  const rows: Record<string, string[]> = {};
  for (const [table, list] of Object.entries(content.rows ?? {})) {
    const def = template.tables.find((t) => t.id === table);
    if (!def) {
      problems.push({ where: table, message: `模板中没有表 ${table}`, code: 'not-found' });
      continue;
    }
    if (def.rows.kind === 'fixed') continue; // implied by the template
    const seen = new Set<string>();
    rows[table] = [];
    for (const row of list) {
      let id = row;
      if (def.rows.kind === 'coded') {
        const r = checkNewCodedRow(template, dictionaries, table, row);
        if (!r.ok) {
          problems.push({ where: `${table}!${row}`, message: `表“${def.title}”：${r.message}`, code: r.code });
          continue;
        }
        id = r.code;
      } else if (typeof row !== 'string' || !/^[\w-]{1,64}$/.test(row)) {
        problems.push({ where: `${table}!${String(row)}`, message: `表“${def.title}”的记录编号“${String(row)}”无效`, code: 'invalid-value' });
        continue;
      }
      if (!seen.has(id)) rows[table].push(id);
      seen.add(id);
    }
  }
  const model = new DraftModel(template, { rows, cells: content.cells ?? {} });
  const check = createEditChecker(model, dictionaries, 'stored');
  const cells: Record<string, string> = {};
  for (const [key, value] of Object.entries(content.cells ?? {})) {
    const [table, row, col] = key.split('!');
    const r = check({ table, row: row ?? '', col: col ?? '', value });
    if (!r.ok) problems.push({ where: key, message: r.message, code: r.code });
    else if (r.value !== null) cells[key] = r.value;
  }
  if (problems.length) {
    const code = problems[0].code === 'unknown-code' ? 'unknown-code' : 'invalid-value';
    fail(code, `内容有 ${problems.length} 处问题，未作任何改动。第一处：${problems[0].message}`, problems.slice(0, MAX_PROBLEMS));
  }
  return { rows, cells: withReasonBases(template, model, cells) };
}

/** The rows and cells of a content that a (different) template accepts; the rest left out. */
export function usableContent(template: Template, dictionaries: Dictionaries, content: DraftContent): DraftContent {
  const rows: Record<string, string[]> = {};
  for (const [table, list] of Object.entries(content.rows)) {
    const def = template.tables.find((t) => t.id === table);
    if (!def || def.rows.kind === 'fixed') continue;
    rows[table] = def.rows.kind === 'coded' ? list.filter((c) => checkNewCodedRow(template, dictionaries, table, c).ok) : [...list];
  }
  const model = new DraftModel(template, { rows, cells: content.cells });
  const check = createEditChecker(model, dictionaries, 'stored');
  const cells: Record<string, string> = {};
  for (const [key, value] of Object.entries(content.cells)) {
    const [table, row, col] = key.split('!');
    const r = check({ table, row, col, value });
    if (r.ok && r.value !== null) cells[key] = r.value;
  }
  return { rows, cells };
}

/** Whether a content holds any figure (a money or quantity cell): names and text alone are no year's budget. */
export function hasFigures(template: Template, content: DraftContent): boolean {
  return Object.keys(content.cells).some((key) => {
    const ref = parseCellKey(key);
    const kind = template.tables.find((t) => t.id === ref.table)?.columns.find((c) => c.id === ref.col)?.kind;
    return kind === 'money' || kind === 'quantity';
  });
}
