import * as XLSX from '@e965/xlsx';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDictionaries } from '../dictionary';
import { importWorkbookFile, unusableReason, type ImportResult } from './import';

/**
 * Workbooks as finance staff make them by hand, built here cell by cell with SheetJS and
 * written in every format a clerk receives: each shape the import must understand gives back
 * the same figures, and whatever is not a row of the table is skipped with a plain reason.
 */

const dictionaries = loadShippedDictionaries();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-import-shapes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Cell = string | number | null;
interface Sheet {
  name: string;
  rows: Cell[][];
  /** Merged ranges as A1 refs ("A4:B4"). */
  merges?: string[];
}

let n = 0;
function write(sheets: Sheet[], bookType: XLSX.BookType = 'xlsx', ext: string = bookType === 'biff8' ? 'xls' : bookType): string {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    ws['!merges'] = (s.merges ?? []).map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  const file = join(dir, `book-${++n}.${ext}`);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType }));
  return file;
}

const read = (file: string) => importWorkbookFile(file, { dictionaries });

/** The entered cells of one table, names left out. */
function figures(result: ImportResult, table: string): Record<string, string> {
  return Object.fromEntries(Object.entries(result.content.cells).filter(([k]) => k.startsWith(`${table}!`) && !k.endsWith('!name')));
}

function skippedOf(result: ImportResult): Array<{ sheetRow: number; reason: string }> {
  return result.plan.tables.flatMap((t) => t.skipped.map((s) => ({ sheetRow: s.sheetRow, reason: s.reason })));
}

// 一般公共预算财政拨款支出表 of a small department, in 万元.
const T05_FIGURES = { 't05!2010301!basic': '100', 't05!2010302!basic': '50' };
const T05_ROWS: Cell[][] = [
  ['201', '一般公共服务支出', 150, 150, null],
  ['20103', '政府办公厅（室）及相关机构事务', 150, 150, null],
  ['2010301', '行政运行', 100, 100, null],
  ['2010302', '一般行政管理事务', 50, 50, null],
];
const T05_HEADER: Cell[][] = [
  ['功能分类科目', null, '合计', '基本支出', '项目支出'],
  ['科目编码', '科目名称', null, null, null],
];
const T05_HEADER_MERGES = ['A1:B1', 'C1:C2', 'D1:D2', 'E1:E2'];

/** A t05 sheet: title, information line, header, rows (shifted down by the title rows). */
function t05Sheet(title: string, info: Cell[], rows: Cell[][] = [...T05_ROWS, ['合计', null, 150, 150, null]], name = 'Sheet1'): Sheet {
  const top: Cell[][] = [[title], info];
  const shift = (m: string) => m.replace(/\d+/g, (d) => String(Number(d) + top.length));
  return { name, rows: [...top, ...T05_HEADER, ...rows], merges: ['A1:E1', ...T05_HEADER_MERGES.map(shift)] };
}

describe('tables found as a person finds them', () => {
  it.each([
    ['year, unit name and 表N', '表5 2024年巨鹿县行政审批局部门预算一般公共预算财政拨款支出表'],
    ['a （草稿） suffix', '部门预算一般公共预算财政拨款支出表（草稿）'],
    ['a (修订稿) suffix after the year', '2024年度一般公共预算财政拨款支出表(修订稿)'],
    ['单位 wording', '单位预算一般公共预算财政拨款支出表'],
  ])('title with %s', async (_what, title) => {
    const result = await read(write([t05Sheet(title, ['单位：万元'])]));
    expect(result.plan.tables.map((t) => t.tableId)).toEqual(['t05']);
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(result.plan.differences).toEqual([]);
    expect(result.plan.findings).toEqual([]);
    expect(skippedOf(result)).toEqual([]);
  });

  it('an unusual title: the table is told by its header and rows', async () => {
    const rows: Cell[][] = [
      ['附件三：基本支出明细'],
      ['单位：万元'],
      ['科目编码', '科目名称', '合计', '人员经费', '公用经费'],
      ['301', '工资福利支出', 80, 80, null],
      ['30101', '基本工资', 80, 80, null],
      ['302', '商品和服务支出', 20, null, 20],
      ['30201', '办公费', 20, null, 20],
      ['合计', null, 100, 80, 20],
    ];
    const result = await read(write([{ name: '明细', rows }]));
    expect(result.plan.tables.map((t) => [t.tableId, t.sheets])).toEqual([['t06', ['明细']]]);
    expect(figures(result, 't06')).toEqual({ 't06!30101!personnel': '80', 't06!30201!public': '20' });
    expect(result.plan.differences).toEqual([]);
  });

  it('a header that fits several tables equally (表5, 表7 and 表8 share theirs) is not guessed', async () => {
    const result = await read(write([t05Sheet('附件三：财政拨款支出明细', ['单位：万元'], undefined, '明细')]));
    expect(result.plan.tables).toEqual([]);
    expect(result.plan.sheetsSkipped).toEqual([{ sheet: '明细', reason: expect.stringMatching(/表头与 .*都相符，无法确定是哪一张表/) }]);
  });

  it.each(['2023年部门一般公共预算财政拨款支出决算表', '一般公共预算财政拨款支出决算表（2023年度）', '2023年度部门决算收入支出决算总表'])(
    'a 决算 workbook (%s) is recognised as one and not read as a budget',
    async (title) => {
      const result = await read(write([t05Sheet(title, ['单位：万元'])]));
      expect(result.plan.finalAccounts).toBe(true);
      expect(result.plan.tables).toEqual([]);
      expect(unusableReason(result.plan)).toMatch(/决算/);
    },
  );

  it('nothing recognised: no table, and a reason that says so', async () => {
    const result = await read(write([{ name: '通讯录', rows: [['姓名', '电话'], ['张三', '123']] }]));
    expect(result.plan.tables).toEqual([]);
    expect(unusableReason(result.plan)).toMatch(/没有识别出任何预算表/);
  });
});

