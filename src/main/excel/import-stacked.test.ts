import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from './export';
import { runCaptured } from '../test-support/cli';
import { stackSheets, type StackOptions } from '../test-support/stack-sheets';
import { importWorkbookFile, type ImportResult } from './import';
import { WorkbookFileError } from './guard';

/**
 * Workbooks that keep their tables in one worksheet, one under the other, each under its own
 * title (as some departments keep or publish them): made here from the seed's export and
 * from the 上海 templates by copying every sheet's cells under the one before, and read as
 * the tables they hold, each table placed by sheet and rows.
 */

const dictionaries = loadShippedDictionaries();
const DEPARTMENT = join(import.meta.dirname, '__fixtures__', 'shanghai', 'department-budget-template.xlsx');
let dir: string;
let seedFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-import-stacked-'));
  const seed = getSeed('juluxian-2024');
  seedFile = join(dir, 'seed.xlsx');
  await exportWorkbook(new DraftModel(getTemplate('hebei-2024'), seed.content), seed.meta, seedFile, { dictionaries });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => importWorkbookFile(file, { dictionaries });

/** Every sheet of `source` stacked into one sheet of a workbook in the test's folder. */
const stack = (source: string, name: string, options?: StackOptions) => stackSheets(source, join(dir, name), options).then(() => join(dir, name));

/** What an import gives a draft, and what it says of the workbook, without where it stands. */
function content(r: ImportResult) {
  return {
    unit: [r.plan.unitCode, r.plan.unitName, r.plan.year, r.plan.unitOfMeasure],
    cells: r.content.cells,
    narrative: r.narrative,
    tables: r.plan.tables.map((t) => [t.tableId, t.rows, t.cells, t.columns.map((c) => [c.header, c.colId])]),
    missing: r.plan.missingTables,
    differences: r.plan.differences,
    findings: r.plan.findings.map((f) => f.id).sort(),
    orphans: r.plan.orphans,
  };
}

describe('several tables in one sheet', () => {
  it('the seed stacked in one sheet reads back every figure and text the one-sheet-per-table export reads', async () => {
    const [one, stacked, numbered] = await Promise.all([read(seedFile), stack(seedFile, 'stacked.xlsx').then(read), stack(seedFile, 'numbered.xlsx', { gap: 1, numbered: true }).then(read)]);
    expect(Object.keys(one.content.cells).length).toBeGreaterThan(400);
    for (const r of [stacked, numbered]) {
      expect(content(r)).toEqual(content(one));
      expect(r.plan.sheetsSkipped).toEqual([]);
      // Nothing skipped but the notes under the tables (and the 表N line above each title).
      for (const t of r.plan.tables) for (const s of t.skipped) expect(s.reason, `${t.tableId} ${s.sheetRow}`).toBe('说明文字');
    }
    // Each table placed by the sheet and its rows; a row skipped is named by its row in the sheet.
    const places = stacked.plan.tables.map((t) => `${t.title}（${t.sheets.join('、')}）`);
    expect(places[0]).toBe('部门预算收支总表（Sheet1 第 1–39 行）');
    expect(places[1]).toBe('部门预算收入总表（Sheet1 第 42–64 行）');
    // One project form under each title: eight forms, placed in one sheet.
    expect(stacked.plan.tables.find((t) => t.tableId === 'projects')!.sheets).toEqual([expect.stringMatching(/^Sheet1 第 (\d+–\d+、){7}\d+–\d+ 行$/)]);
    expect(stacked.plan.tables.find((t) => t.tableId === 'projects')!.rows).toBe(8);
    const skippedOf = (r: ImportResult) => r.plan.tables.flatMap((t) => t.skipped.map((s) => [t.tableId, s.sheet, s.sheetRow]));
    const first = (r: ImportResult, tableId: string) => Number(/第 (\d+)–/.exec(r.plan.tables.find((t) => t.tableId === tableId)!.sheets[0])?.[1] ?? 1);
    expect(skippedOf(one).length).toBeGreaterThan(0);
    expect(skippedOf(stacked)).toEqual(skippedOf(one).map(([t, , row]) => [t, 'Sheet1', Number(row) + first(stacked, String(t)) - 1]));
  });

  it('the 上海 部门 template stacked in one sheet is read as 上海, every table found, every code row joined', async () => {
    const [one, stacked] = await Promise.all([read(DEPARTMENT), stack(DEPARTMENT, 'shanghai.xlsx').then(read)]);
    expect(stacked.plan.templateId).toBe('shanghai-2026-department');
    const ids = (r: ImportResult) => r.plan.tables.map((t) => t.tableId).sort();
    expect(ids(stacked)).toEqual(ids(one));
    expect(content(stacked)).toEqual(content(one));
    for (const t of stacked.plan.tables)
      expect(
        t.sheets.every((s) => /^Sheet1 第 [\d–、]+ 行$/.test(s)),
        t.sheets.join(),
      ).toBe(true);
  });
});

