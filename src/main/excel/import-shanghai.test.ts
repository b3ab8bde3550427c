import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDictionaries } from '../dictionary';
import { importWorkbookFile, type ImportResult } from './import';

/**
 * The district's real 上海 templates (src/main/excel/__fixtures__/shanghai/), blank and with
 * figures typed into them as a clerk would: every table found, every code row joined from its
 * 类 | 款 | 项 cells, each table in its own unit (the “三公” table in 万元 among tables in 元),
 * every figure back, no false finding; the .xls sample reads like its .xlsx twin.
 */

const FIXTURES = join(import.meta.dirname, '__fixtures__', 'shanghai');
const DEPARTMENT = join(FIXTURES, 'department-budget-template.xlsx');
const UNIT = join(FIXTURES, 'unit-budget-template.xlsx');
const UNIT_XLS = join(FIXTURES, 'unit-budget-sample.xls');
const dictionaries = loadShippedDictionaries();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-import-shanghai-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => importWorkbookFile(file, { dictionaries });

/** Rows of each table by id as `code name` (or the row id), in sheet order. */
function rowsOf(result: ImportResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of result.workbook.tables) out[t.tableId] = t.rows.map((r) => (r.values.name ? `${r.rowId} ${r.values.name}` : r.rowId));
  return out;
}

