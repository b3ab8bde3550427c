import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from './export';
import { inspectWorkbookBytes, WorkbookFileError } from './guard';
import { importWorkbookFile } from './import';
import { readGrids } from './read';

const dictionaries = loadShippedDictionaries();
const template = getTemplate('hebei-2024');
let dir: string;
let seedFile: string;
let seedModel: DraftModel;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-import-'));
  const seed = getSeed('juluxian-2024');
  seedModel = new DraftModel(template, seed.content);
  seedFile = join(dir, 'seed.xlsx');
  await exportWorkbook(seedModel, seed.meta, seedFile, { dictionaries });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('round trip: export of the seed, then import', () => {
  it('gives back every figure and every entered text, with nothing skipped but notes', async () => {
    const seed = getSeed('juluxian-2024');
    const { plan, content } = await importWorkbookFile(seedFile, { dictionaries });
    expect([plan.unitCode, plan.unitName, plan.year, plan.unitOfMeasure]).toEqual(['435', '巨鹿县行政审批局', 2024, '万元']);
    expect(plan.sheetsSkipped).toEqual([]);
    expect(plan.missingTables).toEqual([]);
    expect(plan.differences).toEqual([]);
    expect(plan.orphans).toEqual([]);
    for (const t of plan.tables) for (const s of t.skipped) expect(s.reason, `${t.tableId} ${s.sheet}!${s.sheetRow}`).toBe('说明文字');
    const back = new DraftModel(template, content);
    let compared = 0;
    for (const key of seedModel.numericKeys()) {
      if (key.startsWith('py!')) continue; // 上年对比 is not a published table
      expect(back.valueByKey(key), key).toBe(seedModel.valueByKey(key));
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
    for (const [key, value] of Object.entries(seed.content.cells)) {
      // The 情况说明 is printed as drafted text; a draft drafts its own (see plan.ts).
      if (key.startsWith('py!') || key.startsWith('narrative!')) continue;
      const [t, r, c] = key.split('!');
      expect(back.text(t, r, c), key).toBe(value);
    }
    // Last year's figures for a draft of the next year: this year's totals.
    expect(plan.prior['py!spendingTotal!prior']).toBe('525.8');
    expect(plan.prior['py!personnel!prior']).toBe('411.5');
    expect(plan.prior['py!public!prior']).toBe('46.8');
  });
});

/** A hand-made workbook of another region: other titles, 元, split codes, reordered columns, merges, junk. */
async function variantWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('封面');
  cover.getCell('A1').value = '2024年部门预算公开';

  const t2 = wb.addWorksheet('表2');
  t2.getCell('A1').value = ' 巨鹿县行政审批局 部门收入预算总表 ';
  t2.getCell('A2').value = '编制单位：巨鹿县行政审批局';
  t2.getCell('G2').value = '单位：元';
  // Header: 科目编码 over 类/款/项; 科目名称, 上年结转 and 合计 span both rows; 本年收入 over two, in another order.
  t2.mergeCells('A3:C3');
  t2.getCell('A3').value = '科目编码';
  ['类', '款', '项'].forEach((l, i) => (t2.getCell(4, i + 1).value = l));
  t2.mergeCells('D3:D4');
  t2.getCell('D3').value = '科目名称';
  t2.mergeCells('E3:E4');
  t2.getCell('E3').value = '上年结转';
  t2.mergeCells('F3:G3');
  t2.getCell('F3').value = '本年收入';
  t2.getCell('F4').value = '财政拨款收入';
  t2.getCell('G4').value = '小　计';
  t2.mergeCells('H3:H4');
  t2.getCell('H3').value = '合计';
  const rows2: Array<Array<string | number | null>> = [
    [null, null, null, '合计', null, 4582000, 4582000, 4582000],
    ['201', null, null, '一般公共服务支出', null, 4093000, 4093000, 4093000],
    [null, '03', null, '政府办公厅（室）及相关机构事务', null, 4093000, 4093000, 4093000],
    [null, null, '06', '  政务公开审批 ', null, 4093000, 4093000, 4093000],
    [],
    ['２０８', null, null, '社会保障和就业支出', null, 489000, 489000, 489000],
    [null, '05', null, '行政事业单位养老支出', null, 489000, 489000, 489000],
    [null, null, '01', '行政单位离退休', null, 29000, 29000, 29000],
    [null, null, '０５', '机关事业单位基本养老保险缴费支出', null, '４６００００．００', '460,000.00', 460000],
    ['制表人：张三'],
    ['注：本表金额单位为元。'],
  ];
  rows2.forEach((r, i) => r.forEach((v, c) => v !== null && (t2.getCell(5 + i, c + 1).value = v)));

  const t1 = wb.addWorksheet('表1');
  t1.getCell('A1').value = '部门财务收支预算总表';
  t1.getCell('A2').value = '单位：元';
  t1.mergeCells('A3:B3');
  t1.getCell('A3').value = '收入';
  t1.mergeCells('C3:D3');
  t1.getCell('C3').value = '支出';
  ['项 目', '金额', '项 目', '金额'].forEach((l, i) => (t1.getCell(4, i + 1).value = l));
  t1.addRow(['一、一般公共预算拨款收入', 4582000, '一、一般公共服务支出', 4093000]);
  t1.addRow([null, null, '八、社会保障和就业支出', 489000]);
  t1.addRow(['收入总计', 4582000, '支出总计', 4582000]);

  const t6 = wb.addWorksheet('表6');
  t6.getCell('A1').value = '一般公共预算基本支出部门预算经济分类预算表';
  t6.getCell('A2').value = '单位：元';
  ['公用经费', '科目名称', '人员经费', '科目编码', '合计'].forEach((l, i) => (t6.getCell(3, i + 1).value = l));
  t6.addRow([null, '合计', 3050000, null, 9999999]);
  t6.addRow([null, '工资福利支出', 2950000, 301, 2950000]);
  t6.addRow([null, '基本工资', 2950000, 30101, 2950000]);
  t6.addRow([100000, '办公费', null, 30201, 100000]);
  t6.addRow([null, '退休费', 100000, '30302', 100000]);
  // Another table with code and name in one cell, as some systems export them.
  const t5 = wb.addWorksheet('表5');
  t5.getCell('A1').value = '一般公共预算支出表';
  t5.getCell('C2').value = '单位：元';
  ['科目名称', '基本支出', '项目支出', '合计'].forEach((l, i) => (t5.getCell(3, i + 1).value = l));
  t5.addRow(['2010306 政务公开审批', 3418000, 675000, 4093000]);
  t5.addRow(['２０８０５０１　行政单位离退休', 21000, null, 21000]);
  // A project sheet laid out as the published document prints it.
  const p = wb.addWorksheet('项目1');
  p.getCell('A1').value = '1、工作经费绩效目标表';
  p.getCell('G2').value = '单位：万元';
  p.addRow(['项目编码', '13052924P00584011813B', null, '项目名称', '工作经费']);
  p.addRow(['预算规模及资金用途', '预算数', 20, '其中：财政 资金', 20, '其他资金', null]);
  p.addRow([null, '主要用于保障政务中心正常运转。']);
  p.mergeCells('A4:A5');
  p.mergeCells('B5:G5');
  p.addRow(['资金支出计划（%）', '3 月底', '6 月底', '10 月底', '12 月底']);
  p.addRow([null, '25%', '50%', '75%', '100%']);
  p.mergeCells('A6:A7');
  p.addRow(['绩效目标', '1.保障设备正常使用']);
  p.addRow([null, '2.保障办公区域正常运转']);
  p.mergeCells('A8:A9');
  p.addRow(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据']);
  p.addRow(['产出指标', '数量指标', '电费缴纳月数', '电费缴纳月数', '≥12 个月', '工作安排']);
  p.addRow([null, '质量指标', '断电率', '断电率', '≤5%', '工作安排']);
  p.mergeCells('A11:A12');
  p.addRow(['满意度指标', '服务对象满意度指标', '活动参与者满意度', '满意率', '≥96%', '问卷调查']);
  await wb.xlsx.writeFile(file);
}

describe('import of a hand-made variant workbook', () => {
  it('finds tables by other titles, columns by header text, codes split over 类/款/项, converts 元 to 万元 exactly', async () => {
    const file = join(dir, 'variant.xlsx');
    await variantWorkbook(file);
    const { plan, content, stated } = await importWorkbookFile(file, { dictionaries });
    expect(plan.unitOfMeasure).toBe('元');
    expect(plan.unitName).toBe('巨鹿县行政审批局');
    expect(plan.year).toBe(2024);
    expect(plan.sheetsSkipped.map((s) => s.sheet)).toEqual(['封面']);
    expect(plan.tables.map((t) => t.tableId).sort()).toEqual(['indicators', 'projects', 't01', 't02', 't05', 't06']);

    const t2 = plan.tables.find((t) => t.tableId === 't02')!;
    expect(t2.columns.map((c) => c.colId)).toEqual(['code:class', 'code:section', 'code:item', 'name', 'carryOver', 'fiscal', 'subtotal', 'total']);
    expect(t2.skipped.map((s) => [s.sheetRow, s.reason])).toEqual([
      [14, '签字栏（负责人、制表人、日期等），不是表中的行'],
      [15, '说明文字'],
    ]);
    expect(content.rows.t02).toEqual(['2010306', '2080501', '2080505']);
    expect(content.cells['t02!2010306!fiscal']).toBe('409.3');
    expect(content.cells['t02!2080501!fiscal']).toBe('2.9');
    expect(content.cells['t02!2080505!fiscal']).toBe('46');
    expect(content.cells['t02!2010306!name']).toBe('政务公开审批');
    // Derived columns are not entered; the stated totals are kept for the checks.
    expect(content.cells['t02!2010306!total']).toBeUndefined();
    expect(stated!.value('t02', 'total', 'total')).toBe(458_200_000);
    expect(stated!.value('t02', '208', 'subtotal')).toBe(48_900_000);

    // Table 1 of another region: 金额 for 预算数, read as stated (it is derived in a draft).
    expect(stated!.value('t01', 'c201', 'inAmount')).toBe(458_200_000);
    expect(stated!.value('t01', 'c208', 'outAmount')).toBe(48_900_000);
    expect(stated!.value('t01', 'grandTotal', 'outAmount')).toBe(458_200_000);

    // Table 6: columns in any order, codes as numbers; a wrong stated 合计 is reported, not hidden.
    expect(content.rows.t06).toEqual(['30101', '30201', '30302']);
    expect(content.cells['t06!30201!public']).toBe('10');
    expect(content.cells['t06!30302!personnel']).toBe('10');
    expect(plan.differences).toContainEqual({ table: 't06', row: 'total', rowName: '合计', col: 'total', stated: '999.9999', computed: '315' });

    expect(content.rows.t05).toEqual(['2010306', '2080501']);
    expect(content.cells['t05!2010306!name']).toBe('政务公开审批');
    expect(content.cells['t05!2010306!basic']).toBe('341.8');
    expect(content.cells['t05!2080501!name']).toBe('行政单位离退休');

    // The project sheet in the document's own layout: form labels wherever they stand, goals over rows, merged 一级指标.
    expect(content.rows.projects).toEqual(['p1']);
    const project = (col: string) => content.cells[`projects!p1!${col}`];
    expect([project('code'), project('name'), project('fiscal'), project('use')]).toEqual(['13052924P00584011813B', '工作经费', '20', '主要用于保障政务中心正常运转。']);
    expect([project('plan03'), project('plan06'), project('plan10'), project('plan12')]).toEqual(['25', '50', '75', '100']);
    expect(project('goals')).toBe('保障设备正常使用\n保障办公区域正常运转');
    expect(content.rows.indicators).toEqual(['p1i1', 'p1i2', 'p1i3']);
    // The document's layout has no 功能分类科目编码: the plan says the amount reaches no table.
    expect(plan.tables.find((t) => t.tableId === 'projects')!.skipped.map((s) => s.reason)).toEqual([
      expect.stringContaining('缺少“功能分类科目编码”'),
    ]);
    expect(content.cells['indicators!p1i2!level1']).toBe('产出指标');
    expect(content.cells['indicators!p1i2!value']).toBe('≤5%');
    expect(content.cells['indicators!p1i3!level2']).toBe('服务对象满意度指标');
  });
});

describe('checking a partial workbook', () => {
  it('项 rows alone imply their 类/款 and 合计; rules on tables the workbook lacks are left out', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表5');
    ws.getCell('A1').value = '部门预算一般公共预算财政拨款支出表';
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'].forEach((l, i) => (ws.getCell(2, i + 1).value = l));
    ws.addRow(['2010306', '政务公开审批', 341.8, 341.8, null]);
    ws.addRow(['2080505', '机关事业单位基本养老保险缴费支出', 46, 46, null]);
    const file = join(dir, 'partial.xlsx');
    await wb.xlsx.writeFile(file);
    const { plan, stated } = await importWorkbookFile(file, { dictionaries });
    expect(stated!.value('t05', '201', 'basic')).toBe(341_800_000);
    expect(stated!.value('t05', 'total', 'total')).toBe(387_800_000);
    expect(plan.findings).toEqual([]);
    expect(plan.rulesOnMissingTables + plan.findingsOnMissingTables).toBeGreaterThan(0);
    // A wrong 合计 printed beside its parts is still found.
    ws.getCell('C3').value = 340;
    await wb.xlsx.writeFile(file);
    const again = await importWorkbookFile(file, { dictionaries });
    expect(again.plan.findings.map((f) => f.table)).toContain('t05');
  });
});

