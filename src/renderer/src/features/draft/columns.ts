import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { printedColumns, SERIAL_COLUMN, type PrintedColumn } from '../../../../shared/template/layout';
import type { TableDef } from '../../../../shared/template/types';

/**
 * The grid's column tree from the template's header paths: adjacent columns sharing a
 * label at a level are merged under one group, as in the printed table. Leaf behaviour
 * (values, editing, classes) is supplied by the caller.
 */

/** A grid column: a printed column of the table (a split code column's levels are columns of their own). */
export type LeafSpec = PrintedColumn;

/** The grid's leaf columns: the printed columns (序号, the template's columns, a split code column per level). */
export const leafSpecs = printedColumns;

/** The template column a grid column stands for (a split code column's parts stand for the code column). */
export function templateColumnId(spec: LeafSpec): string {
  return spec.def?.id ?? spec.id;
}

/** Pixel width of a column given its width in characters (CJK text is about 13 px a character). */
export function pixelWidth(spec: LeafSpec): number {
  if (spec.id === SERIAL_COLUMN) return 52;
  if (spec.part !== undefined) return spec.part === 0 ? 52 : 44;
  const chars = spec.def?.width ?? 12;
  const numeric = spec.def && spec.def.kind !== 'text' && spec.def.kind !== 'code';
  // Figures are narrow Latin digits; labels are CJK.
  return Math.round(Math.max(56, Math.min(480, numeric ? chars * 7 + 14 : chars * 8.5 + 16)));
}

/** At most this much of the grid's width stays put when the clerk scrolls right. */
const PINNED_WIDTH_LIMIT = 560;

/**
 * The columns that say which row a line is (序号, the code's levels, the code, the name or
 * label), when they lead the table: pinned left, so that a wide table scrolled to its last
 * columns (增减原因, 绩效目标) still shows whose figures they are. A side-by-side table (a label
 * on each side), a table of labels only, or one whose labels alone are wider than the limit
 * pins 序号 alone.
 */
export function pinnedColumns(table: TableDef, specs: LeafSpec[]): Set<string> {
  const serial = new Set(specs.filter((s) => s.id === SERIAL_COLUMN).map((s) => s.id));
  if (table.sideBySide) return serial;
  const identifying = (s: LeafSpec) => s.id === SERIAL_COLUMN || s.part !== undefined || !!s.def?.role;
  const lead: LeafSpec[] = [];
  for (const spec of specs) {
    if (!identifying(spec)) break;
    lead.push(spec);
  }
  const width = lead.reduce((sum, s) => sum + pixelWidth(s), 0);
  return lead.length === specs.length || width > PINNED_WIDTH_LIMIT ? serial : new Set(lead.map((s) => s.id));
}

export function columnTree<T>(specs: LeafSpec[], leaf: (spec: LeafSpec) => ColDef<T>): Array<ColDef<T> | ColGroupDef<T>> {
  const build = (items: LeafSpec[], level: number, path: string): Array<ColDef<T> | ColGroupDef<T>> => {
    const out: Array<ColDef<T> | ColGroupDef<T>> = [];
    let i = 0;
    while (i < items.length) {
      const spec = items[i];
      if (spec.header.length - 1 <= level) {
        out.push(leaf(spec));
        i++;
        continue;
      }
      const label = spec.header[level];
      let j = i + 1;
      while (j < items.length && items[j].header.length - 1 > level && items[j].header[level] === label) j++;
      const groupId = `${path}/${label}@${i}`;
      out.push({
        groupId,
        headerName: label,
        marryChildren: true,
        headerClass: 'bd-header-group',
        wrapHeaderText: true,
        autoHeaderHeight: true,
        children: build(items.slice(i, j), level + 1, groupId),
      });
      i = j;
    }
    return out;
  };
  return build(specs, 0, '');
}
