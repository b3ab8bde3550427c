import type { TableDef } from './types';

/**
 * The printed header of a table, computed from the columns' header paths: which label
 * spans which columns and rows (the merges), the 序号 column and the 栏次 numbers.
 * The grid and the workbook both draw from this, so they cannot disagree.
 */

export interface HeaderCell {
  label: string;
  /** 0-based header row and column within the header block (序号 included when present). */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface HeaderLayout {
  /** Number of header rows (without the 栏次 row). */
  depth: number;
  /** Columns of the printed table: '序号' first when the table has one, then the template columns. */
  columns: Array<{ id: string; label: string }>;
  cells: HeaderCell[];
  /** 栏次 number per column id; columns without a number are absent (序号 and unnumbered). */
  seq: Record<string, number>;
}

export const SERIAL_COLUMN = 'serial';

export function headerLayout(table: TableDef): HeaderLayout {
  const columns = [
    ...(table.hasSerial ? [{ id: SERIAL_COLUMN, header: ['序号'] }] : []),
    ...table.columns.map((c) => ({ id: c.id, header: c.header })),
  ];
  const depth = Math.max(...columns.map((c) => c.header.length));
  const cells: HeaderCell[] = [];
  // Walk the header rows top-down, merging runs of adjacent columns that share the same path prefix.
  const placed = new Set<string>();
  for (let level = 0; level < depth; level++) {
    let start = 0;
    while (start < columns.length) {
      const col = columns[start];
      if (level >= col.header.length || placed.has(`${level}:${start}`)) {
        start++;
        continue;
      }
      const prefix = col.header.slice(0, level + 1).join('\u0000');
      const isLeaf = level === col.header.length - 1;
      let end = start + 1;
      if (!isLeaf) {
        while (end < columns.length && columns[end].header.length > level + 1 && columns[end].header.slice(0, level + 1).join('\u0000') === prefix) end++;
      }
      const rowSpan = isLeaf ? depth - level : 1;
      cells.push({ label: col.header[level], row: level, col: start, rowSpan, colSpan: end - start });
      for (let r = level; r < level + rowSpan; r++) for (let c = start; c < end; c++) placed.add(`${r}:${c}`);
      start = end;
    }
  }
  const seq: Record<string, number> = {};
  let n = 0;
  for (const c of table.columns) if (!table.unnumbered?.includes(c.id)) seq[c.id] = ++n;
  return { depth, columns: columns.map((c) => ({ id: c.id, label: c.header[c.header.length - 1] })), cells, seq };
}
