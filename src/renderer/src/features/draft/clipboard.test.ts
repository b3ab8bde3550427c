import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './clipboard';
import { bounds, extend, single } from './selection';

describe('tab-separated clipboard text', () => {
  it('reads an Excel block with CRLF and a trailing newline', () => {
    expect(parseTsv('1\t2\t3\r\n4\t\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('reads quoted cells holding tabs, newlines and quotes', () => {
    expect(parseTsv('"a\tb"\t"line1\nline2"\t"say ""hi"""\n')).toEqual([['a\tb', 'line1\nline2', 'say "hi"']]);
  });

  it('round-trips what it writes', () => {
    const rows = [['12.5', '资金"用途"', 'x\ty'], ['', '0', '']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });

  it('a single value without newline is one cell', () => {
    expect(parseTsv('1,234.50')).toEqual([['1,234.50']]);
  });
});

describe('range selection', () => {
  it('extends from the anchor and clamps to the grid', () => {
    let r = single({ row: 2, col: 3 });
    r = extend(r, 1, 0, 10, 6);
    r = extend(r, 0, -5, 10, 6, 1);
    expect(bounds(r)).toEqual({ top: 2, bottom: 3, left: 1, right: 3 });
    r = extend(r, 20, 20, 10, 6);
    expect(r.focus).toEqual({ row: 9, col: 5 });
  });
});
