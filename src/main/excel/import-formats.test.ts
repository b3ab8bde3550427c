import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from './export';
import { DEFAULT_LIMITS, inspectWorkbookBytes, WorkbookFileError } from './guard';
import { importWorkbookFile, type ImportResult } from './import';

/**
 * The files clerks really have: the seed's exported workbook saved in every format a clerk
 * meets (Excel, WPS, LibreOffice, a business system's "xls" that is a web page or text),
 * renamed as clerks rename files, with hidden sheets and rows, in 元; each reads the same
 * figures as the .xlsx, or is refused with a Chinese message that says what to do.
 */

const dictionaries = loadShippedDictionaries();
let dir: string;
let seedFile: string;
let seed: ImportResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-import-formats-'));
  const s = getSeed('juluxian-2024');
  seedFile = join(dir, 'seed.xlsx');
  await exportWorkbook(new DraftModel(getTemplate('hebei-2024'), s.content), s.meta, seedFile, { dictionaries });
  seed = await read(seedFile);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => importWorkbookFile(file, { dictionaries });

/** The seed's workbook as SheetJS reads it (values, formulas with their results, merges, hidden states). */
const seedBook = () => XLSX.read(readFileSync(seedFile), { type: 'buffer', cellFormula: true, cellNF: true });

