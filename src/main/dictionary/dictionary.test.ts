import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDictionaries, loadShippedDictionaries, readDictionaryFile } from '.';

describe('code dictionary', () => {
  const dict = loadShippedDictionaries();

  it('looks up by code, including typed variants', () => {
    expect(dict.function.get('2010306')?.name).toBe('政务公开审批');
    expect(dict.function.get('２０１０３０６')?.name).toBe('政务公开审批');
    expect(dict.economic.get('30231')?.name).toBe('公务用车运行维护费');
    expect(dict.function.lineage('2010306').map((r) => r.code)).toEqual(['201', '20103', '2010306']);
  });

  it('searches by code prefix and by name fragment', () => {
    expect(dict.function.search('20103').map((r) => r.code)[0]).toBe('20103');
    expect(dict.function.search('政务公开').map((r) => r.code)).toContain('2010306');
    expect(dict.economic.search('公务用车').map((r) => r.code)).toEqual(expect.arrayContaining(['30231', '31013']));
  });

  it('is replaced by a user list in CSV or xlsx, with clear errors for bad lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dict-'));
    const csv = join(dir, 'f.csv');
    writeFileSync(csv, '\uFEFF科目编码,科目名称\r\n201,一般公共服务支出\r\n20103,政府办公厅（室）及相关机构事务\r\n2010399,新的项目\r\n');
    const loaded = await loadDictionaries({ function: csv });
    expect(loaded.function.size).toBe(3);
    expect(loaded.function.get('2010399')?.level).toBe('项');

    const xlsx = join(dir, 'e.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('经济分类');
    ws.addRows([['code', 'name'], [301, '工资福利支出'], [30101, '基本工资']]);
    await wb.xlsx.writeFile(xlsx);
    expect((await readDictionaryFile(xlsx)).map((r) => r.code)).toEqual(['301', '30101']);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'code,name\n20103,缺少上级\n');
    await expect(readDictionaryFile(bad)).rejects.toThrow(/上级科目 201/);
    writeFileSync(bad, 'foo,bar\n1,2\n');
    await expect(readDictionaryFile(bad)).rejects.toThrow(/表头/);
    await expect(readDictionaryFile(join(dir, 'x.pdf'))).rejects.toThrow(/找不到/);
  });

  it('reads a list from every workbook the import reads, told by its content: .xls, WPS .et, .ods, a GBK .csv, a list on its second sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dict-'));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['说明：2025年政府收支分类科目']]), '说明');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['科目编码', '科目名称'], [201, '一般公共服务支出'], ['20103', '政府办公厅（室）及相关机构事务'], [2010301, '行政运行']]), '功能分类');
    const codes = async (name: string, bytes: Buffer | string) => {
      writeFileSync(join(dir, name), bytes);
      return (await readDictionaryFile(join(dir, name))).map((r) => `${r.code} ${r.name}`);
    };
    const expected = ['201 一般公共服务支出', '20103 政府办公厅（室）及相关机构事务', '2010301 行政运行'];
    expect(await codes('功能分类.xls', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }))).toEqual(expected);
    expect(await codes('功能分类.et', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }))).toEqual(expected);
    expect(await codes('功能分类.ods', XLSX.write(book, { type: 'buffer', bookType: 'ods' }))).toEqual(expected);
    // As Chinese Excel saves a .csv: GBK, no byte-order mark.
    const gbk = Buffer.from('bfc6c4bfb1e0c2eb2cbfc6c4bfc3fbb3c60d0a3230312cd2bbb0e3b9abb9b2b7fecef1d6a7b3f60d0a32303130332cd5feb8aeb0ecb9abccfca3a8cad2a3a9bcb0cfe0b9d8bbfab9b9cac2cef10d0a', 'hex');
    expect(await codes('功能分类.csv', gbk)).toEqual(expected.slice(0, 2));
    // Not a workbook: the import's words for it.
    await expect(codes('功能分类.xlsx', 'PDF-1.4 不是表格')).rejects.toThrow(/^功能分类\.xlsx：文件不是 Excel 工作簿或其他电子表格/);
  });
});
