import type { Dictionaries } from '../dictionary';
import { formatMoney, toDecimalString } from '../money';
import { codeParts, headerLayout, printedColumns, printedRows, SERIAL_COLUMN } from '../template/layout';
import { TOTAL_ROW } from '../draft';
import type { ColumnDef, TableDef } from '../template/types';
import { isEmptyTable, lineRow, printedText, printLines, type PrintView } from './cells';
import { esc, MIN_FONT_PT, MM_PER_PT, PRINT_WIDTH_MM, TABLE_FONT_PT } from './html';

/**
 * One published table as printed: title, information line, merged header, 栏次 and rows.
 * The information line, the header and the 栏次 repeat on every page the table runs over
 * (a table header group). A table is fitted to A4: portrait when it fits at 10 pt, else
 * landscape at 10 down to 9 pt; wider still, it is split into parts that repeat the row's
 * 序号, code and name, each part with its own 栏次 numbers as in the whole table.
 */

export interface PrintedTable {
  table: TableDef;
  /** The information line: unit left, year (or 截止时间) centred, unit of measure right. */
  info: string[];
  /** HTML id of the first block (the 目录 links to it). */
  anchor?: string;
  /** Printed inside a section of the text: a smaller title, no page of its own unless landscape. */
  inline?: boolean;
  /** Title printed instead of the table's (机构设置 in the text: 部门机构设置情况). */
  title?: string;
}

interface PrintColumn {
  /** The printed column's id (see printedColumns: `code:1` is the 款 of a split code). */
  id: string;
  def?: ColumnDef;
  /** Which level of a split code column. */
  part?: number;
  /** Width in em of the table's font. */
  em: number;
  /** Whether the column names the row (序号, code, name, label): repeated in every part of a split table. */
  key: boolean;
}

/** Printed text of every numeric cell. */
export function printedNumber(def: ColumnDef, value: number | null): string {
  if (value === null || value === 0) return '';
  if (def.kind === 'money') return formatMoney(value);
  if (def.kind === 'percent') return `${toDecimalString(value)}%`;
  return toDecimalString(value);
}

const isNumeric = (def: ColumnDef) => def.kind === 'money' || def.kind === 'quantity' || def.kind === 'percent';

/** Widths in em: numbers as wide as their longest figure, text as the template asks, within bounds. */
function measureColumns(view: PrintView, table: TableDef, rows: string[], dictionaries?: Dictionaries): PrintColumn[] {
  const longest = (text: (row: string) => string) => rows.reduce((n, r) => Math.max(n, text(r).length), 0);
  return printedColumns(table).map(({ id, def, part }): PrintColumn => {
    if (!def) return { id, em: Math.max(2.6, String(rows.length).length * 0.6 + 1.4), key: true };
    let em: number;
    if (part !== undefined) em = Math.max(2.2, longest((r) => codeParts(table, r)[part] ?? '') * 0.56 + 0.8);
    else if (isNumeric(def)) em = Math.max(3.4, longest((r) => printedNumber(def, view.value(table.id, r, def.id))) * 0.56 + 0.8);
    else if (def.role === 'code') em = Math.max(3.4, longest((r) => printedText(view, table, r, def, dictionaries)) * 0.56 + 0.8);
    else em = Math.min(18, Math.max(4, (def.width ?? 14) * 0.5));
    return { id, def, part, em, key: !!def.role };
  });
}

interface Fit {
  landscape: boolean;
  fontPt: number;
  /** Column groups printed one after another (one group when the table fits). */
  parts: PrintColumn[][];
}

const widthMm = (cols: PrintColumn[], pt: number) => cols.reduce((a, c) => a + c.em, 0) * pt * MM_PER_PT;

/** Portrait at 10 pt, else landscape at 10 … 9 pt, else landscape at 9 pt in parts. */
export function fitTable(cols: PrintColumn[]): Fit {
  if (widthMm(cols, TABLE_FONT_PT) <= PRINT_WIDTH_MM.portrait) return { landscape: false, fontPt: TABLE_FONT_PT, parts: [cols] };
  for (let pt = TABLE_FONT_PT; pt >= MIN_FONT_PT; pt -= 0.5) {
    if (widthMm(cols, pt) <= PRINT_WIDTH_MM.landscape) return { landscape: true, fontPt: pt, parts: [cols] };
  }
  // Text columns give way down to 4 em (they wrap) before the table is split.
  const narrowed = cols.map((c) => (c.def && !isNumeric(c.def) && c.def.role !== 'code' ? { ...c, em: 4 } : c));
  if (widthMm(narrowed, MIN_FONT_PT) <= PRINT_WIDTH_MM.landscape) return { landscape: true, fontPt: MIN_FONT_PT, parts: [narrowed] };
  const keys = narrowed.filter((c) => c.key);
  const parts: PrintColumn[][] = [];
  let part: PrintColumn[] = [];
  for (const c of narrowed.filter((c) => !c.key)) {
    if (part.length && widthMm([...keys, ...part, c], MIN_FONT_PT) > PRINT_WIDTH_MM.landscape) {
      parts.push(part);
      part = [];
    }
    part.push(c);
  }
  if (part.length) parts.push(part);
  return { landscape: true, fontPt: MIN_FONT_PT, parts: parts.map((p) => narrowed.filter((c) => c.key || p.includes(c))) };
}

