import ExcelJS from 'exceljs';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import type { Dictionaries } from '../../shared/dictionary';
import { TOTAL_ROW } from '../../shared/draft';
import type { DraftModel } from '../../shared/engine/model';
import { assertMicro, formatMoney, MICRO_PER_UNIT, type Micro } from '../../shared/money';
import { draftNarrative } from '../../shared/narrative/draft';
import { NUMERALS } from '../../shared/regions/common/classes';
import { getPack, hasPack, type RegionPack } from '../../shared/regions';
import { codeParts, headerLayout, printedColumns, SERIAL_COLUMN, type PrintedColumn } from '../../shared/template/layout';
import { requireRole, statesUnit, tableUnit, type ColumnDef, type TableDef } from '../../shared/template/types';
import { PLAN_LABELS, PLAN_TITLE, PROJECT_LABELS } from '../../shared/workbook/project-sheet';
import { emptyRecord } from '../../shared/workbook/types';
import { isEmptyTable, lineRow, printedText, printLines, type PrintLine } from '../../shared/publication/cells';
import { blankCountsAs } from './option-values';
import { failToSave } from '../write-errors';
import { fitRowHeights } from './print-layout';
import { writeXlsx } from './xlsx-file';

/**
 * The budget as one workbook in the template's standard layout: a sheet per published
 * table in template order (one per project for 项目绩效目标表), each with its title,
 * information line, merged header, 栏次 row, 序号 column, figures as numbers, notes,
 * borders, widths, 宋体 and print setup.
 *
 * What the sheets are written with are object literals of one shape read by functions of the
 * module, never closures or class instances made per export: V8 keeps a closure's optimized
 * code only while a closure of its kind lives, and drops code made for a hidden class when
 * the class's last instance dies, so each export compiled them again (an object literal's
 * hidden class lives as long as the function that makes it).
 */

export interface ExportMeta {
  unitCode: string;
  unitName: string;
  year: number;
}

export interface ExportOptions {
  dictionaries?: Dictionaries;
  /** Text of the 情况说明 sections by section id; defaults to the entered narrative!sNN!text cells. */
  narrativeText?: (sectionId: string) => string;
  /** Replace a file already at the target path; without it an existing file is refused and left untouched. */
  replace?: boolean;
}

/** The target file exists and replacing it was not asked for: nothing was written. */
export class ExportTargetExists extends Error {
  constructor(readonly file: string) {
    super(`文件已存在：${file}`);
  }
}

export const MONEY_FORMAT = '#,##0.00';
const FONT = '宋体';
const BODY_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 10 });
const BOLD_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 10, bold: true });
const TITLE_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 16, bold: true });
const THIN: Partial<ExcelJS.Borders> = Object.freeze({
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
});
const CENTER: Partial<ExcelJS.Alignment> = Object.freeze({ horizontal: 'center', vertical: 'middle', wrapText: true });
const LEFT: Partial<ExcelJS.Alignment> = Object.freeze({ horizontal: 'left', vertical: 'middle', wrapText: true });
const RIGHT: Partial<ExcelJS.Alignment> = Object.freeze({ horizontal: 'right', vertical: 'middle' });
const CODE: Partial<ExcelJS.Alignment> = Object.freeze({ horizontal: 'left', vertical: 'middle' });
const TOP_LEFT: Partial<ExcelJS.Alignment> = Object.freeze({ horizontal: 'left', vertical: 'top', wrapText: true });
const INFO_ALIGN: Array<Partial<ExcelJS.Alignment>> = [CODE, { horizontal: 'center', vertical: 'middle' }, { horizontal: 'right', vertical: 'middle' }];
/** Page numbers at the foot of every printed page. */
const PAGE_FOOTER = '&C第 &P 页，共 &N 页';
/** Sheets wider than this many characters print landscape. */
const LANDSCAPE_WIDTH = 90;

export function buildWorkbook(model: DraftModel, meta: ExportMeta, options: ExportOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Budget Desk';
  const names = new Set<string>();
  const pack = hasPack(model.template.id) ? getPack(model.template.id) : undefined;
  if (pack?.book) {
    writeBook(wb, names, model, meta, pack, options);
    return wb;
  }
  for (const table of model.template.tables) {
    if (!table.published || table.hiddenTab) continue;
    if (table.role === 'projects') {
      const indicators = requireRole(model.template, 'indicators').id;
      const texts = enteredTexts(model, [table.id, indicators]);
      const form: ProjectForm = {
        projects: table,
        indicators,
        hasSpending: table.columns.some((c) => c.id === 'spending'),
        blankSpending: blankCountsAs(model.template, table.id, 'spending') ?? '',
        texts,
      };
      const byProject = new Map<string, string[]>();
      for (const ind of model.rows(indicators)) {
        const project = enteredText(texts, indicators, ind, 'project');
        const list = byProject.get(project);
        if (list) list.push(ind);
        else byProject.set(project, [ind]);
      }
      let ordinal = 0;
      for (const project of model.rows(table.id)) {
        if (project !== TOTAL_ROW) writeProjectSheet(wb, names, model, meta, form, project, ++ordinal, byProject.get(project) ?? []);
      }
    } else if (table.role === 'narrative') {
      writeNarrativeSheet(wb, names, model, meta, table, options);
    } else {
      writeTableSheet(wb, names, model, meta, table, options);
    }
  }
  return wb;
}