describe('the blank 上海 templates', () => {
  it.each([
    ['部门', DEPARTMENT, 'shanghai-2026-department'],
    ['单位', UNIT, 'shanghai-2026-unit'],
    ['单位 .xls', UNIT_XLS, 'shanghai-2026-unit'],
  ])('%s: read as the 上海 pack of its scope, every table found, every code row joined', async (_name, file, pack) => {
    const result = await read(file);
    const { plan } = result;
    expect(plan.templateId).toBe(pack);
    expect(plan.year).toBe(2026);
    expect(plan.tables.map((t) => t.tableId).sort()).toEqual(
      ['basicEconomic', 'capitalSpending', 'fiscalSummary', 'fundSpending', 'generalSpending', 'income', 'narrative', 'spending', 'summary', 'threePublic'].sort(),
    );
    // The contents page lists the tables' titles: it is skipped as such, not read as one of them.
    if (pack === 'shanghai-2026-unit') expect(plan.sheetsSkipped.find((s) => s.sheet === '目录')?.reason).toBe('目录页');
    // The text sheets are found, but their sample text is not taken as written.
    const text = plan.tables.find((t) => t.tableId === 'narrative')!;
    expect(text.sheets).toContain(pack === 'shanghai-2026-unit' ? '单位机构设置' : '部门机构设置');
    // A text sheet read into the 情况说明 is not listed as a sheet left unread: only the cover and the contents are.
    expect(plan.sheetsSkipped.map((s) => s.sheet)).toEqual(['封面', '目录']);
    expect(text.rows).toBe(0);
    expect(text.skipped.length).toBeGreaterThan(0);
    for (const s of text.skipped) expect(s.reason, s.sheet).toBe('仍是模板的示例文字，未填写');
    const rows = rowsOf(result);
    expect(rows.generalSpending.slice(0, 3)).toEqual(['205 教育支出', '20502 普通教育', '2050205 高等教育']);
    expect(rows.fundSpending).toEqual(['229 其他支出', '22908 彩票发行销售机构业务费安排的支出', '2290804 福利彩票销售机构的业务费支出', 'total']);
    expect(rows.capitalSpending).toEqual(['223 国有资本经营预算支出', '22301 解决历史遗留问题及改革成本支出', '2230105 国有企业退休人员社会化管理补助支出', 'total']);
    expect(rows.basicEconomic).toEqual(['301 工资福利支出', '30101 基本工资', '303 对个人和家庭的补助', '30304 抚恤金', 'total']);
    if (pack === 'shanghai-2026-department') {
      for (const t of ['income', 'spending', 'generalSpending']) {
        expect(rows[t], t).toEqual(['205 教育支出', '20502 普通教育', '2050205 高等教育', '207 文化旅游体育与传媒支出', '20799 其他文化旅游体育与传媒支出', 'total']);
      }
    }
    // Nothing that holds a code is skipped: only the template's placeholder rows (…).
    for (const t of plan.tables.filter((t) => t !== text)) {
      for (const s of t.skipped) expect(s.reason, `${t.title} ${s.sheet} ${s.sheetRow}`).toBe('模板中的示意行（……），没有内容');
    }
    // The blank templates break no 强制 rule.
    expect(plan.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the .xls sample reads exactly like its .xlsx twin', async () => {
    const [xls, xlsx] = await Promise.all([read(UNIT_XLS), read(UNIT)]);
    const strip = (r: ImportResult) => ({ ...r.plan, file: '' });
    expect(strip(xls)).toEqual(strip(xlsx));
    expect(xls.content).toEqual(xlsx.content);
  });
});

// ---------------------------------------------------------------------------------------------
// A small budget typed into the templates (元; the “三公” table in 万元):
// 2050205 高等教育: income 财政拨款 800,000 + 事业收入 100,000; spending 基本 700,000 + 项目 200,000
//   (一般公共预算: 基本 600,000, 项目 200,000);
// 2080505 养老保险缴费: 财政拨款 80,000, 基本 80,000 (一般公共预算);
// 2290804 福利彩票销售机构的业务费: 财政拨款 30,000, 项目 30,000 (政府性基金预算);
// 基本支出 by economic code: 30101 400,000, 30108 80,000 (人员); 30201 150,000, 30217 10,000, 30231 40,000 (公用);
// “三公”: 接待 1.00 万元, 车辆运行 4.00 万元; 机关运行经费 20.00 万元.

type Line = Array<string | number | null>;

const FUNCTION_INCOME: Line[] = [
  ['205', null, null, '教育支出', 900000, 800000, 100000],
  ['205', '02', null, '普通教育', 900000, 800000, 100000],
  ['205', '02', '05', '高等教育', 900000, 800000, 100000],
  ['208', null, null, '社会保障和就业支出', 80000, 80000],
  ['208', '05', null, '行政事业单位养老支出', 80000, 80000],
  ['208', '05', '05', '机关事业单位基本养老保险缴费支出', 80000, 80000],
  ['229', null, null, '其他支出', 30000, 30000],
  ['229', '08', null, '彩票发行销售机构业务费安排的支出', 30000, 30000],
  ['229', '08', '04', '福利彩票销售机构的业务费支出', 30000, 30000],
];
const INCOME_TOTAL: Line = [1010000, 910000, 100000];

const FUNCTION_SPENDING: Line[] = [
  ['205', null, null, '教育支出', 900000, 700000, 200000],
  ['205', '02', null, '普通教育', 900000, 700000, 200000],
  ['205', '02', '05', '高等教育', 900000, 700000, 200000],
  ['208', null, null, '社会保障和就业支出', 80000, 80000, null],
  ['208', '05', null, '行政事业单位养老支出', 80000, 80000, null],
  ['208', '05', '05', '机关事业单位基本养老保险缴费支出', 80000, 80000, null],
  ['229', null, null, '其他支出', 30000, null, 30000],
  ['229', '08', null, '彩票发行销售机构业务费安排的支出', 30000, null, 30000],
  ['229', '08', '04', '福利彩票销售机构的业务费支出', 30000, null, 30000],
];
const SPENDING_TOTAL: Line = [1010000, 780000, 230000];

const GENERAL: Line[] = [
  ['205', null, null, '教育支出', 800000, 600000, 200000],
  ['205', '02', null, '普通教育', 800000, 600000, 200000],
  ['205', '02', '05', '高等教育', 800000, 600000, 200000],
  ['208', null, null, '社会保障和就业支出', 80000, 80000, null],
  ['208', '05', null, '行政事业单位养老支出', 80000, 80000, null],
  ['208', '05', '05', '机关事业单位基本养老保险缴费支出', 80000, 80000, null],
];
const GENERAL_TOTAL: Line = [880000, 680000, 200000];

const FUND: Line[] = FUNCTION_SPENDING.slice(6);
const FUND_TOTAL: Line = [30000, null, 30000];

const ECONOMIC: Line[] = [
  ['301', null, '工资福利支出', 480000, 480000, null],
  ['301', '01', '基本工资', 400000, 400000, null],
  ['301', '08', '机关事业单位基本养老保险缴费', 80000, 80000, null],
  ['302', null, '商品和服务支出', 200000, null, 200000],
  ['302', '01', '办公费', 150000, null, 150000],
  ['302', '17', '公务接待费', 10000, null, 10000],
  ['302', '31', '公务用车运行维护费', 40000, null, 40000],
];
const ECONOMIC_TOTAL: Line = [680000, 480000, 200000];

/** 合计, 出国, 接待, 车 小计, 购置, 运行, 机关运行经费 (万元). */
const THREE_PUBLIC: Line = [5, null, 1, 4, null, 4, 20];

const FISCAL_SUMMARY_LEFT: Line[] = [
  ['一、一般公共预算', 880000],
  ['二、政府性基金预算', 30000],
  ['三、国有资本经营预算', null],
];
/** 项目, 合计, 一般公共预算, 政府性基金预算, 国有资本经营预算. */
const FISCAL_SUMMARY_RIGHT: Line[] = [
  ['一、教育支出', 800000, 800000],
  ['二、社会保障和就业支出', 80000, 80000],
  ['三、其他支出', 30000, null, 30000],
];
const FISCAL_SUMMARY_TOTAL = { left: [910000], right: [910000, 880000, 30000, null] };

const SUMMARY_LEFT = (scope: 'unit' | 'department'): Line[] => {
  const n = scope === 'unit' ? (i: number) => `${i}、` : (i: number) => `${i}. `;
  return [
    ['一、财政拨款收入', 910000],
    [`${n(1)}一般公共预算`, 880000],
    [`${n(2)}政府性基金预算`, 30000],
    [`${n(3)}国有资本经营预算`, null],
    ['二、事业收入', 100000],
    ['三、事业单位经营收入', null],
    ['四、其他收入', null],
  ];
};
/** 单位: 合计, 人员经费, 公用经费, 项目支出; 部门: 预算数. */
const SUMMARY_RIGHT = (scope: 'unit' | 'department'): Line[] =>
  scope === 'unit'
    ? [
        ['一、教育支出', 900000, 500000, 200000, 200000],
        ['二、社会保障和就业支出', 80000, 80000, null, null],
        ['三、其他支出', 30000, null, null, 30000],
      ]
    : [
        ['一、教育支出', 900000],
        ['二、社会保障和就业支出', 80000],
        ['三、其他支出', 30000],
      ];
const SUMMARY_TOTAL = (scope: 'unit' | 'department') => ({ left: [1010000], right: scope === 'unit' ? [1010000, 580000, 200000, 230000] : [1010000] });

const text = (c: ExcelJS.Cell) => c.text.trim();

/** The first row from `from` on whose column A satisfies `test` (within the sheet). */
function findRow(ws: ExcelJS.Worksheet, from: number, test: (a: string) => boolean): number {
  for (let r = from; r <= Math.min(ws.rowCount, 100); r++) if (test(text(ws.getRow(r).getCell(1)))) return r;
  throw new Error(`${ws.name}: no such row`);
}

function sheetOf(wb: ExcelJS.Workbook, suffix: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name.trim().endsWith(suffix) && /^(部门|单位)/.test(w.name));
  if (!ws) throw new Error(`no sheet ending ${suffix}`);
  return ws;
}

