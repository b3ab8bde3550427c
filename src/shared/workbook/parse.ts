import { normalizeCode } from '../dictionary';
import { TOTAL_ROW } from '../draft';
import { tableUnit, type ColumnDef, type FixedRowDef, type TableDef, type Template } from '../template/types';
import { assignColumns, codePartOf, headerScore, isEllipsisText, isNoteText, isPageText, isSignatureText, isTotalLabel, matchTitle, rowLabelKey, vocabularyOf, type CodePart } from './match';
import { parseProjectSheet } from './project-sheet';
import { SplitCodeReader } from './split-code';
import { cellAddress } from './address';
import { blocksOf, isContinuedMark } from './blocks';
import { placeOf, rowSpanOf, sheetRowOf } from './place';
import { foldLabel, foldText, isInfoText, statedUnit, statedUnitName, statedYear, type UnitOfMeasure } from './text';
import { emptyRecord, importedRow, isColumnHidden, type GridCell, type ImportedColumn, type ImportedRow, type ImportedTable, type ImportedWorkbook, type SheetGrid, type SkippedRow } from './types';
import { cellText, isNumericCell, readCell } from './values';

/**
 * Understanding a workbook in a standard layout: which sheet holds which table (by its
 * title), which column is which (by its header text), which row is which (by code or
 * label), in which unit. Whatever is not understood is listed with the reason.
 */

const TITLE_SCAN_ROWS = 6;
const HIDDEN_SHEET = '隐藏的工作表，未读取；如需导入，请在 Excel 或 WPS 中取消隐藏并保存后再导入';
const MAX_HEADER_DEPTH = 4;

interface SheetContext {
  template: Template;
  grid: SheetGrid;
  workbook: { unit: UnitOfMeasure | null };
  synonyms: Record<string, string[]>;
  /** Whether the workbook hides the grid's column (0-based). */
  hidden: (index: number) => boolean;
}

export function parseWorkbook(template: Template, file: string, grids: SheetGrid[]): ImportedWorkbook {
  const out: ImportedWorkbook = {
    file,
    unitCode: '',
    unitName: '',
    year: null,
    unitOfMeasure: template.unitOfMeasure,
    unitStated: false,
    tables: [],
    sheetsSkipped: [],
    finalAccounts: false,
    titleScope: { department: 0, unit: 0 },
  };
  const synonyms = vocabularyOf(template).headers;
  // The unit of measure, unit and year are stated on the top rows of each sheet; the first one found holds.
  const wb = { unit: null as UnitOfMeasure | null };
  for (const grid of grids) {
    if (wb.unit && out.year && out.unitName) break;
    if (grid.hidden) continue;
    for (const row of grid.rows.slice(0, TITLE_SCAN_ROWS)) {
      for (const cell of row ?? []) {
        const text = cellText(cell);
        if (!text) continue;
        wb.unit ??= statedUnit(text);
        out.year ??= statedYear(text);
        if (!out.unitName) {
          const unit = statedUnitName(text);
          if (unit) {
            out.unitCode = unit.code;
            out.unitName = unit.name;
          }
        }
      }
    }
  }
  if (wb.unit) {
    out.unitOfMeasure = wb.unit;
    out.unitStated = true;
  }
  let projectCount = 0;
  let finalSheets = 0;
  // A hidden sheet is not part of the workbook as printed: often an old copy or a helper list.
  for (const grid of grids) if (grid.hidden) out.sheetsSkipped.push({ sheet: grid.name, reason: HIDDEN_SHEET });
  for (const grid of blocksOf(template, grids)) {
    const place = placeOf(grid);
    if (grid.part?.unreadable) {
      out.sheetsSkipped.push({ sheet: place, reason: grid.part.unreadable });
      continue;
    }
    if (isContentsPage(grid)) {
      // Its lines are the tables' titles: one of them must not be taken for the sheet's table.
      out.sheetsSkipped.push({ sheet: place, reason: '目录页' });
      continue;
    }
    const ctx: SheetContext = { template, grid, workbook: wb, synonyms, hidden: (i) => isColumnHidden(grid, i) };
    const found = findTitle(ctx) ?? findByStructure(ctx);
    if (!found || typeof found === 'string') {
      out.sheetsSkipped.push({ sheet: place, reason: found ?? skipReason(grid) });
      continue;
    }
    if (found.finalAccounts) {
      finalSheets++;
      out.sheetsSkipped.push({ sheet: place, reason: `“${found.title}”是决算表，不是预算表，未读取` });
      continue;
    }
    const scope = scopeOfTitle(found.title);
    if (scope) out.titleScope![scope]++;
    const table = template.tables.find((t) => t.id === found.tableId)!;
    if (table.role === 'projects') {
      projectCount++;
      const parsed = parseProjectSheet(template, grid, found.row, sheetUnit(ctx, found.row), template.unitOfMeasure, projectCount);
      if (parsed) out.tables.push(...parsed);
      else out.sheetsSkipped.push({ sheet: place, reason: `“${found.title}”中没有找到“项目编码”或“项目名称”` });
      continue;
    }
    const parsed = parseTableSheet(ctx, table, found.row, found.title);
    if (typeof parsed === 'string') out.sheetsSkipped.push({ sheet: place, reason: parsed });
    else out.tables.push(parsed);
  }
  out.finalAccounts = finalSheets > 0 && out.tables.length === 0;
  return out;
}

