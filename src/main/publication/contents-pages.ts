import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

/**
 * Where the document's headings landed: Chromium writes a PDF outline (bookmarks) of the
 * headings it printed, each pointing at its page. Reading it back gives the 目录's page
 * numbers from the one print of the document, without laying the pages out twice.
 */

export interface OutlineEntry {
  title: string;
  /** 1-based page number. */
  page: number;
}

export function outlineOf(doc: PDFDocument): OutlineEntry[] {
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageOf.set(p.ref.toString(), i + 1));
  const entries: OutlineEntry[] = [];
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (ref: unknown) => {
    // Depth first in document order: an entry, its children, then its next sibling.
    for (let node = lookupDict(doc, ref); node; node = lookupDict(doc, node.get(PDFName.of('Next')))) {
      const title = node.lookup(PDFName.of('Title'));
      const dest = node.lookup(PDFName.of('Dest'));
      const target = dest instanceof PDFArray ? dest.get(0) : undefined;
      if ((title instanceof PDFHexString || title instanceof PDFString) && target instanceof PDFRef) {
        entries.push({ title: title.decodeText(), page: pageOf.get(target.toString()) ?? 0 });
      }
      visit(node.get(PDFName.of('First')));
    }
  };
  if (outlines) visit(outlines.get(PDFName.of('First')));
  return entries;
}

function lookupDict(doc: PDFDocument, ref: unknown): PDFDict | undefined {
  if (!ref) return undefined;
  const obj = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
  return obj instanceof PDFDict ? obj : undefined;
}

/** Page of each title, matched in order (a title printed twice is found at its next place). */
export function pagesOfTitles(outline: OutlineEntry[], titles: string[]): Array<number | undefined> {
  const fold = (s: string) => s.replace(/\s+/g, '');
  let from = 0;
  return titles.map((title) => {
    const at = outline.findIndex((e, i) => i >= from && fold(e.title) === fold(title));
    if (at < 0) return undefined;
    from = at + 1;
    return outline[at].page;
  });
}
