import * as XLSX from '@e965/xlsx';
import type { GridCell, SheetGrid } from '../../shared/workbook/types';
import { DEFAULT_LIMITS, ENCRYPTED, inspectWorkbookBytes, LEGACY_XLS, readWorkbookFileBytes, WorkbookFileError, type WorkbookFormat, type WorkbookLimits } from './guard';

/**
 * Load a workbook (checked first by guard.ts) into plain grids of cell values for the pure
 * parser. One library reads every format a clerk receives: SheetJS (.xlsx/.xlsm, .xlsb, .xls
 * BIFF8 and WPS .et, .ods, Excel 2003 XML, a web page's table, .csv), so an .xls reads
 * exactly like its .xlsx twin. Formula cells carry
 * their cached result and the mark `formula`; one without a cached result has v null.
 */

export async function readGridsFromFile(file: string, limits: WorkbookLimits = DEFAULT_LIMITS): Promise<SheetGrid[]> {
  return readGrids(readWorkbookFileBytes(file, limits), limits, file);
}

export async function readGrids(buf: Buffer, limits: WorkbookLimits = DEFAULT_LIMITS, name = ''): Promise<SheetGrid[]> {
  const { format, formulasWithoutResult, hiddenSheets, hiddenColumns, text } = inspectWorkbookBytes(buf, limits, name);
  const wb = parse(text ?? buf, format, limits, formulasWithoutResult);
  const grids: SheetGrid[] = [];
  wb.SheetNames.forEach((sheetName, i) => {
    const ws = wb.Sheets[sheetName];
    if (!ws) return;
    // Hidden (1) or very hidden (2, shown by no menu).
    const hidden = Boolean(wb.Workbook?.Sheets?.[i]?.Hidden) || Boolean(hiddenSheets?.includes(sheetName));
    const grid: SheetGrid = { name: sheetName, rows: gridOf(ws, limits) };
    if (hidden) grid.hidden = true;
    if (hiddenColumns?.[sheetName]) grid.hiddenColumns = hiddenColumns[sheetName];
    grids.push(grid);
  });
  return grids;
}

const FORMAT_NAMES: Record<WorkbookFormat, string> = {
  xlsx: 'Excel (.xlsx)',
  xlsb: 'Excel 二进制工作簿 (.xlsb)',
  xls: 'Excel 97-2003 / WPS (.xls/.et)',
  ods: 'OpenDocument (.ods)',
  xml: 'Excel 2003 XML 表格',
  html: '网页表格',
  csv: 'CSV',
};

/** `content`: the file's bytes, or a text workbook's content as the check decoded it. */
function parse(content: Buffer | string, format: WorkbookFormat, limits: WorkbookLimits, formulasWithoutResult: boolean): XLSX.WorkBook {
  const options: XLSX.ParsingOptions = {
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellDates: true,
    cellHTML: false,
    cellText: false,
    // Formula cells without a cached result are kept (as stubs) so that they can be named; a
    // workbook that cannot hold one needs no stubs (its styled blank cells would all be stubs).
    sheetStubs: formulasWithoutResult,
    // A row cap whatever the sheet declares (an .xls or .ods has no XML to count).
    sheetRows: limits.maxSheetRows + 1,
    WTF: false,
  };
  try {
    // Text comes decoded by the check (GBK as Chinese Excel saves it); its figures are read as
    // text, so that a code keeps its leading zero ("02"), and the parser reads the figures.
    if (typeof content === 'string') return XLSX.read(content, { ...options, type: 'string', raw: format !== 'xml' });
    return XLSX.read(content, { ...options, type: 'buffer' });
  } catch (e) {
    const message = (e as Error).message ?? '';
    // SheetJS names an encrypted file in several ways ("File is password-protected", "Encryption Flags/AlgID mismatch" for RC4 CryptoAPI …).
    if (/password|AlgID|EncryptionInfo|Encryption scheme|ODS Encryption/i.test(message)) throw new WorkbookFileError('encrypted', ENCRYPTED);
    if (/BIFF ?[2-5]\b|Excel ?5/i.test(message) && format === 'xls') throw new WorkbookFileError('legacy-xls', LEGACY_XLS);
    throw new WorkbookFileError('damaged', `文件已损坏，${FORMAT_NAMES[format]} 内容无法解析（${message.slice(0, 80)}）。请在 Excel 或 WPS 中打开后另存为 .xlsx。`);
  }
}


/**
 * The sheet's rows as the parser's grid: each row's array is reused, its SheetJS cells
 * replaced by GridCells of one shape (the parser reads millions of them: cells of many
 * shapes would make every read of v slow). The workbook object is not used afterwards.
 */
function gridOf(ws: XLSX.WorkSheet, limits: WorkbookLimits): SheetGrid['rows'] {
  const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | GridCell | null | undefined> | undefined>;
  if (data.length > limits.maxSheetRows) {
    throw new WorkbookFileError('too-large', `工作表有超过 ${limits.maxSheetRows.toLocaleString('en-US')} 行，不像预算表，未读取。`);
  }
  const rows = data as SheetGrid['rows'];
  let width = 0;
  let cells = 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) {
      rows[r] = [];
      continue;
    }
    let end = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] as XLSX.CellObject | undefined;
      if (!cell) {
        // A hole where the library kept no cell: the grid says null.
        row[c] = null;
        continue;
      }
      const g = gridCell(cell);
      row[c] = g;
      if (!g) continue;
      end = c + 1;
      if (++cells > limits.maxSheetCells) throw new WorkbookFileError('too-large', `工作表有超过 ${limits.maxSheetCells.toLocaleString('en-US')} 个单元格，不像预算表，未读取。`);
    }
    // Empty cells at the end of a row (styled blanks) are not part of it.
    row.length = end;
    if (end > width) width = end;
  }
  // Trailing rows of styled blanks (a template formatted down to row 3380) are not rows.
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  // Merged areas repeat their top-left value, within the cells the sheet really has (one
  // read-only copy per area, without the formula mark: the formula is the top-left cell's).
  for (const m of ws['!merges'] ?? []) {
    const top = rows[m.s.r]?.[m.s.c];
    if (!top) continue;
    const repeated: GridCell = { v: top.v, pct: top.pct, formula: undefined };
    const lastRow = Math.min(m.e.r, rows.length - 1);
    const lastCol = Math.min(m.e.c, width - 1);
    for (let r = m.s.r; r <= lastRow; r++) {
      for (let c = m.s.c; c <= lastCol; c++) {
        if (r === m.s.r && c === m.s.c) continue;
        const row = rows[r];
        if (!row[c] || row[c]!.v === null) row[c] = repeated;
      }
    }
  }
  return rows;
}

/** A cell as the parser sees it (always the same shape); null for an empty cell that is not a formula. */
function gridCell(cell: XLSX.CellObject): GridCell | null {
  const formula = cell.f !== undefined && cell.f !== '';
  let v: string | number | null;
  switch (cell.t) {
    case 'n':
      v = typeof cell.v === 'number' ? cell.v : null;
      break;
    case 's':
      v = typeof cell.v === 'string' ? cell.v : null;
      if (v === '') v = null;
      break;
    case 'b':
      v = cell.v ? 'TRUE' : 'FALSE';
      break;
    case 'd':
      v = cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v ?? '');
      break;
    case 'e':
      v = cell.w ?? '#错误';
      break;
    default:
      // 'z': a stub. A formula stub has no cached result.
      v = null;
  }
  if (v === null && !formula) return null;
  const pct = typeof v === 'number' && typeof cell.z === 'string' && cell.z.includes('%') ? true : undefined;
  return { v, pct, formula: formula ? true : undefined };
}
