import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticDepartment } from '../../seeds/synthetic';
import { loadShippedDictionaries } from '../../src/main/dictionary';
import { buildWorkbook } from '../../src/main/excel/export';
import { importWorkbookFile } from '../../src/main/excel/import';
import { DraftModel } from '../../src/shared/engine/model';
import { draftNarrative } from '../../src/shared/narrative/draft';
import { getTemplate } from '../../src/shared/template';
import type { BenchLine } from '../bench';
import { timeAsync } from './util';

/**
 * Export and import of the large synthetic department, against bare exceljs writing and
 * reading the same cells (same sheets and values, no styles, merges or parsing).
 */

/** The same sheets and cell values as `wb`, with nothing else. */
function bareCopy(wb: ExcelJS.Workbook): ExcelJS.Workbook {
  const bare = new ExcelJS.Workbook();
  for (const ws of wb.worksheets) {
    const out = bare.addWorksheet(ws.name);
    ws.eachRow((row, r) => {
      const values: ExcelJS.CellValue[] = [];
      row.eachCell((cell, c) => {
        if (cell.type !== ExcelJS.ValueType.Merge) values[c] = cell.value;
      });
      out.getRow(r).values = values;
    });
  }
  return bare;
}

function countCells(wb: ExcelJS.Workbook): number {
  let n = 0;
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell(() => n++));
  return n;
}

async function best<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let result: { ms: number; value: T } | null = null;
  for (let i = 0; i < runs; i++) {
    const r = await timeAsync(fn);
    if (!result || r.ms < result.ms) result = r;
  }
  return result!;
}

export async function run(): Promise<BenchLine[]> {
  const dictionaries = loadShippedDictionaries();
  const template = getTemplate('hebei-2024');
  const content = syntheticDepartment(dictionaries, 500);
  const meta = { unitCode: '999', unitName: '合成部门', year: 2024 };
  const dir = mkdtempSync(join(tmpdir(), 'bd-bench-excel-'));
  try {
    const model = new DraftModel(template, content);
    const file = join(dir, 'synthetic.xlsx');
    const bareFile = join(dir, 'bare.xlsx');
    const runs = 3;

    const exported = await best(runs, async () => {
      const wb = buildWorkbook(model, meta, { dictionaries });
      await wb.xlsx.writeFile(file);
      return wb;
    });
    // The 情况说明 is drafted from the figures (issue 5's draftNarrative) before it is written.
    const drafting = await best(runs, async () => draftNarrative(model, template));
    const tablesOnly = await best(runs, async () => {
      const wb = buildWorkbook(model, meta, { dictionaries, narrativeText: () => '' });
      await wb.xlsx.writeFile(file);
      return wb;
    });
    await exported.value.xlsx.writeFile(file);
    const bare = bareCopy(exported.value);
    const cells = countCells(bare);
    const bareWrite = await best(runs, () => bare.xlsx.writeFile(bareFile));

    const imported = await best(runs, () => importWorkbookFile(file, { dictionaries, template, findings: false }));
    const checked = await timeAsync(() => importWorkbookFile(file, { dictionaries, template }));
    const bytes = readFileSync(file);
    const bareRead = await best(runs, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      let n = 0;
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void (c.value !== null && n++)));
      return n;
    });
    const back = new DraftModel(template, imported.value.content);
    let mismatches = 0;
    for (const key of model.numericKeys()) if (!key.startsWith('py!') && back.valueByKey(key) !== model.valueByKey(key)) mismatches++;

    return [
      { name: 'workbook cells (synthetic, 500 projects)', value: cells, unit: 'count' },
      { name: 'sheets', value: exported.value.worksheets.length, unit: 'count' },
      { name: 'export (build + write .xlsx)', value: exported.ms, unit: 'ms', target: { op: '<=', value: 3000 } },
      { name: 'bare exceljs write of the same cells', value: bareWrite.ms, unit: 'ms' },
      { name: 'export / bare write', value: exported.ms / bareWrite.ms, unit: 'x', target: { op: '<=', value: 1.5 } },
      { name: '  of the export: drafting the 情况说明 text', value: drafting.ms, unit: 'ms' },
      { name: '  export without drafting the text / bare write', value: tablesOnly.ms / bareWrite.ms, unit: 'x' },
      { name: 'import (check file, read, parse, plan)', value: imported.ms, unit: 'ms', target: { op: '<=', value: 3000 } },
      { name: 'bare exceljs read of the same file', value: bareRead.ms, unit: 'ms' },
      { name: 'import / bare read', value: imported.ms / bareRead.ms, unit: 'x', target: { op: '<=', value: 1.5 } },
      { name: 'import with findings (+ validation engine full check)', value: checked.ms, unit: 'ms' },
      { name: 'round-trip figures that differ', value: mismatches, unit: 'count', target: { op: '<=', value: 0 } },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
