import type { CellEdit } from '../../../../shared/api/store';
import { normalizeCode } from '../../../../shared/dictionary';
import type { TableDef } from '../../../../shared/template/types';
import { SplitCodeReader } from '../../../../shared/workbook/split-code';

/**
 * A block pasted over the code column of a coded table (lines copied from last year's
 * workbook: 科目编码, 科目名称, figures) is placed by its codes, not by grid position: each
 * line fills the row of its code, and codes the table does not have yet are added in the
 * same step. Lines of a 类 or 款 whose 项 are in the block are sums the table makes itself,
 * so their figures are left out; names are the dictionary's, so name columns are skipped.
 */
export interface PasteByCode {
  addCodes: Array<{ table: string; code: string }>;
  edits: CellEdit[];
  /** Lines placed (with a code). */
  lines: number;
  /** Lines without a code (a 合计 line, a blank line). */
  withoutCode: number;
  /** Lines of a 类/款 whose figures the table sums from the block's lower codes. */
  sumLines: number;
  /** Cells right of the table's last column. */
  outside: number;
}

/** The code a pasted cell holds: "2010301", "201 03 01", "2010301 行政运行"; null for anything else. */
export function codeIn(text: string): string | null {
  const m = /^(\d+)(?:\D.*)?$/.exec(normalizeCode(text.trim()));
  return m ? m[1] : null;
}

/**
 * Plan a paste at column `left` of the grid (whose column ids are `colIds`), or null when the
 * block does not cover the table's code column (then it is an ordinary paste by position).
 */
export function planPasteByCode(table: TableDef, colIds: string[], left: number, block: string[][], rowsShown: ReadonlySet<string>): PasteByCode | null {
  if (table.rows.kind !== 'coded') return null;
  const codeColumn = table.columns.find((c) => c.role === 'code');
  const codeAt = codeColumn ? colIds.indexOf(codeColumn.id) - left : -1;
  const width = Math.max(0, ...block.map((line) => line.length));
  if (codeAt < 0 || codeAt >= width) return null;

  const lines = hasSplitCodes(block, codeAt, table.rows.levels) ? joinSplitCodes(block, codeAt, table.rows.levels) : block;
  const codes = lines.map((line) => codeIn(line[codeAt] ?? ''));
  // Every proper prefix of a code in the block: a line with such a code is a sum of others.
  const sums = new Set<string>();
  for (const code of codes) for (let n = 1; code && n < code.length; n++) sums.add(code.slice(0, n));
  const plan: PasteByCode = { addCodes: [], edits: [], lines: 0, withoutCode: 0, sumLines: 0, outside: 0 };
  const adding = new Set<string>();
  lines.forEach((line, i) => {
    const code = codes[i];
    if (code === null) {
      if (line.some((cell) => cell.trim() !== '')) plan.withoutCode++;
      return;
    }
    plan.lines++;
    if (sums.has(code)) {
      plan.sumLines++; // its lower codes bring the row
      return;
    }
    if (!rowsShown.has(code) && !adding.has(code)) {
      adding.add(code);
      plan.addCodes.push({ table: table.id, code });
    }
    line.forEach((value, c) => {
      if (c === codeAt) return;
      const colId = colIds[left + c];
      if (colId === undefined) {
        if (value.trim() !== '') plan.outside++;
        return;
      }
      const def = table.columns.find((x) => x.id === colId);
      if (!def || def.role === 'code' || def.role === 'name' || def.role === 'label') return;
      plan.edits.push({ table: table.id, row: code, col: colId, value: value.trim() });
    });
  });
  return plan;
}

/**
 * Whether the lines carry their codes over three columns from `at` (类 "201" | 款 "03" | 项 "06",
 * as 上海 prints them): every part blank or of its level's length, and some 款 or 项 part given.
 */
function hasSplitCodes(block: string[][], at: number, levels: number[]): boolean {
  const [classLength, sectionLength = 0, itemLength = 0] = levels;
  const fits = (text: string, lengths: number[]) => text === '' || (/^\d+$/.test(text) && lengths.includes(text.length));
  let parts = 0;
  for (const line of block) {
    const [cls, sec, item] = codePartsAt(line, at);
    if (!sec && !item && !/^\d*$/.test(cls)) continue; // a 合计 line
    if (!cls && !sec && !item) continue;
    if (!fits(cls, [classLength]) || !fits(sec, [2, sectionLength]) || !fits(item, [2, itemLength])) return false;
    if (sec || item) parts++;
  }
  return parts > 0;
}

/** The lines with their three code columns joined into one, the cells after them moved up to follow it. */
function joinSplitCodes(block: string[][], at: number, levels: number[]): string[][] {
  const reader = new SplitCodeReader(levels);
  return block.map((line) => {
    const [cls, sec, item] = codePartsAt(line, at).map((part) => (/^\d+$/.test(part) ? part : ''));
    const code = reader.read(cls, sec, item);
    // A line without any part (a 合计 line) keeps what it says there.
    return [...line.slice(0, at), code || (line[at] ?? ''), ...line.slice(at + 3)];
  });
}

/** The 类, 款 and 项 cells of a line from `at`, as normalised text. */
function codePartsAt(line: string[], at: number): string[] {
  return [0, 1, 2].map((i) => normalizeCode((line[at + i] ?? '').trim()));
}
