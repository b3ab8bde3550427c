import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CodeDictionary, parseCsv, parseDictionaryTable, type Dictionaries, type DictionaryRow } from '../../shared/dictionary';
import type { CodeScheme } from '../../shared/template/types';
import { resourcesDir } from '../paths';

/** Files of the shipped dictionary under resources/classification. */
const SHIPPED: Record<CodeScheme, string> = {
  function: 'function-codes.csv',
  economic: 'economic-codes-dept.csv',
};

export class DictionaryFileError extends Error {}

function fromTable(table: string[][], source: string): DictionaryRow[] {
  const parsed = parseDictionaryTable(table, source);
  if (!parsed.ok) throw new DictionaryFileError(parsed.message);
  return parsed.rows;
}

/** Read a dictionary list from a CSV or .xlsx file with the columns code, name (level, parent_code optional). */
export async function readDictionaryFile(file: string): Promise<DictionaryRow[]> {
  if (!existsSync(file)) throw new DictionaryFileError(`找不到文件：${file}`);
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return fromTable(parseCsv(readFileSync(file, 'utf8')), file);
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.readFile(file);
    } catch {
      throw new DictionaryFileError(`${file} 不是有效的 xlsx 文件`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new DictionaryFileError(`${file} 中没有工作表`);
    const table: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text ?? '');
      table.push(cells);
    });
    return fromTable(table, file);
  }
  throw new DictionaryFileError(`不支持的科目表文件类型“${ext}”，请使用 .csv 或 .xlsx`);
}

/** The shipped dictionaries, or a user-supplied replacement per scheme. */
export async function loadDictionaries(overrides: Partial<Record<CodeScheme, string>> = {}): Promise<Dictionaries> {
  const load = async (scheme: CodeScheme) =>
    new CodeDictionary(scheme, await readDictionaryFile(overrides[scheme] ?? join(resourcesDir(), 'classification', SHIPPED[scheme])));
  return { function: await load('function'), economic: await load('economic') };
}

/** Synchronous load of the shipped CSV dictionaries (CLI, tests, benchmarks). */
export function loadShippedDictionaries(): Dictionaries {
  const load = (scheme: CodeScheme) =>
    new CodeDictionary(scheme, fromTable(parseCsv(readFileSync(join(resourcesDir(), 'classification', SHIPPED[scheme]), 'utf8')), SHIPPED[scheme]));
  return { function: load('function'), economic: load('economic') };
}
