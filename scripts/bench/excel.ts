import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SYNTHETIC_PACK, syntheticDepartment, syntheticTables } from '../../seeds/synthetic';
import { loadShippedDictionaries } from '../../src/main/dictionary';
import { buildWorkbook, exportWorkbook } from '../../src/main/excel/export';
import { importWorkbookFile } from '../../src/main/excel/import';
import { DraftModel } from '../../src/shared/engine/model';
import { draftNarrative } from '../../src/shared/narrative/draft';
import { getTemplate } from '../../src/shared/regions';
import type { BenchLine } from '../bench';

const T = syntheticTables();

/**
 * Export and import of the large synthetic department, against bare exceljs writing and
 * reading the same cells (same sheets and values, no styles, merges or parsing); the import
 * of the same workbook as .xlsx and as .xls (Excel 97-2003) against a bare SheetJS read of
 * that file (the library the import reads every format with).
 */

/**
 * A bare SheetJS read: parse the file and touch every cell's value, nothing else. Without
 * cellText SheetJS would also format every number as text (.w), which the import never asks
 * for: the fastest honest read of the same values is the one the import is measured against.
 */
function bareSheetJsRead(buf: Buffer): number {
  const wb = XLSX.read(buf, { type: 'buffer', dense: true, cellText: false });
  let n = 0;
  for (const name of wb.SheetNames) for (const row of wb.Sheets[name]['!data'] ?? []) for (const c of row ?? []) if (c && c.v !== undefined) n++;
  return n;
}

/** The sheets and cell values of `wb` as plain arrays: what a bare exceljs write is given. */
function valuesOf(wb: ExcelJS.Workbook): Array<{ name: string; rows: ExcelJS.CellValue[][] }> {
  return wb.worksheets.map((ws) => {
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((row, r) => {
      const values: ExcelJS.CellValue[] = [];
      row.eachCell((cell, c) => {
        if (cell.type !== ExcelJS.ValueType.Merge) values[c] = cell.value;
      });
      rows[r] = values;
    });
    return { name: ws.name, rows };
  });
}

/** Bare exceljs: the same cells into a new workbook, written, nothing else (no styles, merges, layout). */
async function bareWrite(sheets: ReturnType<typeof valuesOf>, file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((values, r) => (ws.getRow(r).values = values));
  }
  await wb.xlsx.writeFile(file);
  return wb;
}

interface Cost {
  wall: number;
  cpu: number;
}

