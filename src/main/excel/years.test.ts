import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import type { Dictionaries } from '../../shared/dictionary';
import type { DraftContent } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { shanghaiBudget } from './__fixtures__/shanghai-budget';
import { exportWorkbook } from './export';

/**
 * Every year a workbook prints follows the draft's year: titles, headers (2026年预留中小微企业份额),
 * the information line, 截止时间 and the drafted text's 上年. A 2025 and a 2026 draft of each pack
 * export; every “xxxx年” and “xxxx-12-31” in them is the draft's year or the year before.
 */

let dir: string;
let dictionaries: Dictionaries;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-years-'));
  dictionaries = loadShippedDictionaries();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DRAFTS: Array<{ pack: string; content: () => DraftContent }> = [
  { pack: 'hebei-2024', content: () => getSeed('juluxian-2024').content },
  { pack: 'shanghai-2026-department', content: () => shanghaiBudget('department') },
  { pack: 'shanghai-2026-unit', content: () => shanghaiBudget('unit') },
];

/** Every text of a workbook with the sheet and cell it is in. */
function texts(wb: ExcelJS.Workbook): Array<{ at: string; text: string }> {
  const out: Array<{ at: string; text: string }> = [];
  for (const ws of wb.worksheets) {
    out.push({ at: `sheet ${ws.name}`, text: ws.name });
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') out.push({ at: `${ws.name}!${cell.address}`, text: cell.value });
      }),
    );
  }
  return out;
}

for (const { pack, content } of DRAFTS) {
  for (const year of [2025, 2026]) {
    describe(`${pack}, a ${year} draft`, () => {
      let wb: ExcelJS.Workbook;
      beforeAll(async () => {
        const file = join(dir, `${pack}-${year}.xlsx`);
        await exportWorkbook(new DraftModel(getTemplate(pack, year), content()), { unitCode: '001', unitName: '测试单位', year }, file, { dictionaries });
        wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
      });

      it('prints only the draft year and the year before it', () => {
        const years = new Map<number, string>();
        for (const { at, text } of texts(wb)) {
          for (const m of text.matchAll(/(?<!\d)(\d{4})(?=\s*年|-\d{1,2}-\d{1,2})/g)) years.set(Number(m[1]), `${at}: ${text.slice(0, 60)}`);
        }
        expect(years.has(year), 'the draft year is printed').toBe(true);
        for (const [y, where] of years) expect([year, year - 1], where).toContain(y);
      });

      it('titles, headers and dates carry the year', () => {
        const all = texts(wb).map((t) => t.text);
        if (pack === 'hebei-2024') {
          expect(all).toContain(`预算年度：${year}`);
          expect(all).toContain(`${year}年预留中小微企业份额`);
          expect(all).toContain(`截止时间：${year - 1}-12-31`);
        } else {
          const who = pack.endsWith('unit') ? '预算单位' : '部门';
          expect(all).toContain(`${year}年${who}财务收支预算总表`);
          expect(all).toContain(`${year}年区级${pack.endsWith('unit') ? '单位' : '部门'}预算`);
        }
      });
    });
  }
}
