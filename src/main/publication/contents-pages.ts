import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

/**
 * Where the document's parts landed: the 目录 links to each part (href="#part-3"), and
 * Chromium writes a named destination for every link target (the catalog's /Dests, name →
 * [page …]) and a link annotation on the 目录's page for every line. Reading both back gives
 * the 目录's page numbers from the one print of the document, without laying it out twice
 * and without a tagged PDF (which makes printing about twice as slow).
 */

/** 1-based page of each named destination of the PDF. */
export function destinationPages(doc: PDFDocument): Map<string, number> {
  const pageOf = pageNumbers(doc);
  const pages = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const dest = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
    if (page) pages.set(name.decodeText(), page);
  }
  return pages;
}

/** 1-based pages carrying a link to any of `names` (the 目录's own pages, where it links to the parts). */
export function pagesLinkingTo(doc: PDFDocument, names: string[]): number[] {
  const wanted = new Set(names);
  const found: number[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    const links = annots?.asArray().some((ref) => {
      const annot = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      const dest = annot instanceof PDFDict ? annot.get(PDFName.of('Dest')) : undefined;
      return destName(dest) !== undefined && wanted.has(destName(dest)!);
    });
    if (links) found.push(i + 1);
  });
  return found;
}

function destName(dest: unknown): string | undefined {
  if (dest instanceof PDFName) return dest.decodeText();
  if (dest instanceof PDFString || dest instanceof PDFHexString) return dest.decodeText();
  return undefined;
}

function pageNumbers(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageOf.set(p.ref.toString(), i + 1));
  return pageOf;
}