/**
 * How well a template's titles fit a workbook, cheaply (titles only): tables of figures found
 * (a 机构设置 or 情况说明 sheet says nothing about the layout: every pack has one), how many
 * of them by the template's own titles rather than another region's alias, and the 部门/单位
 * wording of the titles.
 */
export function recogniseTitles(template: Template, grids: SheetGrid[]): { tables: number; ownTitles: number; department: number; unit: number } {
  const found = new Map<string, boolean>();
  const scope = { department: 0, unit: 0 };
  for (const grid of blocksOf(template, grids)) {
    if (grid.part?.unreadable || isContentsPage(grid)) continue;
    const t = findTitle({ template, grid, workbook: { unit: null }, synonyms: {}, hidden: (i) => isColumnHidden(grid, i) });
    if (!t || t.finalAccounts) continue;
    const table = template.tables.find((d) => d.id === t.tableId)!;
    if (!table.columns.some((c) => c.kind === 'money')) continue;
    found.set(t.tableId, (found.get(t.tableId) ?? false) || t.own === true);
    const s = scopeOfTitle(t.title);
    if (s) scope[s]++;
  }
  return { tables: found.size, ownTitles: [...found.values()].filter(Boolean).length, ...scope };
}

/** 部门 or 单位 wording of a title (上海's 单位预算 set: 预算单位财务收支预算总表, 单位“三公”经费…). */
function scopeOfTitle(title: string): 'department' | 'unit' | null {
  const s = foldText(title);
  if (/预算单位|单位预算|^\d{0,4}年?度?单位/.test(s) || (s.includes('单位') && !s.includes('部门'))) return 'unit';
  if (s.includes('部门')) return 'department';
  return null;
}

/** The first text of the sheet's top rows, or ''. */
function sheetFirstText(grid: SheetGrid): string {
  for (const row of grid.rows.slice(0, 12)) for (const c of row ?? []) if (cellText(c)) return cellText(c);
  return '';
}

/** A table of contents (目录, 目  录): its first text says so. */
function isContentsPage(grid: SheetGrid): boolean {
  return /^目录$/.test(foldText(sheetFirstText(grid)));
}

/** Why a sheet holds no table, in a clerk's words. */
function skipReason(grid: SheetGrid): string {
  const texts: string[] = [];
  for (const row of grid.rows.slice(0, 12)) for (const c of row ?? []) if (cellText(c)) texts.push(cellText(c));
  if (texts.length === 0) return '空白工作表';
  // A block further down a sheet begins at a title or, without one, at a header (blocks.ts).
  if (grid.part && grid.part.offset > 0) return '这张表上方没有表名，表头也不像模板中的任何一张表，未读取（如是预算表，请在表的上方写明表名）';
  if (texts.length <= 3 && grid.rows.length <= 20) return '封面或文字页，没有表格';
  if (texts.some((t) => t.length > 80)) return '文字说明页，没有可识别的表格';
  return '未找到可识别的表名（前几行中没有模板中的表标题，表头也不像模板中的任何一张表）';
}

interface FoundTitle {
  tableId: string;
  row: number;
  title: string;
  /** Found by the template's own title (not an alias, not the header). */
  own?: boolean;
  finalAccounts?: boolean;
}

function findTitle(ctx: SheetContext): FoundTitle | null {
  const rows = ctx.grid.rows;
  for (let r = 0; r < Math.min(TITLE_SCAN_ROWS, rows.length); r++) {
    const seen = new Set<string>();
    for (const cell of rows[r] ?? []) {
      const text = cellText(cell);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      const m = matchTitle(ctx.template, text);
      if (m) return { tableId: m.tableId, row: r, title: text, own: m.own, finalAccounts: m.finalAccounts };
    }
  }
  // Sheets without a title row: the sheet's name may be the title (of its first table).
  if (ctx.grid.part && ctx.grid.part.offset > 0) return null;
  const m = matchTitle(ctx.template, ctx.grid.name);
  return m ? { tableId: m.tableId, row: -1, title: ctx.grid.name, own: m.own, finalAccounts: m.finalAccounts } : null;
}

