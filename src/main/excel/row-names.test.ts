import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { TOTAL_ROW } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from './export';
import { importWorkbookFile } from './import';
import { rowName, type TextOf } from './row-names';

/** Rows named as a clerk reads them, never by an internal id where a name exists. */

const template = getTemplate('hebei-2024');
const dictionaries = loadShippedDictionaries();
const seed = new DraftModel(template, getSeed('juluxian-2024').content);
const fromSeed: TextOf = (t, r, c) => seed.text(t, r, c);
const nothing: TextOf = () => '';

describe('rowName', () => {
  it('a coded row: code and the name printed in the workbook, else the dictionary\'s', () => {
    expect(rowName(template, 't02', '2010306', (t, r, c) => (c === 'name' ? '政务公开审批' : ''), { dictionaries })).toBe('2010306 政务公开审批');
    const official = dictionaries.function.get('2010301')!.name;
    expect(rowName(template, 't03', '2010301', nothing, { dictionaries })).toBe(`2010301 ${official}`);
    expect(rowName(template, 't06', '30101', nothing, { dictionaries })).toBe(`30101 ${dictionaries.economic.get('30101')!.name}`);
    // Neither printed nor known: the code alone.
    expect(rowName(template, 't03', '2999999', nothing, { dictionaries })).toBe('2999999');
    expect(rowName(template, 't03', TOTAL_ROW, nothing)).toBe('合计');
  });

  it('a fixed row: its label, in a side-by-side table the label of the column\'s side', () => {
    const t01 = template.tables.find((t) => t.id === 't01')!;
    if (t01.rows.kind !== 'fixed') throw new Error('t01 has fixed rows');
    const row = t01.rows.rows.find((r) => r.labels.inItem && r.labels.outItem)!;
    expect(rowName(template, 't01', row.id, nothing, { col: 'inAmount' })).toBe(row.labels.inItem);
    expect(rowName(template, 't01', row.id, nothing, { col: 'outAmount' })).toBe(row.labels.outItem);
    expect(rowName(template, 't01', row.id, nothing)).toBe(row.labels.inItem);
  });

  it('a project by its name, an indicator by its project and its own name; a record without a name keeps its id', () => {
    const project = seed.rows('projects').find((r) => r !== TOTAL_ROW)!;
    expect(rowName(template, 'projects', project, fromSeed)).toBe('工作经费');
    const indicator = seed.rows('indicators').find((i) => seed.text('indicators', i, 'project') === project)!;
    expect(rowName(template, 'indicators', indicator, fromSeed)).toBe(`工作经费：${seed.text('indicators', indicator, 'level3')}`);
    expect(rowName(template, 'projects', 'r1', nothing)).toBe('r1');
    expect(rowName(template, 'projects', TOTAL_ROW, nothing)).toBe('合计');
    expect(rowName(template, 'no-such-table', 'x', nothing)).toBe('x');
  });
});

describe('an import names the rows it reports', () => {
  it('a 款 with figures but no 项 below it (an orphan) is named by code and name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-row-names-'));
    try {
      const file = join(dir, 'seed.xlsx');
      await exportWorkbook(seed, getSeed('juluxian-2024').meta, file, { dictionaries });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      // Blank out the 项 rows under 20805 in 表2: 20805 keeps its figures with nothing below it.
      const ws = wb.getWorksheet('部门预算收入总表')!;
      let name = '';
      ws.eachRow((row) => {
        const code = String(row.getCell(2).value ?? '').trim();
        if (code === '20805') name = String(row.getCell(3).value);
        if (code.startsWith('20805') && code.length === 7) row.eachCell((c) => (c.value = null));
      });
      expect(name).not.toBe('');
      const edited = join(dir, 'edited.xlsx');
      await wb.xlsx.writeFile(edited);
      const { plan } = await importWorkbookFile(edited, { dictionaries });
      expect(plan.orphans).toContainEqual({ table: 't02', code: '20805', name: `20805 ${name}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