describe('bad files get a clear message', () => {
  const expectBad = async (file: string, kind: WorkbookFileError['kind'], pattern: RegExp, limits?: Parameters<typeof importWorkbookFile>[1]['limits']) => {
    const err = await importWorkbookFile(file, { dictionaries, limits }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookFileError);
    expect((err as WorkbookFileError).kind).toBe(kind);
    expect((err as Error).message).toMatch(pattern);
    expect((err as Error).message).not.toMatch(/at .*\.ts|Error:/);
  };

  it('not an xlsx (text, empty, a zip without a workbook), a missing file', async () => {
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, '会议纪要：请各科室于周五前报送预算。\n');
    await expectBad(text, 'not-xlsx', /不是 Excel 工作簿/);
    const empty = join(dir, 'empty.xlsx');
    writeFileSync(empty, '');
    await expectBad(empty, 'empty', /空的/);
    await expectBad(join(dir, 'missing.xlsx'), 'not-xlsx', /文件不存在/);
  });

  it('encrypted (OLE compound file with an EncryptedPackage) and a damaged .xls', async () => {
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const encrypted = Buffer.from(cfb);
    Buffer.from('EncryptedPackage', 'utf16le').copy(encrypted, 1024);
    Buffer.from('EncryptionInfo', 'utf16le').copy(encrypted, 1152);
    const encFile = join(dir, 'locked.xlsx');
    writeFileSync(encFile, encrypted);
    await expectBad(encFile, 'encrypted', /加密/);
    const xls = Buffer.from(cfb);
    Buffer.from('Workbook', 'utf16le').copy(xls, 1024);
    const xlsFile = join(dir, 'old.xls');
    writeFileSync(xlsFile, xls);
    await expectBad(xlsFile, 'damaged', /已损坏.*\.xls/);
  });

  it('a damaged zip: truncated, or a corrupted directory', async () => {
    const bytes = readFileSync(seedFile);
    const truncated = join(dir, 'truncated.xlsx');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectBad(truncated, 'damaged', /损坏/);
    const corrupted = Buffer.from(bytes);
    const eocd = corrupted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const dirStart = corrupted.readUInt32LE(eocd + 16);
    corrupted.write('XXXX', dirStart + 100, 'latin1');
    corrupted.fill(0, dirStart, dirStart + 4);
    const corruptFile = join(dir, 'corrupt.xlsx');
    writeFileSync(corruptFile, corrupted);
    await expectBad(corruptFile, 'damaged', /损坏/);
  });

  it('an absurdly large sheet: by its declared dimension, or by its size, before loading it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('大表');
    ws.getCell('A1').value = '部门预算收入总表';
    ws.getCell('Z900000').value = 1;
    const huge = join(dir, 'huge.xlsx');
    await wb.xlsx.writeFile(huge);
    await expectBad(huge, 'too-large', /范围过大.*900,000 行/);
    const roomy = { maxSheetBytes: 1e9, maxTotalBytes: 1e9, maxSheetCells: 1e9, maxSheetRows: 1e9, maxSheets: 1e6 };
    await expectBad(seedFile, 'too-large', /过大/, { ...roomy, maxSheetBytes: 2000 });
    await expectBad(seedFile, 'too-large', /21 张工作表/, { ...roomy, maxSheets: 20 });
  });

  it('formulas without cached values: accepted where the app derives the cell, refused with the cells where an entered figure is missing', async () => {
    const make = async (name: string, basic: ExcelJS.CellValue) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('表5');
      ws.getCell('A1').value = '部门预算一般公共预算财政拨款支出表';
      ['科目编码', '科目名称', '合计', '基本支出', '项目支出'].forEach((l, i) => (ws.getCell(2, i + 1).value = l));
      // 项目支出 of table 5 comes from the projects: this workbook has none.
      ws.addRow(['2010306', '政务公开审批', { formula: 'D3+E3' } as ExcelJS.CellFormulaValue, basic, null]);
      const file = join(dir, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    // 合计 is derived: its missing result does not matter, the app computes it.
    const derivedOnly = await make('formula-total.xlsx', 341.8);
    const { content, stated } = await importWorkbookFile(derivedOnly, { dictionaries });
    expect(content.cells['t05!2010306!basic']).toBe('341.8');
    expect(stated!.value('t05', '2010306', 'total')).toBe(341_800_000);
    // 基本支出 is entered: a formula without its result leaves the figure unknown.
    const entered = await make('formula-entered.xlsx', { formula: 'F3*2' } as ExcelJS.CellFormulaValue);
    await expectBad(entered, 'formula', /公式但没有保存计算结果：表5!D3/);
  });

  it('a stale cached formula result is reported at its cell as a formula', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表5');
    ws.getCell('A1').value = '部门预算一般公共预算财政拨款支出表';
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'].forEach((l, i) => (ws.getCell(2, i + 1).value = l));
    ws.addRow(['2010306', '政务公开审批', { formula: 'D3+E3', result: 400 } as ExcelJS.CellFormulaValue, 341.8, null]);
    const file = join(dir, 'stale.xlsx');
    await wb.xlsx.writeFile(file);
    const { plan } = await importWorkbookFile(file, { dictionaries });
    const diff = plan.differences.find((d) => d.row === '2010306' && d.col === 'total');
    expect(diff).toMatchObject({ stated: '400', computed: '341.8', formulaAt: '表5!C3' });
    const finding = plan.findings.find((f) => f.cells.some((c) => c.row === '2010306' && c.col === 'total'));
    expect(finding?.message).toMatch(/表5!C3 是公式/);
  });

  it('formulas with cached values are read as their values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表5');
    ws.getCell('A1').value = '部门预算一般公共预算财政拨款支出表';
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'].forEach((l, i) => (ws.getCell(2, i + 1).value = l));
    ws.addRow(['2010306', '政务公开审批', { formula: 'D3+E3', result: 409.3 }, 341.8, 67.5]);
    const file = join(dir, 'cached.xlsx');
    await wb.xlsx.writeFile(file);
    const { stated, content } = await importWorkbookFile(file, { dictionaries });
    expect(stated!.value('t05', '2010306', 'total')).toBe(409_300_000);
    expect(content.cells['t05!2010306!basic']).toBe('341.8');
  });

  it('a workbook without formulas reads the same cells as one with a formula (empty cells are kept only to find formulas)', async () => {
    const copy = async (name: string, formula: boolean) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(seedFile);
      if (formula) wb.addWorksheet('公式').getCell('B2').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
      const file = join(dir, name);
      await wb.xlsx.writeFile(file);
      return readFileSync(file);
    };
    const plain = await copy('no-formula.xlsx', false);
    const withFormula = await copy('one-formula.xlsx', true);
    expect(inspectWorkbookBytes(plain).formulasWithoutResult).toBe(false);
    expect(inspectWorkbookBytes(withFormula).formulasWithoutResult).toBe(true);
    const grids = await readGrids(withFormula);
    expect(grids.pop()!.rows[1][1]).toEqual({ v: null, pct: undefined, formula: true });
    expect(await readGrids(plain)).toEqual(grids);
  });
});
