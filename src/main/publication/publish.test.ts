import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import type { SignatureInfo } from '../../shared/api/review';
import { cellKey } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getPack, getTemplate, templateOf } from '../../shared/regions';
import { narrativeTable } from '../../shared/narrative/draft';
import { lineRow, printedText, printLines } from '../../shared/publication/cells';
import { printedNumber } from '../../shared/publication/table-html';
import { printedColumns } from '../../shared/template/layout';
import { shanghaiBudget } from '../excel/__fixtures__/shanghai-budget';
import { loadShippedDictionaries } from '../dictionary';
import { linesInOrder, pageGrey, pageSizes, pageTopRepeats, parsePgm, pdfText, squeeze, withoutPageFurniture, withPdfFile } from './pdf-text';
import { closeSharedPrinter, sharedPrinter } from './printer';
import { BlockingFindings, blockingCount, publishPdf, type PublishSource } from './publish';
import seedFigures from '../../shared/__fixtures__/seed-figures.json';
import publishedText from './__fixtures__/juluxian-2024-text.json';

const FIXTURES = join(__dirname, '__fixtures__');
const dictionaries = loadShippedDictionaries();

afterAll(() => closeSharedPrinter());

/** The seed budget with its 情况说明 as the published document words it. */
function seedAsPublished(): PublishSource {
  const seed = getSeed('juluxian-2024');
  const template = templateOf(seed.meta);
  const table = narrativeTable(template)!;
  for (const [section, text] of Object.entries(publishedText.sections)) seed.content.cells[cellKey(table, section, 'text')] = text;
  return { model: new DraftModel(template, seed.content), meta: seed.meta, signature: null, dictionaries };
}

/** Every money figure of a seed table (decimal text), from the transcription of the document. */
function figuresOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string' && /^\d[\d,]*\.\d+$/.test(node) && Number(node.replace(/,/g, '')) !== 0) out.push(node.replace(/,/g, ''));
  else if (Array.isArray(node)) node.forEach((n) => figuresOf(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => figuresOf(n, out));
  return out;
}

