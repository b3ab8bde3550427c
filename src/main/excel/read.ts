import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { GridCell, SheetGrid } from '../../shared/workbook/types';
import { checkWorkbookBytes, DEFAULT_LIMITS, WorkbookFileError, type WorkbookLimits } from './guard';

/** Load an .xlsx (checked first) into plain grids of cell values for the pure parser. */

export async function readGridsFromFile(file: string, limits: WorkbookLimits = DEFAULT_LIMITS): Promise<SheetGrid[]> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? '文件不存在'
      : code === 'EISDIR' ? '这是一个文件夹'
      : code === 'EACCES' || code === 'EPERM' ? '没有读取权限'
      : code === 'EBUSY' ? '文件正被其他程序（如 Excel）占用，请关闭后重试'
      : '无法读取';
    throw new WorkbookFileError('not-xlsx', `${why}：${file}`);
  }
  return readGrids(buf, limits);
}

export async function readGrids(buf: Buffer, limits: WorkbookLimits = DEFAULT_LIMITS): Promise<SheetGrid[]> {
  checkWorkbookBytes(buf, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new WorkbookFileError('damaged', `文件已损坏，Excel 内容无法解析（${(e as Error).message.slice(0, 80)}）。请在 Excel 中打开后另存为 .xlsx。`);
  }
  const grids: SheetGrid[] = [];
  const noResult: string[] = [];
  for (const ws of wb.worksheets) {
    const rows: SheetGrid['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: Array<GridCell | null> = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = plainValue(cell);
        if (v === undefined) {
          noResult.push(`${ws.name}!${cell.address}`);
          return;
        }
        if (v === null) return;
        cells[c - 1] = typeof v === 'number' && cell.numFmt?.includes('%') ? { v, pct: true } : { v };
      });
      rows[r - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    grids.push({ name: ws.name, rows });
  }
  if (noResult.length) {
    throw new WorkbookFileError(
      'formula',
      `有 ${noResult.length} 个单元格是公式但没有保存计算结果（如 ${noResult.slice(0, 3).join('、')}）。请在 Excel 中打开、重新计算并保存后再导入。`,
    );
  }
  return grids;
}

/** A cell's value as text or number; undefined for a formula without a cached result. */
function plainValue(cell: ExcelJS.Cell): string | number | null | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return undefined;
      if (typeof result === 'object' && 'error' in result) return String(result.error);
      return result instanceof Date ? result.toISOString().slice(0, 10) : (result as string | number);
    }
    if ('richText' in v) return v.richText.map((p) => p.text).join('');
    if ('text' in v) return typeof v.text === 'string' ? v.text : null;
    if ('error' in v) return String(v.error);
  }
  return null;
}
