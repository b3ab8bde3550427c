import { sectionOf, sectionTitles, type SectionTitle } from '../narrative/text-sheets';
import { tableByRole, type Template } from '../template/types';
import { matchTitle, mayBeTitle, titleKey, vocabularyOf } from './match';
import { foldLabel, foldText, isInfoText } from './text';
import type { SheetGrid } from './types';
import { cellText } from './values';

/**
 * Some departments keep (or publish) their tables in one worksheet, one under the other, each
 * under its own title. Such a sheet is cut into blocks, one per table, and each block is read
 * as a sheet of its own would be: a block is a SheetGrid of the table's rows whose `part`
 * says where they stand in the sheet. A block begins at a table's title; the same title again
 * (a page break, 续表) continues the table above, except on the project forms (one title per
 * project). A sheet of one table under a title on its top rows stays whole, read as it always
 * was; so does a table of contents, whose lines are titles not followed by their tables.
 */

/** A title row stands alone: besides its title at most a table number or an information line. */
const MAX_TITLE_ROW_TEXTS = 4;
/** The title of a sheet's first table stands on one of its top rows (as parse.ts looks for it). */
const TOP_ROWS = 6;
/** A section's title (“2026年XX（部门）预算编制说明”) is a short line. */
const SECTION_TITLE_MAX = 40;

/** 表一, 表3, 附表1-2, 表二： — a table's number printed on its own. */
const TABLE_NUMBER = /^附?表[0-9一二三四五六七八九十]+(?:[-－—][0-9]+)?[:：、.．]?$/;
/** 续表, (续表), 表一(续): the table above continues on this page. */
const CONTINUED = /续表|[(（]续[)）]$/;

type Row = SheetGrid['rows'][number];

interface TitleRow {
  row: number;
  /** The tables its texts name (two or more: tables side by side). */
  tables: Array<{ tableId: string; title: string }>;
  continued: boolean;
}

/** A sheet's blocks by template: the pack is chosen by the titles, then the workbook is read with it. */
const blockCache = new WeakMap<SheetGrid, Map<Template, SheetGrid[]>>();

/** The workbook's sheets that are shown (a hidden sheet is not read), each holding several tables cut into its blocks. */
export function blocksOf(template: Template, grids: SheetGrid[]): SheetGrid[] {
  return grids.flatMap((g) => (g.hidden ? [] : sheetBlocks(template, g)));
}

/** The tables of a sheet as blocks; the sheet itself where it holds at most one table. */
export function sheetBlocks(template: Template, grid: SheetGrid): SheetGrid[] {
  let byTemplate = blockCache.get(grid);
  if (!byTemplate) blockCache.set(grid, (byTemplate = new Map()));
  let blocks = byTemplate.get(template);
  if (!blocks) byTemplate.set(template, (blocks = cutSheet(template, grid)));
  return blocks;
}

function cutSheet(template: Template, grid: SheetGrid): SheetGrid[] {
  const titles = titleRows(template, grid);
  if (titles.length === 0) return [grid];
  const projects = tableByRole(template, 'projects')?.id;
  const starts: Array<{ row: number; unreadable?: string; tableId?: string }> = [];
  let current: string | null = null;
  for (const t of titles) {
    if (t.tables.length > 1) {
      const named = t.tables.map((x) => `“${x.title}”`).join('与');
      starts.push({ row: t.row, unreadable: `${named}左右并排在同一行，无法分开读取（请把它们上下排列，或分别放在各自的工作表中）` });
      current = null;
      continue;
    }
    const tableId = t.tables[0].tableId;
    if (current !== null && (t.continued || (tableId === current && tableId !== projects))) continue;
    starts.push({ row: numberAbove(grid, t.row), tableId });
    current = tableId;
  }
  // A table without a title of its own under a titled one begins at its header.
  for (let i = starts.length - 1; i >= 0; i--) {
    const { tableId, row } = starts[i];
    if (!tableId || tableId === projects || tableId.startsWith('section:')) continue;
    const untitled = untitledHeaders(template, grid, row, i + 1 < starts.length ? starts[i + 1].row : grid.rows.length);
    starts.splice(i + 1, 0, ...untitled.map((r) => ({ row: r })));
  }
  // One table under a title on the top rows: the sheet as it always was read.
  if (starts.length === 1 && !starts[0].unreadable && starts[0].row < TOP_ROWS) return [grid];
  // Rows above the first title: part of the first table where it stands on the top rows (a
  // cover line, 表一), else a block of their own (a table without a title, or a text).
  if (starts[0].row < TOP_ROWS && !starts[0].unreadable) starts[0].row = 0;
  else if (hasContent(grid.rows, 0, starts[0].row)) starts.unshift({ row: 0 });
  const blocks: SheetGrid[] = [];
  for (let i = 0; i < starts.length; i++) {
    const first = starts[i].row;
    let end = i + 1 < starts.length ? starts[i + 1].row : grid.rows.length;
    while (end > first && !hasContent(grid.rows, end - 1, end)) end--;
    const block: SheetGrid = { name: grid.name, rows: grid.rows.slice(first, end), part: { offset: first, unreadable: starts[i].unreadable } };
    if (grid.hiddenColumns) block.hiddenColumns = grid.hiddenColumns;
    blocks.push(block);
  }
  return blocks;
}