/**
 * A sheet whose title is unusual: the table whose header fits its top rows clearly best
 * (code and name columns and most value columns), as a person would tell it by its header;
 * where several tables fit equally (表5, 表7 and 表8 share one header), the reason it is
 * not guessed.
 */
function findByStructure(ctx: SheetContext): FoundTitle | string | null {
  const scores: Array<{ tableId: string; score: number; covered: number }> = [];
  for (const table of ctx.template.tables) {
    if (!table.published || table.role === 'projects' || table.role === 'narrative' || table.parent) continue;
    const best = bestHeader(ctx, table, -1, 10);
    if (!best) continue;
    const assigned = assignColumns(table, best.paths, ctx.synonyms, ctx.hidden);
    const covered = assigned.length / table.columns.length;
    if (covered >= 0.75 && assigned.length >= 3) scores.push({ tableId: table.id, score: best.score, covered });
  }
  scores.sort((a, b) => b.score - a.score);
  if (!scores.length) return null;
  if (scores[1] && scores[1].score >= scores[0].score) {
    const tied = scores.filter((s) => s.score === scores[0].score).map((s) => `“${ctx.template.tables.find((t) => t.id === s.tableId)!.title}”`);
    return `没有可识别的表名，表头与 ${tied.join('、')} 都相符，无法确定是哪一张表（请在表的上方写明表名）`;
  }
  return { tableId: scores[0].tableId, row: -1, title: ctx.grid.name };
}

/**
 * The unit of measure stated above the header of this sheet, or in its labels ("预算数（元）");
 * else the table's own where the template prints it in another unit than the rest (上海's
 * “三公” table in 万元 among tables in 元); else the workbook's.
 */
function sheetUnit(ctx: SheetContext, titleRow: number, headerPaths: string[][] = [], table?: TableDef): UnitOfMeasure {
  for (let r = Math.max(0, titleRow); r < Math.min(titleRow + 5, ctx.grid.rows.length); r++) {
    for (const cell of ctx.grid.rows[r] ?? []) {
      const u = statedUnit(cellText(cell));
      if (u) return u;
    }
  }
  for (const path of headerPaths) {
    for (const label of path) {
      const m = /\((?:金额单位:|单位:)?(?:人民币)?(万元|千元|元)\)$/.exec(foldText(label));
      if (m) return m[1] as UnitOfMeasure;
    }
  }
  if (table?.unitOfMeasure && table.unitOfMeasure !== ctx.template.unitOfMeasure) return table.unitOfMeasure;
  return ctx.workbook.unit ?? ctx.template.unitOfMeasure;
}

function width(grid: SheetGrid): number {
  let w = 0;
  for (const row of grid.rows) if (row && row.length > w) w = row.length;
  return w;
}

/** Header paths of every column over `depth` rows: merged labels repeat, consecutive repeats collapse. */
function headerPaths(grid: SheetGrid, start: number, depth: number, cols: number): string[][] {
  const paths: string[][] = [];
  for (let c = 0; c < cols; c++) {
    const path: string[] = [];
    for (let r = start; r < start + depth; r++) {
      let text = cellText(grid.rows[r]?.[c]);
      // Hand-made headers often leave a group label in the first column of its group only.
      if (!text && r < start + depth - 1 && c > 0 && cellText(grid.rows[r + 1]?.[c])) {
        const left = cellText(grid.rows[r]?.[c - 1]);
        if (left && cellText(grid.rows[r + 1]?.[c - 1])) text = left;
      }
      if (text && path[path.length - 1] !== text) path.push(text);
    }
    paths.push(path);
  }
  return paths;
}

/**
 * The header: the block of rows (after the title and the information line) whose paths fit
 * the table best. A row of 类 | 款 | 项 under a merged code header belongs to it.
 */