export function tableHtml(view: PrintView, printed: PrintedTable, dictionaries?: Dictionaries): string {
  const { table } = printed;
  const rows = printedRows(table, view.rows(table.id));
  const cols = measureColumns(view, table, rows, dictionaries);
  const fit = fitTable(cols);
  const seq = headerLayout(table).seq;
  const empty = isEmptyTable(view, table, rows);
  const title = printed.title ?? table.title;
  return fit.parts
    .map((part, i) => {
      const classes = ['block', fit.landscape ? 'landscape' : '', printed.inline && !fit.landscape ? '' : 'new-page'].filter(Boolean).join(' ');
      const id = i === 0 && printed.anchor ? ` id="${printed.anchor}"` : '';
      const heading = printed.inline ? `<h3 class="inline-title">${esc(title)}</h3>` : `<h2 class="table-title">${esc(title)}${i > 0 ? '（续）' : ''}</h2>`;
      const notes = [table.footNote, empty ? table.emptyNote : undefined].filter((n): n is string => !!n);
      return [
        `<section class="${classes}"${id} style="font-size:${fit.fontPt}pt">`,
        heading,
        gridHtml(view, printed, part, seq, empty, dictionaries),
        ...notes.map((n) => `<p class="note">${esc(n)}</p>`),
        '</section>',
      ].join('\n');
    })
    .join('\n');
}

function gridHtml(view: PrintView, printed: PrintedTable, cols: PrintColumn[], seq: Record<string, number>, empty: boolean, dictionaries?: Dictionaries): string {
  const { table } = printed;
  const total = cols.reduce((a, c) => a + c.em, 0);
  const colgroup = cols.map((c) => `<col style="width:${((100 * c.em) / total).toFixed(2)}%">`).join('');
  // The header of the printed columns: the template's paths, merged as headerLayout merges them.
  const shown = new Set(cols.map((c) => c.def?.id));
  const sub: TableDef = { ...table, columns: table.columns.filter((c) => shown.has(c.id)) };
  const layout = headerLayout(sub);
  const headRows: string[] = [];
  for (let r = 0; r < layout.depth; r++) {
    const cells = layout.cells
      .filter((h) => h.row === r)
      .sort((a, b) => a.col - b.col)
      .map((h) => `<th${h.rowSpan > 1 ? ` rowspan="${h.rowSpan}"` : ''}${h.colSpan > 1 ? ` colspan="${h.colSpan}"` : ''}>${esc(h.label)}</th>`);
    headRows.push(`<tr>${cells.join('')}</tr>`);
  }
  if (table.hasSerial) {
    headRows.push(`<tr class="seq">${cols.map((c) => `<th>${c.id === SERIAL_COLUMN ? '栏次' : c.part === undefined ? (seq[c.id] ?? '') : ''}</th>`).join('')}</tr>`);
  }
  const info = `<tr class="info"><th colspan="${cols.length}"><div class="info-line">${printed.info.map((t) => `<span>${esc(t)}</span>`).join('')}</div></th></tr>`;
  const body = empty ? '' : bodyRows(view, table, cols, dictionaries);
  return `<table class="grid"><colgroup>${colgroup}</colgroup><thead>${info}${headRows.join('')}</thead><tbody>${body}</tbody></table>`;
}

function bodyRows(view: PrintView, table: TableDef, cols: PrintColumn[], dictionaries?: Dictionaries): string {
  return printLines(view, table)
    .map((line, i) => {
      const cells = cols.map((c) => {
        if (!c.def) return `<td class="serial">${i + 1}</td>`;
        const rowId = lineRow(line, c.def.id);
        if (rowId === undefined) return `<td${isNumeric(c.def) ? ' class="num"' : ''}></td>`;
        if (c.part !== undefined) return `<td class="code">${rowId === TOTAL_ROW ? '' : esc(codeParts(table, rowId)[c.part] ?? '')}</td>`;
        if (isNumeric(c.def)) return `<td class="num">${printedNumber(c.def, view.value(table.id, rowId, c.def.id))}</td>`;
        const text = esc(line.labels?.[c.def.id] ?? printedText(view, table, rowId, c.def, dictionaries));
        if (c.def.role === 'code') return `<td class="code">${text}</td>`;
        const fixed = table.rows.kind === 'fixed' ? table.rows.rows.find((d) => d.id === rowId) : undefined;
        // The closing 收入总计 | 支出总计 of a side-by-side table is centred, as the template prints it.
        if (line.isTotal && table.sideBySide) return `<td class="center">${text}</td>`;
        const indent = fixed?.indent && fixed.labels[c.def.id] !== undefined ? ` style="padding-left:${1 + fixed.indent * 1.5}em"` : '';
        return `<td${indent}>${text}</td>`;
      });
      return `<tr${line.isTotal ? ' class="total"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
}