/**
 * Rows that hold a title of the template: text alone (no figure), one title, or two or more
 * side by side, followed by its table; or a section's title, followed by its text. A line of
 * a table of contents (目录) or of a text that names a table is followed by neither.
 */
function titleRows(template: Template, grid: SheetGrid): TitleRow[] {
  const out: TitleRow[] = [];
  const sections = sectionsOf(template);
  const rows = grid.rows;
  for (const { row: r, texts } of textRows(grid)) {
    const table = titlesIn(template, texts);
    if (table?.tables.length && followedByTable(rows, r)) out.push({ row: r, ...table });
    // 续表 alone continues the table above.
    else if (table?.continued && !table.tables.length && out.length) out.push({ row: r, tables: out[out.length - 1].tables, continued: true });
    else {
      // 上海's “XX（部门）机构设置” is the title of a text, though it ends like the 机构设置 table's.
      const section = sectionTitleIn(sections, texts);
      if (section) out.push({ row: r, ...section });
    }
  }
  return out;
}

/** A text of a row that may be a title row, with what is known of it whatever the pack. */
interface RowText {
  text: string;
  /** The text folded (text.ts), for the tests below. */
  folded?: string;
  /** Its title key (match.ts), as every pack compares it (found when first asked, as below). */
  key?: string;
  /** It says 续 (续表, 表一（续）). */
  continued?: boolean;
  /** A table's number (表二), an information line (单位：万元) or 续表: beside a title, not one. */
  aside?: boolean;
}

const sectionCache = new WeakMap<Template, SectionTitle[]>();

function sectionsOf(template: Template): SectionTitle[] {
  let list = sectionCache.get(template);
  if (!list) sectionCache.set(template, (list = sectionTitles(template)));
  return list;
}

/** The rows of a sheet that may be title rows, found once for all the packs that look at it. */
const textRowCache = new WeakMap<SheetGrid, Array<{ row: number; texts: RowText[] }>>();

function textRows(grid: SheetGrid): Array<{ row: number; texts: RowText[] }> {
  let list = textRowCache.get(grid);
  if (!list) {
    list = [];
    for (let r = 0; r < grid.rows.length; r++) {
      const texts = rowTexts(grid.rows[r]);
      if (texts) list.push({ row: r, texts: texts.map(rowText) });
    }
    textRowCache.set(grid, list);
  }
  return list;
}

function rowText(text: string): RowText {
  return { text, folded: undefined, key: undefined, continued: undefined, aside: undefined };
}

function foldedOf(t: RowText): string {
  return (t.folded ??= foldText(t.text));
}

function keyOf(t: RowText): string {
  return (t.key ??= titleKey(t.text));
}

function saysContinued(t: RowText): boolean {
  // Folding keeps 续: a text without it says nothing of the kind.
  return (t.continued ??= t.text.includes('续') && CONTINUED.test(foldedOf(t)));
}

function isAside(t: RowText): boolean {
  return (t.aside ??= saysContinued(t) || TABLE_NUMBER.test(foldedOf(t)) || isInfoText(t.text));
}

/** The distinct texts of a row that may be a title row, or null (a figure on it, or too many texts). */
function rowTexts(row: Row | undefined): string[] | null {
  if (!row) return null;
  const texts: string[] = [];
  for (const cell of row) {
    if (!cell || cell.v === null) continue;
    if (typeof cell.v === 'number') return null;
    const text = cellText(cell);
    if (!text || texts.includes(text)) continue;
    if (texts.length === MAX_TITLE_ROW_TEXTS) return null;
    texts.push(text);
  }
  return texts.length ? texts : null;
}

/** The titles a title row names (none: a row that is not one), and whether it says 续. */
function titlesIn(template: Template, texts: RowText[]): { tables: TitleRow['tables']; continued: boolean } | null {
  let tables: TitleRow['tables'] | null = null;
  let continued = false;
  let others = false;
  for (const t of texts) {
    continued ||= saysContinued(t);
    const m = titleOf(template, t);
    if (!m) others = true;
    else if (!tables) tables = [{ tableId: m.tableId, title: t.text }];
    else if (!tables.some((x) => x.tableId === m.tableId)) tables.push({ tableId: m.tableId, title: t.text });
  }
  if (!tables && !continued) return null;
  // Its other texts must all be asides: asked only of a row that names a title or 续 (few do).
  if (others) for (const t of texts) if (!titleOf(template, t) && !isAside(t)) return null;
  return { tables: tables ?? [], continued };
}

