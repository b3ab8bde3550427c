/** Small HTML helpers of the printed document. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Text as paragraphs, one per line of the source (blank lines dropped). */
export function paragraphs(text: string, className = ''): string {
  const cls = className ? ` class="${className}"` : '';
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p${cls}>${esc(line)}</p>`)
    .join('\n');
}

/** 宋体 where the machine has it (Windows, WPS), else the embedded serif CJK face (Noto Serif CJK SC). */
export const FONT_STACK = `'SimSun', '宋体', 'NSimSun', 'Songti SC', 'STSong', 'Noto Serif CJK SC', 'Noto Serif CJK', 'Source Han Serif SC', serif`;

/** Millimetres of the printable width of A4 at the document's margins. */
export const PRINT_WIDTH_MM = { portrait: 180, landscape: 267 } as const;
/** No text smaller than this (pt); tables wider than this allows are split. */
export const MIN_FONT_PT = 9;
export const BODY_FONT_PT = 10.5;
export const TABLE_FONT_PT = 10;
export const MM_PER_PT = 25.4 / 72;

export const STYLE = `
@page { size: A4 portrait; margin: 16mm 15mm 16mm 15mm; }
@page landscape { size: A4 landscape; margin: 14mm 15mm 14mm 15mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: ${BODY_FONT_PT}pt; color: #000; }
.landscape { page: landscape; }
.new-page { break-before: page; }
.keep { break-inside: avoid; }
h1.doc-title { font-size: 18pt; text-align: center; margin: 0 0 6mm; font-weight: bold; }
h2.table-title { font-size: 16pt; text-align: center; margin: 0 0 3mm; font-weight: bold; }
h3.inline-title { font-size: 12pt; text-align: center; margin: 4mm 0 2mm; font-weight: bold; }
h2.section-title { font-size: 12pt; margin: 3mm 0 1.5mm; font-weight: bold; }
p { margin: 0; text-indent: 2em; line-height: 1.65; text-align: justify; orphans: 1; widows: 1; }
p.plain { text-indent: 0; }
p.preface { margin-bottom: 2mm; }
table.grid { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 0.8pt 2pt; line-height: 1.3; overflow-wrap: anywhere; word-break: break-all; }
table.grid th { font-weight: bold; text-align: center; vertical-align: top; }
table.grid td { vertical-align: top; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; }
table.grid tr.info th { border: none; font-weight: normal; padding: 0 0 1.5mm; }
table.grid tr.seq th, table.grid td.serial { font-weight: normal; }
.info-line { display: flex; justify-content: space-between; gap: 4mm; }
td.num { text-align: right; white-space: nowrap; }
td.code { white-space: nowrap; }
td.serial, td.center { text-align: center; }
tr.total td { font-weight: bold; }
p.note { text-indent: 0; margin-top: 1.5mm; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }
.cover .unit { font-size: 26pt; font-weight: bold; margin-bottom: 12mm; }
.cover .what { font-size: 22pt; font-weight: bold; }
.cover .mark { font-size: 16pt; margin-top: 20mm; color: #c00; }
.contents h1 { font-size: 18pt; text-align: center; margin: 0 0 8mm; }
.contents a { color: #000; text-decoration: none; display: flex; align-items: baseline; line-height: 2; }
.contents a.sub { padding-left: 2em; }
.contents .dots { flex: 1; border-bottom: 1pt dotted #000; margin: 0 2mm; }
.signoff { margin-top: 8mm; break-inside: avoid; }
.signoff p { text-indent: 0; }
.unsigned { color: #c00; font-weight: bold; }
.draft-banner { border: 1.5pt solid #c00; color: #c00; padding: 2mm 3mm; margin-bottom: 5mm; font-weight: bold; }
`;