/**
 * A full collection before each measured step, outside its timing: otherwise the garbage of
 * the step before (an import's, a bare read's) is collected, on other threads too, during the
 * next one and charged to it, and which step pays depends on the order they run in.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function cost(fn: () => Promise<unknown>): Promise<Cost> {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await fn();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export async function run(): Promise<BenchLine[]> {
  const dictionaries = loadShippedDictionaries();
  const template = getTemplate(SYNTHETIC_PACK);
  const content = syntheticDepartment(dictionaries, 500);
  const meta = { unitCode: '999', unitName: '合成部门', year: 2024 };
  const dir = mkdtempSync(join(tmpdir(), 'bd-bench-excel-'));
  try {
    const model = new DraftModel(template, content);
    const file = join(dir, 'synthetic.xlsx');
    const bareFile = join(dir, 'bare.xlsx');
    const rounds = 9;

    // Each step and the bare step it is compared with run in the same round, in alternating
    // order, so both see the same machine load; a ratio is the median of the rounds' ratios
    // (steadier on a busy machine than a ratio of two bests), after one round of warm-up.
    // Ratios use CPU time (this process, all threads): other work on a busy machine inflates
    // wall time unevenly, CPU time much less.
    const sheets = valuesOf(buildWorkbook(model, meta, { dictionaries }));
    const best = new Map<string, Cost>();
    const ratios = new Map<string, { cpu: number[]; wall: number[] }>();
    const keep = (name: string, c: Cost) => {
      const b = best.get(name);
      best.set(name, { wall: Math.min(c.wall, b?.wall ?? Infinity), cpu: Math.min(c.cpu, b?.cpu ?? Infinity) });
    };
    const pair = async (round: number, name: string, mine: () => Promise<unknown>, bare: string, bareStep: () => Promise<unknown>) => {
      let m: Cost;
      let b: Cost;
      if (round % 2) {
        b = await cost(bareStep);
        m = await cost(mine);
      } else {
        m = await cost(mine);
        b = await cost(bareStep);
      }
      if (round === 0) return;
      keep(name, m);
      keep(bare, b);
      const r = ratios.get(name) ?? { cpu: [], wall: [] };
      r.cpu.push(m.cpu / b.cpu);
      r.wall.push(m.wall / b.wall);
      ratios.set(name, r);
    };
    let sheetCount = 0;
    let result: Awaited<ReturnType<typeof importWorkbookFile>> | null = null;
    for (let i = 0; i <= rounds; i++) {
      await pair(i, 'export', async () => {
        sheetCount = (await exportWorkbook(model, meta, file, { dictionaries, replace: true })).sheets.length;
      }, 'bareWrite', () => bareWrite(sheets, bareFile));
      // The 情况说明 is drafted from the figures (issue 5's draftNarrative) before it is written.
      keep('drafting', await cost(async () => draftNarrative(model, template)));
      const buf = readFileSync(file);
      await pair(i, 'import', async () => {
        result = await importWorkbookFile(file, { dictionaries, template, verify: false });
      }, 'bareRead', async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
        let n = 0;
        for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void (c.value !== null && n++)));
      });
    }
    // The same workbook as .xls (BIFF8), written by SheetJS from the export.
    const xlsFile = join(dir, 'synthetic.xls');
    writeFileSync(xlsFile, XLSX.write(XLSX.read(readFileSync(file), { type: 'buffer', cellNF: true }), { type: 'buffer', bookType: 'biff8' }));
    const xlsBuf = readFileSync(xlsFile);
    const xlsxBuf = readFileSync(file);
    let xlsResult: Awaited<ReturnType<typeof importWorkbookFile>> | null = null;
    for (let i = 0; i <= rounds; i++) {
      await pair(i, 'importXlsx', () => importWorkbookFile(file, { dictionaries, template, verify: false }), 'bareSheetJsXlsx', async () => bareSheetJsRead(xlsxBuf));
      await pair(i, 'importXls', async () => {
        xlsResult = await importWorkbookFile(xlsFile, { dictionaries, template, verify: false });
      }, 'bareSheetJsXls', async () => bareSheetJsRead(xlsBuf));
    }
    const checked = await cost(() => importWorkbookFile(file, { dictionaries, template }));
    const cells = sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + (r ? r.filter((v) => v !== undefined).length : 0), 0), 0);
    const back = new DraftModel(template, result!.content);
    let mismatches = 0;
    const isPrior = (key: string) => key.startsWith(`${T.priorYear}!`);
    for (const key of model.numericKeys()) if (!isPrior(key) && back.valueByKey(key) !== model.valueByKey(key)) mismatches++;
    const fromXls = new DraftModel(template, xlsResult!.content);
    let xlsMismatches = 0;
    for (const key of model.numericKeys()) if (!isPrior(key) && fromXls.valueByKey(key) !== model.valueByKey(key)) xlsMismatches++;
    const b = (name: string) => best.get(name)!;
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    const cpuRatio = (name: string) => median(ratios.get(name)!.cpu);
    const wallRatio = (name: string) => median(ratios.get(name)!.wall);

    return [
      { name: 'workbook cells (synthetic, 500 projects)', value: cells, unit: 'count' },
      { name: 'sheets', value: sheetCount, unit: 'count' },
      { name: 'export (build + write .xlsx), wall', value: b('export').wall, unit: 'ms', target: { op: '<=', value: 3000 } },
      { name: 'bare exceljs: same cells, new workbook, write, wall', value: b('bareWrite').wall, unit: 'ms' },
      { name: '  the exported file (deflated by Node\'s zlib)', value: statSync(file).size / 2 ** 20, unit: 'MB' },
      { name: '  the bare write\'s file (deflated by exceljs)', value: statSync(bareFile).size / 2 ** 20, unit: 'MB' },
      { name: 'export / bare write, CPU time', value: cpuRatio('export'), unit: 'x', target: { op: '<=', value: 1.5 } },
      { name: 'export / bare write, wall time', value: wallRatio('export'), unit: 'x' },
      { name: '  of the export: drafting the 情况说明 text, wall', value: b('drafting').wall, unit: 'ms' },
      { name: 'import (check file, read, parse, entered content), wall', value: b('import').wall, unit: 'ms', target: { op: '<=', value: 3000 } },
      { name: 'bare exceljs read of the same file, wall', value: b('bareRead').wall, unit: 'ms' },
      { name: 'import / bare read, CPU time', value: cpuRatio('import'), unit: 'x', target: { op: '<=', value: 1.5 } },
      { name: 'import / bare read, wall time', value: wallRatio('import'), unit: 'x' },
      { name: 'bare SheetJS read of the same .xlsx, wall', value: b('bareSheetJsXlsx').wall, unit: 'ms' },
      { name: 'import .xlsx / bare SheetJS read, CPU time', value: cpuRatio('importXlsx'), unit: 'x', target: { op: '<=', value: 1.5 } },
      { name: 'import of the same workbook as .xls, wall', value: b('importXls').wall, unit: 'ms', target: { op: '<=', value: 3000 } },
      { name: 'bare SheetJS read of the .xls, wall', value: b('bareSheetJsXls').wall, unit: 'ms' },
      { name: 'import .xls / bare SheetJS read, CPU time', value: cpuRatio('importXls'), unit: 'x', target: { op: '<=', value: 1.5 } },
      { name: '.xls round-trip figures that differ', value: xlsMismatches, unit: 'count', target: { op: '<=', value: 0 } },
      { name: 'preview (+ recompute totals, differences, prior, findings), wall', value: checked.wall, unit: 'ms' },
      { name: 'round-trip figures that differ', value: mismatches, unit: 'count', target: { op: '<=', value: 0 } },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
