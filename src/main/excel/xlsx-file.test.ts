import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { buildWorkbook } from './export';
import { xlsxBytes } from './xlsx-file';

/** The seed's exported workbook (styles, merges, print setup, the 情况说明 text). */
function seedWorkbook(): ExcelJS.Workbook {
  const seed = getSeed('juluxian-2024');
  return buildWorkbook(new DraftModel(getTemplate(seed.meta.templateId), seed.content), seed.meta, { dictionaries: loadShippedDictionaries() });
}

/** Each entry of a zip with its compression method, as its local header states it. */
function methodsOf(bytes: Uint8Array): Map<string, number> {
  const methods = new Map<string, number>();
  const unzip = new Unzip((file) => methods.set(file.name, file.compression));
  unzip.register(UnzipInflate);
  unzip.push(bytes, true);
  return methods;
}

describe('writing a workbook as .xlsx', () => {
  it('holds exactly the parts exceljs writes itself, each deflated', async () => {
    const wb = seedWorkbook();
    const bytes = await xlsxBytes(wb);
    const ours = unzipSync(bytes);
    const theirs = unzipSync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const files = Object.keys(theirs).filter((name) => !name.endsWith('/'));
    expect(Object.keys(ours)).toEqual(files);
    for (const name of files) expect(Buffer.from(ours[name]).equals(Buffer.from(theirs[name])), name).toBe(true);
    const methods = methodsOf(bytes);
    expect([...methods.keys()]).toEqual(files);
    expect(new Set(methods.values())).toEqual(new Set([8]));
  });

  it('is read back alike by exceljs and SheetJS (the import)', async () => {
    const wb = seedWorkbook();
    const bytes = await xlsxBytes(wb);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
    const first = wb.worksheets[0];
    const again = back.worksheets[0];
    first.eachRow((row, r) => row.eachCell((cell, c) => expect(again.getCell(r, c).value).toEqual(cell.value)));
    expect([...again.model.merges].sort()).toEqual([...first.model.merges].sort());
    expect(again.getCell(1, 1).font).toEqual(first.getCell(1, 1).font);

    const sheetJs = XLSX.read(bytes, { type: 'buffer' });
    expect(sheetJs.SheetNames).toEqual(wb.worksheets.map((w) => w.name));
    const title = first.getCell(1, 1).value;
    expect(sheetJs.Sheets[sheetJs.SheetNames[0]].A1?.v).toBe(title);
  });
});