describe('the seed disclosure as a PDF', async () => {
  const published = await publishPdf(seedAsPublished(), sharedPrinter());
  const text = withPdfFile(published.pdf, (f) => pdfText(f));
  const sizes = withPdfFile(published.pdf, pageSizes);
  const seedLines = readFileSync(join(FIXTURES, 'juluxian-2024-disclosure.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');

  // pdftotext -raw gives the text in the order it was drawn: a table cell's lines together, the
  // cells of a row in turn (with -layout the lines of side-by-side cells interleave wherever they
  // wrap at other places than the document's). Left aside: what every page carries besides its
  // content (our 未审签 and page numbers), and the header rows the document repeats at the top of
  // a page where a table runs on (pageTopRepeats: they depend on where its pages break).
  it('holds ≥ 98 % of the document’s text lines, in their order (spacing ignored)', () => {
    const repeats = pageTopRepeats(seedLines);
    expect(repeats.size, 'header rows repeated at the document’s page breaks').toBeLessThan(80);
    const compared = seedLines.filter((_, i) => !repeats.has(i));
    const raw = withoutPageFurniture(withPdfFile(published.pdf, (f) => pdfText(f, undefined, undefined, 'raw')));
    const { found, missing } = linesInOrder(compared, raw);
    expect(found / compared.length, `missing:\n${missing.join('\n')}`).toBeGreaterThanOrEqual(0.98);
  });

  it('holds ≥ 80 % of them as a reader sees the pages (pdftotext -layout)', () => {
    const { found, missing } = linesInOrder(seedLines, withoutPageFurniture(text));
    expect(found / seedLines.length, `missing:\n${missing.join('\n')}`).toBeGreaterThanOrEqual(0.8);
  });

  it('prints every heading: the tables, the text’s sections, the projects’ 绩效目标表', () => {
    const headings = seedLines.filter((l) => /^(部门.*表|部门政府采购预算|[一二三四五六七八九十]+、\S+$|（[一二三]）\S+目标$|\d+、\S+绩效目标表)$/.test(l.trim()));
    expect(headings.length).toBeGreaterThan(30);
    const flat = squeeze(text);
    for (const h of headings) expect(flat, h).toContain(squeeze(h));
    expect(flat).toContain(squeeze('按照《中华人民共和国预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规定，现将巨鹿县行政审批局 2024年部门预算公开如下：'));
  });

  it('prints every figure of every table within that table', () => {
    const flat = text;
    const titles = Object.keys(seedFigures.tables).map((k) => k.replace(/^\d+ /, ''));
    // Where each table is printed: from its title to the next table's.
    const starts: number[] = [];
    let from = 0;
    for (const title of titles) {
      const at = flat.indexOf(title === '项目绩效目标表' ? '1、' : title, from);
      expect(at, title).toBeGreaterThanOrEqual(0);
      starts.push(at);
      from = at + 1;
    }
    Object.values(seedFigures.tables).forEach((table, i) => {
      const segment = flat.slice(starts[i], starts[i + 1] ?? flat.length);
      const tokens = new Set(segment.split(/\s+/).map((t) => t.replace(/,/g, '')));
      for (const figure of figuresOf(table)) expect(tokens.has(figure), `${titles[i]}: ${figure}`).toBe(true);
    });
  });

  it('is A4 with the wide tables landscape, and marks an unsigned draft 未审签 on every page', () => {
    expect(sizes.length).toBe(published.pages);
    for (const s of sizes) expect([Math.round(Math.min(s.width, s.height)), Math.round(Math.max(s.width, s.height))]).toEqual([595, 842]);
    expect(sizes.some((s) => s.width > s.height)).toBe(true);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBe(published.pages);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('未审签');
      expect(squeeze(p), `page ${i + 1}`).toContain(`—${i + 1}—`);
    });
  });
  // Reference images: the first pages at 30 dpi in grey, as committed (regenerate with
  // UPDATE_REFERENCE_PAGES=1 after a deliberate change of the layout, and look at them).
  it('looks as the committed reference pages do (pdftoppm, within a small tolerance)', () => {
    for (const page of [1, 2, 10]) {
      const got = withPdfFile(published.pdf, (f) => pageGrey(f, page, 30));
      const file = join(FIXTURES, `seed-page-${page}.pgm`);
      if (process.env.UPDATE_REFERENCE_PAGES) writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${got.width} ${got.height}\n255\n`), got.pixels]));
      const ref = parsePgm(readFileSync(file));
      expect([got.width, got.height], `page ${page}`).toEqual([ref.width, ref.height]);
      let sum = 0;
      let far = 0;
      for (let i = 0; i < ref.pixels.length; i++) {
        const d = Math.abs(got.pixels[i] - ref.pixels[i]);
        sum += d;
        if (d > 64) far++;
      }
      expect(sum / ref.pixels.length, `page ${page}: mean difference`).toBeLessThan(3);
      expect(far / ref.pixels.length, `page ${page}: pixels far off`).toBeLessThan(0.01);
    }
  });
});

describe('sign-off and 强制 findings', () => {
  it('prints the sign-off of a signed draft: 审核人, date, fingerprint, and no 未审签 mark', async () => {
    const fingerprint = 'ab'.repeat(32);
    const signature = { signer: '王主任', signedAt: '2026-11-26T08:00:00Z', fingerprint, state: 'valid', signerKeyId: null } as SignatureInfo;
    const published = await publishPdf({ ...seedAsPublished(), signature }, sharedPrinter());
    const text = withPdfFile(published.pdf, (f) => pdfText(f));
    expect(text).toContain('已审签');
    expect(squeeze(text)).toContain('审核人：王主任');
    expect(squeeze(text)).toContain('审签日期：2026年11月26日');
    expect(squeeze(text)).toContain(fingerprint);
    expect(text).not.toContain('未审签');
  });

  it('refuses a draft with 强制 findings, and prints it only as a marked draft when asked', async () => {
    const source = seedAsPublished();
    const t05 = source.model.template.tables.find((t) => t.role === 'basicEconomic')!;
    // An entered cell against its totals: 人员经费 of 30101 raised out of line with table 5.
    const row = source.model.rows(t05.id).find((r) => /^\d{5}$/.test(r))!;
    const seed = getSeed('juluxian-2024');
    seed.content.cells[cellKey(t05.id, row, 'personnel')] = '999999';
    const broken = { ...source, model: new DraftModel(source.model.template, seed.content) };
    await expect(publishPdf(broken, sharedPrinter())).rejects.toBeInstanceOf(BlockingFindings);
    const marked = await publishPdf(broken, sharedPrinter(), { draft: true });
    expect(marked.blocking).toBeGreaterThan(0);
    const pages = withPdfFile(marked.pdf, (f) => pdfText(f)).split('\f').filter((p) => p.trim());
    for (const p of pages) expect(squeeze(p)).toContain('草稿：尚有');
  });

  it('counts 强制 problems as the window does: a wrong 项 and the sums it breaks are one', () => {
    const source = seedAsPublished();
    const spending = source.model.template.tables.find((t) => t.role === 'spending')!;
    const seed = getSeed('juluxian-2024');
    seed.content.cells[cellKey(spending.id, '2010306', 'basic')] = '300';
    expect(blockingCount({ ...source, model: new DraftModel(source.model.template, seed.content) })).toBe(1);
  });
});

describe('a 上海 draft', () => {
  it('prints the 收支总表 side by side as the template does: income beside spending, 收入总计 beside 支出总计', async () => {
    for (const scope of ['department', 'unit'] as const) {
      const model = new DraftModel(getTemplate(`shanghai-2026-${scope}`), shanghaiBudget(scope));
      const published = await publishPdf({ model, meta: { unitCode: '001', unitName: '上海市普陀区示例局', year: 2026 }, signature: null, dictionaries }, sharedPrinter(), { draft: true });
      const sideBySide = model.template.tables.filter((t) => t.sideBySide);
      expect(sideBySide.length, scope).toBe(2);
      for (const table of sideBySide) {
        const page = published.contents.find((c) => c.title === table.title)!.page!;
        const printedLines = withPdfFile(published.pdf, (f) => pdfText(f, page, page)).split('\n').map(squeeze);
        const lines = printLines(model, table);
        expect(lines.filter((l) => lineRow(l, table.sideBySide!.left[0]) && lineRow(l, table.sideBySide!.right[0])).length, table.title).toBeGreaterThan(3);
        let from = 0;
        for (const line of lines) {
          // The line's cells, left half then right half, on one printed line (pdftotext -layout).
          const cells = printedColumns(table).map(({ def }) => {
            const row = lineRow(line, def!.id);
            if (row === undefined) return '';
            if (def!.kind === 'money') return printedNumber(def!, model.value(table.id, row, def!.id));
            return line.labels?.[def!.id] ?? printedText(model, table, row, def!, dictionaries);
          });
          const at = printedLines.findIndex((l, i) => i >= from && l === squeeze(cells.join('')));
          expect(at, `${table.title}: ${cells.join(' | ')}`).toBeGreaterThanOrEqual(0);
          from = at + 1;
        }
      }
    }
  });

  it('follows its pack’s order, with the 目录’s page numbers right', async () => {
    const template = getTemplate('shanghai-2026-department');
    const table = narrativeTable(template)!;
    const cells: Record<string, string> = {};
    for (const s of template.narrative) cells[cellKey(table, s.id, 'text')] = `${s.title}的内容。\n`.repeat(s.id === 'explanation' ? 60 : 3);
    const model = new DraftModel(template, { rows: {}, cells });
    const published = await publishPdf({ model, meta: { unitCode: '001', unitName: '上海市普陀区示例局', year: 2026 }, signature: null, dictionaries }, sharedPrinter(), { draft: true });
    expect(published.contents.length).toBeGreaterThan(10);
    const pages = withPdfFile(published.pdf, (f) => pdfText(f)).split('\f');
    // The cover, then the 目录 listing every part with the page it starts on.
    expect(squeeze(pages[0])).toContain('上海市普陀区示例局');
    expect(squeeze(pages[1])).toContain('目录');
    for (const entry of published.contents) {
      expect(entry.page, entry.title).not.toBeNull();
      expect(squeeze(pages[1])).toContain(squeeze(entry.title) + String(entry.page));
      expect(squeeze(pages[entry.page! - 1]), `${entry.title} on page ${entry.page}`).toContain(squeeze(entry.title));
    }
    // In the pack's order.
    const order = getPack(template.id).publication.filter((i) => i.kind !== 'cover' && i.kind !== 'contents');
    expect(published.contents.map((c) => c.title)).toEqual(
      order.map((i) => (i.kind === 'table' ? template.tables.find((t) => t.id === i.table)!.title : template.narrative.find((s) => s.id === (i as { section: string }).section)!.title)),
    );
    const pageNumbers = published.contents.map((c) => c.page!);
    expect([...pageNumbers].sort((a, b) => a - b)).toEqual(pageNumbers);
    expect(pageNumbers[pageNumbers.length - 1]).toBeGreaterThan(pageNumbers[0]);
  });
});
