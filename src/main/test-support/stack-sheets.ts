import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';

export interface StackOptions {
  /** Blank rows between two tables. */
  gap?: number;
  /** A line printed above each table's title (表一, 表二 …). */
  numbered?: boolean;
}

/**
 * A workbook as some departments keep theirs: every sheet of `source` copied under the one
 * before, `gap` blank rows apart, into one sheet "Sheet1" (values with their number formats,
 * a formula as its saved result, merged areas moved along).
 */
export async function stackSheets(source: string, out: string, { gap = 2, numbered = false }: StackOptions = {}): Promise<void> {
  const from = new ExcelJS.Workbook();
  await from.xlsx.readFile(source);
  const to = new ExcelJS.Workbook();
  const ws = to.addWorksheet('Sheet1');
  let top = 0;
  from.worksheets.forEach((sheet, i) => {
    if (numbered) ws.getCell(top + 1, 1).value = `表${i + 1}`;
    const at = top + (numbered ? 1 : 0);
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        const target = ws.getCell(at + r, c);
        const v = cell.value;
        target.value = v && typeof v === 'object' && 'formula' in v ? (v.result as ExcelJS.CellValue) : v;
        target.numFmt = cell.numFmt;
      });
    });
    let bottom = sheet.rowCount;
    for (const range of sheetMerges(sheet)) {
      ws.mergeCells(at + range.top, range.left, at + range.bottom, range.right);
      bottom = Math.max(bottom, range.bottom);
    }
    top = at + bottom + gap;
  });
  await to.xlsx.writeFile(out);
}

function sheetMerges(sheet: ExcelJS.Worksheet): Array<{ top: number; left: number; bottom: number; right: number }> {
  return ((sheet.model as { merges?: string[] }).merges ?? []).map((ref) => {
    const r = XLSX.utils.decode_range(ref);
    return { top: r.s.r + 1, left: r.s.c + 1, bottom: r.e.r + 1, right: r.e.c + 1 };
  });
}