/**
 * Write the workbook beside the target and move it into place: a failed export never leaves
 * half a workbook, and an existing file is replaced only when `replace` is set.
 */
export async function exportWorkbook(model: DraftModel, meta: ExportMeta, file: string, options: ExportOptions = {}): Promise<{ file: string; sheets: string[] }> {
  if (!options.replace && existsSync(file)) throw new ExportTargetExists(file);
  const wb = buildWorkbook(model, meta, options);
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}.xlsx`;
  try {
    await writeXlsx(wb, tmp);
    if (options.replace) renameSync(tmp, file);
    else placeWithoutReplacing(tmp, file);
  } catch (e) {
    if (e instanceof ExportTargetExists) throw e;
    failToSave('工作簿', file, e);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { file, sheets: wb.worksheets.map((w) => w.name) };
}

/** Move tmp to file unless file exists (also one created while the workbook was being written). */
export function placeWithoutReplacing(tmp: string, file: string): void {
  try {
    // A hard link fails with EEXIST instead of replacing: the check and the move are one step.
    linkSync(tmp, file);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ExportTargetExists(file);
    // Drives without hard links (FAT/exFAT USB sticks, some network shares): check, then move.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
  }
  if (existsSync(file)) throw new ExportTargetExists(file);
  renameSync(tmp, file);
}

/** A valid, unique sheet name (≤ 31 characters, no []:*?/\). */
export function sheetName(taken: Set<string>, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/**
 * A figure as an Excel number: the double nearest its exact decimal, never a float sum. One
 * IEEE division of a safe integer by a power of ten is correctly rounded, so it is the same
 * double as reading the decimal text ("409.3"); + 0 turns -0 into 0.
 */
export function excelNumber(value: Micro): number {
  assertMicro(value);
  return value / MICRO_PER_UNIT + 0;
}

/** A percent figure (25 meaning 25 %) as the fraction Excel stores under a % format (exact as above). */
export function excelPercent(value: Micro): number {
  assertMicro(value);
  return value / (MICRO_PER_UNIT * 100) + 0;
}

function newSheet(wb: ExcelJS.Workbook, names: Set<string>, title: string, widthChars: number): ExcelJS.Worksheet {
  return wb.addWorksheet(sheetName(names, title), {
    pageSetup: {
      paperSize: 9,
      orientation: widthChars > LANDSCAPE_WIDTH ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ showGridLines: false }],
    headerFooter: { oddFooter: PAGE_FOOTER },
  });
}

function titleRows(ws: ExcelJS.Worksheet, title: string, info: string[], cols: number): void {
  ws.mergeCells(1, 1, 1, cols);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.style = sharedStyle(TITLE_FONT, CENTER, false);
  ws.getRow(1).height = 30;
  // Information line: unit left, year centred, unit of measure right (as printed in the standard
  // tables), each over its own merged stretch so that none is cut off by its neighbour.
  const parts: string[] = [];
  for (const part of info) if (part !== '') parts.push(part);
  const row = ws.getRow(2);
  const widths: number[] = [];
  for (let c = 1; c <= cols; c++) widths.push(ws.getColumn(c).width ?? 9);
  const stretches = infoStretches(parts.length, widths);
  for (let i = 0; i < stretches.length; i++) {
    const [from, to] = stretches[i];
    if (to > from) ws.mergeCells(2, from, 2, to);
    const cell = row.getCell(from);
    cell.value = parts[i];
    cell.style = sharedStyle(BODY_FONT, INFO_ALIGN[i === 0 ? 0 : i === parts.length - 1 ? 2 : 1], false);
  }
}

/**
 * Column stretches [from, to] of the information line's parts (1-based, inclusive), by width:
 * the unit's name takes the left 40 %, the unit of measure the right 20 %, the year the middle.
 */
function infoStretches(parts: number, widths: number[]): Array<[number, number]> {
  const cols = widths.length;
  if (parts <= 1 || cols < parts) {
    const single: Array<[number, number]> = [];
    for (let c = 1; c <= Math.min(parts, cols); c++) single.push([c, c]);
    return single;
  }
  const total = sum(widths);
  let left = 0;
  for (let w = 0; left < cols - (parts - 1) && w < total * 0.4; left++) w += widths[left];
  let right = cols + 1;
  for (let w = 0; right - 1 > left + parts - 2 && w < total * 0.2; ) w += widths[--right - 1];
  if (parts === 2) return [[1, left], [left + 1, cols]];
  return [[1, left], [left + 1, right - 1], [right, cols]];
}

function sum(xs: number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

function infoLine(table: TableDef, meta: ExportMeta, unitOfMeasure: string): string[] {
  const unit = `${meta.unitCode} ${meta.unitName}`.trim();
  // 单位：万元 only over a table with money (not over 机构设置).
  const measure = statesUnit(table) ? `单位：${unitOfMeasure}` : '';
  if (typeof table.infoLine === 'object') return [`${table.infoLine.preparedBy}：${meta.unitName}`, measure];
  if (table.infoLine === 'asOf') return [unit, `截止时间：${meta.year - 1}-12-31`, measure];
  return [unit, `预算年度：${meta.year}`, measure];
}

/**
 * One style object per combination, shared by every cell that uses it: exceljs then
 * registers it once (its style table caches by object identity), which keeps large
 * exports as fast as bare ones. Shared objects must never be mutated through a cell.
 */
const STYLES = new Map<object, Map<object, Map<string, Partial<ExcelJS.Style>>>>();
function sharedStyle(font: Partial<ExcelJS.Font>, alignment: Partial<ExcelJS.Alignment>, border: boolean, numFmt?: string): Partial<ExcelJS.Style> {
  let byAlign = STYLES.get(font);
  if (!byAlign) STYLES.set(font, (byAlign = new Map()));
  let byRest = byAlign.get(alignment);
  if (!byRest) byAlign.set(alignment, (byRest = new Map()));
  const key = border ? (numFmt ?? '') : `\u0000${numFmt ?? ''}`;
  let style = byRest.get(key);
  if (!style) {
    // Frozen: a later `cell.font = …` on one cell must not restyle every cell sharing this object.
    style = Object.freeze({ font, alignment, ...(border ? { border: THIN } : {}), ...(numFmt ? { numFmt } : {}) });
    byRest.set(key, style);
  }
  return style;
}

function styleBox(cell: ExcelJS.Cell, font: Partial<ExcelJS.Font>, alignment: Partial<ExcelJS.Alignment>, numFmt?: string): void {
  cell.style = sharedStyle(font, alignment, true, numFmt);
}

/** Column units a landscape A4 page holds at 100 % (277 mm between the margins, about 1.85 mm a unit). */
const LANDSCAPE_UNITS = 150;
/** Fitting a sheet to the page must not shrink 10 pt text below 9 pt. */
const MIN_PRINT_SCALE = 0.9;

/**
 * Widths that print at 90 % or more: where the template's widths would shrink the text below
 * 9 pt, columns of figures narrow to their longest figure (headers wrap over more lines).
 */
function fitWidths(widths: number[], narrowest: Array<number | undefined>): number[] {
  const limit = LANDSCAPE_UNITS / MIN_PRINT_SCALE;
  if (sum(widths) <= limit) return widths;
  return widths.map((w, i) => Math.min(w, narrowest[i] ?? w));
}

/**
 * Width a column of figures needs so that none is cut (####): its longest printed figure and a
 * margin. A figure prints no shorter than a smaller one of its sign: the largest and the most
 * negative are the longest.
 */
function figureWidth(model: DraftModel, table: TableDef, def: ColumnDef | undefined, figures: TableFigures): number {
  if (!def || (def.kind !== 'money' && def.kind !== 'quantity' && def.kind !== 'percent')) return 0;
  let largest: Micro | null = null;
  let lowest: Micro | null = null;
  for (const r of model.rows(table.id)) {
    const v = figureOf(figures, r, def.id);
    if (v === null) continue;
    if (largest === null || v > largest) largest = v;
    if (lowest === null || v < lowest) lowest = v;
  }
  if (largest === null || lowest === null) return 3;
  return Math.max(formatMoney(largest).length, formatMoney(lowest).length) + 3;
}

/**
 * A table's figures by column and row, each column read from the model once: sizing the
 * columns and writing the cells both read every figure, and a model read builds and hashes
 * a cell key each time.
 */
interface TableFigures {
  model: DraftModel;
  table: string;
  byColumn: Map<string, Map<string, Micro | null>>;
}

function tableFigures(model: DraftModel, table: string): TableFigures {
  return { model, table, byColumn: new Map() };
}

function figureOf(figures: TableFigures, row: string, col: string): Micro | null {
  const { model, table } = figures;
  let rows = figures.byColumn.get(col);
  if (!rows) {
    rows = new Map();
    for (const r of model.rows(table)) rows.set(r, model.value(table, r, col));
    figures.byColumn.set(col, rows);
  }
  const v = rows.get(row);
  return v !== undefined ? v : model.value(table, row, col);
}

function numberFormat(kind: ColumnDef['kind'], value: number): string {
  if (kind === 'money') return MONEY_FORMAT;
  if (kind === 'percent') return Number.isInteger(value * 100) ? '0%' : '0.00%';
  return Number.isInteger(value) ? '#,##0' : '#,##0.00';
}

function writeTableSheet(wb: ExcelJS.Workbook, names: Set<string>, model: DraftModel, meta: ExportMeta, table: TableDef, options: ExportOptions): void {
  const layout = headerLayout(table);
  const columns = printedColumns(table);
  const figures = tableFigures(model, table.id);
  const figureWidths = columns.map((c) => figureWidth(model, table, c.def, figures));
  const widths = fitWidths(
    columns.map((c, i) => (c.id === SERIAL_COLUMN ? 6 : c.part !== undefined ? 6.5 : Math.max(c.def?.width ?? 14, figureWidths[i]))),
    columns.map((c, i) => (c.def && (c.def.kind === 'money' || c.def.kind === 'quantity' || c.def.kind === 'percent') ? Math.max(9, figureWidths[i]) : undefined)),
  );
  const total = sum(widths);
  const ws = newSheet(wb, names, table.sheetName ?? table.title, total);
  if (total > LANDSCAPE_UNITS / MIN_PRINT_SCALE) {
    // Wider than a landscape page at 90 %: printed across pages, the row's 序号, code and name repeated on each.
    ws.pageSetup.fitToPage = false;
    ws.pageSetup.scale = Math.round(MIN_PRINT_SCALE * 100);
    const keys = columns.filter((c) => c.id === SERIAL_COLUMN || c.def?.role).length;
    if (keys > 0) ws.pageSetup.printTitlesColumn = `A:${String.fromCharCode(64 + keys)}`;
  }
  const cols = layout.columns.length;
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleRows(ws, table.title, infoLine(table, meta, tableUnit(model.template, table)), cols);

  const headerTop = 3;
  for (const h of layout.cells) {
    const r = headerTop + h.row;
    const c = h.col + 1;
    if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(r, c, r + h.rowSpan - 1, c + h.colSpan - 1);
    ws.getCell(r, c).value = h.label;
  }
  for (let r = headerTop; r < headerTop + layout.depth; r++) {
    for (let c = 1; c <= cols; c++) styleBox(ws.getCell(r, c), BOLD_FONT, CENTER);
  }
  let r = headerTop + layout.depth;
  if (table.hasSerial) {
    const seqRow = ws.getRow(r);
    layout.columns.forEach((col, i) => {
      const cell = seqRow.getCell(i + 1);
      cell.value = col.id === SERIAL_COLUMN ? '栏次' : (layout.seq[col.id] ?? null);
      styleBox(cell, BODY_FONT, CENTER);
    });
    r++;
  }
  ws.pageSetup.printTitlesRow = `2:${r - 1}`;

  const empty = isEmptyTable(model, table, model.rows(table.id));
  // Where the code prints as 类 | 款 | 项, the 合计 label spans the code and name columns (上海).
  const splitCode = columns.find((c) => c.part === 0)?.def;
  if (!empty) {
    const writer: LineWriter = { model, table, columns, figures, dictionaries: options.dictionaries, serial: 0 };
    for (const line of printLines(model, table)) {
      writeLine(writer, ws.getRow(r), line);
      if (splitCode && lineRow(line, splitCode.id) === TOTAL_ROW) {
        const last = columns.findIndex((c) => c.def?.role === 'name');
        if (last > 0) {
          for (let c = 2; c <= last + 1; c++) ws.getCell(r, c).value = null;
          ws.mergeCells(r, 1, r, last + 1);
          ws.getCell(r, 1).style = sharedStyle(BOLD_FONT, CENTER, true);
        }
      }
      r++;
    }
  }
  const notes = [table.footNote, empty ? table.emptyNote : undefined].filter((n): n is string => !!n);
  for (const note of notes) {
    ws.mergeCells(r, 1, r, cols);
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.style = sharedStyle(BODY_FONT, LEFT, false);
    r++;
  }
  fitRowHeights(ws, headerTop);
}

/** What writing a table's lines needs, and the 序号 of the last line written. */
interface LineWriter {
  model: DraftModel;
  table: TableDef;
  columns: PrintedColumn[];
  figures: TableFigures;
  dictionaries: Dictionaries | undefined;
  serial: number;
}

/** A printed line into its row of the sheet, numbered in the 序号 column. */
function writeLine(writer: LineWriter, row: ExcelJS.Row, line: PrintLine): void {
  const font = line.isTotal ? BOLD_FONT : BODY_FONT;
  const { columns } = writer;
  for (let i = 0; i < columns.length; i++) writeLineCell(writer, row.getCell(i + 1), columns[i], line, font);
}

function writeLineCell(writer: LineWriter, cell: ExcelJS.Cell, col: PrintedColumn, line: PrintLine, font: Partial<ExcelJS.Font>): void {
  if (col.id === SERIAL_COLUMN) {
    cell.value = ++writer.serial;
    styleBox(cell, BODY_FONT, CENTER);
    return;
  }
  const def = col.def!;
  const rowId = lineRow(line, def.id);
  if (rowId === undefined) {
    styleBox(cell, font, def.kind === 'text' || def.kind === 'code' ? LEFT : RIGHT);
    return;
  }
  if (def.kind === 'money' || def.kind === 'quantity' || def.kind === 'percent') {
    const v = figureOf(writer.figures, rowId, def.id);
    // Published tables print zero as blank.
    let fmt: string | undefined;
    if (v !== null && v !== 0) {
      const n = def.kind === 'percent' ? excelPercent(v) : excelNumber(v);
      cell.value = n;
      fmt = numberFormat(def.kind, n);
    }
    styleBox(cell, font, RIGHT, fmt);
    return;
  }
  if (col.part !== undefined) {
    // Codes as text ("02" keeps its zero), the 类 repeated on its 款 and 项 lines as the template prints them.
    cell.value = rowId === TOTAL_ROW ? (col.part === 0 ? textOfTotal(writer.table) : null) : (codeParts(writer.table, rowId)[col.part] ?? null);
    styleBox(cell, font, CODE, '@');
    return;
  }
  const label = line.labels?.[def.id];
  cell.value = (label ?? printedText(writer.model, writer.table, rowId, def, writer.dictionaries)) || null;
  styleBox(cell, font, def.role === 'code' ? CODE : LEFT);
}

function isNotBlank(text: string): boolean {
  return text.trim() !== '';
}

/** The label of a coded table's 合计 row. */
function textOfTotal(table: TableDef): string {
  return table.rows.kind === 'coded' ? table.rows.totalLabel : '合计';
}

function writeNarrativeSheet(wb: ExcelJS.Workbook, names: Set<string>, model: DraftModel, meta: ExportMeta, table: TableDef, options: ExportOptions): void {
  const ws = newSheet(wb, names, table.title, 140);
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 100;
  titleRows(ws, `${meta.unitName}${meta.year}年部门预算情况说明`, [`${meta.unitCode} ${meta.unitName}`.trim(), `预算年度：${meta.year}`], 2);
  const head = ws.getRow(3);
  table.columns.filter((c) => c.id === 'title' || c.id === 'text').forEach((c, i) => {
    head.getCell(i + 1).value = c.header[c.header.length - 1];
    styleBox(head.getCell(i + 1), BOLD_FONT, CENTER);
  });
  ws.pageSetup.printTitlesRow = '3:3';
  const sections = model.template.narrative;
  const drafted = new Map<string, string>();
  if (!options.narrativeText) {
    try {
      for (const section of draftNarrative(model, model.template, (code) => options.dictionaries?.function.get(code)?.name)) drafted.set(section.id, section.text);
    } catch {
      // A text that cannot be drafted still leaves the clerk's entered text in the workbook.
    }
  }
  // One paragraph per row: a section in one cell prints only what fits a row (409 pt at most);
  // the import reads the rows under a title back as that section's text.
  let r = 4;
  for (const s of sections) {
    const text = options.narrativeText ? options.narrativeText(s.id) : (drafted.get(s.id) ?? model.text(table.id, s.id, 'text'));
    const paragraphs = (text ?? '').split(/\r?\n/).filter(isNotBlank);
    for (let k = 0; k < Math.max(1, paragraphs.length); k++) {
      const row = ws.getRow(r++);
      row.getCell(1).value = k === 0 ? s.title : null;
      styleBox(row.getCell(1), BOLD_FONT, TOP_LEFT);
      row.getCell(2).value = paragraphs[k] ?? null;
      styleBox(row.getCell(2), BODY_FONT, TOP_LEFT);
    }
  }
  fitRowHeights(ws, 4);
}

/** The project form's labels by column. */
const FORM_LABELS: Record<string, string> = Object.fromEntries(PROJECT_LABELS.map((l) => [l.col, l.label]));

/** What every project sheet of a draft shares: its tables, what a blank 支出类别 prints as, the entered texts. */
interface ProjectForm {
  projects: TableDef;
  indicators: string;
  /** Whether the form has a 支出类别 (then 资金性质 and 支出类别 share the row). */
  hasSpending: boolean;
  blankSpending: string;
  texts: EnteredTexts;
}

/**
 * The entered text of some tables (as model.text gives it), read in one pass over the draft's
 * cells: the project sheets read every text of every project and indicator, and a model.text
 * call builds and looks up a cell key each time (a fifth of the workbook's build, profiled).
 */
interface EnteredTexts {
  model: DraftModel;
  /** Texts by table, row and column (records without a prototype: their keys differ from row to row). */
  byTable: Map<string, Map<string, Record<string, string>>>;
}

function enteredTexts(model: DraftModel, tables: string[]): EnteredTexts {
  const byTable = new Map<string, Map<string, Record<string, string>>>();
  for (const t of tables) byTable.set(t, new Map());
  const cells = model.content.cells;
  // Object.keys, not for…in: for…in checks each key is still there, one more lookup per key.
  for (const key of Object.keys(cells)) {
    const a = key.indexOf('!');
    const table = tableOfKey(tables, key, a);
    if (table === undefined) continue;
    const rows = byTable.get(table)!;
    const b = key.indexOf('!', a + 1);
    const row = key.slice(a + 1, b);
    let cols = rows.get(row);
    if (!cols) rows.set(row, (cols = emptyRecord()));
    cols[key.slice(b + 1)] = cells[key];
  }
  return { model, byTable };
}

/**
 * Which of `tables` a cell key (its table id ending at `end`) is of, compared in place: most
 * keys are of other tables, and slicing each one's table id out made a string to throw away.
 */
function tableOfKey(tables: readonly string[], key: string, end: number): string | undefined {
  for (const t of tables) if (end === t.length && key.startsWith(t)) return t;
  return undefined;
}

function enteredText(texts: EnteredTexts, table: string, row: string, col: string): string {
  const rows = texts.byTable.get(table);
  return rows ? (rows.get(row)?.[col] ?? '') : texts.model.text(table, row, col);
}

/** Widths of the project form's seven columns. */
const PROJECT_WIDTHS = [14, 18, 22, 18, 18, 14, 22];
/** Headers of the indicator grid ('' where 绩效指标描述 spans two columns). */
const INDICATOR_GRID = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '', '指标值', '指标值确定依据'];

/** A cell of a project sheet, by row, then column: exceljs's ws.getCell(r, c) spells and parses an address each time. */
function formCell(ws: ExcelJS.Worksheet, r: number, c: number): ExcelJS.Cell {
  return ws.getRow(r).getCell(c);
}

/**
 * A label of the form (bold, centred), merged over columns c…toC. Styled before it is merged:
 * the cells merged into a cell take its style (the same shared object), one lookup each fewer.
 */
function formLabel(ws: ExcelJS.Worksheet, r: number, c: number, value: string, toC = c): void {
  const cell = formCell(ws, r, c);
  cell.value = value;
  styleBox(cell, BOLD_FONT, CENTER);
  if (toC > c) ws.mergeCells(r, c, r, toC);
}

/** A value of the form, merged over columns c…toC: text left, a number right in `numFmt`; '' is a blank cell. */
function formValue(ws: ExcelJS.Worksheet, r: number, c: number, v: string | number | null, toC = c, numFmt?: string): void {
  const cell = formCell(ws, r, c);
  cell.value = v === '' ? null : v;
  if (typeof v !== 'number') {
    // Styled before it is merged, as a label.
    styleBox(cell, BODY_FONT, LEFT);
    if (toC > c) ws.mergeCells(r, c, r, toC);
    return;
  }
  // Only the first cell of a number carries its format.
  if (toC > c) ws.mergeCells(r, c, r, toC);
  for (let k = c; k <= toC; k++) styleBox(formCell(ws, r, k), BODY_FONT, RIGHT, k === c ? numFmt : undefined);
}

/** A money figure of a project as an Excel number; zero prints as blank. */
function projectMoney(model: DraftModel, form: ProjectForm, project: string, col: string): number | null {
  const v = model.value(form.projects.id, project, col);
  return v === null || v === 0 ? null : excelNumber(v);
}

/** Seven columns: the indicator grid (一级 … 指标值确定依据, 描述 over two) and the form above it. */
function writeProjectSheet(wb: ExcelJS.Workbook, names: Set<string>, model: DraftModel, meta: ExportMeta, form: ProjectForm, project: string, ordinal: number, indicators: string[]): void {
  const { projects, indicators: indicatorsId, texts } = form;
  const name = enteredText(texts, projects.id, project, 'name');
  const ws = newSheet(wb, names, `${ordinal}、${name || '项目'}`, 120);
  for (let c = 1; c <= PROJECT_WIDTHS.length; c++) ws.getColumn(c).width = PROJECT_WIDTHS[c - 1];
  titleRows(ws, `${ordinal}、${name}绩效目标表`, [`${meta.unitCode} ${meta.unitName}`.trim(), `预算年度：${meta.year}`, `单位：${model.template.unitOfMeasure}`], 7);
  const L = FORM_LABELS;
  let r = 3;
  formLabel(ws, r, 1, L.code);
  formValue(ws, r, 2, enteredText(texts, projects.id, project, 'code'), 3);
  formLabel(ws, r, 4, L.name);
  formValue(ws, r, 5, name, 7);
  r++;
  formLabel(ws, r, 1, L.functionCode);
  formValue(ws, r, 2, enteredText(texts, projects.id, project, 'functionCode'), 3);
  formLabel(ws, r, 4, L.fund);
  if (form.hasSpending) {
    formValue(ws, r, 5, enteredText(texts, projects.id, project, 'fund'));
    // Printed as it counts: a blank 支出类别 is 项目支出.
    formLabel(ws, r, 6, L.spending);
    formValue(ws, r, 7, enteredText(texts, projects.id, project, 'spending') || form.blankSpending);
  } else formValue(ws, r, 5, enteredText(texts, projects.id, project, 'fund'), 7);
  r++;
  formLabel(ws, r, 1, L.amount);
  formValue(ws, r, 2, projectMoney(model, form, project, 'amount'), 2, MONEY_FORMAT);
  formLabel(ws, r, 3, L.fiscal);
  formValue(ws, r, 4, projectMoney(model, form, project, 'fiscal'), 4, MONEY_FORMAT);
  formLabel(ws, r, 5, L.otherFunds);
  formValue(ws, r, 6, projectMoney(model, form, project, 'otherFunds'), 7, MONEY_FORMAT);
  r++;
  formLabel(ws, r, 1, L.use);
  formValue(ws, r, 2, enteredText(texts, projects.id, project, 'use'), 7);
  r++;
  ws.mergeCells(r, 1, r + 1, 1);
  formLabel(ws, r, 1, PLAN_TITLE);
  for (let i = 0; i < PLAN_LABELS.length; i++) {
    formLabel(ws, r, 2 + i, PLAN_LABELS[i].label);
    const v = model.value(projects.id, project, PLAN_LABELS[i].col);
    const n = v === null ? null : excelPercent(v);
    formValue(ws, r + 1, 2 + i, n, 2 + i, n === null ? undefined : numberFormat('percent', n));
  }
  for (const c of [6, 7]) {
    styleBox(formCell(ws, r, c), BODY_FONT, CENTER);
    styleBox(formCell(ws, r + 1, c), BODY_FONT, CENTER);
  }
  styleBox(formCell(ws, r + 1, 1), BOLD_FONT, CENTER);
  r += 2;
  formLabel(ws, r, 1, L.goals);
  const goals: string[] = [];
  for (const g of enteredText(texts, projects.id, project, 'goals').split('\n')) if (g.trim() !== '') goals.push(`${goals.length + 1}.${g.trim()}`);
  formValue(ws, r, 2, goals.join('\n'), 7);
  ws.getRow(r).height = Math.max(18, 15 * goals.length);
  r++;
  const gridTop = r;
  for (let i = 0; i < INDICATOR_GRID.length; i++) {
    const g = INDICATOR_GRID[i];
    if (g) formLabel(ws, r, i + 1, g, g === '绩效指标描述' ? 5 : i + 1);
  }
  ws.pageSetup.printTitlesRow = `${gridTop}:${gridTop}`;
  r++;
  const start = r;
  let level1Start = r;
  let level1 = indicators.length > 0 ? enteredText(texts, indicatorsId, indicators[0], 'level1') : undefined;
  for (let k = 0; k < indicators.length; k++) {
    const ind = indicators[k];
    formValue(ws, r, 1, level1 ?? '');
    formValue(ws, r, 2, enteredText(texts, indicatorsId, ind, 'level2'));
    formValue(ws, r, 3, enteredText(texts, indicatorsId, ind, 'level3'));
    formValue(ws, r, 4, enteredText(texts, indicatorsId, ind, 'description'), 5);
    formValue(ws, r, 6, enteredText(texts, indicatorsId, ind, 'value'));
    formValue(ws, r, 7, enteredText(texts, indicatorsId, ind, 'basis'));
    // 一级指标 merged down over its group, as printed.
    const next = k + 1 < indicators.length ? enteredText(texts, indicatorsId, indicators[k + 1], 'level1') : undefined;
    if (next !== level1) {
      if (r > level1Start) ws.mergeCells(level1Start, 1, r, 1);
      level1Start = r + 1;
    }
    level1 = next;
    r++;
  }
  if (r === start) formValue(ws, r, 1, null, 7);
  fitRowHeights(ws, 3);
}

// ------------------------------------------------------------------ the whole book (上海)

const TEXT_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 12 });
const HEADING_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 18, bold: true });
const COVER_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 28, bold: true });
/** Width of a text sheet's one column in characters, and the CJK characters a line of it holds at 12 pt. */
const TEXT_WIDTH = 120;
const TEXT_LINE_CHARS = 52;

/**
 * A pack whose template is the whole book (RegionPack.book): 封面, 目录, each text section on
 * its own sheet and the tables, in publication order, under the template's sheet names.
 */
function writeBook(wb: ExcelJS.Workbook, names: Set<string>, model: DraftModel, meta: ExportMeta, pack: RegionPack, options: ExportOptions): void {
  const book = pack.book!;
  const template = model.template;
  const text = sectionText(model, options);
  for (const item of pack.publication) {
    if (item.kind === 'cover') writeCover(wb, names, meta, book);
    else if (item.kind === 'contents') writeContents(wb, names, model, pack);
    else if (item.kind === 'section') {
      const section = template.narrative.find((s) => s.id === item.section);
      if (section) writeTextSheet(wb, names, section.sheetName ?? section.title, section.titleWithYear ? `${meta.year}年${section.title}` : section.title, text(section.id));
    } else {
      const table = template.tables.find((t) => t.id === item.table);
      if (table) writeTableSheet(wb, names, model, meta, table, options);
    }
  }
}

/** The text of each section: given, drafted from the figures, or as the clerk entered it. */
function sectionText(model: DraftModel, options: ExportOptions): (sectionId: string) => string {
  if (options.narrativeText) return options.narrativeText;
  const drafted = new Map<string, string>();
  try {
    for (const section of draftNarrative(model, model.template, (code) => options.dictionaries?.function.get(code)?.name)) drafted.set(section.id, section.text);
  } catch {
    // A text that cannot be drafted still leaves the clerk's entered text in the workbook.
  }
  const narrative = model.template.tables.find((t) => t.role === 'narrative');
  return (id) => drafted.get(id) || (narrative ? model.text(narrative.id, id, 'text') : '');
}

function writeCover(wb: ExcelJS.Workbook, names: Set<string>, meta: ExportMeta, book: NonNullable<RegionPack['book']>): void {
  const ws = newSheet(wb, names, '封面', 13 * 9);
  for (let c = 1; c <= 13; c++) ws.getColumn(c).width = 9;
  const line = (r: number, value: string, font: Partial<ExcelJS.Font>, height: number) => {
    ws.mergeCells(r, 1, r, 13);
    ws.getCell(r, 1).value = value;
    ws.getCell(r, 1).style = sharedStyle(font, CENTER, false);
    ws.getRow(r).height = height;
  };
  line(3, book.title(meta.year), COVER_FONT, 45);
  line(9, `${book.owner}：${meta.unitName}`, HEADING_FONT, 24);
}

/** 目录: the sections numbered 一、二、…, the run of tables as one item listing them 1. 2. … */
function writeContents(wb: ExcelJS.Workbook, names: Set<string>, model: DraftModel, pack: RegionPack): void {
  const ws = newSheet(wb, names, '目录', TEXT_WIDTH);
  ws.getColumn(1).width = TEXT_WIDTH;
  ws.getCell(1, 1).value = '目  录';
  ws.getCell(1, 1).style = sharedStyle(HEADING_FONT, CENTER, false);
  const lines: string[] = [];
  let tables = 0;
  for (const item of pack.publication) {
    if (item.kind === 'section') {
      const title = model.template.narrative.find((s) => s.id === item.section)?.title;
      if (title) lines.push(`${NUMERALS[lines.filter((l) => !l.startsWith(' ')).length]}、${title}`);
    } else if (item.kind === 'table') {
      const title = model.template.tables.find((t) => t.id === item.table)?.title;
      if (!title) continue;
      if (tables++ === 0) lines.push(`${NUMERALS[lines.filter((l) => !l.startsWith(' ')).length]}、${pack.book!.tablesHeading}`);
      lines.push(`    ${tables}. ${title}`);
    }
  }
  lines.forEach((l, i) => {
    const cell = ws.getCell(4 + i, 1);
    cell.value = l;
    cell.style = sharedStyle(TEXT_FONT, LEFT, false);
    ws.getRow(4 + i).height = 21;
  });
}

/** A text section on its own sheet: its title, then one row per paragraph, each as high as its lines. */
function writeTextSheet(wb: ExcelJS.Workbook, names: Set<string>, name: string, title: string, text: string): void {
  const ws = newSheet(wb, names, name, TEXT_WIDTH);
  ws.getColumn(1).width = TEXT_WIDTH;
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).style = sharedStyle(HEADING_FONT, CENTER, false);
  ws.getRow(1).height = 30;
  const paragraphs = text.split('\n').filter((p) => p.trim() !== '');
  paragraphs.forEach((p, i) => {
    const cell = ws.getCell(3 + i, 1);
    cell.value = p;
    cell.style = sharedStyle(TEXT_FONT, TOP_LEFT, false);
    ws.getRow(3 + i).height = Math.min(409, 18 * Math.max(1, Math.ceil([...p].length / TEXT_LINE_CHARS)));
  });
}
