import { describe, expect, it } from 'vitest';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { getTemplate, PACKS } from '../../../../shared/regions';
import { headerLayout } from '../../../../shared/template/layout';
import { columnTree, leafSpecs } from './columns';

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
