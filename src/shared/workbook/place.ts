import type { SheetGrid } from './types';

/** The rows of its sheet a table stands on (1-based, first to last), where the sheet holds several tables (blocks.ts). */
export interface RowSpan {
  first: number;
  last: number;
}

/** Something read from a sheet, and its rows where the sheet holds several tables. */
export interface Placed {
  sheet: string;
  sheetRows?: RowSpan;
}

/** The rows of its sheet a block stands on; undefined for a whole sheet. */
export function rowSpanOf(grid: Pick<SheetGrid, 'rows' | 'part'>): RowSpan | undefined {
  return grid.part ? { first: grid.part.offset + 1, last: grid.part.offset + grid.rows.length } : undefined;
}

/** The sheet's row number (1-based) of a grid's row index. */
export function sheetRowOf(grid: Pick<SheetGrid, 'part'>, r: number): number {
  return r + 1 + (grid.part?.offset ?? 0);
}

/**
 * Where things stand, as a clerk finds them: one entry per sheet, its name, and the rows
 * where it holds several tables ("Sheet1 第 218–234、237–253 行").
 */
export function placesOf(parts: Placed[]): string[] {
  const spans = new Map<string, RowSpan[]>();
  for (const p of parts) {
    const list = spans.get(p.sheet) ?? [];
    if (p.sheetRows && !list.some((s) => s.first === p.sheetRows!.first)) list.push(p.sheetRows);
    spans.set(p.sheet, list);
  }
  return [...spans].map(([sheet, list]) => (list.length ? `${sheet} 第 ${list.map((s) => `${s.first}–${s.last}`).join('、')} 行` : sheet));
}

/** Where a block of a sheet (or a whole sheet) stands. */
export function placeOf(grid: Pick<SheetGrid, 'name' | 'rows' | 'part'>): string {
  return placesOf([{ sheet: grid.name, sheetRows: rowSpanOf(grid) }])[0];
}