function bestHeader(ctx: SheetContext, table: TableDef, titleRow: number, scan: number): { start: number; depth: number; score: number; paths: string[][] } | null {
  const { grid } = ctx;
  const cols = width(grid);
  let best: { start: number; depth: number; score: number; paths: string[][] } | null = null;
  for (let start = titleRow + 1; start < Math.min(titleRow + 1 + scan, grid.rows.length); start++) {
    if (isSeqRow(grid.rows[start])) break;
    // The information line (编制单位, 年度, 单位：万元) above the header is not part of it.
    const texts = (grid.rows[start] ?? []).map(cellText).filter((t) => t !== '');
    if (texts.length && isInfoLine(texts)) continue;
    for (let depth = 1; depth <= MAX_HEADER_DEPTH && start + depth <= grid.rows.length; depth++) {
      if (isSeqRow(grid.rows[start + depth - 1])) break;
      const paths = headerPaths(grid, start, depth, cols);
      const assigned = assignColumns(table, paths, ctx.synonyms, ctx.hidden);
      let score = assigned.reduce((s, a) => s + a.score, 0);
      if (table.rows.kind === 'coded' && score > 0) {
        // A 类 | 款 | 项 row under the merged code header is the code column itself: each part
        // outweighs the code header it splits (≤ 14), so the header is never cut a row short.
        const parts = new Set(paths.map(codePartOf).filter((p) => p !== null));
        score += parts.size * 10;
      }
      if (!best || score > best.score) best = { start, depth, score, paths };
    }
  }
  return best;
}

function isSeqRow(row: Row | undefined): boolean {
  return row !== undefined && row.some(isSeqCell);
}

function isSeqCell(c: GridCell | null): boolean {
  return typeof c?.v === 'string' && c.v.includes('栏') && foldText(c.v) === '栏次';
}

function parseTableSheet(ctx: SheetContext, table: TableDef, titleRow: number, title: string): ImportedTable | string {
  const { grid } = ctx;
  const best = bestHeader(ctx, table, titleRow, 6);
  if (!best || best.score === 0) return `表“${table.title}”：没有找到能识别的表头`;
  const { paths } = best;
  const assigned = assignColumns(table, paths, ctx.synonyms, ctx.hidden);
  const colOf = new Map(assigned.map((a) => [a.index, a.colId]));
  const indexOf = new Map(assigned.map((a) => [a.colId, a.index]));
  const codeParts = new Map<number, CodePart>();
  paths.forEach((p, i) => {
    const part = codePartOf(p);
    if (part) codeParts.set(i, part);
  });
  const columns: ImportedColumn[] = paths.map((p, i) => {
    const header = p.join(' / ');
    const colId = colOf.get(i) ?? null;
    if (colId || codeParts.has(i)) return { sheetCol: i + 1, header, colId: colId ?? `code:${codeParts.get(i)}`, reason: undefined };
    if (!header) return { sheetCol: i + 1, header, colId: null, reason: undefined };
    if (foldLabel(p[p.length - 1]) === '序号') return { sheetCol: i + 1, header, colId: null, reason: '序号列，不导入' };
    const hidden = ctx.hidden(i) ? '（本列隐藏）' : '';
    // A second column for what another column gives (an old copy, a helper column): say which one is read.
    const fits = table.columns.map((c) => ({ c, score: headerScore(p, c, ctx.synonyms) })).filter((f) => f.score > 0);
    const rival = fits.sort((a, b) => b.score - a.score)[0];
    const taken = rival && indexOf.get(rival.c.id);
    if (taken !== undefined) return { sheetCol: i + 1, header, colId: null, reason: `与第 ${taken + 1} 列同为“${rival.c.header[rival.c.header.length - 1]}”，取第 ${taken + 1} 列${hidden}` };
    return { sheetCol: i + 1, header, colId: null, reason: `表头“${header}”不是模板“${table.title}”中的栏目${hidden}` };
  });
  const from = sheetUnit(ctx, titleRow, paths, table);
  const to = tableUnit(ctx.template, table);
  const rows: ImportedRow[] = [];
  const skipped: SkippedRow[] = [];
  let r = best.start + best.depth;
  if (isSeqRow(grid.rows[r])) r++;
  const bound = assigned.map((a) => ({ index: a.index, colId: a.colId, def: table.columns.find((c) => c.id === a.colId)! }));
  const reader = rowReader(table, bound, codeParts, grid.name);
  // Columns of long text (情况说明 printed one paragraph per row): a row with text only there
  // continues the row above, whatever words it holds (a year, 单位, 注).
  const longText = new Set(table.rows.kind === 'fixed' ? bound.filter((b) => b.def.multiline).map((b) => b.index) : []);
  for (; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    // Most rows hold figures: only rows of text alone can be notes, titles or repeated headers.
    // The first figure settles it.
    let filled = false;
    let figures = false;
    for (let c = 0; c < row.length && !figures; c++) {
      const cell = row[c];
      if (!cell || ((cell.v === null || cell.v === '') && !cell.formula)) continue;
      filled = true;
      figures = typeof cell.v === 'number' || cell.formula === true;
    }
    if (!filled) continue;
    const sheetRow = sheetRowOf(grid, r);
    if (!figures) {
      const texts = row.map(cellText);
      const nonEmpty = filledTexts(texts);
      if (nonEmpty.length === 0) continue;
      if (longText.size && onlyIn(texts, longText)) {
        readRow(reader, row, sheetRow, from, to, rows, skipped);
        continue;
      }
      if (isNoteText(nonEmpty[0])) {
        skipped.push({ sheetRow, reason: '说明文字', note: nonEmpty[0] });
        continue;
      }
      if (nonEmpty.every(isEllipsisText)) {
        skipped.push({ sheetRow, reason: '模板中的示意行（……），没有内容' });
        continue;
      }
      if (nonEmpty.some(isSignatureText) && !nonEmpty.some(startsWithCode)) {
        skipped.push({ sheetRow, reason: '签字栏（负责人、制表人、日期等），不是表中的行' });
        continue;
      }
      if (nonEmpty.every(isPageText)) {
        skipped.push({ sheetRow, reason: '页码' });
        continue;
      }
      // A page-broken table repeats its title (one merged cell alone on its row), information line, header and 栏次 row.
      const single = nonEmpty.every(isSameAsFirst);
      if (single && isContinuedMark(nonEmpty[0])) {
        skipped.push({ sheetRow, reason: '续表（接上页的表），不是表中的行' });
        continue;
      }
      if (isSeqRow(row) || (single && matchTitle(ctx.template, nonEmpty[0])?.tableId === table.id) || isRepeatedHeader(texts, paths) || isInfoLine(nonEmpty)) {
        skipped.push({ sheetRow, reason: '重复的表头' });
        continue;
      }
    } else if (isSeqRow(row)) {
      skipped.push({ sheetRow, reason: '重复的表头' });
      continue;
    }
    readRow(reader, row, sheetRow, from, to, rows, skipped);
  }
  return { tableId: table.id, sheet: grid.name, sheetRows: rowSpanOf(grid), title, unitOfMeasure: from, columns, rows, skipped };
}