type Cell = ExcelJS.CellValue;

/** One sheet "Sheet1" of these rows (a row of one text is a title, merged over five columns as printed). */
async function write(name: string, rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((row, r) => {
    row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v));
    if (row.length === 1 && typeof row[0] === 'string' && row[0].endsWith('表')) ws.mergeCells(r + 1, 1, r + 1, 5);
  });
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const T05_TITLE = '部门预算一般公共预算财政拨款支出表';
const T06_TITLE = '部门预算一般公共预算财政拨款基本支出表';
const T07_TITLE = '部门预算政府性基金预算财政拨款支出表';
const T05_HEADER: Cell[][] = [['科目编码', '科目名称', '合计', '基本支出', '项目支出']];
const T06_HEADER: Cell[][] = [['科目编码', '科目名称', '合计', '人员经费', '公用经费']];

/** The entered cells of one table, names left out. */
function figures(result: ImportResult, table: string): Record<string, string> {
  return Object.fromEntries(Object.entries(result.content.cells).filter(([k]) => k.startsWith(`${table}!`) && !k.endsWith('!name')));
}

describe('tables of a sheet as a person reads them', () => {
  it.each([
    ['续表 on a line of its own', ['续表']],
    ['the title again', [T05_TITLE]],
    ['the title again, marked （续表）', [`${T05_TITLE}（续表）`]],
  ])('a table broken over pages (%s) is one table, and the next title begins the next one, in its own unit', async (_what, again) => {
    const rows: Cell[][] = [
      [T05_TITLE],
      ['435 巨鹿县行政审批局', null, '单位：万元'],
      ...T05_HEADER,
      ['201', '一般公共服务支出', 150, 150, null],
      ['20103', '政府办公厅（室）及相关机构事务', 150, 150, null],
      ['2010301', '行政运行', 100, 100, null],
      [null],
      again,
      ...T05_HEADER,
      ['2010302', '一般行政管理事务', 50, 50, null],
      ['合计', null, 150, 150, null],
      ['注：本表不含上年结转。'],
      [null],
      [null],
      ['表二'],
      [T06_TITLE],
      ['单位：元'],
      ...T06_HEADER,
      ['301', '工资福利支出', 800000, 800000, null],
      ['30101', '基本工资', 800000, 800000, null],
      ['合计', null, 800000, 800000, null],
    ];
    const result = await read(await write('continued.xlsx', rows));
    const { plan } = result;
    expect(plan.tables.map((t) => [t.tableId, t.sheets])).toEqual([
      ['t05', ['Sheet1 第 1–12 行']],
      // The table's number above its title is part of it.
      ['t06', ['Sheet1 第 15–21 行']],
    ]);
    expect(figures(result, 't05')).toEqual({ 't05!2010301!basic': '100', 't05!2010302!basic': '50' });
    expect(figures(result, 't06')).toEqual({ 't06!30101!personnel': '80' });
    expect(plan.tables[0].skipped.map((s) => [s.sheet, s.sheetRow, s.reason])).toEqual([
      ['Sheet1', 8, again[0] === '续表' ? '续表（接上页的表），不是表中的行' : '重复的表头'],
      ['Sheet1', 9, '重复的表头'],
      ['Sheet1', 12, '说明文字'],
    ]);
    expect(plan.tables[1].skipped).toEqual([]);
    expect(plan.sheetsSkipped).toEqual([]);
    expect(plan.differences).toEqual([]);
  });

  it('a table above the first title, without one of its own, is told by its header', async () => {
    const rows: Cell[][] = [
      ['附件：基本支出明细'],
      ['单位：万元'],
      ...T06_HEADER,
      ['301', '工资福利支出', 80, 80, null],
      ['30101', '基本工资', 80, 80, null],
      ['302', '商品和服务支出', 20, null, 20],
      ['30201', '办公费', 20, null, 20],
      ['合计', null, 100, 80, 20],
      [null],
      [T05_TITLE],
      ['单位：万元'],
      ...T05_HEADER,
      ['2010301', '行政运行', 100, 100, null],
    ];
    const result = await read(await write('untitled-first.xlsx', rows));
    expect(result.plan.tables.map((t) => [t.tableId, t.sheets])).toEqual([
      ['t06', ['Sheet1 第 1–8 行']],
      ['t05', ['Sheet1 第 10–13 行']],
    ]);
    expect(figures(result, 't06')).toEqual({ 't06!30101!personnel': '80', 't06!30201!public': '20' });
    expect(figures(result, 't05')).toEqual({ 't05!2010301!basic': '100' });
  });

  it('a table without a title between two titled ones is a table of its own, told by its header, never part of the table above', async () => {
    const rows: Cell[][] = [
      [T05_TITLE],
      ['单位：万元'],
      ...T05_HEADER,
      ['2010301', '行政运行', 100, 100, null],
      ['合计', null, 100, 100, null],
      [null],
      ['单位：万元'],
      ...T06_HEADER,
      ['301', '工资福利支出', 80, 80, null],
      ['30101', '基本工资', 80, 80, null],
      ['合计', null, 80, 80, null],
      [null],
      // A header that fits no table: skipped with the reason, its rows read into nothing.
      ['项目', '金额', '备注'],
      ['会议费', 5, '另行申请'],
      [null],
      [T07_TITLE],
      ['单位：万元'],
      ...T05_HEADER,
      ['合计', null, null, null, null],
      ['注：无政府基金预算财政拨款预算，空表列示。'],
    ];
    const result = await read(await write('untitled-between.xlsx', rows));
    expect(result.plan.tables.map((t) => [t.tableId, t.sheets])).toEqual([
      ['t05', ['Sheet1 第 1–5 行']],
      ['t06', ['Sheet1 第 7–11 行']],
      ['t07', ['Sheet1 第 16–20 行']],
    ]);
    expect(figures(result, 't05')).toEqual({ 't05!2010301!basic': '100' });
    expect(figures(result, 't06')).toEqual({ 't06!30101!personnel': '80' });
    // Nothing of the tables below is read into the one above.
    expect(result.plan.tables[0].skipped).toEqual([]);
    expect(result.plan.sheetsSkipped).toEqual([{ sheet: 'Sheet1 第 13–14 行', reason: expect.stringMatching(/没有表名.*表头也不像/) }]);
    expect(result.plan.differences).toEqual([]);
  });

  it('the same header again under a table is its page break, not a table without a title', async () => {
    const rows: Cell[][] = [
      [T05_TITLE],
      ['单位：万元'],
      ...T05_HEADER,
      ['2010301', '行政运行', 100, 100, null],
      [null],
      ...T05_HEADER,
      ['2010302', '一般行政管理事务', 50, 50, null],
      ['合计', null, 150, 150, null],
      [null],
      [T06_TITLE],
      ...T06_HEADER,
      ['30101', '基本工资', 80, 80, null],
    ];
    const result = await read(await write('header-again.xlsx', rows));
    expect(result.plan.tables.map((t) => [t.tableId, t.sheets])).toEqual([
      ['t05', ['Sheet1 第 1–8 行']],
      ['t06', ['Sheet1 第 10–12 行']],
    ]);
    expect(figures(result, 't05')).toEqual({ 't05!2010301!basic': '100', 't05!2010302!basic': '50' });
    expect(result.plan.sheetsSkipped).toEqual([]);
  });

  it('two tables side by side are not misread: the sheet is skipped with the reason', async () => {
    const rows: Cell[][] = [
      [T05_TITLE, null, null, null, null, null, T06_TITLE],
      ['单位：万元'],
      [...T05_HEADER[0], null, ...T06_HEADER[0]],
      ['2010301', '行政运行', 100, 100, null, null, '30101', '基本工资', 80, 80, null],
    ];
    const { plan } = await read(await write('side-by-side.xlsx', rows));
    expect(plan.tables).toEqual([]);
    expect(plan.sheetsSkipped).toEqual([{ sheet: 'Sheet1 第 1–4 行', reason: expect.stringContaining('左右并排在同一行，无法分开读取') }]);
  });

  it('a formula cell of a table further down the sheet is named by its own row', async () => {
    const rows = (basic: Cell): Cell[][] => [
      [T06_TITLE],
      ['单位：万元'],
      ...T06_HEADER,
      ['30101', '基本工资', 80, 80, null],
      [null],
      [T05_TITLE],
      ['单位：万元'],
      ...T05_HEADER,
      ['2010301', '行政运行', { formula: 'D9+E9', result: 120 }, basic, null],
    ];
    const stale = await read(await write('stale.xlsx', rows(100)));
    expect(stale.plan.differences).toContainEqual(expect.objectContaining({ table: 't05', stated: '120', computed: '100', formulaAt: 'Sheet1!C9' }));
    const missing = read(await write('no-result.xlsx', rows({ formula: 'C9-E9' } as ExcelJS.CellFormulaValue)));
    await expect(missing).rejects.toThrow(WorkbookFileError);
    await expect(missing).rejects.toThrow(/公式但没有保存计算结果：Sheet1!D9/);
  });

  it('read and check name each table by its sheet and rows', async () => {
    const file = await stack(seedFile, 'cli.xlsx');
    for (const command of ['read', 'check']) {
      const r = await runCaptured(command, file);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('部门预算收支总表（Sheet1 第 1–39 行）；部门预算收入总表（Sheet1 第 42–64 行）');
    }
    expect((await runCaptured('read', file)).out).toContain('【部门预算收入总表】（工作表：Sheet1 第 42–64 行；');
  });
});
