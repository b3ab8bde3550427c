import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { draftNarrative } from '../../shared/narrative/draft';
import { templateOf } from '../../shared/regions';
import { tableByRole } from '../../shared/template/types';
import { loadShippedDictionaries } from '../dictionary';
import { pdfText, squeeze } from '../publication/pdf-text';
import { exportWorkbook } from './export';

/**
 * A workbook that prints: LibreOffice (as a clerk would print it, to PDF) shows the whole
 * 情况说明 and every indicator description of the exported seed, nothing cut off by a row
 * too low; pages are numbered; 单位：万元 stands only over tables with money.
 */

const dir = mkdtempSync(join(tmpdir(), 'bd-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = getSeed('juluxian-2024');
const template = templateOf(seed.meta);
const model = new DraftModel(template, seed.content);

describe('the exported seed workbook, printed by LibreOffice', async () => {
  const book = join(dir, 'seed.xlsx');
  await exportWorkbook(model, seed.meta, book, { dictionaries: loadShippedDictionaries() });
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, book], { stdio: 'ignore', timeout: 240_000 });
  const pdf = join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf'))!);
  const text = pdfText(pdf);
  // LibreOffice draws cell by cell: the raw order keeps a wrapped cell's lines together.
  const flat = squeeze(pdfText(pdf, undefined, undefined, 'raw'));

  it('prints the whole 情况说明, paragraph by paragraph', () => {
    for (const section of draftNarrative(model, template)) {
      expect(flat, section.title).toContain(squeeze(section.title));
      for (const paragraph of section.text.split('\n').filter((p) => p.trim())) expect(flat, `${section.title}: ${paragraph}`).toContain(squeeze(paragraph));
    }
  });

  it('prints every indicator description and 依据 whole', () => {
    const indicators = tableByRole(template, 'indicators')!;
    const rows = model.rows(indicators.id);
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      for (const col of ['description', 'basis', 'level3']) {
        const t = model.text(indicators.id, r, col);
        if (t) expect(flat, `${col}: ${t}`).toContain(squeeze(t));
      }
    }
  });

  it('numbers the pages and keeps dates whole', () => {
    expect(text).toMatch(/第 ?1 ?页/);
    expect(flat).toContain(`截止时间：${seed.meta.year - 1}-12-31`);
  });
});

describe('the exported workbook’s print setup', async () => {
  const book = join(dir, 'setup.xlsx');
  await exportWorkbook(model, seed.meta, book, { dictionaries: loadShippedDictionaries() });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);

  it('states 单位：万元 only over tables with money, and numbers every sheet’s pages', () => {
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter.oddFooter, ws.name).toContain('&P');
      const info: string[] = [];
      ws.getRow(2).eachCell((c) => info.push(String(c.value ?? '')));
      const table = template.tables.find((t) => t.title === ws.name);
      if (table && !table.columns.some((c) => c.kind === 'money')) expect(info.join(' '), ws.name).not.toContain('单位：万元');
    }
  });

  it('gives wrapped text rows the height its lines need (merged cells included)', () => {
    const sheet = wb.worksheets.find((w) => /工作经费/.test(w.name))!;
    let tall = 0;
    sheet.eachRow((row) => {
      if ((row.height ?? 0) > 30) tall++;
    });
    expect(tall).toBeGreaterThan(2);
  });
});