/*
 * The helpers of the row loop are functions of the module, not closures made per call: see RowReader.
 */

function filledTexts(texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) if (t !== '') out.push(t);
  return out;
}

/** Whether every filled text stands in one of `columns`. */
function onlyIn(texts: string[], columns: Set<number>): boolean {
  for (let i = 0; i < texts.length; i++) if (texts[i] !== '' && !columns.has(i)) return false;
  return true;
}

function startsWithCode(text: string): boolean {
  return /^\d{3,}/.test(text);
}

function isSameAsFirst(text: string, _: number, texts: string[]): boolean {
  return text === texts[0];
}

function isInfoLine(texts: string[]): boolean {
  return texts.every(isInfoText);
}

function isRepeatedHeader(texts: string[], paths: string[][]): boolean {
  let hits = 0;
  let filled = 0;
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (!t) continue;
    if (/^\d/.test(t)) return false;
    filled++;
    if ((paths[i] ?? []).includes(t)) hits++;
  }
  return filled > 0 && hits === filled;
}

/**
 * Reads a table's body rows into `rows` and `skipped`: an object literal per kind of table, read
 * by functions of the module (readRow). Neither closures nor class instances, whose optimized
 * code was thrown away after each import and compiled again for the next workbook: V8 keeps a
 * closure's optimized code only while a closure lives (these died with the import), and drops
 * code made for a hidden class when that class dies, as a class instance's does with the
 * import's last instance. An object literal's hidden class lives as long as its function.
 */
type RowReader = CodedRows | LabelledRows | OrderedRows | ListRows;

type Row = Array<GridCell | null>;

function readRow(reader: RowReader, row: Row, sheetRow: number, from: UnitOfMeasure, to: UnitOfMeasure, rows: ImportedRow[], skipped: SkippedRow[]): void {
  switch (reader.kind) {
    case 'coded':
      return readCodedRow(reader, row, sheetRow, from, to, rows, skipped);
    case 'labelled':
      return readLabelledRow(reader, row, sheetRow, from, to, rows, skipped);
    case 'ordered':
      return readOrderedRow(reader, row, sheetRow, from, to, rows, skipped);
    case 'list':
      return readListRow(reader, row, sheetRow, from, to, rows, skipped);
  }
}

type BoundColumn = { index: number; colId: string; def: ColumnDef };

/** Formula cells of a row by column id (their address, whether a result was saved), for the import to judge. */
type Formulas = NonNullable<ImportedRow['formulas']>;
type Formula = Formulas[string];