function clearRows(ws: ExcelJS.Worksheet, from: number, to: number, cols: number): void {
  for (let r = from; r < to; r++) for (let c = 1; c <= cols; c++) ws.getRow(r).getCell(c).value = null;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, values: Line): void {
  values.forEach((v, i) => {
    if (v !== null) ws.getRow(row).getCell(col + i).value = v;
  });
}

/** A coded table: the placeholder rows replaced by `lines`, the 合计 row filled. */
function typeCoded(ws: ExcelJS.Worksheet, lines: Line[], total: Line): void {
  const header = findRow(ws, 1, (a) => a === '类');
  const totalRow = findRow(ws, header + 1, (a) => a === '合计');
  const width = lines[0].length;
  clearRows(ws, header + 1, totalRow, width);
  lines.forEach((line, i) => put(ws, header + 1 + i, 1, line));
  const first = lines[0].findIndex((v) => typeof v === 'number');
  put(ws, totalRow, first + 1, total);
}

/** A side-by-side table (收支总表): labels and amounts on the left from column A, on the right from column C. */
function typeSides(ws: ExcelJS.Worksheet, left: Line[], right: Line[], total: { left: Line; right: Line }): void {
  const first = findRow(ws, 1, (a) => a.startsWith('一、'));
  const totalRow = findRow(ws, first + 1, (a) => a === '收入总计');
  clearRows(ws, first, totalRow, 8);
  left.forEach((line, i) => put(ws, first + i, 1, line));
  right.forEach((line, i) => put(ws, first + i, 3, line));
  put(ws, totalRow, 2, total.left);
  put(ws, totalRow, 4, total.right);
}

