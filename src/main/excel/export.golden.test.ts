import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import figures from '../../shared/__fixtures__/seed-figures.json';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { foldLabel, foldText } from '../../shared/workbook/text';
import { loadShippedDictionaries } from '../dictionary';
import layout from './__fixtures__/seed-layout.json';
import { exportWorkbook, MONEY_FORMAT } from './export';

/**
 * The exported seed against the document: layout from __fixtures__/seed-layout.json
 * (transcribed from the seed text), figures from seed-figures.json, cell by cell.
 */

type Row = Record<string, string | number | undefined>;
type FigureTable = { columns?: string[]; rows?: Row[]; income?: Row[]; expenditure?: Row[]; footer?: Row[] };
const TABLES = figures.tables as unknown as Record<string, FigureTable>;

let dir: string;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-golden-'));
  const seed = getSeed('juluxian-2024');
  const model = new DraftModel(getTemplate(seed.meta.templateId), seed.content);
  const file = join(dir, 'seed.xlsx');
  await exportWorkbook(model, seed.meta, file, { dictionaries: loadShippedDictionaries() });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sheet = (name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
const merges = (ws: ExcelJS.Worksheet): string[] => (ws.model as unknown as { merges: string[] }).merges;
const text = (ws: ExcelJS.Worksheet, r: number, c: number) => {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
};

/** A money cell: the figure as a number with the two-decimal format, or empty. */
function expectMoney(ws: ExcelJS.Worksheet, r: number, c: number, amount: string | number | undefined, where: string) {
  const cell = ws.getCell(r, c);
  if (amount === undefined) {
    expect(cell.value, `${where} should be blank`).toBeNull();
    return;
  }
  expect(cell.value, where).toBe(Number(amount));
  expect(cell.numFmt, where).toBe(MONEY_FORMAT);
}

describe('golden: the exported seed workbook is the document, cell by cell', () => {
  it('sheets in template order: nine tables, one sheet per project, 采购, 资产, 机构设置, 情况说明', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 9)).toEqual(layout.tables.slice(0, 9).map((t) => t.title));
    const projects = figures.tables['10 项目绩效目标表'].projects;
    expect(names.slice(9, 9 + projects.length)).toEqual(projects.map((p) => `${p.order}、${p.name}`));
    expect(names.slice(9 + projects.length)).toEqual(['部门政府采购预算', '部门固定资产占用情况表', '机构设置', '情况说明']);
  });

  for (const t of layout.tables) {
    it(`${t.title}: title, information line, header and merges, 栏次`, () => {
      const ws = sheet(t.title);
      const width = t.header[0].length;
      expect(text(ws, 1, 1)).toBe(t.title);
      expect(ws.getCell(1, 1).font?.bold).toBe(true);
      expect(ws.getCell(1, 1).font?.name).toBe('宋体');
      const lastCol = ws.getColumn(width).letter;
      expect(merges(ws)).toContain(`A1:${lastCol}1`);
      const info = (ws.getRow(2).values as unknown[]).filter((v) => v).map(String);
      for (const expected of ('infoLine' in t ? t.infoLine : layout.infoLine) as string[]) expect(info).toContain(expected);
      t.header.forEach((labels, i) => {
        labels.forEach((label, c) => expect(foldLabel(text(ws, 3 + i, c + 1)), `${t.title} header ${i + 1}/${c + 1}`).toBe(foldLabel(label)));
      });
      const headerMerges = merges(ws).filter((m) => /^[A-Z]+[34]:/.test(m));
      expect(new Set(headerMerges)).toEqual(new Set(t.merges));
      if (t.seq) {
        const seqRow = 3 + t.header.length;
        t.seq.forEach((v, c) => expect(ws.getCell(seqRow, c + 1).value).toBe(v));
      }
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    });

    it(`${t.title}: every figure and label`, () => {
      const ws = sheet(t.title);
      const fig = TABLES[t.figures];
      const first = 3 + t.header.length + (t.seq ? 1 : 0);
      if (fig.income && fig.expenditure && fig.footer) {
        // Side-by-side tables (1 and 4): income left, expenditure right, the footer rows below.
        const outCols = t.header[1].slice(4);
        for (const e of fig.expenditure) {
          const r = first + Number(e.seq) - 1;
          expect(ws.getCell(r, 1).value).toBe(e.seq);
          const inc = fig.income.find((i) => i.seq === e.seq);
          expect(foldLabel(text(ws, r, 2))).toBe(inc ? foldLabel(inc.item) : '');
          expectMoney(ws, r, 3, inc?.amount, `${t.title} r${r} income`);
          expect(foldLabel(text(ws, r, 4))).toBe(foldLabel(e.item));
          if (outCols.length === 1) expectMoney(ws, r, 5, e.amount, `${t.title} r${r}`);
          else outCols.forEach((col, k) => expectMoney(ws, r, 5 + k, e[col], `${t.title} r${r} ${col}`));
        }
        for (const f of fig.footer) {
          const r = first + Number(f.seq) - 1;
          expect(ws.getCell(r, 1).value).toBe(f.seq);
          expect(foldText(text(ws, r, 2))).toBe(foldText(f.left));
          expectMoney(ws, r, 3, f.leftAmount, `${t.title} r${r} left`);
          expect(foldText(text(ws, r, 4))).toBe(foldText(f.right));
          if (outCols.length === 1) expectMoney(ws, r, 5, f.rightAmount, `${t.title} r${r} right`);
          else outCols.forEach((col, k) => expectMoney(ws, r, 5 + k, f[col], `${t.title} r${r} ${col}`));
        }
        expect(ws.getRow(first + fig.expenditure.length + fig.footer.length).values).toEqual([]);
        return;
      }
      const rows = fig.rows ?? [];
      const columns = fig.columns ?? [];
      const hasSerial = !!t.seq;
      rows.forEach((row, i) => {
        const r = first + i;
        const offset = hasSerial ? 2 : 1;
        if (hasSerial) expect(ws.getCell(r, 1).value, `${t.title} r${r} 序号`).toBe(row.seq);
        columns.forEach((col, k) => {
          const c = k + offset;
          const where = `${t.title} r${r} ${col}`;
          if (col === '科目编码') {
            // Codes are text, never numbers.
            expect(ws.getCell(r, c).value, where).toBe(row.code ?? null);
          } else if (col === '科目名称') expect(text(ws, r, c), where).toBe(row.name);
          else if (col === '项目') expect(foldText(text(ws, r, c)), where).toBe(foldText(row.item));
          else if (col === '数量') expect(ws.getCell(r, c).value, where).toBe(row[col] === undefined ? null : Number(row[col]));
          else expectMoney(ws, r, c, row[col], where);
        });
      });
      const after = first + rows.length;
      const notes = 'notes' in t ? (t.notes as string[]) : [];
      notes.forEach((note, k) => {
        expect(text(ws, after + k, 1)).toBe(note);
        expect(merges(ws)).toContain(`A${after + k}:${ws.getColumn(t.header[0].length).letter}${after + k}`);
      });
      expect(ws.getRow(after + notes.length).values, `${t.title}: nothing after the table`).toEqual([]);
    });
  }

  it('项目绩效目标表: one sheet per project with code, name, amounts, use, plan, numbered goals and the indicator grid', () => {
    const projects = figures.tables['10 项目绩效目标表'].projects;
    for (const p of projects) {
      const ws = sheet(`${p.order}、${p.name}`);
      expect(text(ws, 1, 1)).toBe(`${p.order}、${p.name}${layout.projectSheet.titleSuffix}`);
      const find = (label: string): [number, number] => {
        for (let r = 1; r <= ws.rowCount; r++) for (let c = 1; c <= 7; c++) if (text(ws, r, c) === label) return [r, c];
        throw new Error(`${p.name}: no ${label}`);
      };
      const right = (label: string) => {
        const [r, c] = find(label);
        return ws.getCell(r, c + 1);
      };
      expect(right('项目编码').value).toBe(p.code);
      expect(right('项目名称').value).toBe(p.name);
      expect(right('预算数').value).toBe(Number(p.amount));
      expect(right('预算数').numFmt).toBe(MONEY_FORMAT);
      expect(right('其中：财政资金').value).toBe(Number(p.fiscal));
      expect(right('其他资金').value).toBeNull();
      expect(right('资金用途').value).toBe(p.use);
      // Not in the document: the category the project counts in (the seed's are all 项目支出).
      expect(right('支出类别').value).toBe('项目支出');
      for (const month of layout.projectSheet.spendingPlan) {
        const [r, c] = find(month);
        const cell = ws.getCell(r + 1, c);
        expect(cell.value, `${p.name} ${month}`).toBe(Number((p.spendingPlan as Record<string, string>)[month].replace('%', '')) / 100);
        expect(cell.numFmt).toContain('%');
      }
      expect(right('绩效目标').value).toBe(p.goals.map((g, i) => `${i + 1}.${g}`).join('\n'));
      const [hr] = find('一级指标');
      const cols = [1, 2, 3, 4, 6, 7];
      expect(cols.map((c) => text(ws, hr, c))).toEqual(layout.projectSheet.indicatorHeader);
      p.indicators.forEach((ind, i) => {
        const values = cols.map((c) => text(ws, hr + 1 + i, c));
        expect(values, `${p.name} indicator ${i + 1}`).toEqual(layout.projectSheet.indicatorHeader.map((h) => (ind as Record<string, string>)[h]));
      });
    }
  });

  it('情况说明: every section, with the year-on-year changes of the document (比上年增减) computed from 上年对比', () => {
    const ws = sheet('情况说明');
    const titles: string[] = [];
    let text = '';
    ws.eachRow((row, r) => {
      if (r > 3) {
        // One paragraph per row: the section's title stands on its first row only.
        if (row.getCell(1).value) titles.push(String(row.getCell(1).value));
        text += String(row.getCell(2).value ?? '') + '\n';
      }
    });
    expect(titles.slice(0, 11)).toEqual(getTemplate('hebei-2024').narrative.map((s) => s.title));
    const change = figures.narrativeFigures['比上年'];
    const words = (v: string) => `${v.startsWith('-') ? '减少' : '增加'}${v.replace('-', '')}万元`;
    expect(text).toContain(`比${change.priorYear}年预算${words(change.totalChange)}`);
    for (const k of ['基本支出Change', '人员经费Change', '日常公用经费Change', '项目支出Change'] as const) expect(text).toContain(words(change[k]));
  });

  it('机构设置 lists the unit as the text of the document does', () => {
    const ws = sheet('机构设置');
    const unit = figures.unit;
    const row = (ws.getRow(5).values as unknown[]).slice(2).map(String);
    expect(row).toEqual([unit.subunits[0], unit.nature, unit.rank, unit.funding]);
  });
});
