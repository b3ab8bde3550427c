/** Publication methods of the API contract (see ./index.ts): the disclosure as a PDF. */

export interface PublicationContentsEntry {
  title: string;
  /** The page the part starts on (null when it could not be found in the print). */
  page: number | null;
}

export interface PublicationPreview {
  /** The document as printed (HTML with print CSS), shown in a sandboxed frame. */
  html: string;
  /** Pages of the PDF this document prints to, and the 目录 with its page numbers. */
  pages: number;
  contents: PublicationContentsEntry[];
  /** 强制 findings the draft has: the PDF can then only be a marked draft. */
  blocking: number;
  /** Whether the draft carries a valid signature (else every page says 未审签). */
  signed: boolean;
}

export interface PublicationApi {
  /** What the PDF will hold, printed once to count its pages (nothing is written). */
  'publication/preview': (args: { draftId: string; draft?: boolean }) => PublicationPreview;
  /**
   * The disclosure as a PDF at `path`. A draft with 强制 findings is refused (code
   * 'blocked') unless `draft` is set; then every page is marked 草稿. An existing file is
   * refused (code 'conflict', details { exists: true }) unless `replace` is true.
   */
  'publication/pdf': (args: { draftId: string; path: string; replace?: boolean; draft?: boolean }) => { path: string; pages: number; blocking: number; contents: PublicationContentsEntry[] };
}
