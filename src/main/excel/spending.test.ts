import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { TOTAL_ROW, type DraftContent } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { FUNDS, SPENDING_KINDS } from '../../shared/regions/hebei-2024/template';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from './export';
import { importWorkbookFile } from './import';
import { blankCountsAs, matchOption, OPTION_RULE_ID } from './option-values';

/**
 * A project's 支出类别 in its 绩效目标表 sheet: printed in the header block, read back
 * tolerantly, so a 基本支出 project stays out of 项目支出 after export → import.
 */

const dictionaries = loadShippedDictionaries();
const template = getTemplate('hebei-2024');
const seed = getSeed('juluxian-2024');
let dir: string;

/** The seed with its first project in 基本支出, the second explicitly in 项目支出, the rest blank. */
const mixed: DraftContent = {
  rows: seed.content.rows,
  cells: { ...seed.content.cells, 'projects!p1!spending': '基本支出', 'projects!p2!spending': '项目支出' },
};
const category = (m: DraftModel, p: string) => m.text('projects', p, 'spending') || '项目支出';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-spending-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exported(content: DraftContent, name: string): Promise<string> {
  const file = join(dir, name);
  await exportWorkbook(new DraftModel(template, content), seed.meta, file, { dictionaries });
  return file;
}

/** The cell right of a label in a project's sheet (the sheet of the n-th project). */
function valueRightOf(wb: ExcelJS.Workbook, project: number, label: string): ExcelJS.Cell {
  const ws = wb.worksheets.find((w) => w.name.startsWith(`${project}、`))!;
  for (let r = 1; r <= 12; r++) for (let c = 1; c <= 7; c++) if (ws.getCell(r, c).value === label) return ws.getCell(r, c + 1);
  throw new Error(`${ws.name}: no ${label}`);
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('支出类别 in the 绩效目标表 sheet', () => {
  it('is printed in the header block beside 资金性质 (blank as 项目支出), the published layout kept', async () => {
    const wb = await load(await exported(mixed, 'print.xlsx'));
    const p1 = wb.worksheets.find((w) => w.name.startsWith('1、'))!;
    // Row 4 of the form: 功能分类科目编码 | code (B:C) | 资金性质 | fund | 支出类别 | category.
    expect([4, 6].map((c) => p1.getCell(4, c).value)).toEqual(['资金性质', '支出类别']);
    expect(p1.getCell(4, 7).value).toBe('基本支出');
    expect(p1.getCell(4, 6).font?.bold).toBe(true);
    expect(p1.getCell(4, 7).border?.right?.style).toBe('thin');
    expect(valueRightOf(wb, 2, '支出类别').value).toBe('项目支出');
    expect(valueRightOf(wb, 3, '支出类别').value).toBe('项目支出');
    // The rows the published document prints stay where they were.
    expect(p1.getCell(3, 1).value).toBe('项目编码');
    expect(p1.getCell(5, 1).value).toBe('预算数');
  });

  it('round trip: one 基本支出 and one 项目支出 project come back with their categories and the same 项目支出 totals', async () => {
    const before = new DraftModel(template, mixed);
    // The test can fail: the category moves money out of 项目支出.
    const allProject = new DraftModel(template, seed.content);
    expect(before.value('t03', TOTAL_ROW, 'project')).not.toBe(allProject.value('t03', TOTAL_ROW, 'project'));

    const { plan, content } = await importWorkbookFile(await exported(mixed, 'round.xlsx'), { dictionaries });
    expect(plan.findings.filter((f) => f.ruleId === OPTION_RULE_ID)).toEqual([]);
    expect(plan.differences).toEqual([]);
    const after = new DraftModel(template, content);
    expect(after.rows('projects')).toEqual(before.rows('projects'));
    for (const p of before.rows('projects')) if (p !== TOTAL_ROW) expect(category(after, p), p).toBe(category(before, p));
    expect(category(after, 'p1')).toBe('基本支出');
    expect(category(after, 'p2')).toBe('项目支出');
    // 项目支出 is what a blank counts as: kept blank, as the seed's own projects are.
    expect(content.cells['projects!p2!spending']).toBeUndefined();
    expect(content.cells['projects!p3!spending']).toBeUndefined();
    for (const key of before.numericKeys()) {
      if (key.startsWith('py!')) continue;
      expect(after.valueByKey(key), key).toBe(before.valueByKey(key));
    }
  });

  it('reads label and value variants, blank as 项目支出; an unknown value is a 强制 finding naming the project, and is not imported', async () => {
    const file = await exported(mixed, 'variants.xlsx');
    const wb = await load(file);
    const set = (project: number, label: string, newLabel: string, value: string | null) => {
      const cell = valueRightOf(wb, project, label);
      cell.worksheet.getCell(Number(cell.row), Number(cell.col) - 1).value = newLabel;
      cell.value = value;
    };
    set(1, '支出类别', '支出类型', ' 基本 ');
    set(2, '支出类别', '项目支出类别', '基本支出类');
    set(3, '支出类别', '支出类别', null);
    set(4, '支出类别', '支 出 类 别', '专项');
    const edited = join(dir, 'variants-edited.xlsx');
    await wb.xlsx.writeFile(edited);

    const { plan, content } = await importWorkbookFile(edited, { dictionaries });
    const model = new DraftModel(template, content);
    expect(['p1', 'p2', 'p3'].map((p) => category(model, p))).toEqual(['基本支出', '基本支出', '项目支出']);
    expect(content.cells['projects!p3!spending']).toBeUndefined();
    expect(content.cells['projects!p4!spending']).toBeUndefined();
    const option = plan.findings.filter((f) => f.ruleId === OPTION_RULE_ID);
    expect(option).toHaveLength(1);
    const name = model.text('projects', 'p4', 'name');
    expect(option[0]).toMatchObject({ severity: 'error', table: 'projects', cells: [{ table: 'projects', row: 'p4', col: 'spending' }], actual: '专项' });
    expect(option[0].message).toContain(`“${name}”`);
    expect(option[0].message).toContain('支出类别“专项”无法识别，应为“项目支出”或“基本支出”');
    expect(option[0].message).toContain('导入后按“项目支出”计算');
  });
});

describe('matchOption', () => {
  it('reads the options as people write them, and nothing else', () => {
    const spending = [...SPENDING_KINDS];
    const cases: Array<[string, string | null]> = [
      ['项目支出', '项目支出'],
      ['基本支出', '基本支出'],
      ['　基本支出 ', '基本支出'],
      ['基本', '基本支出'],
      ['基本支出类', '基本支出'],
      ['项目', '项目支出'],
      ['项目类', '项目支出'],
      ['专项', null],
      ['支出', null],
      ['', null],
    ];
    for (const [text, want] of cases) expect(matchOption(spending, text), text).toBe(want);
    const funds = [...FUNDS];
    expect(matchOption(funds, '一般公共预算资金')).toBe('一般公共预算');
    expect(matchOption(funds, '政府性基金')).toBe('政府性基金预算');
    expect(matchOption(funds, '国有资本经营预算拨款')).toBe('国有资本经营预算');
    expect(matchOption(funds, '财政拨款')).toBeNull();
  });

  it('a blank 支出类别 counts as 项目支出 (the template leaves out 基本支出); 资金性质 has no such default', () => {
    expect(blankCountsAs(template, 'projects', 'spending')).toBe('项目支出');
    expect(blankCountsAs(template, 'projects', 'fund')).toBeNull();
  });
});
