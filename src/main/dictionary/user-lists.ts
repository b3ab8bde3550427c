import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CodeDictionary, parseCsv, parseDictionaryTable, type Dictionaries, type DictionaryRow } from '../../shared/dictionary';
import type { CodeScheme } from '../../shared/template/types';
import { DictionaryFileError, loadShippedDictionaries, readDictionaryFile } from '.';

/**
 * The official code list of a year, supplied by the user (CSV or xlsx with code and name
 * columns), replaces the shipped draft list. It is kept in the data folder as a normalized
 * CSV so it survives restarts; the original file is not needed afterwards.
 */

export interface DictionarySource {
  scheme: CodeScheme;
  source: 'shipped' | 'user';
  size: number;
  /** Name of the user's file the list came from, and when it was loaded. */
  fileName?: string;
  loadedAt?: string;
}

const SCHEMES: CodeScheme[] = ['function', 'economic'];

function folder(dataDir: string): string {
  return join(dataDir, 'classification');
}

function listFile(dataDir: string, scheme: CodeScheme): string {
  return join(folder(dataDir), `${scheme}.csv`);
}

function metaFile(dataDir: string, scheme: CodeScheme): string {
  return join(folder(dataDir), `${scheme}.json`);
}

function toCsv(rows: DictionaryRow[]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['code,name,level,parent_code', ...rows.map((r) => [r.code, r.name, r.level, r.parentCode ?? ''].map(quote).join(','))].join('\n') + '\n';
}

/** The shipped dictionaries with the user's replacements stored in the data folder applied. */
export function loadEffectiveDictionaries(dataDir: string): Dictionaries {
  const shipped = loadShippedDictionaries();
  const out = { ...shipped };
  for (const scheme of SCHEMES) {
    const file = listFile(dataDir, scheme);
    if (!existsSync(file)) continue;
    const parsed = parseDictionaryTable(parseCsv(readFileSync(file, 'utf8')), file);
    // A damaged stored list falls back to the shipped one rather than stopping the app.
    if (parsed.ok) out[scheme] = new CodeDictionary(scheme, parsed.rows);
  }
  return out;
}

export function dictionarySources(dataDir: string, dictionaries: Dictionaries): DictionarySource[] {
  return SCHEMES.map((scheme) => {
    const meta = metaFile(dataDir, scheme);
    const user = existsSync(listFile(dataDir, scheme)) && existsSync(meta);
    const info = user ? (JSON.parse(readFileSync(meta, 'utf8')) as { fileName: string; loadedAt: string }) : undefined;
    return { scheme, source: user ? 'user' : 'shipped', size: dictionaries[scheme].size, ...info };
  });
}

/**
 * Read the user's list, check it (see parseDictionaryTable), and store it. Returns the new
 * dictionary; nothing is stored when the file is refused.
 */
export async function replaceDictionary(dataDir: string, scheme: CodeScheme, file: string): Promise<CodeDictionary> {
  if (existsSync(file) && statSync(file).size > 20 * 1024 * 1024) throw new DictionaryFileError(`${basename(file)} 超过 20 MB，不像是科目表`);
  const rows = await readDictionaryFile(file);
  const levels = scheme === 'function' ? [3, 5, 7] : [3, 5];
  const wrong = rows.find((r) => !levels.includes(r.code.length));
  if (wrong) {
    const what = scheme === 'function' ? '功能分类科目应为 3、5、7 位' : '部门预算经济分类科目应为 3、5 位';
    throw new DictionaryFileError(`${basename(file)}：科目 ${wrong.code} ${wrong.name} 的编码位数不对（${what}），是否选错了科目表？`);
  }
  if (scheme === 'function' && !rows.some((r) => r.code.length === 7)) {
    throw new DictionaryFileError(`${basename(file)}：没有 7 位的项级科目，不像功能分类科目表，是否选错了科目表？`);
  }
  mkdirSync(folder(dataDir), { recursive: true });
  // Write beside, then rename: a crash never leaves a half-written list.
  const target = listFile(dataDir, scheme);
  writeFileSync(`${target}.tmp`, toCsv(rows));
  renameSync(`${target}.tmp`, target);
  writeFileSync(metaFile(dataDir, scheme), JSON.stringify({ fileName: basename(file), loadedAt: new Date().toISOString() }));
  return new CodeDictionary(scheme, rows);
}

/** Go back to the shipped list. */
export function resetDictionary(dataDir: string, scheme: CodeScheme): CodeDictionary {
  rmSync(listFile(dataDir, scheme), { force: true });
  rmSync(metaFile(dataDir, scheme), { force: true });
  return loadShippedDictionaries()[scheme];
}
