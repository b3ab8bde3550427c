import { describe, expect, it } from 'vitest';
import { DraftModel } from '../engine/model';
import { emptyContent } from '../draft';
import { getTemplate, PACKS } from '../regions';
import seedLayout from '../../main/excel/__fixtures__/seed-layout.json'; // the seed document's headers, transcribed by hand
import { foldLabel } from '../workbook/text';
import { headerLayout } from './layout';

const hebei = getTemplate('hebei-2024');
const table = (id: string) => hebei.tables.find((t) => t.id === id)!;

describe('header tree and 栏次', () => {
  it('table 2: 序号 and the two groups merge over their columns, single labels span both rows', () => {
    const layout = headerLayout(table('t02'));
    expect(layout.depth).toBe(2);
    const at = (label: string) => layout.cells.find((c) => c.label === label);
    expect(at('序号')).toEqual({ label: '序号', row: 0, col: 0, rowSpan: 2, colSpan: 1 });
    expect(at('功能分类科目')).toEqual({ label: '功能分类科目', row: 0, col: 1, rowSpan: 1, colSpan: 2 });
    expect(at('合计')).toEqual({ label: '合计', row: 0, col: 3, rowSpan: 2, colSpan: 1 });
    expect(at('本年收入')).toEqual({ label: '本年收入', row: 0, col: 4, rowSpan: 1, colSpan: 8 });
    expect(at('财政拨款收入')).toEqual({ label: '财政拨款收入', row: 1, col: 5, rowSpan: 1, colSpan: 1 });
    expect(at('上年结转')).toEqual({ label: '上年结转', row: 0, col: 12, rowSpan: 2, colSpan: 1 });
    expect(Object.values(layout.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('table 1: 收入 and 支出 side by side, 栏次 1–4; table 12 has no 序号', () => {
    const layout = headerLayout(table('t01'));
    expect(layout.cells.filter((c) => c.row === 0).map((c) => [c.label, c.colSpan])).toEqual([['序号', 1], ['收入', 2], ['支出', 2]]);
    expect(layout.seq).toEqual({ inItem: 1, inAmount: 2, outItem: 3, outAmount: 4 });
    expect(headerLayout(table('t12')).columns.map((c) => c.label)).toEqual(['项目', '数量', '价值']);
  });

  it('every cell of every header row is covered exactly once', () => {
    for (const t of hebei.tables) {
      const layout = headerLayout(t);
      const covered = new Map<string, number>();
      for (const c of layout.cells) {
        for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) covered.set(`${r}:${k}`, (covered.get(`${r}:${k}`) ?? 0) + 1);
      }
      expect(covered.size, t.id).toBe(layout.depth * layout.columns.length);
      expect([...covered.values()].every((n) => n === 1), t.id).toBe(true);
    }
  });
});

describe('template as data', () => {
  it('tables 1 and 4 are entirely derived, except the opening balances of table 4', () => {
    const model = new DraftModel(hebei, emptyContent());
    for (const id of ['t01', 't04']) {
      const def = table(id);
      if (def.rows.kind !== 'fixed') throw new Error('fixed rows expected');
      for (const row of def.rows.rows) {
        for (const col of def.columns.filter((c) => c.kind === 'money')) {
          const key = `${id}!${row.id}!${col.id}`;
          const entered = id === 't04' && col.id === 'inAmount' && ['balGeneral', 'balFund', 'balCapital'].includes(row.id);
          const isLabelOnlyRow = id === 't01' && col.id === 'inAmount' && !row.labels.inItem;
          const isT4InOnly = id === 't04' && col.id === 'inAmount' && !row.labels.inItem;
          if (entered || isLabelOnlyRow || isT4InOnly) continue;
          expect(model.isDerived(key), key).toBe(true);
        }
      }
    }
  });

  it('ids are unique and every derivation refers to existing tables and columns', () => {
    for (const t of PACKS.map((p) => p.template(p.layoutYear))) {
      const ids = new Set(t.tables.map((x) => x.id));
      expect(ids.size).toBe(t.tables.length);
      for (const d of t.derivations) {
        const tableId = d.kind === 'groupByCode' ? d.target.table : d.table;
        expect(ids.has(tableId), JSON.stringify(d)).toBe(true);
      }
    }
  });
});


describe('every table of the seed document: header tree and 栏次 as printed', () => {
  const a1 = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row}`;
  for (const printed of seedLayout.tables) {
    it(printed.title, () => {
      const def = hebei.tables.find((t) => t.title === printed.title);
      expect(def, printed.title).toBeDefined();
      const layout = headerLayout(def!);
      // The header grid with each merged label repeated over the cells it covers.
      const grid = Array.from({ length: layout.depth }, () => Array<string>(layout.columns.length).fill(''));
      const merges: string[] = [];
      for (const c of layout.cells) {
        for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) grid[r][k] = c.label;
        if (c.rowSpan > 1 || c.colSpan > 1) merges.push(`${a1(3 + c.row, c.col)}:${a1(3 + c.row + c.rowSpan - 1, c.col + c.colSpan - 1)}`);
      }
      // Labels compared as printed, apart from typesetting and a unit note (价值（金额单位：万元）).
      expect(grid.map((r) => r.map(foldLabel))).toEqual(printed.header.map((r) => r.map(foldLabel)));
      expect(merges.sort()).toEqual([...printed.merges].filter((m) => Number(m.match(/\d+/g)![1]) < 3 + layout.depth).sort());
      const seq = layout.columns.filter((c) => layout.seq[c.id] !== undefined).map((c) => layout.seq[c.id]);
      if (printed.seq) expect(seq).toEqual(printed.seq.filter((s) => typeof s === 'number'));
    });
  }
});