describe('headers, codes and rows', () => {
  it('a three-row header merged any way, with a 类 | 款 | 项 row under a merged code header and codes as numbers', async () => {
    const rows: Cell[][] = [
      ['部门预算一般公共预算财政拨款支出表'],
      ['编制单位：巨鹿县行政审批局', null, null, null, null, '金额单位：万元'],
      ['功能分类科目编码', null, null, '科目名称', '一般公共预算支出', null, null],
      [null, null, null, null, '合计', '基本支出', '项目支出'],
      ['类', '款', '项', null, null, null, null],
      [201, null, null, '一般公共服务支出', 150, 150, null],
      [201, '03', null, '政府办公厅（室）及相关机构事务', 150, 150, null],
      [201, '03', '01', '行政运行', 100, 100, null],
      ['201', '03', '02', '一般行政管理事务', 50, 50, null],
      ['合计', null, null, null, 150, 150, null],
    ];
    const merges = ['A1:G1', 'A3:C4', 'D3:D5', 'E3:G3', 'E4:E5', 'F4:F5', 'G4:G5'];
    const result = await read(write([{ name: '表5', rows, merges }]));
    expect(result.plan.unitName).toBe('巨鹿县行政审批局');
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(result.plan.differences).toEqual([]);
    expect(result.plan.findings).toEqual([]);
    expect(skippedOf(result)).toEqual([]);
  });

  it('a 款 that lost its leading zero ("2" for 02) is reported as a malformed code, never joined as 2012', async () => {
    const rows: Cell[][] = [
      ['部门预算一般公共预算财政拨款支出表'],
      ['单位：万元'],
      ['科目编码', null, null, '科目名称', '合计', '基本支出', '项目支出'],
      ['类', '款', '项', null, null, null, null],
      ['201', null, null, '一般公共服务支出', 150, 150, null],
      ['201', '03', null, '政府办公厅（室）及相关机构事务', 150, 150, null],
      ['201', '3', '1', '行政运行', 100, 100, null],
      ['201', '03', '02', '一般行政管理事务', 50, 50, null],
      ['合计', null, null, null, 150, 150, null],
    ];
    const result = await read(write([{ name: '表5', rows, merges: ['A3:C3'] }]));
    const skipped = skippedOf(result);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].sheetRow).toBe(7);
    expect(skipped[0].reason).toMatch(/科目编码有误/);
    expect(Object.keys(result.content.cells).some((k) => /!2013|!20131/.test(k))).toBe(false);
  });

  it('合计 at the top, in the name column; blank and extra columns; 序号', async () => {
    const rows: Cell[][] = [
      ['2024年部门预算一般公共预算财政拨款支出表'],
      [null, null, null, null, null, null, null, '单位：万元'],
      ['序号', '科目编码', null, '科目名称', '合计', '基本支出', '项目支出', '备注'],
      [null, null, null, '合计', 150, 150, null, null],
      [1, '201', null, '一般公共服务支出', 150, 150, null, null],
      [2, '20103', null, '政府办公厅（室）及相关机构事务', 150, 150, null, null],
      [3, '2010301', null, '行政运行', 100, 100, null, '人员'],
      [4, '2010302', null, '一般行政管理事务', 50, 50, null, null],
    ];
    const result = await read(write([{ name: '一般公共预算支出', rows }]));
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(result.plan.differences).toEqual([]);
    const columns = result.plan.tables[0].columns;
    expect(columns.find((c) => c.header === '备注')?.colId).toBeNull();
    expect(columns.find((c) => c.header === '序号')?.reason).toBe('序号列，不导入');
  });

  it('总计 at the bottom, codes and names in one cell of the name column', async () => {
    const rows: Cell[][] = [
      ['一般公共预算财政拨款支出表'],
      ['单位：万元'],
      ['科目名称', '合计', '基本支出', '项目支出'],
      ['201 一般公共服务支出', 150, 150, null],
      ['20103 政府办公厅（室）及相关机构事务', 150, 150, null],
      ['2010301 行政运行', 100, 100, null],
      ['2010302 一般行政管理事务', 50, 50, null],
      ['总计', 150, 150, null],
    ];
    const result = await read(write([{ name: 'Sheet1', rows }]));
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(result.plan.differences).toEqual([]);
    expect(skippedOf(result)).toEqual([]);
  });

  it('notes, signature lines, page numbers and the template’s … rows are skipped with plain reasons', async () => {
    const rows: Cell[][] = [
      ...T05_ROWS,
      ['……', '……', null, null, null],
      ['合计', null, 150, 150, null],
      ['注：本表反映一般公共预算财政拨款支出。'],
      ['单位负责人：', null, '财务负责人：', null, '制表人：'],
      ['第 1 页，共 1 页'],
    ];
    const result = await read(write([t05Sheet('部门预算一般公共预算财政拨款支出表', ['单位：万元'], rows)]));
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(skippedOf(result).map((s) => s.reason)).toEqual(['模板中的示意行（……），没有内容', '说明文字', '签字栏（负责人、制表人、日期等），不是表中的行', '页码']);
  });
});

