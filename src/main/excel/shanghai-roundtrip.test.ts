import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dictionaries } from '../../shared/dictionary';
import type { DraftContent } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { runCli } from '../cli/main';
import { loadShippedDictionaries } from '../dictionary';
import { shanghaiBudget } from './__fixtures__/shanghai-budget';
import { exportWorkbook } from './export';
import { importWorkbookFile } from './import';

/**
 * 上海 round trips: a 部门 and a 单位 draft filled with figures of our own (and a 部门 draft of
 * 2027) export in the template's layout; reading the workbook gives back every entered figure,
 * `check` of it is clean, and one figure broken in the workbook is caught and named as the
 * template prints its row (205 | 02 | 02 小学教育).
 */

let dir: string;
let dictionaries: Dictionaries;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-shanghai-rt-'));
  dictionaries = loadShippedDictionaries();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The words only the clerk can write (主要职能, 机构设置, each 项's use): a drafted text without them is not clean. */
function withClerksWords(content: DraftContent): DraftContent {
  const cells: Record<string, string> = { ...content.cells, 'narrative!functions!lead': '负责本区教育、社会保障等公共事务。', 'narrative!organisation!lead': '内设办公室、财务科两个科室。' };
  const codes = new Set(['generalSpending', 'fundSpending', 'capitalSpending'].flatMap((t) => content.rows[t] ?? []));
  for (const code of codes) cells[`lineNotes!${code}!use`] = '保障机构正常运转及履职需要';
  return { ...content, cells, rows: { ...content.rows, lineNotes: [...codes] } };
}

const CASES = [
  { scope: 'department', year: 2026 },
  { scope: 'unit', year: 2026 },
  { scope: 'department', year: 2027 },
] as const;

for (const { scope, year } of CASES) {
  describe(`上海 ${year} ${scope === 'unit' ? '单位' : '部门'}预算: export, read, check`, () => {
    const packId = `shanghai-2026-${scope}`;
    const figures = shanghaiBudget(scope);
    const content = withClerksWords(figures);
    const who = scope === 'unit' ? '单位' : '部门';
    let file: string;

    beforeAll(async () => {
      file = join(dir, `${scope}-${year}.xlsx`);
      await exportWorkbook(new DraftModel(getTemplate(packId, year), content), { unitCode: '', unitName: `上海市普陀区测试${who}`, year }, file, { dictionaries });
    });

    it('read gives back every entered figure, as the pack it was written in; check is clean', async () => {
      const read = await importWorkbookFile(file, { dictionaries });
      expect(read.plan.templateId).toBe(packId);
      expect(read.plan.year).toBe(year);
      expect(read.plan.missingTables.map((t) => t.title)).toEqual([]);
      for (const [key, value] of Object.entries(figures.cells)) {
        const back = read.content.cells[key];
        expect(back, key).toBeDefined();
        expect(new Decimal(back).eq(value), `${key}: ${back} ≠ ${value}`).toBe(true);
      }
      const check = await run('check', file, '--json');
      const [report] = JSON.parse(check.out);
      expect(report.findings, check.err).toEqual([]);
      expect(check.code).toBe(0);
    });

    it('one figure broken in the workbook is caught, named as the template prints its row', async () => {
      const broken = new ExcelJS.Workbook();
      await broken.xlsx.readFile(file);
      const ws = broken.getWorksheet(`${who}一般公共预算拨款表`)!;
      let hit = 0;
      ws.eachRow((row, r) => {
        if (row.getCell(1).value === '205' && row.getCell(2).value === '02' && row.getCell(3).value === '02') {
          row.getCell(6).value = 300001; // 基本支出 one 元 more, its 合计 left as printed
          hit = r;
        }
      });
      expect(hit).toBeGreaterThan(0);
      const brokenFile = join(dir, `${scope}-${year}-broken.xlsx`);
      await broken.xlsx.writeFile(brokenFile);
      const check = await run('check', brokenFile, '--json');
      expect(check.code).toBe(1);
      const [report] = JSON.parse(check.out);
      const rows = (report.findings as Array<{ severity: string; row: string }>).filter((f) => f.severity === '强制').map((f) => f.row);
      expect(rows).toContain('205 | 02 | 02 小学教育');
    });
  });
}
