import type { CodeScheme } from './template/types';

/**
 * The code dictionary of a year (功能分类 and 部门预算经济分类): rows of code, name, level and
 * parent. Built from parsed rows; reading the files is main's job (src/main/dictionary).
 */

export interface DictionaryRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export type DictionaryParse = { ok: true; rows: DictionaryRow[] } | { ok: false; message: string };

const LEVEL_BY_LENGTH: Record<number, string> = { 3: '类', 5: '款', 7: '项' };

/** Fold full-width letters, digits and punctuation and drop spaces, for name comparison. */
export function foldName(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (ch === '“' || ch === '”' || ch === '「' || ch === '」') out += '"';
    else if (ch === '‘' || ch === '’') out += "'";
    else out += ch;
  }
  return out.replace(/[\s\u3000]/g, '');
}

/** Normalize a typed or imported code: full-width digits, spaces, numbers from Excel ("2010306.0"). */
export function normalizeCode(input: string | number): string {
  let s = String(input);
  s = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, '');
  if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  return s;
}

export class CodeDictionary {
  private readonly byCode = new Map<string, DictionaryRow>();
  private readonly folded: Array<{ row: DictionaryRow; name: string }> = [];

  constructor(
    readonly scheme: CodeScheme,
    rows: DictionaryRow[],
  ) {
    for (const row of rows) {
      this.byCode.set(row.code, row);
      this.folded.push({ row, name: foldName(row.name) });
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): DictionaryRow | undefined {
    return this.byCode.get(normalizeCode(code));
  }

  has(code: string): boolean {
    return this.byCode.has(normalizeCode(code));
  }

  all(): DictionaryRow[] {
    return [...this.byCode.values()];
  }

  /** Codes starting with the query, or names containing it; exact code first, then by code. */
  search(query: string, limit = 50): DictionaryRow[] {
    const q = foldName(normalizeCode(query.trim()));
    if (!q) return this.all().slice(0, limit);
    const isCode = /^\d+$/.test(q);
    const hits: DictionaryRow[] = [];
    for (const { row, name } of this.folded) {
      if (isCode ? row.code.startsWith(q) : name.includes(q)) hits.push(row);
    }
    hits.sort((a, b) => (a.code === q ? -1 : b.code === q ? 1 : a.code.localeCompare(b.code)));
    return hits.slice(0, limit);
  }

  /** The chain from the 类 down to the code itself, e.g. 201 → 20103 → 2010306. */
  lineage(code: string): DictionaryRow[] {
    const chain: DictionaryRow[] = [];
    for (let row = this.get(code); row; row = row.parentCode ? this.get(row.parentCode) : undefined) chain.unshift(row);
    return chain;
  }
}

export interface Dictionaries {
  function: CodeDictionary;
  economic: CodeDictionary;
}

/**
 * Parse a dictionary table given as rows of cells (from CSV or a worksheet). The header must
 * name the code and name columns (code/编码/科目编码, name/名称/科目名称); level and parent are
 * optional and derived from the code length when missing.
 */
export function parseDictionaryTable(table: string[][], source: string): DictionaryParse {
  const rows = table.filter((r) => r.some((c) => c.trim() !== ''));
  if (rows.length < 2) return { ok: false, message: `${source}：没有内容，至少需要表头和一行科目` };
  const header = rows[0].map((h) => foldName(h).toLowerCase());
  const find = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const codeIdx = find('code', '编码', '科目编码', '代码');
  const nameIdx = find('name', '名称', '科目名称');
  const levelIdx = find('level', '级次', '层级');
  const parentIdx = find('parent_code', 'parent', '上级编码');
  if (codeIdx < 0 || nameIdx < 0) {
    return { ok: false, message: `${source}：表头须包含“科目编码”（code）和“科目名称”（name）两列` };
  }
  const out: DictionaryRow[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const code = normalizeCode(r[codeIdx] ?? '');
    const name = (r[nameIdx] ?? '').trim();
    if (!code && !name) continue;
    if (!/^\d{3}(\d{2}){0,2}$/.test(code)) return { ok: false, message: `${source} 第 ${i + 1} 行：科目编码“${code}”应为 3、5 或 7 位数字` };
    if (!name) return { ok: false, message: `${source} 第 ${i + 1} 行：科目 ${code} 缺少名称` };
    if (seen.has(code)) return { ok: false, message: `${source} 第 ${i + 1} 行：科目编码 ${code} 重复` };
    seen.add(code);
    const level = (levelIdx >= 0 ? r[levelIdx]?.trim() : '') || LEVEL_BY_LENGTH[code.length];
    const parent = parentIdx >= 0 ? normalizeCode(r[parentIdx] ?? '') : '';
    out.push({ code, name, level, parentCode: parent || (code.length > 3 ? code.slice(0, code.length - 2) : null) });
  }
  for (const row of out) {
    if (row.parentCode && !seen.has(row.parentCode)) {
      return { ok: false, message: `${source}：科目 ${row.code} 的上级科目 ${row.parentCode} 不在表中` };
    }
  }
  return { ok: true, rows: out };
}

/** Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF); strips a UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