function readValues(
  table: TableDef,
  row: Row,
  cols: BoundColumn[],
  from: UnitOfMeasure,
  to: UnitOfMeasure,
  problems: string[],
  at?: { sheet: string; row: number; formulas: Formulas },
): Record<string, string> {
  const values = emptyRecord<string>();
  for (const { index, colId, def } of cols) {
    if (def.role === 'code') continue;
    const cell = row[index];
    if (cell?.formula && at) at.formulas[colId] = { at: cellAddress(at.sheet, at.row - 1, index), cached: cell.v !== null };
    const read = readCell(cell, def.kind, from, to);
    if (!read.ok) problems.push(`${def.header.join('/')}：${read.message}`);
    else if (read.text !== null) values[colId] = read.text;
  }
  return values;
}

function rowReader(table: TableDef, cols: BoundColumn[], codeParts: Map<number, CodePart>, sheet: string): RowReader {
  const model = table.rows;
  if (model.kind === 'coded') {
    const partIndexes = codeParts.size ? CODE_PARTS.map((p) => [...codeParts].find(([, v]) => v === p)?.[0] ?? -1) : [];
    return {
      kind: 'coded',
      table,
      cols,
      sheet,
      levels: model.levels,
      codeIndex: cols.find((c) => c.colId === 'code')?.index ?? -1,
      nameIndex: cols.find((c) => c.colId === 'name')?.index ?? -1,
      partIndexes,
      splitCodes: new SplitCodeReader(model.levels),
    };
  }
  if (model.kind === 'list') return { kind: 'list', table, cols, sheet, labelCol: model.totalRow?.labelColumn ?? null, n: 0 };
  // Each label column and the value columns right of it form a side (T1/T4 have two).
  const labelCols = table.columns.filter((c) => c.role === 'label').map((c) => c.id);
  const sides = labelCols.map((labelId): Side => {
    const start = table.columns.findIndex((c) => c.id === labelId);
    const next = table.columns.findIndex((c, i) => i > start && c.role === 'label');
    const ids = table.columns.slice(start + 1, next < 0 ? undefined : next).map((c) => c.id);
    return { labelId, labelIndex: cols.find((c) => c.colId === labelId)?.index ?? -1, valueCols: cols.filter((c) => ids.includes(c.colId)), readCols: [], used: new Set<string>() };
  });
  // A fixed table without a label column (上海's one-row “三公” table): its rows in order.
  if (labelCols.length === 0) return { kind: 'ordered', table, cols, sheet, defs: model.rows, next: 0 };
  const sideless = cols.filter((c) => !sides.some((s) => s.labelId === c.colId || s.valueCols.includes(c)));
  for (const side of sides) side.readCols = [...side.valueCols, ...sideless];
  return {
    kind: 'labelled',
    table,
    cols,
    sheet,
    defs: model.rows,
    sides,
    // Long text printed one paragraph per row (情况说明): rows under a row, with no label of
    // their own (or its label again, repeated by a merge), continue its multi-line text.
    multiline: cols.filter((c) => table.columns.find((d) => d.id === c.colId)?.multiline),
    byId: new Map(),
    last: null,
  };
}

/** What every reader has: its table, the sheet's columns bound to the table's, the sheet's name. */
interface ReaderBase {
  table: TableDef;
  cols: BoundColumn[];
  sheet: string;
}

const CODE_PARTS: CodePart[] = ['class', 'section', 'item'];
/** Code and name in one cell ("2010306 政务公开审批"), in the code column or the name column. */
const CODE_AND_NAME = /^([0-9０-９]{3,})\s*([^\s0-9０-９].*)$/;
const SPLIT_CODE_TEXT = /^[0-9０-９\s]+(?:\.0+)?$/;

/** Coded tables: rows by their 科目编码 (in one column or split into 类 | 款 | 项), and the 合计 row. */
interface CodedRows extends ReaderBase {
  kind: 'coded';
  levels: number[];
  /** Columns in the sheet, -1 where it has none. */
  codeIndex: number;
  nameIndex: number;
  /** The columns of 类, 款 and 项 (-1 for a part the sheet lacks) when the code is split; else empty. */
  partIndexes: number[];
  splitCodes: SplitCodeReader;
}

