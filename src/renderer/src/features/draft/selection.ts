/**
 * A rectangular range of cells (community AG Grid has none): an anchor where the selection
 * started and a focus where it ends, as row and column indices of the displayed grid.
 */
export interface Pos {
  row: number;
  col: number;
}

export interface Range {
  anchor: Pos;
  focus: Pos;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function single(pos: Pos): Range {
  return { anchor: pos, focus: pos };
}

export function bounds(range: Range): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(b: Bounds, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function isSingle(range: Range): boolean {
  return range.anchor.row === range.focus.row && range.anchor.col === range.focus.col;
}

/** Move the focus corner (shift+arrow), clamped to the grid. */
export function extend(range: Range, dRow: number, dCol: number, rows: number, cols: number, minCol = 0): Range {
  const row = Math.max(0, Math.min(rows - 1, range.focus.row + dRow));
  const col = Math.max(minCol, Math.min(cols - 1, range.focus.col + dCol));
  return { anchor: range.anchor, focus: { row, col } };
}

export const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};
