import { tableByRole, type Template } from '../template/types';
import type { MergedTable } from '../workbook/plan';
import { placesOf, rowSpanOf, sheetRowOf, type RowSpan } from '../workbook/place';
import { importedRow, type SheetGrid } from '../workbook/types';
import { foldText } from './normalize';

/**
 * The text of a workbook that prints each section of its explanatory text on a sheet of its
 * own (上海: 主要职能, 机构设置, 名词解释, 编制说明 before the tables, 其他相关情况说明 and
 * 项目经费情况说明 after them): the title in the first row ("2026年部门预算编制说明",
 * "XX（部门）主要职能"), the text below it.
 */

export interface TextSheet {
  section: string;
  sheet: string;
  /** The text's rows in the sheet, where the sheet holds several tables. */
  sheetRows?: RowSpan;
  /** 1-based row of the text's first line. */
  sheetRow: number;
  text: string;
}

/** Words a title may carry before the section's own title: the year, the unit, 部门/单位. */
const squash = (s: string) => foldText(s).replace(/[\n()（）“”"、:：]/g, '');

export interface SectionTitle {
  id: string;
  own: string;
  bare: string;
}

/** The sections' titles as compared, longest first: 其他相关情况说明 is not 情况说明. */
export function sectionTitles(template: Template): SectionTitle[] {
  return [...template.narrative]
    .sort((a, b) => b.title.length - a.title.length)
    .map((s) => {
      const own = squash(s.title);
      return { id: s.id, own, bare: own.replace(/^(?:部门|单位)/, '') };
    });
}

/** The section a sheet's title (or its name) stands for: its title ends with the section's. */
export function sectionOf(sections: SectionTitle[], title: string, sheetName: string): string | undefined {
  for (const raw of [title, sheetName]) {
    const text = squash(raw);
    if (!text) continue;
    const hit = sections.find((s) => text.endsWith(s.own) || (s.bare.length >= 4 && text.endsWith(s.bare)));
    if (hit) return hit.id;
  }
  return undefined;
}

const cellText = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * The texts of a sheet's row run together (a module function: see parse.ts's RowReader). A
 * text merged down over several rows repeats on each (read.ts): it is read on its first row only.
 */
function lineText(grid: SheetGrid, r: number): string {
  let out = '';
  const row = grid.rows[r] ?? [];
  const above = grid.rows[r - 1];
  for (let c = 0; c < row.length; c++) {
    const v = row[c]?.v;
    if (typeof v === 'string' && above?.[c]?.v === v) continue;
    out += cellText(v).trim();
  }
  return out;
}

/** Sheets (or blocks of a sheet, blocks.ts) that are sections of the text, each with its text (lines trimmed, blank lines dropped). */
export function readTextSheets(template: Template, grids: SheetGrid[]): TextSheet[] {
  const out: TextSheet[] = [];
  const sections = sectionTitles(template);
  for (const grid of grids) {
    let first = 0;
    let title = '';
    for (; first < grid.rows.length; first++) if ((title = lineText(grid, first)) !== '') break;
    if (first >= grid.rows.length) continue;
    const section = sectionOf(sections, title, grid.name);
    if (!section || out.some((t) => t.section === section)) continue;
    const body = grid.rows.slice(first + 1).map((_, i) => lineText(grid, first + 1 + i));
    const start = body.findIndex((r) => r !== '');
    const text = body
      .join('\n')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    out.push({ section, sheet: grid.name, sheetRows: rowSpanOf(grid), sheetRow: sheetRowOf(grid, first + 1 + Math.max(0, start)), text });
  }
  return out;
}

/**
 * The text sheets as the rows of the template's narrative table (role narrative), for the
 * import and `check`: a section still as the pack's blank template prints it is not written
 * yet (NarrativePack.blankTexts): skipped, with the reason. `sections`: every section whose
 * sheet is there, written or not.
 */
export function textSheetTable(
  template: Template,
  grids: SheetGrid[],
  blankTexts: string[] = [],
): { table: MergedTable; sheets: string[]; sections: string[] } | null {
  const table = tableByRole(template, 'narrative');
  const sheets = readTextSheets(template, grids);
  if (!table || !sheets.length) return null;
  const blank = new Set(blankTexts.map(squashAll));
  const merged: MergedTable = { tableId: table.id, rows: [], columns: new Set(['text']), skipped: [] };
  for (const s of sheets) {
    if (blank.has(squashAll(s.text))) merged.skipped.push({ sheet: s.sheet, sheetRow: s.sheetRow, reason: '仍是模板的示例文字，未填写' });
    else merged.rows.push(importedRow(s.sheetRow, s.section, { text: s.text }));
  }
  return { table: merged, sheets: placesOf(sheets), sections: sheets.map((s) => s.section) };
}

const squashAll = (s: string) => foldText(s).replace(/\n/g, '');
