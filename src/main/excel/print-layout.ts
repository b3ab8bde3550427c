import ExcelJS from 'exceljs';

const { ValueType } = ExcelJS;

/**
 * A workbook that prints: neither Excel nor LibreOffice fits row heights to wrapped text when
 * it opens a file (and never for merged cells), so the export sets them itself from the text,
 * the width of the columns a cell spans and its font; and it numbers the pages in the footer.
 */

/** Excel caps a row at 409 pt. */
export const MAX_ROW_PT = 409;

/** Width of text in column-width units (a digit of the default font): a CJK character takes two. */
export function textWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one (wide) character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    w += code >= 0x2e80 ? 2 : 1;
  }
  return w;
}

/** Lines a text needs in a cell `width` units wide at `fontPt` (its own line breaks kept). */
export function linesFor(text: string, width: number, fontPt = 10): number {
  // Column units are measured at 11 pt; a larger font takes proportionally more room. A little
  // room goes to the cell's margins.
  const usable = Math.max(1, (width - 1) * (11 / Math.max(fontPt, 11)) * (11 / 10.5));
  if (!text.includes('\n')) return Math.max(1, Math.ceil(textWidth(text) / usable));
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Height in points of `lines` lines of a font (宋体 needs about 1.35 × its size per line). */
export function heightFor(lines: number, fontPt = 10): number {
  return Math.min(MAX_ROW_PT, Math.ceil(lines * fontPt * 1.35 + 4));
}

/** A cell merged over several rows and the height its text needs. */
interface MergedNeed {
  top: number;
  bottom: number;
  height: number;
}

/** How far a merged area reaches, told by the cells it covers. */
interface Span {
  right: number;
  bottom: number;
}

/** The master cell of a merged area, measured once the cells it covers have told its span. */
interface Master {
  cell: ExcelJS.Cell;
  r: number;
  c: number;
}

/**
 * Set every row's height so its wrapped text shows whole: the tallest cell of the row decides;
 * a cell merged over several rows shares its height out over them. Rows from `fromRow` on.
 * Loops and functions of the module, not ws.eachRow with callbacks made per sheet: a callback's
 * optimized code dies with the last callback of its kind, and every export compiled it again.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow = 1): void {
  const widths: number[] = [];
  const need = new Map<number, number>();
  const merged: MergedNeed[] = [];
  // One pass over the cells: a merged area's master waits until the cells it covers have told
  // how far it reaches right and down; every other cell is measured as it comes.
  const spans = new Map<ExcelJS.Cell, Span>();
  const masters: Master[] = [];
  const lastRow = ws.rowCount;
  for (let r = fromRow; r <= lastRow; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const lastCol = row.cellCount;
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.findCell(c);
      // As row.eachCell: cells with a value (a merged cell's value is its master).
      if (!cell || cell.type === ValueType.Null) continue;
      if (!cell.isMerged) measure(ws, cell, r, c, widths, spans, need, merged);
      else if (cell.master === cell) masters.push({ cell, r, c });
      else {
        const span = spans.get(cell.master);
        if (!span) spans.set(cell.master, { right: c, bottom: r });
        else {
          if (c > span.right) span.right = c;
          if (r > span.bottom) span.bottom = r;
        }
      }
    }
  }
  for (const m of masters) measure(ws, m.cell, m.r, m.c, widths, spans, need, merged);
  for (const [r, h] of need) {
    const row = ws.getRow(r);
    row.height = Math.max(row.height ?? 0, h);
  }
  // A cell over several rows: the rows together must be as tall as its text.
  for (const m of merged) {
    let total = 0;
    for (let r = m.top; r <= m.bottom; r++) total += ws.getRow(r).height ?? 15;
    if (total >= m.height) continue;
    const extra = (m.height - total) / (m.bottom - m.top + 1);
    for (let r = m.top; r <= m.bottom; r++) ws.getRow(r).height = Math.min(MAX_ROW_PT, Math.ceil((ws.getRow(r).height ?? 15) + extra));
  }
}

/** The height a cell's text needs: into `need` by row, or into `merged` for a cell over several rows. */
function measure(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, r: number, c: number, widths: number[], spans: Map<ExcelJS.Cell, Span>, need: Map<number, number>, merged: MergedNeed[]): void {
  // A figure is never empty and its text only matters where it wraps (figures do not).
  const value = cell.value;
  const text = typeof value === 'number' ? null : cellText(value);
  if (text === '') return;
  const span = spans.get(cell);
  const bottom = span ? Math.max(r, span.bottom) : r;
  const fontPt = cell.font?.size ?? 11;
  let lines = 1;
  if (cell.alignment?.wrapText) {
    const right = span ? Math.max(c, span.right) : c;
    let width = 0;
    for (let k = c; k <= right; k++) width += (widths[k] ??= ws.getColumn(k).width ?? 9);
    lines = linesFor(text ?? String(value), width, fontPt);
  }
  const height = heightFor(lines, fontPt);
  if (bottom > r) merged.push({ top: r, bottom, height });
  else need.set(r, Math.max(need.get(r) ?? 0, height));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}
