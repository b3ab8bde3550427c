import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDictionaries } from '../dictionary';
import { removeDir, tempDir } from '../test-support/temp-app';
import { inspectWorkbookBytes } from './guard';
import { importWorkbookFile, type ImportResult } from './import';

/**
 * Columns a workbook hides: an old copy of a column, a helper column. The clerk sees the
 * shown one, so that is the one read; a hidden column is read only where no shown column gives
 * the same template column, and the preview says of every column left out why.
 */

const dictionaries = loadShippedDictionaries();
let dir: string;
beforeAll(() => {
  dir = tempDir('bd-import-hidden-');
});
afterAll(() => removeDir(dir));

type Cell = string | number | null;
const TITLE: Cell[][] = [['2024年部门预算一般公共预算财政拨款支出表'], ['单位：万元']];

/** 表5 with two 基本支出 columns (D: old figures, E: the ones shown), 项目支出 in F. */
const TWO_BASIC: Cell[][] = [
  ...TITLE,
  ['科目编码', '科目名称', '合计', '基本支出', '基本支出', '项目支出'],
  ['201', '一般公共服务支出', 150, 999, 150, null],
  ['20103', '政府办公厅（室）及相关机构事务', 150, 999, 150, null],
  ['2010301', '行政运行', 100, 888, 100, null],
  ['2010302', '一般行政管理事务', 50, 111, 50, null],
  ['合计', null, 150, 999, 150, null],
];
const SHOWN_FIGURES = { 't05!2010301!basic': '100', 't05!2010302!basic': '50' };

let n = 0;
function write(rows: Cell[][], hiddenCols: number[], sheets: Array<{ name: string; rows: Cell[][] }> = []): string {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name);
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!cols'] = Array.from({ length: 6 }, (_, i) => (hiddenCols.includes(i) ? { hidden: true } : {}));
  XLSX.utils.book_append_sheet(wb, ws, '一般公共预算支出');
  const file = join(dir, `book-${++n}.xlsx`);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  return file;
}

const read = (file: string) => importWorkbookFile(file, { dictionaries });

function figures(result: ImportResult): Record<string, string> {
  return Object.fromEntries(Object.entries(result.content.cells).filter(([k]) => k.startsWith('t05!') && !k.endsWith('!name')));
}

const reasonOf = (result: ImportResult, sheetCol: number) => result.plan.tables[0].columns.find((c) => c.sheetCol === sheetCol)?.reason;

describe('hidden columns', () => {
  it('an .xlsx: the shown column is read, not the hidden copy before it, and the preview says which', async () => {
    const result = await read(write(TWO_BASIC, [3]));
    expect(figures(result)).toEqual(SHOWN_FIGURES);
    expect(result.plan.differences).toEqual([]);
    expect(reasonOf(result, 4)).toBe('与第 5 列同为“基本支出”，取第 5 列（本列隐藏）');
  });

  it.each([
    ['an .ods', 'hidden-column.ods', 'ods'],
    ['an .xlsx', 'hidden-column-libreoffice.xlsx', 'xlsx'],
  ])('%s as LibreOffice saves it, behind a cover sheet: the same', async (_what, fixture, format) => {
    const file = join(dir, fixture);
    writeFileSync(file, readFileSync(join(import.meta.dirname, '__fixtures__', fixture)));
    const inspected = inspectWorkbookBytes(readFileSync(file));
    expect(inspected.format).toBe(format);
    expect(inspected.hiddenColumns).toEqual({ 一般公共预算支出: [[3, 3]] });
    const result = await read(file);
    expect(figures(result)).toEqual(SHOWN_FIGURES);
    expect(reasonOf(result, 4)).toBe('与第 5 列同为“基本支出”，取第 5 列（本列隐藏）');
  });

  it('a hidden column that alone gives a template column is still read: nothing the sheet holds is lost', async () => {
    const rows: Cell[][] = [
      ...TITLE,
      ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
      ['2010301', '行政运行', 100, 100, null],
      ['合计', null, 100, 100, null],
    ];
    const result = await read(write(rows, [3]));
    expect(figures(result)).toEqual({ 't05!2010301!basic': '100' });
    expect(result.plan.differences).toEqual([]);
  });

  it('two shown columns of one header: the first is read, and the second says so rather than that it is no column of the table', async () => {
    const result = await read(write(TWO_BASIC, []));
    expect(figures(result)).toEqual({ 't05!2010301!basic': '888', 't05!2010302!basic': '111' });
    expect(reasonOf(result, 5)).toBe('与第 4 列同为“基本支出”，取第 4 列');
  });

  it('the check names the hidden columns of each sheet by its name, whatever its place in the workbook', () => {
    const file = write(TWO_BASIC, [3, 4], [{ name: '封面', rows: [['2024年部门预算']] }]);
    expect(inspectWorkbookBytes(readFileSync(file)).hiddenColumns).toEqual({ 一般公共预算支出: [[3, 3], [4, 4]] });
  });
});