describe('units of measure and the unit', () => {
  it.each([
    ['元', '编制单位：巨鹿县行政审批局　　2024年　　单位：元', 10000],
    ['千元', '预算主管部门：巨鹿县行政审批局　金额单位：千元', 10],
    ['万元', '单位名称：巨鹿县行政审批局　　　　（单位：万元）', 1],
  ])('%s declared anywhere in the information line: figures converted exactly to 万元', async (_unit, info, factor) => {
    const scaled = [...T05_ROWS, ['合计', null, 150, 150, null]].map((r) => r.map((v, i) => (i >= 2 && typeof v === 'number' ? v * factor : v)));
    const result = await read(write([t05Sheet('部门预算一般公共预算财政拨款支出表', [info], scaled)]));
    expect(result.plan.unitName).toBe('巨鹿县行政审批局');
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(result.plan.differences).toEqual([]);
  });

  it('元 with cents: 1,234,567.89 元 is 123.456789 万元, not rounded on the way in', async () => {
    const rows: Cell[][] = [
      ['2010301', '行政运行', 1234567.89, 1234567.89, null],
      ['合计', null, 1234567.89, 1234567.89, null],
    ];
    const result = await read(write([t05Sheet('部门预算一般公共预算财政拨款支出表', ['编制部门：巨鹿县行政审批局', null, '单位：元'], rows)]));
    expect(result.plan.unitName).toBe('巨鹿县行政审批局');
    expect(figures(result, 't05')).toEqual({ 't05!2010301!basic': '123.456789' });
  });
});

describe('every spreadsheet format a clerk receives', () => {
  const sheets = (): Sheet[] => [t05Sheet('表5 部门预算一般公共预算财政拨款支出表（草稿）', ['编制单位：巨鹿县行政审批局', null, '单位：元'], [...T05_ROWS, ['合计', null, 150, 150, null]].map((r) => r.map((v, i) => (i >= 2 && typeof v === 'number' ? v * 10000 : v))))];

  it.each([
    ['.xlsx', 'xlsx', 'xlsx'],
    ['.xls (Excel 97-2003)', 'biff8', 'xls'],
    ['WPS .et (BIFF8 inside)', 'biff8', 'et'],
    ['.ods', 'ods', 'ods'],
    ['.csv', 'csv', 'csv'],
  ] as const)('%s gives back the same figures', async (_name, bookType, ext) => {
    const result = await read(write(sheets(), bookType, ext));
    expect(result.plan.unitName).toBe('巨鹿县行政审批局');
    expect(result.plan.tables.map((t) => t.tableId)).toEqual(['t05']);
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
    expect(result.plan.differences).toEqual([]);
  });

  it('a GBK-encoded .csv, as Chinese Excel saves it', async () => {
    const csv = XLSX.utils.sheet_to_csv(XLSX.utils.aoa_to_sheet(sheets()[0].rows));
    const file = join(dir, 'gbk.csv');
    writeFileSync(file, encodeGbk(csv));
    const result = await read(file);
    expect(result.plan.unitName).toBe('巨鹿县行政审批局');
    expect(figures(result, 't05')).toEqual(T05_FIGURES);
  });
});

/** Text as GBK bytes (the encoder built from the platform's GBK decoder: Node encodes only UTF-8). */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  const out = Buffer.from(bytes);
  // Not valid UTF-8, so the reader has to fall back to GBK.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(out)).toThrow();
  return out;
}
