import { describe, expect, it } from 'vitest';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { getTemplate, PACKS } from '../../../../shared/regions';
import { headerLayout, SERIAL_COLUMN } from '../../../../shared/template/layout';
import { requireRole } from '../../../../shared/template/types';
import { columnTree, leafSpecs, pinnedColumns, pixelWidth } from './columns';

type Node = ColDef | ColGroupDef;
const isGroup = (n: Node): n is ColGroupDef => 'children' in n;

/** Flatten the grid's tree into header cells (label, first leaf, leaf count, depth) for comparison. */
function spans(nodes: Node[], level = 0, start = { n: 0 }, out: Array<[string, number, number, number]> = []) {
  for (const node of nodes) {
    const first = start.n;
    if (isGroup(node)) {
      spans(node.children, level + 1, start, out);
      out.push([node.headerName!, level, first, start.n - first]);
    } else {
      out.push([node.headerName!, level, first, 1]);
      start.n++;
    }
  }
  return out;
}

describe('grid column groups follow the printed header', () => {
  it('every table of every pack: the grid merges exactly the header cells of the template layout', () => {
    for (const table of PACKS.flatMap((p) => getTemplate(p.id).tables)) {
      const tree = columnTree(leafSpecs(table), (s) => ({ colId: s.id, headerName: s.header[s.header.length - 1] }));
      const got = spans(tree).map(([label, row, col, span]) => `${label}@${row}:${col}+${span}`).sort();
      const want = headerLayout(table).cells.map((c) => `${c.label}@${c.row}:${c.col}+${c.colSpan}`).sort();
      expect(got, table.id).toEqual(want);
    }
  });
});

describe('the columns that say which row a line is stay put when a wide table scrolls', () => {
  it('every table of every pack pins a leading run of its identifying columns, only 序号 on a side-by-side table, never most of the grid', () => {
    for (const table of PACKS.flatMap((p) => getTemplate(p.id).tables)) {
      const specs = leafSpecs(table);
      const pinned = pinnedColumns(table, specs);
      const lead = specs.slice(0, pinned.size);
      expect(lead.map((s) => s.id), table.id).toEqual([...pinned]);
      expect(lead.every((s) => s.id === SERIAL_COLUMN || s.part !== undefined || s.def?.role), table.id).toBe(true);
      expect(lead.reduce((w, s) => w + pixelWidth(s), 0), table.id).toBeLessThanOrEqual(560);
      if (table.sideBySide) expect([...pinned], table.id).toEqual(table.hasSerial ? [SERIAL_COLUMN] : []);
    }
  });

  it('上年对比 keeps its 项目 in view beside 增减原因; a coded table keeps its code and name', () => {
    for (const pack of PACKS) {
      const template = getTemplate(pack.id);
      const prior = template.tables.find((t) => t.role === 'priorYear');
      if (prior) expect([...pinnedColumns(prior, leafSpecs(prior))], pack.id).toEqual(leafSpecs(prior).filter((s) => s.def?.role === 'label').map((s) => s.id));
      const spending = requireRole(template, 'spending');
      const ids = [...pinnedColumns(spending, leafSpecs(spending))];
      expect(ids.some((id) => leafSpecs(spending).find((s) => s.id === id)?.def?.role === 'name'), pack.id).toBe(true);
    }
  });
});
