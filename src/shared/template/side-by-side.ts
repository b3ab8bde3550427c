import { NUMERALS } from '../regions/common/classes';
import type { FixedRowDef, TableDef } from './types';

/**
 * The printed lines of a side-by-side table (上海's 收支总表, see TableDef.sideBySide): the
 * left rows fill the left half from the top, the right rows the right half, the rows labelled
 * on both sides close the table, aligned. Right rows that stand for a code print only when
 * they hold a figure and are numbered 一、二、… in print order. The grid and the workbook both
 * draw from this, so they cannot disagree.
 */

export interface SideBySideLine {
  /** The row whose left columns this line shows. */
  left?: string;
  /** The row whose right columns this line shows. */
  right?: string;
  /** The right label as printed (numbered where the row stands for a code). */
  rightLabel?: string;
  /** A closing line (收入总计 | 支出总计). */
  isTotal?: boolean;
}

/**
 * @param holdsFigure whether a right row has a figure in any of its right columns (a row
 *   standing for a code without one is left out, as in print)
 */
export function sideBySideLines(table: TableDef, holdsFigure: (rowId: string) => boolean): SideBySideLine[] {
  const sides = table.sideBySide;
  if (!sides || table.rows.kind !== 'fixed') return [];
  const labelled = (row: FixedRowDef, cols: string[]) => cols.some((c) => row.labels[c] !== undefined);
  const left: FixedRowDef[] = [];
  const right: FixedRowDef[] = [];
  const closing: FixedRowDef[] = [];
  for (const row of table.rows.rows) {
    const l = labelled(row, sides.left);
    const r = labelled(row, sides.right);
    if (l && r) closing.push(row);
    else if (l) left.push(row);
    else if (r && (row.code === undefined || holdsFigure(row.id))) right.push(row);
  }
  const rightLabel = sides.right.find((c) => table.columns.find((d) => d.id === c)?.role === 'label') ?? sides.right[0];
  let numbered = 0;
  const rightLines = right.map((row) => {
    if (row.code === undefined) return { right: row.id, rightLabel: row.labels[rightLabel] };
    const n = numbered++;
    return { right: row.id, rightLabel: `${NUMERALS[n] ?? String(n + 1)}、${row.labels[rightLabel]}` };
  });
  const lines: SideBySideLine[] = [];
  for (let i = 0; i < Math.max(left.length, rightLines.length); i++) {
    lines.push({ ...(left[i] && { left: left[i].id }), ...rightLines[i] });
  }
  for (const row of closing) lines.push({ left: row.id, right: row.id, rightLabel: row.labels[rightLabel], isTotal: true });
  return lines;
}

/** Whether a column belongs to the right half of a side-by-side table. */
export function isRightColumn(table: TableDef, colId: string): boolean {
  return !!table.sideBySide?.right.includes(colId);
}
