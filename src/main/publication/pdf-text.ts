import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reading a printed PDF back with poppler (pdftotext, pdfinfo, pdftoppm), as a reader's
 * tools would: used by the tests and the bench, never by the app.
 */

export function withPdfFile<T>(pdf: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'budget-desk-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Text of pages (1-based, inclusive; all when absent): with the layout kept (lines across
 * the page, as a reader sees them), or raw (in the order the text was drawn: a table cell's
 * wrapped lines together, where the printer draws cell by cell).
 */
export function pdfText(file: string, first?: number, last?: number, mode: 'layout' | 'raw' = 'layout'): string {
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  return execFileSync('pdftotext', [`-${mode}`, ...range, file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Page sizes in points, page by page. */
export function pageSizes(file: string): Array<{ width: number; height: number }> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** Text without any white space, for comparing text whose line breaks and spacing differ. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * How many of `lines` the text holds in their order: the longest chain of lines found at
 * increasing places (each line at any of its occurrences), spacing ignored.
 */
export function linesInOrder(lines: string[], text: string): { found: number; missing: string[] } {
  const hay = squeeze(text);
  // Longest increasing subsequence by patience sorting over (line, place) pairs; the places of
  // one line are taken right to left so that a line never follows itself.
  const tails: number[] = [];
  const tailNode: number[] = [];
  const nodes: Array<{ line: number; before: number }> = [];
  lines.forEach((line, index) => {
    const needle = squeeze(line);
    if (!needle) return;
    const places: number[] = [];
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) places.push(at);
    for (const place of places.reverse()) {
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tails[mid] < place) lo = mid + 1;
        else hi = mid;
      }
      nodes.push({ line: index, before: lo > 0 ? tailNode[lo - 1] : -1 });
      tails[lo] = place;
      tailNode[lo] = nodes.length - 1;
    }
  });
  const inChain = new Set<number>();
  for (let k = tails.length ? tailNode[tails.length - 1] : -1; k >= 0; k = nodes[k].before) inChain.add(nodes[k].line);
  const counted = lines.filter((l) => squeeze(l) !== '');
  const missing = lines.filter((l, i) => squeeze(l) !== '' && !inChain.has(i));
  return { found: counted.length - missing.length, missing };
}

/** Pages as 8-bit grey pixels (pdftoppm -gray), for comparing with reference images. */
export function pageGrey(file: string, page: number, dpi: number): { width: number; height: number; pixels: Uint8Array } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 });
  return parsePgm(pgm);
}

export function parsePgm(data: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  // Binary PGM: "P5", width, height, maxval, one white-space byte, then the pixels.
  const head = Buffer.from(data.subarray(0, 64)).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m) throw new Error('not a binary PGM image');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: data.subarray(m[0].length, m[0].length + width * height) };
}

/** Text without what every page carries besides its content: the mark at its head (未审签, 草稿：…) and its number (— 3 —). */
export function withoutPageFurniture(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(未审签|草稿：.*|—\s*\d+\s*—)\s*$/.test(line))
    .join('\n');
}

/**
 * Lines of a pdftotext transcription (a page begins with a line indented by one space) that
 * repeat, at the top of a page, the header rows the table printed where it began: the
 * information line, the header and 栏次 of a table running over pages. They depend on where a
 * document's pages break, not on what it says. A run of at least two lines that equals the
 * run following the same line's last occurrence before.
 */
export function pageTopRepeats(lines: string[]): Set<number> {
  const flat = lines.map(squeeze);
  const repeats = new Set<number>();
  lines.forEach((line, i) => {
    if (!line.startsWith(' ')) return;
    const j = flat.lastIndexOf(flat[i], i - 1);
    if (j < 0) return;
    let m = 0;
    while (i + m < flat.length && j + m < i && flat[j + m] === flat[i + m]) m++;
    if (m >= 2) for (let k = 0; k < m; k++) repeats.add(i + k);
  });
  return repeats;
}
