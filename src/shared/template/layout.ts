import { TOTAL_ROW } from '../draft';
import type { ColumnDef, TableDef } from './types';

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
  /**
   * Columns of the printed table: '序号' first when the table has one, then the template
   * columns, a split code column as one column per level (see printedColumns).
   */
  columns: Array<{ id: string; label: string }>;
  cells: HeaderCell[];
  /** 栏次 number per column id; columns without a number are absent (序号 and unnumbered). */
  seq: Record<string, number>;
}

export const SERIAL_COLUMN = 'serial';

/** One printed column: a template column, or one level of a split code column (`code:1` is its 款). */
export interface PrintedColumn {
  /** The template column's id, or `<id>:<part>` for a level of a split code column. */
  id: string;
  header: string[];
  /** The template column it prints (absent for 序号). */
  def?: ColumnDef;
  /** Which level of a split code column (0 = 类, 1 = 款, 2 = 项). */
  part?: number;
}

/** The printed columns of a table: 序号, then the template's columns, a split code column as one column per level under its header. */
export function printedColumns(table: TableDef): PrintedColumn[] {
  const serial: PrintedColumn[] = table.hasSerial ? [{ id: SERIAL_COLUMN, header: ['序号'] }] : [];
  return [
    ...serial,
    ...table.columns.filter((c) => !c.hidden).flatMap((c): PrintedColumn[] =>
      c.splitLevels?.length ? c.splitLevels.map((level, part) => ({ id: `${c.id}:${part}`, header: [...c.header, level], def: c, part })) : [{ id: c.id, header: c.header, def: c }],
    ),
  ];
}

/** A table's rows in print order: a coded table's 合计 row last where the template prints it at the bottom (上海). */
export function printedRows(table: TableDef, rows: readonly string[]): string[] {
  if (table.rows.kind !== 'coded' || table.rows.totalAt !== 'bottom' || !rows.includes(TOTAL_ROW)) return [...rows];
  return [...rows.filter((r) => r !== TOTAL_ROW), TOTAL_ROW];
}

export function headerLayout(table: TableDef): HeaderLayout {
  const columns = printedColumns(table);
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

/** A code in the parts the template prints it in: 类 | 款 | 项 where the code column is split (["205","02","05"]), else whole. */
export function codeParts(table: TableDef, code: string): string[] {
  const codeCol = table.columns.find((c) => c.role === 'code');
  if (!codeCol?.splitLevels || table.rows.kind !== 'coded') return [code];
  const parts: string[] = [];
  let start = 0;
  for (const end of table.rows.levels) {
    if (end > code.length) break;
    parts.push(code.slice(start, end));
    start = end;
  }
  return parts;
}

/** A code as the template prints it (205 | 02 | 05 where the code column is split). */
export function printedCode(table: TableDef, code: string): string {
  return codeParts(table, code).join(' | ');
}

/**
 * A fixed row's label as printed beside a column: the label column left of it (T1 and T4
 * have one per side); undefined for a row without a label (a one-row table).
 */
export function fixedRowLabel(t: TableDef, row: string, col?: string): string | undefined {
  const def = t.rows.kind === 'fixed' ? t.rows.rows.find((r) => r.id === row) : undefined;
  if (!def) return undefined;
  let label = t.columns.find((c) => c.role === 'label')?.id ?? '';
  for (const c of t.columns) {
    if (c.role === 'label') label = c.id;
    if (c.id === col) break;
  }
  return def.labels[label] ?? Object.values(def.labels)[0];
}
