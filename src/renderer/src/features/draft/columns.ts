import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { ColumnDef, TableDef } from '../../../../shared/template/types';
import { SERIAL_COLUMN } from '../../../../shared/template/layout';

/**
 * The grid's column tree from the template's header paths: adjacent columns sharing a
 * label at a level are merged under one group, as in the printed table. Leaf behaviour
 * (values, editing, classes) is supplied by the caller.
 */

export interface LeafSpec {
  /** The grid's column id: the template column's, or `code:1` for a part of a split code column. */
  id: string;
  header: string[];
  def?: ColumnDef;
  /** Which level of a split code column (0 = 类, 1 = 款, 2 = 项) this grid column shows. */
  part?: number;
}

/** The grid's leaf columns: 序号, then the template's columns, a split code column as one column per level. */
export function leafSpecs(table: TableDef): LeafSpec[] {
  const serial: LeafSpec[] = table.hasSerial ? [{ id: SERIAL_COLUMN, header: ['序号'] }] : [];
  return [
    ...serial,
    ...table.columns.flatMap((c): LeafSpec[] =>
      c.splitLevels?.length ? c.splitLevels.map((level, part) => ({ id: `${c.id}:${part}`, header: [...c.header, level], def: c, part })) : [{ id: c.id, header: c.header, def: c }],
    ),
  ];
}

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