async function typeBudget(template: string, scope: 'unit' | 'department', out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  typeSides(sheetOf(wb, '收支总表'), SUMMARY_LEFT(scope), SUMMARY_RIGHT(scope), SUMMARY_TOTAL(scope));
  typeCoded(sheetOf(wb, '收入总表'), FUNCTION_INCOME, INCOME_TOTAL);
  typeCoded(sheetOf(wb, '支出总表'), FUNCTION_SPENDING, SPENDING_TOTAL);
  typeSides(sheetOf(wb, '财政拨款收支总表'), FISCAL_SUMMARY_LEFT, FISCAL_SUMMARY_RIGHT, FISCAL_SUMMARY_TOTAL);
  typeCoded(sheetOf(wb, '一般公共预算拨款表'), GENERAL, GENERAL_TOTAL);
  typeCoded(sheetOf(wb, '政府性基金拨款表'), FUND, FUND_TOTAL);
  const capital = sheetOf(wb, '国有资本经营预算拨款表');
  clearRows(capital, 9, 21, 7);
  typeCoded(sheetOf(wb, '一般公共预算拨款基本支出明细表'), ECONOMIC, ECONOMIC_TOTAL);
  const three = sheetOf(wb, '经费和机关运行费预算表');
  put(three, 7, 1, THREE_PUBLIC);
  await wb.xlsx.writeFile(out);
}

/** The entered cells the typed budget stands for (元; the “三公” table in 万元). */
function expectedCells(scope: 'unit' | 'department'): Record<string, string> {
  const cells: Record<string, string> = {};
  const leaf = (lines: Line[], table: string, cols: string[], codeParts: number) => {
    for (const line of lines) {
      const code = line.slice(0, codeParts).filter((p) => p !== null).join('');
      if (code.length !== (codeParts === 3 ? 7 : 5)) continue;
      cells[`${table}!${code}!name`] = String(line[codeParts]);
      line.slice(codeParts + 1).forEach((v, i) => {
        if (typeof v === 'number' && cols[i]) cells[`${table}!${code}!${cols[i]}`] = String(v);
      });
    }
  };
  leaf(FUNCTION_INCOME, 'income', ['', 'fiscal', 'business'], 3);
  leaf(FUNCTION_SPENDING, 'spending', ['', 'basic', 'project'], 3);
  leaf(GENERAL, 'generalSpending', ['', 'basic', 'project'], 3);
  leaf(FUND, 'fundSpending', ['', 'basic', 'project'], 3);
  leaf(ECONOMIC, 'basicEconomic', ['', 'personnel', 'public'], 2);
  if (scope === 'unit') {
    Object.assign(cells, { 'summary!c205!outPersonnel': '500000', 'summary!c205!outPublic': '200000', 'summary!c208!outPersonnel': '80000' });
  }
  Object.assign(cells, { 'threePublic!amount!reception': '1', 'threePublic!amount!vehicleRunning': '4', 'threePublic!amount!operatingCost': '20' });
  return cells;
}

