import ExcelJS from 'exceljs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedSeedFolder, runCaptured } from '../test-support/cli';

/**
 * `check` of a workbook read as the budget: every table and every section of the text its
 * pack publishes is there, and the notes under its tables say what is so (issue 17). The
 * seed's own workbook and the 上海 blank templates hold everything; each case takes one part
 * away, or puts one note wrong, and gets exactly the finding naming it.
 */

const seed = exportedSeedFolder('bd-cli-presence-');
const shanghaiDepartment = resolve(__dirname, '../excel/__fixtures__/shanghai/department-budget-template.xlsx');

interface CheckedFinding {
  rule: string;
  severity: string;
  table: string;
  message: string;
}

async function check(file: string): Promise<{ code: number; findings: CheckedFinding[]; missingTables: string[] }> {
  const { code, out } = await runCaptured('check', file, '--json');
  const [report] = JSON.parse(out) as Array<{ findings: CheckedFinding[]; coverage: { missingTables: string[] } }>;
  const findings = report.findings.map(({ rule, severity, table, message }) => ({ rule, severity, table, message }));
  return { code, findings, missingTables: report.coverage.missingTables };
}

const presence = (findings: CheckedFinding[]) => findings.filter((f) => f.rule.startsWith('book-'));
const notes = (findings: CheckedFinding[]) => findings.filter((f) => f.rule === 'book-table-note');

/** Rows of 表7 with figures: 212 / 21201 / 2120101 and the 合计, 3.00 万元 of 基本支出 each. */
const FUND_FIGURES = [
  [1, '212', '城乡社区支出', 3, 3, null],
  [2, '21201', '城乡社区管理事务', 3, 3, null],
  [3, '2120101', '行政运行', 3, 3, null],
  ['', '合计', '', 3, 3, null],
];

/** The seed's 表7 sheet (empty: its note says so), changed. */
const onFundTable = (change: (ws: ExcelJS.Worksheet, noteRow: number) => void) => (wb: ExcelJS.Workbook) => {
  const ws = wb.worksheets.find((w) => w.name.includes('政府性基金预算财政拨款支出表'))!;
  let noteRow = 0;
  ws.eachRow((row, n) => {
    if (/^注：/.test(String(row.getCell(1).value ?? ''))) noteRow = n;
  });
  expect(noteRow).toBeGreaterThan(0);
  change(ws, noteRow);
};