/** The title a text names. A title may carry the year (2024年部门预算情况说明): the title first, then the information. */
function titleOf(template: Template, t: RowText): ReturnType<typeof matchTitle> {
  return mayBeTitle(template, keyOf(t)) ? matchTitle(template, t.text) : null;
}

/** 续表 (or 表一（续）) printed alone: the table above continues. */
export function isContinuedMark(text: string): boolean {
  const folded = foldText(text);
  return CONTINUED.test(folded) && (folded.length <= 8 || TABLE_NUMBER.test(folded.replace(CONTINUED, '')));
}

/** A section of the text printed under its own title (上海's 部门主要职能, 编制说明 …): a short line alone, not a numbered heading inside the text. */
function sectionTitleIn(sections: SectionTitle[], texts: RowText[]): { tables: TitleRow['tables']; continued: boolean } | null {
  const text = texts.length === 1 ? texts[0].text : '';
  if (!text || text.length > SECTION_TITLE_MAX || /^(?:[一二三四五六七八九十]+|\d+)[、.．]|[。；;，,：:]$/.test(text)) return null;
  const section = sectionOf(sections, text, '');
  return section ? { tables: [{ tableId: `section:${section}`, title: text }], continued: false } : null;
}

/**
 * Whether a title is followed by its table: the next row with content (past a line of its own
 * such as 单位：万元 or 表一) holds two texts or more, an information line or the header; the
 * next line of a table of contents, or of a text, holds one.
 */
function followedByTable(rows: SheetGrid['rows'], r: number): boolean {
  for (let n = r + 1; n < rows.length; n++) {
    const texts = new Set<string>();
    for (const c of rows[n] ?? []) if (typeof c?.v === 'string' && cellText(c)) texts.add(cellText(c));
    if (texts.size >= 2) return true;
    const [only] = texts;
    if (only !== undefined && !isInfoText(only) && !TABLE_NUMBER.test(foldText(only))) return false;
    if (only === undefined && hasContent(rows, n, n + 1)) return false;
  }
  return false;
}

/**
 * Where tables without a title begin between rows `from` (a titled table's first row) and
 * `to`: at a header, a row of texts without a figure naming at least two columns of the
 * template's tables, met after the body of the table above has begun. The same header again
 * is that table's page break (parse.ts skips it), not a new table; an information line
 * (单位：万元) right above a new header is part of its table.
 */
function untitledHeaders(template: Template, grid: SheetGrid, from: number, to: number): number[] {
  const words = headerWordsOf(template);
  const out: number[] = [];
  let own = new Set<string>();
  let body = false;
  for (let r = from + 1; r < to; r++) {
    const labels = headerLabels(grid.rows[r], words);
    if (!body) {
      if (labels) labels.forEach((l) => own.add(l));
      // Past the header: the first row with content that is neither header nor information line.
      else if (own.size && hasContent(grid.rows, r, r + 1) && !isInfoRow(grid.rows[r])) body = true;
      continue;
    }
    if (!labels || labels.every((l) => own.has(l))) continue;
    let start = r;
    while (start - 1 > from && isInfoRow(grid.rows[start - 1])) start--;
    out.push(start);
    own = new Set(labels);
    body = false;
  }
  return out;
}

/** A header row's folded labels (its texts, no figure, two of them or more naming a template's columns), or null. */
function headerLabels(row: Row | undefined, words: Set<string>): string[] | null {
  if (!row) return null;
  const labels: string[] = [];
  let known = 0;
  for (const cell of row) {
    if (!cell || cell.v === null) continue;
    if (typeof cell.v === 'number') return null;
    const label = foldLabel(cellText(cell));
    if (!label || labels.includes(label)) continue;
    labels.push(label);
    if (words.has(label)) known++;
  }
  return known >= 2 && known * 2 >= labels.length ? labels : null;
}

function isInfoRow(row: Row | undefined): boolean {
  const texts = rowTexts(row);
  return texts !== null && texts.every(isInfoText);
}

const headerWordCache = new WeakMap<Template, Set<string>>();

/** The folded labels of the template's column headers (every level) and their synonyms. */
function headerWordsOf(template: Template): Set<string> {
  let words = headerWordCache.get(template);
  if (!words) {
    words = new Set();
    for (const table of template.tables) for (const column of table.columns) for (const label of column.header) words.add(foldLabel(label));
    for (const [label, synonyms] of Object.entries(vocabularyOf(template).headers)) for (const w of [label, ...synonyms]) words.add(w);
    words.delete('');
    headerWordCache.set(template, words);
  }
  return words;
}

/** The title row's start, taking in a table number printed on the row above it (表二). */
function numberAbove(grid: SheetGrid, r: number): number {
  const above = rowTexts(grid.rows[r - 1]);
  return above && above.length === 1 && TABLE_NUMBER.test(foldText(above[0])) ? r - 1 : r;
}

function hasContent(rows: SheetGrid['rows'], from: number, to: number): boolean {
  for (let r = from; r < to; r++) for (const c of rows[r] ?? []) if (c && (c.v !== null || c.formula)) return true;
  return false;
}