describe('the 上海 templates with a budget typed in', () => {
  it.each([
    ['单位', UNIT, 'unit' as const, 'shanghai-2026-unit'],
    ['部门', DEPARTMENT, 'department' as const, 'shanghai-2026-department'],
  ])('%s: every figure back (the “三公” table in 万元, the rest in 元), totals as printed, no finding', async (_name, template, scope, pack) => {
    const file = join(dir, `${scope}-typed.xlsx`);
    await typeBudget(template, scope, file);
    const { plan, content } = await read(file);
    expect(plan.templateId).toBe(pack);
    // Nine tables and the text sheets, still the template's sample text: the 主要职能 (and a
    // unit's 内设机构), words only the clerk can write, are said to be missing, as a 提示.
    expect(plan.tables).toHaveLength(10);
    expect(plan.differences).toEqual([]);
    expect(plan.findings.map((f) => [f.ruleId, f.severity])).toEqual([['r16-text-lead-missing', 'warning']]);
    const cells = Object.fromEntries(Object.entries(content.cells).filter(([k]) => !k.startsWith('narrative!')));
    expect(cells).toEqual(expectedCells(scope));
    for (const t of plan.tables) if (t.tableId !== 'narrative') expect(t.skipped, t.title).toEqual([]);
  });

  it('a district’s 2025 部门 workbook, titles worded its own way (2025年财政拨款收支总表, one only another region’s pack knows): read as 上海 for 2025, every table found, the same figures, no finding', async () => {
    const typed = join(dir, 'department-2026.xlsx');
    await typeBudget(DEPARTMENT, 'department', typed);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(typed);
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && cell.value.includes('2026')) cell.value = cell.value.replaceAll('2026', '2025');
        }),
      );
    const fiscal = sheetOf(wb, '财政拨款收支总表');
    fiscal.getRow(findRow(fiscal, 1, (a) => a.includes('财政拨款收支预算总表'))).getCell(1).value = '2025年财政拨款收支总表';
    // A wording 上海's pack does not know, known as another region's (河北's table 6): told by its header.
    const economic = sheetOf(wb, '一般公共预算拨款基本支出明细表');
    economic.getRow(findRow(economic, 1, (a) => a.includes('经济分类预算表'))).getCell(1).value = '2025年一般公共预算财政拨款基本支出表';
    const file = join(dir, 'department-2025.xlsx');
    await wb.xlsx.writeFile(file);
    const [asTyped, variant] = await Promise.all([read(typed), read(file)]);
    expect(variant.plan.templateId).toBe('shanghai-2026-department');
    expect(variant.plan.year).toBe(2025);
    expect(variant.template.year).toBe(2025);
    expect(variant.plan.tables.map((t) => [t.tableId, t.sheets])).toEqual(asTyped.plan.tables.map((t) => [t.tableId, t.sheets]));
    expect(variant.plan.sheetsSkipped).toEqual(asTyped.plan.sheetsSkipped);
    expect(variant.plan.differences).toEqual([]);
    // The text sheets no longer read as the blank template's (their years changed), so the
    // text is checked: its placeholders (XX, 增加(减少)) and its “比2025年” are reported there.
    expect(variant.plan.findings.filter((f) => !f.cells.every((c) => c.table === 'narrative'))).toEqual([]);
    expect(variant.plan.findings.map((f) => f.message).join()).toMatch(/未替换的占位文字.*比较的应是上年（2024年）/);
    const figures = Object.fromEntries(Object.entries(variant.content.cells).filter(([k]) => !k.startsWith('narrative!')));
    expect(figures).toEqual(expectedCells('department'));
  });

  it('the same workbook saved as .xls (Excel 97-2003) reads exactly like the .xlsx', async () => {
    const xlsx = join(dir, 'unit-typed.xlsx');
    await typeBudget(UNIT, 'unit', xlsx);
    const xls = join(dir, 'unit-typed.xls');
    const wb = XLSX.read(readFileSync(xlsx), { type: 'buffer', cellStyles: true });
    writeFileSync(xls, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }));
    expect(readFileSync(xls).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    const [a, b] = await Promise.all([read(xlsx), read(xls)]);
    // SheetJS's BIFF8 writer cuts a string at 255 characters, so the long sample paragraphs of
    // the text sheets differ in the .xls written here (real .xls files keep them: see the sample
    // above); the tables, their figures and the table findings must be the same.
    const tablesOnly = (r: ImportResult) => ({
      ...r.plan,
      file: '',
      tables: r.plan.tables.filter((t) => t.tableId !== 'narrative'),
      findings: r.plan.findings.filter((f) => !f.cells.every((c) => c.table === 'narrative')),
    });
    expect(tablesOnly(b)).toEqual(tablesOnly(a));
    const figures = (r: ImportResult) => Object.fromEntries(Object.entries(r.content.cells).filter(([k]) => !k.startsWith('narrative!')));
    expect(figures(b)).toEqual(figures(a));
    expect(b.content.rows).toEqual(a.content.rows);
  });

  it('a total typed wrong is reported at its cell, in the unit of its table', async () => {
    const file = join(dir, 'unit-wrong.xlsx');
    await typeBudget(UNIT, 'unit', file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // 公务接待费 2 万元, the “三公” 合计 left at 5 万元; the 收入总表 合计 one 元 short.
    sheetOf(wb, '经费和机关运行费预算表').getCell('C7').value = 2;
    sheetOf(wb, '收入总表').getCell('E20').value = 1009999;
    await wb.xlsx.writeFile(file);
    const { plan } = await read(file);
    expect(plan.differences).toEqual([
      expect.objectContaining({ table: 'income', row: 'total', col: 'total', stated: '1009999', computed: '1010000' }),
      expect.objectContaining({ table: 'threePublic', row: 'amount', col: 'total', stated: '5', computed: '6' }),
    ]);
  });
});