/** A copy of a workbook with some sheets removed, or changed. */
async function edited(from: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  change(wb);
  const file = join(seed.dir, `edited-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

const withoutSheets = (names: RegExp) => (wb: ExcelJS.Workbook) => {
  for (const ws of wb.worksheets.filter((w) => names.test(w.name))) wb.removeWorksheet(ws.id);
};

/** The one 强制 finding of a section the workbook lacks, as `check` reports it. */
const sectionMissing = (table: string, what: string) => ({
  rule: 'book-section-missing',
  severity: '强制',
  table,
  message: `${what}：公开的预算须包含这一节说明（没有相应事项的，写明“无”）。`,
});

describe('the 河北 seed workbook', () => {
  it('holds every table and section: no finding', async () => {
    const r = await check(seed.seedFile);
    expect(r.code).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('without its 表8 sheet: exactly one finding naming the table (the whole workbook above has none)', async () => {
    const r = await check(await edited(seed.seedFile, withoutSheets(/国有资本经营预算财政拨款支出表/)));
    expect(r.findings).toEqual([
      {
        rule: 'book-table-missing',
        severity: '强制',
        table: '部门预算国有资本经营预算财政拨款支出表',
        message: '工作簿中没有表8“部门预算国有资本经营预算财政拨款支出表”：公开的预算须包含这张表（没有数字的表也须列出，注明空表）。',
      },
    ]);
    expect(r.code).toBe(1);
    expect(r.missingTables).toEqual(['部门预算国有资本经营预算财政拨款支出表']);
  });

  it('its 情况说明 without the section 八: one finding naming the section', async () => {
    const file = await edited(seed.seedFile, (wb) => {
      const ws = wb.worksheets.find((w) => w.name.includes('情况说明'))!;
      let at = 0;
      ws.eachRow((row, n) => {
        if (/^八、/.test(String(row.getCell(1).value ?? ''))) at = n;
      });
      expect(at).toBeGreaterThan(0);
      ws.spliceRows(at, 1);
    });
    const r = await check(file);
    expect(presence(r.findings)).toEqual([sectionMissing('情况说明', '情况说明中没有“八、政府采购预算情况”一节')]);
  });

  it('without its 情况说明 sheet: one finding for the whole text', async () => {
    const r = await check(await edited(seed.seedFile, withoutSheets(/情况说明/)));
    const found = presence(r.findings);
    expect(found.map((f) => f.rule)).toEqual(['book-section-missing']);
    expect(found[0].message).toMatch(/^工作簿中没有情况说明（“一、部门职责及机构设置情况”、.*“十一、其他需要说明的事项”）：公开的预算须包含这些说明。$/);
  });

  it('an extract of two tables is checked on what it holds: what it lacks is coverage, not findings', async () => {
    const r = await check(await edited(seed.seedFile, withoutSheets(/^(?!.*(一般公共预算财政拨款支出表|基本支出表)).*$/)));
    expect(presence(r.findings)).toEqual([]);
    expect(r.missingTables.length).toBeGreaterThan(5);
  });
});

describe('the 上海 部门 blank template', () => {
  it('holds every table and section (sample text is a section not written yet, not a missing one)', async () => {
    const r = await check(shanghaiDepartment);
    expect(presence(r.findings)).toEqual([]);
    expect(r.findings.filter((f) => f.severity === '强制')).toEqual([]);
  });

  it('without its 项目经费情况说明 sheet: one finding naming the sheet and the section', async () => {
    const r = await check(await edited(shanghaiDepartment, withoutSheets(/^项目经费情况说明$/)));
    expect(presence(r.findings)).toEqual([sectionMissing('部门预算说明', '工作簿中没有“项目经费情况说明”工作表')]);
  });
});

describe('the notes under the tables of the 河北 seed workbook', () => {
  it('表7 carrying 表8’s empty-table note: one finding naming both tables and the right note', async () => {
    const file = await edited(
      seed.seedFile,
      onFundTable((ws, at) => {
        ws.getCell(at, 1).value = '注：无国有资本经营预算财政拨款预算，空表列示。';
      }),
    );
    const r = await check(file);
    expect(r.findings).toEqual([
      {
        rule: 'book-table-note',
        severity: '强制',
        table: '部门预算政府性基金预算财政拨款支出表',
        message:
          '表7“部门预算政府性基金预算财政拨款支出表”（工作表“部门预算政府性基金预算财政拨款支出表”第 6 行）的注“无国有资本经营预算财政拨款预算，空表列示”说的是表8“部门预算国有资本经营预算财政拨款支出表”，不是这张表：本表为空时应注“无政府基金预算财政拨款预算，空表列示”。',
      },
    ]);
  });

  it('表7 with figures under its 空表 note: one note finding naming the total (the figures’ own findings aside)', async () => {
    const file = await edited(
      seed.seedFile,
      onFundTable((ws, at) => {
        ws.spliceRows(at, 0, ...FUND_FIGURES);
      }),
    );
    const r = await check(file);
    expect(notes(r.findings)).toEqual([
      {
        rule: 'book-table-note',
        severity: '强制',
        table: '部门预算政府性基金预算财政拨款支出表',
        message: '表7“部门预算政府性基金预算财政拨款支出表”注明“无政府基金预算财政拨款预算，空表列示”，但该表合计行“合计”栏为 3.00 万元，不是空表：请删去这条注，或核对表中数字。',
      },
    ]);
  });

  it('the note taken away from the table with figures: no note finding', async () => {
    const file = await edited(
      seed.seedFile,
      onFundTable((ws, at) => {
        ws.spliceRows(at, 1, ...FUND_FIGURES);
      }),
    );
    expect(notes((await check(file)).findings)).toEqual([]);
  });
});