function readCodedRow(r: CodedRows, row: Row, sheetRow: number, from: UnitOfMeasure, to: UnitOfMeasure, rows: ImportedRow[], skipped: SkippedRow[]): void {
  const { codeIndex, levels } = r;
  let code = '';
  let codeText = codeIndex < 0 ? '' : cellText(row[codeIndex]);
  let codeError: string | null = null;
  if (r.partIndexes.length) {
    const texts: string[] = [];
    for (const i of r.partIndexes) texts.push(i < 0 ? '' : cellText(row[i]));
    codeText = filledTexts(texts).join(' ');
    if (texts.some(isNotSplitCode)) {
      // 合计 in the 类 column, a … placeholder or a name typed there: not a code.
      code = normalizeCode(codeText);
    } else {
      const read = r.splitCodes.parse(partCode(texts[0]), partCode(texts[1]), partCode(texts[2]));
      if ('error' in read) codeError = read.error;
      else code = read.code;
    }
  } else if (codeIndex >= 0) {
    const c = row[codeIndex];
    code = c && c.v !== null ? normalizeCode(typeof c.v === 'number' ? String(c.v) : c.v) : '';
  }
  let name = r.nameIndex < 0 ? '' : cellText(row[r.nameIndex]);
  const problems: string[] = [];
  const formulas = emptyRecord<Formula>();
  const values = readValues(r.table, row, r.cols, from, to, problems, { sheet: r.sheet, row: sheetRow, formulas });
  if (codeError) {
    skipped.push({ sheetRow, reason: `科目编码有误：${codeError}` });
    return;
  }
  const inCode = !/^\d+$/.test(code) && codeIndex >= 0 ? CODE_AND_NAME.exec(codeText) : null;
  const inName = !code && !inCode ? CODE_AND_NAME.exec(name) : null;
  const split = inCode ?? inName;
  if (split) {
    code = normalizeCode(split[1]);
    if (!name || inName) name = split[2].trim();
    values.name = name;
  }
  const digits = /^\d+$/.test(code);
  if (!digits && (isTotalLabel(codeText) || isTotalLabel(name) || isTotalLabel(code))) {
    delete values.name;
    rows.push(importedRow(sheetRow, TOTAL_ROW, values, formulas));
  } else if (!digits && (isEllipsisText(codeText) || (!codeText && isEllipsisText(name)))) {
    skipped.push({ sheetRow, reason: '模板中的示意行（……），没有内容' });
    return;
  } else if (!digits) {
    skipped.push({ sheetRow, reason: codeText ? `科目编码“${codeText}”不是数字` : name ? `“${name}”没有科目编码` : '没有科目编码' });
    return;
  } else if (!levels.includes(code.length)) {
    skipped.push({ sheetRow, reason: `科目编码“${code}”的位数不是 ${levels.join('/')} 位` });
    return;
  } else {
    rows.push(importedRow(sheetRow, code, values, formulas));
  }
  for (const p of problems) skipped.push({ sheetRow, reason: p });
}

function isNotSplitCode(text: string): boolean {
  return text !== '' && !SPLIT_CODE_TEXT.test(text);
}

function partCode(text: string): string {
  return text ? normalizeCode(text) : '';
}

/** A label column of a fixed table and the value columns right of it. */
interface Side {
  labelId: string;
  /** Its column in the sheet, -1 when the sheet has none. */
  labelIndex: number;
  valueCols: BoundColumn[];
  /** The columns a row matched on this side reads: its value columns, then those of no side. */
  readCols: BoundColumn[];
  used: Set<string>;
}

/** Fixed tables: rows by their label, on one side or two (T1: 本年收入合计 beside 本年支出合计). */
interface LabelledRows extends ReaderBase {
  kind: 'labelled';
  defs: FixedRowDef[];
  sides: Side[];
  multiline: BoundColumn[];
  /** Sides of one template row may stand on different sheet rows. */
  byId: Map<string, ImportedRow>;
  last: { row: ImportedRow; label: string } | null;
}

function readLabelledRow(r: LabelledRows, row: Row, sheetRow: number, from: UnitOfMeasure, to: UnitOfMeasure, rows: ImportedRow[], skipped: SkippedRow[]): void {
  const { sides } = r;
  let matched = false;
  const labels: string[] = [];
  for (const s of sides) labels.push(s.labelIndex < 0 ? '' : rowLabelKey(cellText(row[s.labelIndex])));
  if (sides.length === 1 && continuesText(r, row, labels[0])) return;
  for (let k = 0; k < sides.length; k++) {
    const side = sides[k];
    const label = labels[k];
    if (side.labelIndex < 0 || !label) continue;
    const def = unusedRowByLabel(r.defs, side, label);
    if (!def && isEllipsisText(label)) {
      skipped.push({ sheetRow, reason: '模板中的示意行（……），没有内容' });
      continue;
    }
    if (!def) {
      skipped.push({ sheetRow, reason: `“${cellText(row[side.labelIndex])}”不是“${r.table.title}”的行` });
      continue;
    }
    side.used.add(def.id);
    matched = true;
    const problems: string[] = [];
    const formulas = emptyRecord<Formula>();
    const values = readValues(r.table, row, side.readCols, from, to, problems, { sheet: r.sheet, row: sheetRow, formulas });
    let imported = r.byId.get(def.id);
    if (imported) {
      Object.assign(imported.values, values);
      if (Object.keys(formulas).length) imported.formulas = Object.assign(emptyRecord<Formula>(), imported.formulas, formulas);
    } else {
      imported = importedRow(sheetRow, def.id, values, formulas);
      r.byId.set(def.id, imported);
      rows.push(imported);
    }
    r.last = { row: imported, label };
    for (const p of problems) skipped.push({ sheetRow, reason: p });
  }
  if (!matched && !hasLabel(row, sides)) skipped.push({ sheetRow, reason: '行没有项目名称' });
}

