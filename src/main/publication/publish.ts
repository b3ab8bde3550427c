import { PDFDocument } from 'pdf-lib';
import type { SignatureInfo } from '../../shared/api/review';
import type { Dictionaries } from '../../shared/dictionary';
import type { DraftModel } from '../../shared/engine/model';
import { draftNarrative, narrativeHeading, narrativePackOf } from '../../shared/narrative/draft';
import { contentsDocument, buildPublication, type PublicationDocument } from '../../shared/publication/document';
import { getPack, hasPack } from '../../shared/regions';
import type { PublicationItem } from '../../shared/regions/types';
import { tableByRole } from '../../shared/template/types';
import { signOffLines } from '../../shared/review/signoff';
import { blankCountsAs } from '../excel/option-values';
import { countProblems, createFindingEngine, findingSections } from '../../shared/validation';
import { destinationPages, pagesLinkingTo } from './contents-pages';
import type { PdfPrinter } from './printer';

/**
 * The published disclosure as a PDF, the same for the app and the command line: the pack's
 * publication order, the drafted text, the sign-off (or the 未审签 mark), printed once by
 * Chromium; where the pack has a 目录, its page numbers are read from where its links landed in the print
 * and only the 目录 is printed again, into its place.
 */

export interface PublishSource {
  model: DraftModel;
  meta: { unitCode: string; unitName: string; year: number };
  /** The valid signature of the draft, or null (then every page carries 未审签). */
  signature: SignatureInfo | null;
  dictionaries: Dictionaries;
}

export interface PublishOptions {
  /** Print a draft that still has 强制 findings, marked as a draft on every page. */
  draft?: boolean;
}

export interface PublishedPdf {
  pdf: Uint8Array;
  pages: number;
  /** 强制 findings the draft still has (printed as a marked draft when not 0). */
  blocking: number;
  /** The 目录 as printed: title and page. */
  contents: Array<{ title: string; page: number | null }>;
  /** The document that was printed. */
  document: PublicationDocument;
}

/** The draft has 强制 findings and a marked draft was not asked for: nothing was printed. */
export class BlockingFindings extends Error {
  constructor(readonly count: number) {
    super(`预算稿尚有 ${count} 个强制性问题，不能生成正式公开的 PDF；请先修正，或生成每页标明“草稿”的审阅稿（命令行加 --draft）`);
  }
}

/** The publication order of the draft's pack (a template of no pack: its published tables, then the text). */
function publicationOrder(model: DraftModel): PublicationItem[] {
  const { template } = model;
  if (hasPack(template.id)) return getPack(template.id).publication;
  return [
    ...template.tables.filter((t) => t.published && !t.hiddenTab && t.role !== 'narrative').map((t) => ({ kind: 'table' as const, table: t.id })),
    ...template.narrative.map((s) => ({ kind: 'section' as const, section: s.id })),
  ];
}

export function publicationDocument(source: PublishSource, blocking = 0): PublicationDocument {
  const { model, meta } = source;
  const template = model.template;
  const projectsTable = tableByRole(template, 'projects')?.id;
  return buildPublication({
    template,
    items: publicationOrder(model),
    view: model,
    meta,
    sections: draftNarrative(model, template, (code) => source.dictionaries.function.get(code)?.name),
    heading: narrativeHeading(template, meta.unitName),
    preface: narrativePackOf(template)?.preface?.(meta.unitName, meta.year),
    dictionaries: source.dictionaries,
    signOff: signOffLines(source.signature),
    draftFindings: blocking || undefined,
    blankSpending: (projectsTable && blankCountsAs(template, projectsTable, 'spending')) || undefined,
  });
}

/** The 强制 problems of the draft, counted as the window counts them. */
export function blockingCount(source: PublishSource): number {
  const findings = createFindingEngine(source.model.template, source.dictionaries).full(source.model);
  return countProblems(findingSections(findings, [])).error;
}

export async function publishPdf(source: PublishSource, printer: PdfPrinter, options: PublishOptions = {}): Promise<PublishedPdf> {
  const blocking = blockingCount(source);
  if (blocking > 0 && !options.draft) throw new BlockingFindings(blocking);
  const doc = publicationDocument(source, blocking);
  const printed = await printer.print(doc.html);
  if (doc.contents.length === 0) return { pdf: printed, pages: pageCount(printed), blocking, contents: [], document: doc };
  return withContentsPages(doc, printed, printer, blocking);
}

/** Pages of a PDF Chromium printed (its page objects are plain, never in object streams). */
function pageCount(pdf: Uint8Array): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

async function withContentsPages(doc: PublicationDocument, printed: Uint8Array, printer: PdfPrinter, blocking: number): Promise<PublishedPdf> {
  const pdf = await PDFDocument.load(printed, { updateMetadata: false });
  const anchors = doc.contents.map((e) => e.anchor);
  const landed = destinationPages(pdf);
  const pages = anchors.map((a) => landed.get(a));
  const [contentsPage] = pagesLinkingTo(pdf, anchors);
  if (contentsPage) {
    const start = contentsPage - 1;
    const again = await PDFDocument.load(await printer.print(contentsDocument(doc, pages, start)), { updateMetadata: false });
    const count = again.getPageCount() - start;
    const copied = await pdf.copyPages(
      again,
      Array.from({ length: count }, (_, i) => start + i),
    );
    copied.forEach((page, i) => {
      pdf.removePage(start + i);
      pdf.insertPage(start + i, page);
    });
  }
  const bytes = await pdf.save({ useObjectStreams: false });
  return { pdf: bytes, pages: pdf.getPageCount(), blocking, contents: doc.contents.map((e, i) => ({ title: e.title, page: pages[i] ?? null })), document: doc };
}
