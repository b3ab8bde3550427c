import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { writeDraftFile } from '../store/draft-file';
import { runCli } from './main';

const root = resolve(__dirname, '../../..');
let dir: string;
let seedFile: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-cli-'));
  seedFile = join(dir, 'seed.xlsx');
  const r = await run('export', 'juluxian-2024', '-o', seedFile);
  expect(r.code, r.err).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('budget-desk CLI', () => {
  it('check of the exported seed prints no finding and exits 0', async () => {
    const r = await run('check', seedFile, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ file: seedFile, findings: [] }]);
    expect((await run('check', seedFile)).out).toContain('未发现问题');
  });

  it('read --json: unit, year, unit of measure, rows with code, name and values by header in 万元', async () => {
    const r = await run('read', seedFile, seedFile, '--json');
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
    await wb.xlsx.readFile(seedFile);
    const ws = wb.getWorksheet('部门预算支出总表')!;
    // The 项 row of 2010306: 基本支出 341.80 → 300.00; its 类/款 and 合计 rows still print the old sums.
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(2).value === '2010306') row = n;
    });
    ws.getCell(row, 5).value = 300;
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await run('check', bad, '--json');
    expect(r.code).toBe(1);
    const [{ findings }] = JSON.parse(r.out);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) for (const k of ['rule', 'severity', 'table', 'row', 'column', 'expected', 'actual', 'message']) expect(f).toHaveProperty(k);
    expect(findings.some((f: { table: string; severity: string }) => f.table === '部门预算支出总表' && f.severity === '强制')).toBe(true);
    // Rows are named as the clerk reads them: code and name, not a bare code or record id.
    expect(findings.map((f: { row: string }) => f.row)).toContain('2010306 政务公开审批');
    const text = await run('check', bad);
    expect(text.out).toMatch(/\[强制\]/);
  });

  it('export of draft files (*.budget.json), many at once into a folder', async () => {
    const seed = getSeed('juluxian-2024');
    const a = join(dir, 'a.budget.json');
    const b = join(dir, 'b.budget.json');
    writeDraftFile(a, { meta: { ...seed.meta, status: 'editing' }, content: seed.content, prior: null, explanations: [] }, 'test');
    writeDraftFile(b, { meta: { ...seed.meta, unitName: '另一单位', status: 'editing' }, content: seed.content, prior: null, explanations: [] }, 'test');
    const outDir = mkdtempSync(join(dir, 'out-'));
    const r = await run('export', a, b, '-o', outDir);
    expect(r.code, r.err).toBe(0);
    const read = JSON.parse((await run('read', join(outDir, 'a.xlsx'), join(outDir, 'b.xlsx'), '--json')).out);
    expect(read.map((x: { unitName: string }) => x.unitName)).toEqual(['巨鹿县行政审批局', '另一单位']);
    const damaged = join(dir, 'damaged.budget.json');
    writeFileSync(damaged, '{"format":"budget-desk-draft","version":1,"payload":');
    const bad = await run('export', damaged, '-o', join(dir, 'd.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('草稿文件已损坏');
  });

  it('bad files among many: a clear message per file, no stack trace, exit 2', async () => {
    const notXlsx = join(dir, 'note.xlsx');
    writeFileSync(notXlsx, 'hello');
    const r = await run('check', seedFile, notXlsx, join(dir, 'missing.xlsx'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('未发现问题');
    expect(r.err).toContain('不是 Excel 工作簿');
    expect(r.err).toContain('文件不存在');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('usage: Chinese help, unknown commands and missing arguments exit 2', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('用法：budget-desk');
    expect((await run()).code).toBe(2);
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令');
    expect((await run('read')).err).toContain('需要至少一个工作簿文件');
    const noSeed = await run('export', 'no-such-seed', '-o', join(dir, 'x.xlsx'));
    expect(noSeed.code).toBe(2);
    expect(noSeed.err).toContain('既不是示例名也不是文件');
  });

  // The package bin must run from the repo whatever Node starts it (system Node 20 here).
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p));
  it.skipIf(!systemNode)('bin/budget-desk.mjs runs under the system Node and exports the seed', () => {
    const out = join(dir, 'bin.xlsx');
    const r = spawnSync(systemNode!, [join(root, 'bin', 'budget-desk.mjs'), 'export', 'juluxian-2024', '-o', out], { encoding: 'utf8', cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已导出');
    expect(existsSync(out)).toBe(true);
    const check = spawnSync(systemNode!, [join(root, 'bin', 'budget-desk.mjs'), 'check', out], { encoding: 'utf8', cwd: dir });
    expect(check.status, check.stderr).toBe(0);
  });
});
