import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import type { Result } from '../../shared/api/common';
import type { ImportPlan } from '../../shared/api/excel';
import type { FindingsList } from '../../shared/api/validation';
import { writeDraftFile } from '../store/draft-file';
import { exportedSeedFolder, runCaptured } from '../test-support/cli';
import { ECHO, echoingWorkbook } from '../test-support/echoing-workbook';
import { removeDir, tempApp } from '../test-support/temp-app';

const root = resolve(__dirname, '../../..');
const folder = exportedSeedFolder('bd-cli-');

describe('budget-desk CLI', () => {
  it('check of the exported seed prints no finding and exits 0', async () => {
    const r = await runCaptured('check', folder.seedFile, '--json');
    expect(r.code, r.err).toBe(0);
    const [report] = JSON.parse(r.out);
    expect(report.findings).toEqual([]);
    expect(report.coverage.tablesFound.length).toBeGreaterThanOrEqual(9);
    expect(report.coverage.missingTables).toEqual([]);
    // Only rules on the 上年对比, which no workbook prints, are left out.
    for (const r of report.coverage.rulesNotRun) expect(r.missing).toEqual(['上年对比']);
    const text = (await runCaptured('check', folder.seedFile)).out;
    expect(text).toMatch(/在已运行的 \d+ 条规则中未发现问题/);
    expect(text).toContain('按模板：河北');
  });

  it('says what it checked: tables found, missing, rules not run; nothing recognised is exit 2, never 未发现问题', async () => {
    // A workbook of two tables only.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表5');
    ws.getCell('A1').value = '2024年部门预算一般公共预算财政拨款支出表（草稿）';
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'].forEach((l, i) => (ws.getCell(2, i + 1).value = l));
    ws.addRow(['合计', null, 341.8, 341.8, null]);
    ws.addRow(['2010306', '政务公开审批', 341.8, 341.8, null]);
    const partial = join(folder.dir, 'partial.xlsx');
    await wb.xlsx.writeFile(partial);
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1').getCell('A1').value = '会议纪要';
    const nothing = join(folder.dir, 'nothing.xlsx');
    await blank.xlsx.writeFile(nothing);

    const r = await runCaptured('check', partial);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('识别出 1 张表：部门预算一般公共预算财政拨款支出表（表5）');
    expect(r.out).toMatch(/模板中有、工作簿中没有的表（\d+）：.*部门预算收支总表/);
    expect(r.out).toMatch(/因缺表未运行 \d+ 条/);
    expect(r.out).toContain('只检查了识别出的 1 张表');

    const none = await runCaptured('check', nothing);
    expect(none.code).toBe(2);
    expect(none.err).toContain('没有识别出任何预算表');
    expect(none.out).not.toContain('未发现问题');
    expect((await runCaptured('read', nothing)).code).toBe(2);

    // Many files: a summary table, written as CSV and JSON too.
    const csv = join(folder.dir, 'summary.csv');
    const many = await runCaptured('check', folder.seedFile, partial, nothing, '--summary', csv);
    expect(many.code).toBe(2);
    expect(many.out).toContain('汇总（3 个文件）');
    expect(many.out).toMatch(/partial\.xlsx.*2024.*河北.*\u30001\u3000/);
    const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('文件,单位,年度,模板,识别的表,强制,提示,缺少的表,未检查原因');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/nothing\.xlsx.*没有识别出任何预算表/);
    const json = join(folder.dir, 'summary.json');
    await runCaptured('check', folder.seedFile, partial, '--summary', json);
    const rows = JSON.parse(readFileSync(json, 'utf8'));
    expect(rows.map((x: { tablesFound: number }) => x.tablesFound)).toEqual([expect.any(Number), 1]);
    expect(rows[0]).toMatchObject({ unit: '435 巨鹿县行政审批局', year: 2024, errors: 0, missingTables: [] });
  });

  it('read --json: unit, year, unit of measure, rows with code, name and values by header in 万元', async () => {
    const r = await runCaptured('read', folder.seedFile, folder.seedFile, '--json');
    expect(r.code, r.err).toBe(0);
    const reports = JSON.parse(r.out);
    expect(reports).toHaveLength(2);
    const [report] = reports;
    expect([report.unitCode, report.unitName, report.year, report.unitOfMeasure, report.valuesIn]).toEqual(['435', '巨鹿县行政审批局', 2024, '万元', '万元']);
    const t2 = report.tables.find((t: { table: string }) => t.table === 't02');
    expect(t2.rows[0]).toEqual({ name: '合计', values: { 合计: '525.8', '本年收入/小计': '525.8', '本年收入/财政拨款收入': '525.8' } });
    expect(t2.rows).toContainEqual({ code: '2080505', name: '机关事业单位基本养老保险缴费支出', values: { 合计: '46', '本年收入/小计': '46', '本年收入/财政拨款收入': '46' } });
    const t6 = report.tables.find((t: { table: string }) => t.table === 't06');
    expect(t6.rows).toContainEqual({ code: '30201', name: '办公费', values: { '一般公共预算基本支出/合计': '10.42', '一般公共预算基本支出/公用经费': '10.42' } });
  });

  it('check reports a wrong figure (rule, severity, table, row, column, expected, actual) and exits 1', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(folder.seedFile);
    const ws = wb.getWorksheet('部门预算支出总表')!;
    // The 项 row of 2010306: 基本支出 341.80 → 300.00; its 类/款 and 合计 rows still print the old sums.
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(2).value === '2010306') row = n;
    });
    ws.getCell(row, 5).value = 300;
    const bad = join(folder.dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await runCaptured('check', bad, '--json');
    expect(r.code).toBe(1);
    const [{ findings }] = JSON.parse(r.out);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) for (const k of ['rule', 'severity', 'table', 'row', 'column', 'expected', 'actual', 'message']) expect(f).toHaveProperty(k);
    expect(findings.some((f: { table: string; severity: string }) => f.table === '部门预算支出总表' && f.severity === '强制')).toBe(true);
    // Rows are named as the clerk reads them: code and name, not a bare code or record id.
    expect(findings.map((f: { row: string }) => f.row)).toContain('2010306 政务公开审批');
    const text = await runCaptured('check', bad);
    expect(text.out).toMatch(/\[强制\]/);
  });

  it('check counts problems as the draft window does: a wrong 项 and the 款, 类 and 合计 it breaks are one, listed under it; --json keeps every finding', async () => {
    const file = join(folder.dir, 'echo.xlsx');
    await echoingWorkbook(folder.seedFile, file);
    // The window's count: the same workbook imported into a real store, its findings listed.
    const app = tempApp();
    const call = async <T>(method: string, args: unknown) => {
      const r = (await app.dispatch(method, args)) as Result<T>;
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    };
    let window: FindingsList;
    try {
      const plan = await call<ImportPlan>('excel/importPreview', { path: file });
      const { meta } = await call<{ meta: { id: string } }>('excel/importCommit', { previewId: plan.previewId, as: 'new', year: 2024 });
      window = await call<FindingsList>('findings/list', { draftId: meta.id });
    } finally {
      await app.close();
      removeDir(app.dataDir);
    }
    expect(window.problems).toEqual({ error: 1, warning: 0, followers: 3, explained: 0 });

    // The command as a script runs it.
    const bin = join(root, 'bin', 'budget-desk.mjs');
    const json = spawnSync(process.execPath, [bin, 'check', file, '--json'], { encoding: 'utf8', cwd: folder.dir });
    expect(json.status, json.stderr).toBe(1);
    const [report] = JSON.parse(json.stdout);
    const { explained: _, ...counted } = window.problems;
    expect(report.problems).toEqual(counted);
    // Every finding is kept, each numbered by its problem; the 项 leads, its 款, 类 and 合计 follow.
    expect(report.findings).toHaveLength(window.findings.length);
    const lead = report.findings.find((f: { follower: boolean }) => !f.follower);
    expect(lead).toMatchObject({ problem: 1, rule: 'r09-t02-t03', severity: '强制', table: '部门预算收入总表', column: '合计', expected: ECHO.wrong, actual: ECHO.stated });
    expect(lead.row).toMatch(new RegExp(`^${ECHO.code} `));
    expect(report.findings.filter((f: { follower: boolean; problem: number }) => f.follower && f.problem === 1)).toHaveLength(3);

    const text = spawnSync(process.execPath, [bin, 'check', file], { encoding: 'utf8', cwd: folder.dir });
    expect(text.status, text.stderr).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`${file}：1 个问题（强制 1，提示 0）`);
    expect(lines[1]).toBe('  按问题计数，未计入：同一差错引起的上级科目、合计差异 3 条，列在其问题下');
    const at = lines.findIndex((l) => l.startsWith('  1. [强制] r09-t02-t03'));
    expect(lines[at]).toMatch(new RegExp(`行 ${ECHO.code} .*栏 合计\u3000应为 ${ECHO.wrong}\u3000实为 ${ECHO.stated}$`));
    // The followers under it, nearest first, each with its row, 应为 and 实为.
    expect(lines.slice(at + 2, at + 6)).toEqual([
      '      由此引起的上级科目、合计差异 3 条：',
      `        行 ${ECHO.code.slice(0, 5)} 政府办公厅（室）及相关机构事务\u3000应为 ${ECHO.wrong}\u3000实为 ${ECHO.stated}`,
      `        行 ${ECHO.code.slice(0, 3)} 一般公共服务支出\u3000应为 ${ECHO.wrong}\u3000实为 ${ECHO.stated}`,
      '        行 合计\u3000应为 484.00\u3000实为 525.80',
    ]);

    // The summary counts the same problems.
    const summary = join(folder.dir, 'echo-summary.json');
    expect((await runCaptured('check', file, folder.seedFile, '--summary', summary)).code).toBe(1);
    const [row] = JSON.parse(readFileSync(summary, 'utf8'));
    expect(row).toMatchObject({ errors: 1, warnings: 0, followers: 3 });
  });

  it('read of each 上海 template lists every table with every code row joined; check of the blank templates finds no 强制', async () => {
    const fixtures = join(root, 'src/main/excel/__fixtures__/shanghai');
    const files = ['department-budget-template.xlsx', 'unit-budget-template.xlsx', 'unit-budget-sample.xls'].map((f) => join(fixtures, f));
    for (const file of files) {
      const r = await runCaptured('read', file);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/按模板：上海 · 区级(部门|单位)预算（2026 版式）\u3000识别出 10 张表：.*(部门|单位)预算说明（/);
      for (const row of ['205 教育支出', '20502 普通教育', '2050205 高等教育', '22908 彩票发行销售机构业务费安排的支出', '2230105 国有企业退休人员社会化管理补助支出', '301 工资福利支出', '30101 基本工资', '30304 抚恤金']) {
        expect(r.out, `${file}: ${row}`).toContain(`  ${row}\n`);
      }
      // Rows skipped inside the tables are the template's placeholders (…), nothing holding a code;
      // the text sheets still hold the template's sample text.
      const skippedRows = r.out.split('\n').filter((l) => /（跳过 .* 第 \d+ 行/.test(l));
      for (const line of skippedRows) expect(line).toMatch(/模板中的示意行|仍是模板的示例文字，未填写/);
    }
    const checked = await runCaptured('check', ...files, '--json');
    expect(checked.code, checked.err).toBe(0);
    for (const report of JSON.parse(checked.out)) expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('export of draft files (*.budget.json), many at once into a folder', async () => {
    const seed = getSeed('juluxian-2024');
    const a = join(folder.dir, 'a.budget.json');
    const b = join(folder.dir, 'b.budget.json');
    writeDraftFile(a, { meta: { ...seed.meta, status: 'editing' }, content: seed.content, prior: null, explanations: [] }, 'test');
    writeDraftFile(b, { meta: { ...seed.meta, unitName: '另一单位', status: 'editing' }, content: seed.content, prior: null, explanations: [] }, 'test');
    const outDir = mkdtempSync(join(folder.dir, 'out-'));
    const r = await runCaptured('export', a, b, '-o', outDir);
    expect(r.code, r.err).toBe(0);
    const read = JSON.parse((await runCaptured('read', join(outDir, 'a.xlsx'), join(outDir, 'b.xlsx'), '--json')).out);
    expect(read.map((x: { unitName: string }) => x.unitName)).toEqual(['巨鹿县行政审批局', '另一单位']);
    const damaged = join(folder.dir, 'damaged.budget.json');
    writeFileSync(damaged, '{"format":"budget-desk-draft","version":1,"payload":');
    const bad = await runCaptured('export', damaged, '-o', join(folder.dir, 'd.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('草稿文件已损坏');
  });

  it('export of a workbook (not a draft) says in one line what a workbook can go through: read, check, pdf, import', async () => {
    const out = join(folder.dir, 'from-workbook.xlsx');
    const r = await runCaptured('export', folder.seedFile, '-o', out);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('这是工作簿，不是草稿');
    for (const way of ['read', 'check', 'pdf', '从 Excel 导入']) expect(lines[0]).toContain(way);
    expect(r.err).not.toContain('这不是 Budget Desk 草稿文件');
    expect(existsSync(out)).toBe(false);
  });

  it('a hand-made draft file is exported or printed only as the app would open it: its unit, year, pack and every cell are checked', async () => {
    const seed = getSeed('juluxian-2024');
    const meta = { ...seed.meta, status: 'editing' as const };
    const cases: Array<[string, Parameters<typeof writeDraftFile>[1], string]> = [
      ['junk', { meta, content: { ...seed.content, cells: { ...seed.content.cells, 't03!2010306!basic': 'abc' } }, prior: null, explanations: [] }, '“abc”不是有效的金额'],
      ['year', { meta: { ...meta, year: 99999 }, content: seed.content, prior: null, explanations: [] }, '预算年度“99999”不在 1990–2200 年之间'],
      ['name', { meta: { ...meta, unitName: '长'.repeat(5000) }, content: seed.content, prior: null, explanations: [] }, '单位名称过长（5000 个字符，最多 200 个）'],
      ['pack', { meta: { ...meta, templateId: 'mars-2099' }, content: seed.content, prior: null, explanations: [] }, '未知的报表模板：mars-2099'],
    ];
    for (const [name, payload, message] of cases) {
      const file = join(folder.dir, `${name}.budget.json`);
      writeDraftFile(file, payload, 'test');
      const out = join(folder.dir, `${name}.xlsx`);
      const r = await runCaptured('export', file, '-o', out);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(message);
      expect(r.err, name).not.toContain('内部错误');
      expect(existsSync(out), name).toBe(false);
      const pdf = await runCaptured('pdf', file, '-o', join(folder.dir, `${name}.pdf`), '--draft');
      expect(pdf.code, `${name} pdf`).toBe(2);
      expect(pdf.err, `${name} pdf`).toContain(message);
    }
  });

  it('a folder that does not exist: export, pdf and the summary say so in Chinese, exit 2, nothing left behind', async () => {
    const missing = join(folder.dir, 'no-such-folder');
    const xlsx = await runCaptured('export', 'juluxian-2024', '-o', join(missing, 'x.xlsx'));
    expect(xlsx.code).toBe(2);
    expect(xlsx.err).toContain(`无法保存工作簿 ${join(missing, 'x.xlsx')}：文件夹不存在`);
    const pdf = await runCaptured('pdf', 'juluxian-2024', '-o', join(missing, 'x.pdf'));
    expect(pdf.code).toBe(2);
    expect(pdf.err).toContain(`无法保存 PDF ${join(missing, 'x.pdf')}：文件夹不存在`);
    const summary = await runCaptured('check', folder.seedFile, '--summary', join(missing, 's.csv'));
    expect(summary.err).toContain('：文件夹不存在');
    for (const r of [xlsx, pdf, summary]) expect(r.err).not.toMatch(/内部错误|ENOENT/);
    expect(existsSync(missing)).toBe(false);
  });

  it('bad files among many: a clear message per file, no stack trace, exit 2', async () => {
    const notXlsx = join(folder.dir, 'note.xlsx');
    writeFileSync(notXlsx, 'hello');
    const r = await runCaptured('check', folder.seedFile, notXlsx, join(folder.dir, 'missing.xlsx'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('未发现问题');
    expect(r.err).toContain('不是 Excel 工作簿');
    expect(r.err).toContain('文件不存在');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('usage: Chinese help, unknown commands and missing arguments exit 2', async () => {
    const help = await runCaptured('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('用法：budget-desk');
    expect((await runCaptured()).code).toBe(2);
    const unknown = await runCaptured('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令');
    expect((await runCaptured('read')).err).toContain('需要至少一个工作簿文件');
    const noSeed = await runCaptured('export', 'no-such-seed', '-o', join(folder.dir, 'x.xlsx'));
    expect(noSeed.code).toBe(2);
    expect(noSeed.err).toContain('既不是示例名也不是文件');
  });

  // The package bin must run from the repo whatever Node starts it (system Node 20 here).
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p));
  it.skipIf(!systemNode)('bin/budget-desk.mjs runs under the system Node and exports the seed', () => {
    const out = join(folder.dir, 'bin.xlsx');
    const r = spawnSync(systemNode!, [join(root, 'bin', 'budget-desk.mjs'), 'export', 'juluxian-2024', '-o', out], { encoding: 'utf8', cwd: folder.dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已导出');
    expect(existsSync(out)).toBe(true);
    const check = spawnSync(systemNode!, [join(root, 'bin', 'budget-desk.mjs'), 'check', out], { encoding: 'utf8', cwd: folder.dir });
    expect(check.status, check.stderr).toBe(0);
  });
});

describe('budget-desk pdf', () => {
  it('prints a seed and an exported workbook to the same disclosure; an existing file is kept without --force', async () => {
    const fromSeed = join(folder.dir, 'seed.pdf');
    const r = await runCaptured('pdf', 'juluxian-2024', '-o', fromSeed, '--json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.pages).toBeGreaterThan(10);
    expect(readFileSync(fromSeed).subarray(0, 5).toString()).toBe('%PDF-');

    const again = await runCaptured('pdf', 'juluxian-2024', '-o', fromSeed);
    expect(again.code).toBe(2);
    expect(again.err).toContain('文件已存在');

    const fromWorkbook = join(folder.dir, 'book.pdf');
    const w = await runCaptured('pdf', folder.seedFile, '-o', fromWorkbook, '--json');
    expect(w.code, w.err).toBe(0);
    expect(JSON.parse(w.out).pages).toBe(report.pages);
  });

  it('says what is wrong in Chinese: not a PDF name, an unknown source', async () => {
    expect((await runCaptured('pdf', 'juluxian-2024', '-o', join(folder.dir, 'x.txt'))).err).toContain('输出文件须为 .pdf');
    const r = await runCaptured('pdf', join(folder.dir, 'missing.budget.json'), '-o', join(folder.dir, 'm.pdf'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('既不是示例名也不是文件');
  });
});
