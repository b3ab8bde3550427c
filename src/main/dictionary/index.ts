import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CodeDictionary, parseCsv, parseDictionaryTable, type Dictionaries, type DictionaryRow } from '../../shared/dictionary';
import type { CodeScheme } from '../../shared/template/types';
import type { SheetGrid } from '../../shared/workbook/types';
import { WorkbookFileError } from '../excel/guard';
import { readGridsFromFile } from '../excel/read';
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

/**
 * Read a dictionary list (columns code, name; level, parent_code optional) from any workbook
 * the import reads, told by its content (.xlsx, .xls, WPS .et, .ods, .csv in UTF-8 or GBK …:
 * ../excel/read.ts): the first visible sheet that holds such a list.
 */
export async function readDictionaryFile(file: string): Promise<DictionaryRow[]> {
  if (!existsSync(file)) throw new DictionaryFileError(`找不到文件：${file}`);
  let grids: SheetGrid[];
  try {
    grids = await readGridsFromFile(file);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new DictionaryFileError(`${basename(file)}：${e.message}`);
    throw e;
  }
  const tables = grids.filter((g) => !g.hidden).map((g) => g.rows.map((row) => Array.from(row, (c) => (c?.v === null || c?.v === undefined ? '' : String(c.v)))));
  if (!tables.length) throw new DictionaryFileError(`${basename(file)} 中没有可读的工作表`);
  const parsed = tables.map((t) => parseDictionaryTable(t, file));
  const found = parsed.find((p) => p.ok) ?? parsed[0];
  if (!found.ok) throw new DictionaryFileError(found.message);
  return found.rows;
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