/** Whether the row continues the multi-line text of the row above (and adds its paragraphs to it). */
function continuesText(r: LabelledRows, row: Row, label: string): boolean {
  const { last, multiline } = r;
  if (!last || !multiline.length || (label && label !== last.label)) return false;
  let more = false;
  for (const c of multiline) {
    const text = cellText(row[c.index]);
    if (text === '') continue;
    more = true;
    const before = last.row.values[c.colId];
    last.row.values[c.colId] = before ? `${before}\n${text}` : text;
  }
  return more || label === last.label;
}

function unusedRowByLabel(defs: FixedRowDef[], side: Side, label: string): FixedRowDef | undefined {
  for (const d of defs) {
    const own = d.labels[side.labelId];
    if (own !== undefined && !side.used.has(d.id) && rowLabelKey(own) === label) return d;
  }
  return undefined;
}

function hasLabel(row: Row, sides: Side[]): boolean {
  for (const s of sides) if (s.labelIndex >= 0 && cellText(row[s.labelIndex])) return true;
  return false;
}

/** A fixed table without a label column (上海's one-row “三公” table): its rows in order. */
interface OrderedRows extends ReaderBase {
  kind: 'ordered';
  defs: FixedRowDef[];
  next: number;
}

function readOrderedRow(r: OrderedRows, row: Row, sheetRow: number, from: UnitOfMeasure, to: UnitOfMeasure, rows: ImportedRow[], skipped: SkippedRow[]): void {
  const problems: string[] = [];
  const formulas = emptyRecord<Formula>();
  const values = readValues(r.table, row, r.cols, from, to, problems, { sheet: r.sheet, row: sheetRow, formulas });
  if (Object.keys(values).length === 0 && !Object.keys(formulas).length) return;
  const def = r.defs[r.next++];
  if (!def) {
    skipped.push({ sheetRow, reason: `“${r.table.title}”只有 ${r.defs.length} 行，多出的行未读取` });
    return;
  }
  rows.push(importedRow(sheetRow, def.id, values, formulas));
  for (const p of problems) skipped.push({ sheetRow, reason: p });
}

/** List tables: one record per row; the 合计 row is derived, notes and blank rows are skipped. */
interface ListRows extends ReaderBase {
  kind: 'list';
  labelCol: string | null;
  /** Records read so far. */
  n: number;
}

function readListRow(r: ListRows, row: Row, sheetRow: number, from: UnitOfMeasure, to: UnitOfMeasure, rows: ImportedRow[], skipped: SkippedRow[]): void {
  const { table, labelCol } = r;
  const problems: string[] = [];
  const formulas = emptyRecord<Formula>();
  const values = readValues(table, row, r.cols, from, to, problems, { sheet: r.sheet, row: sheetRow, formulas });
  if ((labelCol && isTotalLabel(values[labelCol])) || isTotalLabel(firstText(row, r.cols))) {
    rows.push(importedRow(sheetRow, TOTAL_ROW, values, formulas));
    return;
  }
  if (Object.keys(values).length === 0) {
    if (row.some(hasContent)) skipped.push({ sheetRow, reason: '行中没有可识别的栏目内容' });
    return;
  }
  rows.push(importedRow(sheetRow, `${table.role === 'org' ? 'o' : 'r'}${++r.n}`, values, formulas));
  for (const p of problems) skipped.push({ sheetRow, reason: p });
}

/** The text of the row's first bound column that has any. */
function firstText(row: Row, cols: BoundColumn[]): string {
  for (const c of cols) {
    const text = cellText(row[c.index]);
    if (text !== '') return text;
  }
  return '';
}

function hasContent(cell: GridCell | null): boolean {
  return isNumericCell(cell) || cellText(cell) !== '';
}