/** Bytes written to a file of the test's folder. */
function save(name: string, bytes: Buffer | string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The seed's cells of the tables a result read (a one-sheet format holds one table). */
function seedCellsOf(result: ImportResult): Record<string, string> {
  const tables = new Set(result.plan.tables.map((t) => t.tableId));
  return Object.fromEntries(Object.entries(seed.content.cells).filter(([k]) => tables.has(k.split('!')[0])));
}

async function expectRefused(file: string, kind: WorkbookFileError['kind'], message: RegExp): Promise<void> {
  const err = await read(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, file).toBeInstanceOf(WorkbookFileError);
  expect((err as WorkbookFileError).kind).toBe(kind);
  expect((err as Error).message).toMatch(message);
}

describe('every workbook format gives back the figures of the .xlsx', () => {
  it.each([
    ['.xlsm (macro-enabled)', 'xlsm', 'seed.xlsm'],
    ['.xlsb (binary)', 'xlsb', 'seed.xlsb'],
    ['.xls (BIFF8)', 'biff8', 'seed.xls'],
    ['WPS .et (BIFF8 inside)', 'biff8', 'seed.et'],
    ['WPS .ett template', 'biff8', 'seed.ett'],
    ['.ods', 'ods', 'seed.ods'],
    ['Excel 2003 XML saved as .xls', 'xlml', 'xml-2003.xls'],
    ['an .xlsx renamed to .xls', 'xlsx', 'renamed.xls'],
    ['an .xls renamed to .xlsx', 'biff8', 'renamed.xlsx'],
    ['an .xlsb renamed to .xlsx', 'xlsb', 'binary.xlsx'],
  ] as const)('%s', async (_what, bookType, name) => {
    const result = await read(save(name, XLSX.write(seedBook(), { type: 'buffer', bookType })));
    expect(result.plan.tables.map((t) => t.tableId)).toEqual(seed.plan.tables.map((t) => t.tableId));
    expect(result.content.cells).toEqual(seed.content.cells);
    expect(result.plan.sheetsSkipped).toEqual([]);
    expect(result.plan.differences).toEqual([]);
  });

  it.each([
    ['a .csv', 'csv', 'utf8', 'seed.csv'],
    ['a web page table saved as .xls (business systems export these)', 'html', 'utf8', 'web.xls'],
    ['comma-separated text named .xls', 'csv', 'utf8', 'text.xls'],
    ['tab-separated Unicode text (Excel’s Unicode 文本, UTF-16) named .xls', 'txt', 'utf16', 'unicode.xls'],
  ] as const)('one sheet as %s', async (_what, bookType, encoding, name) => {
    const book = seedBook();
    const text = XLSX.write(book, { type: 'string', bookType, sheet: '部门预算支出总表' }) as string;
    const bytes = encoding === 'utf16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text;
    const result = await read(save(name, bytes));
    expect(result.plan.tables.map((t) => t.tableId)).toEqual(['t03']);
    expect(Object.keys(result.content.cells).length).toBeGreaterThan(10);
    expect(result.content.cells).toEqual(seedCellsOf(result));
  });

  it('a workbook saved by LibreOffice as .ods and .xls, with a hidden sheet holding an old copy of a table before it: the hidden sheet is skipped with the reason', async () => {
    const book = seedBook();
    const income = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['部门预算收入总表'], { header: 1, raw: true });
    const doubled = income.map((row) => row.map((v) => (typeof v === 'number' ? v * 2 : v)));
    // First in the workbook: where sheets repeat a table, the first one read would win.
    book.SheetNames.unshift('旧版收入总表');
    book.Sheets['旧版收入总表'] = XLSX.utils.aoa_to_sheet(doubled);
    book.Workbook!.Sheets!.unshift({ name: '旧版收入总表', Hidden: 1 });
    const hidden = save('hidden.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
    for (const to of ['ods', 'xls']) execFileSync('soffice', [profile, '--headless', '--convert-to', to, '--outdir', join(dir, 'lo'), hidden], { stdio: 'ignore', timeout: 240_000 });
    for (const file of [hidden, join(dir, 'lo', 'hidden.ods'), join(dir, 'lo', 'hidden.xls')]) {
      const result = await read(file);
      expect(result.plan.sheetsSkipped, file).toEqual([{ sheet: '旧版收入总表', reason: expect.stringContaining('隐藏的工作表，未读取') }]);
      expect(result.plan.tables.find((t) => t.tableId === 't02')!.sheets).toEqual(['部门预算收入总表']);
      expect(result.content.cells, file).toEqual(seed.content.cells);
    }
  }, 300_000);

  it('hidden rows are read: their figures are in the totals the sheet prints, as Excel sums them', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seedFile);
    const ws = wb.getWorksheet('部门预算支出总表')!;
    let hid = 0;
    ws.eachRow((row) => {
      if (String(row.getCell(2).value ?? '') !== '2080501') return;
      row.hidden = true;
      hid++;
    });
    expect(hid).toBe(1);
    const file = join(dir, 'hidden-row.xlsx');
    await wb.xlsx.writeFile(file);
    const result = await read(file);
    expect(result.content.cells).toEqual(seed.content.cells);
    expect(Object.keys(result.content.cells).some((k) => k.startsWith('t03!2080501!'))).toBe(true);
    expect(result.plan.differences).toEqual([]);
  });

  it('a sheet protected with a password (editing locked, not the file) reads as usual', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seedFile);
    for (const ws of wb.worksheets) await ws.protect('123456', { spinCount: 1000 });
    const file = join(dir, 'protected.xlsx');
    await wb.xlsx.writeFile(file);
    expect((await read(file)).content.cells).toEqual(seed.content.cells);
  });

  it('a table in 元 among tables in 万元 is converted exactly, and the plan says so for that table', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seedFile);
    const ws = wb.getWorksheet('部门预算支出总表')!;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        const value = v && typeof v === 'object' && 'result' in v ? v.result : v;
        if (typeof value === 'string' && value.includes('单位：万元')) cell.value = value.replace('单位：万元', '单位：元');
        // Yuan with cents, exactly as typed: 409.3 万元 is 4,093,000.00 元 (no float product).
        else if (typeof value === 'number') cell.value = Number((BigInt(Math.round(value * 1e6)) / 100n).toString());
      }),
    );
    const file = join(dir, 'yuan.xlsx');
    await wb.xlsx.writeFile(file);
    const result = await read(file);
    expect(result.content.cells).toEqual(seed.content.cells);
    expect(result.plan.tables.filter((t) => t.convertedFrom).map((t) => [t.tableId, t.convertedFrom])).toEqual([['t03', '元']]);
    expect(result.plan.unitOfMeasure).toBe('万元');
  });
});

