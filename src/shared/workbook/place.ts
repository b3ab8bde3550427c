import type { SheetGrid } from './types';

/** Where a table stands, as a clerk finds it: its sheet, and its rows where the sheet holds several tables (blocks.ts). */
export function placeOf(grid: Pick<SheetGrid, 'name' | 'rows' | 'part'>): string {
  if (!grid.part) return grid.name;
  return `${grid.name} 第 ${grid.part.offset + 1}–${grid.part.offset + grid.rows.length} 行`;
}

/** The sheet's row number (1-based) of a grid's row index. */
export function sheetRowOf(grid: Pick<SheetGrid, 'part'>, r: number): number {
  return r + 1 + (grid.part?.offset ?? 0);
}
