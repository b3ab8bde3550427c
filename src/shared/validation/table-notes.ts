import { TOTAL_ROW } from '../draft';
import type { Finding, Severity } from '../findings';
import { narrativePackOf } from '../narrative/draft';
import { foldText } from '../narrative/normalize';
import { fmt } from '../narrative/scan';
import { tableByRole, type TableDef, type Template } from '../template/types';
import type { ValueView } from './types';

/**
 * The notes printed under a table of a workbook (“注：无政府采购预算，空表列示。”): a note
 * that the table is empty on a table that has figures, or the empty-table note of another
 * table (issue 17). The app prints a table's note itself only when the table is empty, so
 * these are checks of workbooks made by people.
 */

export const TABLE_NOTE_RULE = 'book-table-note';

/** A note read under a table's sheet. */
export interface TableNote {
  table: string;
  sheet: string;
  sheetRow: number;
  text: string;
}

/** A note's words as compared: folded, without its 注： and final full stop. */
const bare = (s: string) => foldText(s).replace(/^(?:注|说明|备注|附注)\d*[:：]/, '').replace(/[。.]+$/, '');

/** The statements that a table is empty: each table's own 空表 note and the pack's words, longest first. */
function emptyStatements(template: Template): Array<{ words: string; table: TableDef; col: string }> {
  const out: Array<{ words: string; table: TableDef; col: string }> = [];
  for (const t of template.tables) if (t.emptyNote) out.push({ words: bare(t.emptyNote), table: t, col: 'total' });
  for (const s of narrativePackOf(template)?.review.emptyStatements ?? []) {
    const table = tableByRole(template, s.role);
    if (table) for (const w of s.words) out.push({ words: bare(w), table, col: s.col });
  }
  return out.sort((a, b) => b.words.length - a.words.length);
}

const named = (t: TableDef) => `${t.number ? `表${t.number}` : ''}“${t.title}”`;

export function tableNoteFindings(template: Template, notes: TableNote[], view: ValueView): Finding[] {
  const statements = emptyStatements(template);
  const severity: Severity = narrativePackOf(template)?.review.severities?.tableNote ?? 'error';
  const findings: Finding[] = [];
  for (const note of notes) {
    const own = template.tables.find((t) => t.id === note.table);
    const text = bare(note.text);
    const said = statements.find((s) => text.includes(s.words));
    if (!own || !said) continue;
    const base = { id: `${TABLE_NOTE_RULE}@${note.table}!${note.sheetRow}`, ruleId: TABLE_NOTE_RULE, severity, table: note.table };
    const quoted = note.text.trim().replace(/^(?:注|说明|备注|附注)\d*[:：]/, '').replace(/。$/, '');
    if (said.table.id !== own.id) {
      const right = own.emptyNote ? `本表为空时应注“${own.emptyNote.replace(/^注[:：]/, '').replace(/。$/, '')}”` : '本表不是空表的，删去这条注';
      findings.push({
        ...base,
        cells: [],
        message: `${named(own)}（工作表“${note.sheet}”第 ${note.sheetRow} 行）的注“${quoted}”说的是${named(said.table)}，不是这张表：${right}。`,
      });
      continue;
    }
    const v = view.value(own.id, TOTAL_ROW, said.col);
    if (!v) continue;
    const col = own.columns.find((c) => c.id === said.col);
    findings.push({
      ...base,
      cells: [{ table: own.id, row: TOTAL_ROW, col: said.col }],
      message: `${named(own)}注明“${quoted}”，但该表合计行“${col?.header[col.header.length - 1] ?? said.col}”栏为 ${fmt(v, own.unitOfMeasure ?? template.unitOfMeasure)}，不是空表：请删去这条注，或核对表中数字。`,
      actual: fmt(v, own.unitOfMeasure ?? template.unitOfMeasure),
    });
  }
  return findings;
}