describe('files that cannot be read are refused with what to do', () => {
  it('too many rows or cells, counted in a binary sheet’s records and a text workbook’s rows, whatever the file declares', () => {
    const small = { ...DEFAULT_LIMITS, maxSheetRows: 20, maxSheetCells: 100 };
    const book = seedBook();
    for (const bookType of ['xlsb', 'xlml', 'html'] as const) {
      const bytes = Buffer.from(XLSX.write(book, { type: 'buffer', bookType, sheet: '部门预算支出总表' }) as Buffer);
      expect(() => inspectWorkbookBytes(bytes, small, 'big.xls'), bookType).toThrow(/超过 20 行|超过 100 个单元格/);
      expect(inspectWorkbookBytes(bytes, DEFAULT_LIMITS, 'big.xls').format, bookType).toBe(bookType === 'xlml' ? 'xml' : bookType);
    }
  });

  it('a workbook with an open password (as Excel and WPS encrypt it)', async () => {
    const file = join(dir, 'locked.xlsx');
    copyFileSync(resolve(import.meta.dirname, '__fixtures__', 'encrypted-password-123456.xlsx'), file);
    await expectRefused(file, 'encrypted', /设置了打开密码.*取消密码后另存/);
  });

  it('an .xls with an open password (a FILEPASS record after its BOF)', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['部门预算支出总表'], ['科目编码', '科目名称', '合计'], ['2010301', '行政运行', 100]]), '表3');
    const cfb = XLSX.CFB.read(XLSX.write(book, { bookType: 'biff8', type: 'buffer' }), { type: 'buffer' });
    const entry = XLSX.CFB.find(cfb, 'Workbook')!;
    const stream = Buffer.from(entry.content as Uint8Array);
    const bofEnd = 4 + stream.readUInt16LE(2);
    // RC4 encryption: type 1, version 1.1, then salt, verifier and its hash (16 bytes each).
    const filePass = Buffer.alloc(4 + 6 + 48);
    filePass.writeUInt16LE(0x2f, 0);
    filePass.writeUInt16LE(54, 2);
    filePass.writeUInt16LE(1, 4);
    filePass.writeUInt16LE(1, 6);
    filePass.writeUInt16LE(1, 8);
    entry.content = Buffer.concat([stream.subarray(0, bofEnd), filePass, stream.subarray(bofEnd)]);
    entry.size = entry.content.length;
    await expectRefused(save('locked.xls', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer), 'encrypted', /设置了打开密码/);
  });

  it('Excel 5.0/95 (BIFF5): its text is in an old code page, so it is refused rather than misread', async () => {
    await expectRefused(save('excel95.xls', XLSX.write(seedBook(), { type: 'buffer', bookType: 'biff5' })), 'legacy-xls', /Excel 5\.0\/95.*另存为 \.xlsx/);
  });

  it('not a spreadsheet, whatever its name: prose, a Word document, a page without a table', async () => {
    await expectRefused(save('notes.xls', '这是一段说明文字，没有表格。\n第二行。\n'), 'not-xlsx', /不是 Excel 工作簿或其他电子表格（支持 .*\.xlsb.*\.et/);
    const docx = XLSX.CFB.utils.cfb_new({ type: 'zip' } as never);
    XLSX.CFB.utils.cfb_add(docx, '[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>'));
    XLSX.CFB.utils.cfb_add(docx, 'word/document.xml', Buffer.from('<?xml version="1.0"?><document/>'));
    await expectRefused(save('report.xlsx', XLSX.CFB.write(docx, { fileType: 'zip', type: 'buffer' } as never) as Buffer), 'not-xlsx', /这是 Word 文档/);
    await expectRefused(save('page.xls', '<html><body><p>预算说明</p></body></html>'), 'not-xlsx', /不是 Excel 工作簿/);
  });
});
