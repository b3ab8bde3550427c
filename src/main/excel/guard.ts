import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { constants, inflateRawSync } from 'node:zlib';
import { WORKBOOK_FORMATS_TEXT } from '../../shared/workbook/formats';
import type { ColumnSpan } from '../../shared/workbook/types';

/**
 * Checks a file before a spreadsheet library parses it, so a bad or hostile file gets a clear
 * Chinese message in bounded time and memory instead of a crash, a hang or gigabytes of
 * parsing: only regular files are read, and only up to a byte cap; every zip entry is
 * inflated for real with a cap on its output, whatever sizes the zip declares; rows and cells
 * of each sheet are counted in its XML, whatever dimension the sheet declares.
 */

export class WorkbookFileError extends Error {
  constructor(
    readonly kind: 'empty' | 'not-xlsx' | 'not-file' | 'encrypted' | 'legacy-xls' | 'damaged' | 'too-large' | 'formula',
    message: string,
  ) {
    super(message);
  }
}

export interface WorkbookLimits {
  /** Largest file read at all, bytes. */
  maxFileBytes?: number;
  /** Largest uncompressed sheet XML, bytes. */
  maxSheetBytes: number;
  /** Largest uncompressed workbook, bytes. */
  maxTotalBytes: number;
  /** Cells a sheet may hold (declared or counted). */
  maxSheetCells: number;
  maxSheetRows: number;
  maxSheets: number;
}

/**
 * A department's budget workbook is a few MB at most (the Shanghai templates: 0.1 MB; the
 * synthetic department of 500 projects: about 1 MB). The caps keep any input under 300 MB of
 * memory in the reader (see hostile.test.ts, which measures it in a child process).
 */
export const DEFAULT_LIMITS: WorkbookLimits = {
  maxFileBytes: 40 * 1024 * 1024,
  maxSheetBytes: 32 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  maxSheetCells: 1_000_000,
  maxSheetRows: 100_000,
  maxSheets: 5_000,
};

/**
 * What a workbook file is by its content: an Office Open XML workbook (.xlsx, .xlsm, .xltx),
 * its binary twin (.xlsb), OpenDocument (.ods), BIFF8 (.xls, WPS .et/.ett), and text: an
 * Excel 2003 XML workbook or a web page table (what business systems often save as .xls),
 * and delimited text (.csv, or tab-separated as Excel's 文本文件).
 */
export type WorkbookFormat = 'xlsx' | 'xlsb' | 'ods' | 'xls' | 'xml' | 'html' | 'csv';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The bytes of a file, read only when it is a regular file of at most maxFileBytes: a FIFO,
 * a device (/dev/zero named .xlsx), a folder are refused without reading from them.
 */
export function readWorkbookFileBytes(file: string, limits: WorkbookLimits = DEFAULT_LIMITS): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever.
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new WorkbookFileError('not-xlsx', `${ioReason((e as NodeJS.ErrnoException).code)}：${file}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new WorkbookFileError('not-file', `这是一个文件夹，不是工作簿：${file}`);
    if (!st.isFile()) throw new WorkbookFileError('not-file', `这不是普通文件（是管道、设备或套接字），未读取：${file}`);
    const cap = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes!;
    if (st.size > cap) throw new WorkbookFileError('too-large', `文件过大（${mb(st.size)}，上限 ${mb(cap)}），不像一个部门的预算工作簿，未读取。`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === st.size ? buf : buf.subarray(0, got);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    throw new WorkbookFileError('not-xlsx', `${ioReason((e as NodeJS.ErrnoException).code)}：${file}`);
  } finally {
    closeSync(fd);
  }
}

function ioReason(code: string | undefined): string {
  return code === 'ENOENT' ? '文件不存在'
    : code === 'EISDIR' ? '这是一个文件夹'
    : code === 'EACCES' || code === 'EPERM' ? '没有读取权限'
    : code === 'EBUSY' ? '文件正被其他程序（如 Excel）占用，请关闭后重试'
    : '无法读取';
}

/**
 * Which kind of spreadsheet the bytes are (by their content, not the file's name), checked
 * against the limits; throws a WorkbookFileError for anything that is not a readable workbook.
 * `name` only decides whether plain text is taken as CSV.
 */
export function checkWorkbookBytes(buf: Buffer, limits: WorkbookLimits = DEFAULT_LIMITS, name = ''): WorkbookFormat {
  return inspectWorkbookBytes(buf, limits, name).format;
}

export interface WorkbookInspection {
  format: WorkbookFormat;
  /**
   * Whether the sheets may hold formula cells without a saved result, which a reader finds only
   * by keeping empty cells: an .xlsx with a formula element, an .ods; never an .xls (a BIFF
   * formula record always carries its result) or a CSV.
   */
  formulasWithoutResult: boolean;
  /** Sheets an .ods hides (its reader does not say; an .xlsx, .xlsb or .xls says it itself). */
  hiddenSheets?: string[];
  /**
   * The columns each sheet of an .xlsx or .ods hides, by sheet name: SheetJS says so only when it
   * reads every style too (cellStyles), which costs each import a good part of its time. An
   * .xls is not looked into.
   */
  hiddenColumns?: Record<string, ColumnSpan[]>;
  /** A text workbook's content, decoded once (csv, xml, html). */
  text?: string;
}

/** checkWorkbookBytes, and what the checks saw of the workbook's sheets on the way. */
export function inspectWorkbookBytes(buf: Buffer, limits: WorkbookLimits = DEFAULT_LIMITS, name = ''): WorkbookInspection {
  if (buf.length === 0) throw new WorkbookFileError('empty', '文件是空的（0 字节），不是 Excel 工作簿。');
  const cap = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes!;
  if (buf.length > cap) throw new WorkbookFileError('too-large', `文件过大（${mb(buf.length)}，上限 ${mb(cap)}），未读取。`);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC)) {
    // Password-protected .xlsx files are OLE compound files holding an EncryptedPackage stream.
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) throw new WorkbookFileError('encrypted', ENCRYPTED);
    if (!buf.includes(utf16('Workbook'))) {
      // Excel 5.0/95 keeps its sheets in a stream named Book (BIFF5, text in the system's code page).
      if (buf.includes(utf16('Book'))) throw new WorkbookFileError('legacy-xls', LEGACY_XLS);
      throw new WorkbookFileError('legacy-xls', '这是 Office 复合文档，但其中没有工作簿（可能是 Word 或其他文档），无法读取。');
    }
    return { format: 'xls', formulasWithoutResult: false };
  }
  if (buf.length >= 4 && buf.readUInt32LE(0) === LOCAL) return checkZip(buf, limits);
  const text = textWorkbook(buf, name);
  if (text) {
    checkTextCounts(text, limits);
    return { format: text.format, formulasWithoutResult: text.format === 'xml' && text.body.includes('ss:Formula'), text: text.body };
  }
  throw new WorkbookFileError('not-xlsx', NOT_A_WORKBOOK);
}

const NOT_A_WORKBOOK = `文件不是 Excel 工作簿或其他电子表格（支持 ${WORKBOOK_FORMATS_TEXT}）。请确认选择了正确的文件。`;
export const ENCRYPTED = '文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存再导入。';
export const LEGACY_XLS = '这是 Excel 5.0/95 或更早版本的文件，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。';

/** A text file's content, decoded, and which kind of sheet it holds. */
interface TextWorkbook {
  format: 'xml' | 'html' | 'csv';
  body: string;
}

/**
 * A workbook saved as text, told by its content whatever its name (a business system's
 * "报表.xls" is often a web page): an Excel 2003 XML workbook, a web page with a table, or
 * delimited text (named .csv/.tsv/.txt, or with a comma or tab on its first line).
 */
function textWorkbook(buf: Buffer, name: string): TextWorkbook | null {
  if (!looksLikeText(buf)) return null;
  const body = decodeText(buf);
  const head = body.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return { format: 'xml', body };
    // A web page read for its tables: one without a table is no workbook.
    return /<table\b/i.test(body) ? { format: 'html', body } : null;
  }
  const firstLine = head.split('\n', 1)[0];
  return /\.(csv|tsv|txt)$/i.test(name) || /[,\t]/.test(firstLine) ? { format: 'csv', body } : null;
}

/** Text bytes: UTF-16 with its byte order mark (Excel's Unicode 文本), UTF-8 (with or without BOM), else GBK as Chinese Excel saves it. */
function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(buf);
  }
}

const TEXT_ROW = { csv: /\n/g, html: /<tr\b/gi, xml: /<(?:ss:)?Row\b/g };
const TEXT_CELL = { csv: null, html: /<t[dh]\b/gi, xml: /<(?:ss:)?Cell\b/g };

/** Rows (lines, table rows) and cells of a text workbook against the limits, before a library expands them. */
function checkTextCounts({ format, body }: TextWorkbook, limits: WorkbookLimits): void {
  const count = (re: RegExp, cap: number) => {
    let n = 0;
    re.lastIndex = 0;
    while (re.exec(body) && n <= cap) n++;
    return n;
  };
  // The last line is counted whether or not it ends with a line break.
  const rows = count(TEXT_ROW[format], format === 'csv' ? Infinity : limits.maxSheetRows) + (format === 'csv' && !body.endsWith('\n') ? 1 : 0);
  const what = format === 'csv' ? 'CSV 文件' : format === 'html' ? '网页表格' : 'XML 表格';
  if (rows > limits.maxSheetRows) {
    throw new WorkbookFileError('too-large', `${what}有${format === 'csv' ? ` ${rows.toLocaleString('en-US')} 行` : `超过 ${limits.maxSheetRows.toLocaleString('en-US')} 行`}（上限 ${limits.maxSheetRows.toLocaleString('en-US')}），不像预算表，未读取。`);
  }
  const cellTag = TEXT_CELL[format];
  if (cellTag && count(cellTag, limits.maxSheetCells) > limits.maxSheetCells) {
    throw new WorkbookFileError('too-large', `${what}有超过 ${limits.maxSheetCells.toLocaleString('en-US')} 个单元格，不像预算表，未读取。`);
  }
}

/** Text: UTF-16 with its byte order mark, or no NUL bytes in the first 8 KB (UTF-8 or GBK), not a binary file. */
function looksLikeText(buf: Buffer): boolean {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return true;
  return !buf.subarray(0, 8192).includes(0);
}

function countOf(buf: Buffer, needle: Buffer, stopAt: number): number {
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0 && n <= stopAt; i = buf.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Occurrences of the tags in xml, counted only when there could be more than `limit`: each
 * begins with its only '<', so occurrences never overlap and a sheet shorter than `limit`
 * shortest tags cannot hold too many (0 is returned for it).
 */
function tagCount(xml: Buffer, tags: Buffer[], limit: number): number {
  if (xml.length <= limit * Math.min(...tags.map((t) => t.length))) return 0;
  return tags.reduce((n, t) => n + countOf(xml, t, limit), 0);
}

const ROW_TAG = [Buffer.from('<row '), Buffer.from('<row>'), Buffer.from('<x:row ')];
const CELL_TAG = [Buffer.from('<c '), Buffer.from('<c>'), Buffer.from('<x:c ')];

function checkZip(buf: Buffer, limits: WorkbookLimits): WorkbookInspection {
  const entries = readCentralDirectory(buf);
  const names = new Set(entries.map((e) => e.name));
  const ods = names.has('content.xml') && names.has('mimetype');
  const binary = !ods && names.has('xl/workbook.bin');
  if (!ods && (!names.has('[Content_Types].xml') || !(names.has('xl/workbook.xml') || binary))) {
    const word = names.has('word/document.xml') ? '（这是 Word 文档）' : names.has('ppt/presentation.xml') ? '（这是 PowerPoint 演示文稿）' : '';
    throw new WorkbookFileError('not-xlsx', `压缩包中没有 Excel 工作簿的内容（缺少 xl/workbook.xml）${word}，不是电子表格文件。`);
  }
  if (ods) {
    const mime = inflateEntry(buf, entries.find((e) => e.name === 'mimetype')!, 200).toString('latin1');
    if (!mime.includes('opendocument.spreadsheet')) throw new WorkbookFileError('not-xlsx', '这是 OpenDocument 文件，但不是电子表格（.ods），无法读取。');
    // A password-protected .ods keeps its parts encrypted, each described in the manifest.
    const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml');
    if (manifest && inflateEntry(buf, manifest, limits.maxTotalBytes).includes('encryption-data')) throw new WorkbookFileError('encrypted', ENCRYPTED);
  }
  const sheetPart = binary ? /^xl\/worksheets\/[^/]+\.bin$/ : /^xl\/worksheets\/[^/]+\.xml$/;
  const isSheet = (n: string) => (ods ? n === 'content.xml' : sheetPart.test(n));
  const sheets = entries.filter((e) => sheetPart.test(e.name)).length;
  if (sheets > limits.maxSheets) {
    throw new WorkbookFileError('too-large', `工作簿有 ${sheets} 张工作表（上限 ${limits.maxSheets}），不像一个部门的预算，未读取。`);
  }
  let total = 0;
  let formulas = ods;
  let hiddenSheets: string[] | undefined;
  const hiddenByPart = new Map<string, ColumnSpan[]>();
  const odsHidden: Record<string, ColumnSpan[]> = {};
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const sheet = isSheet(e.name);
    const label = e.name.replace(/^xl\/worksheets\//, '');
    const cap = Math.min(sheet ? limits.maxSheetBytes : limits.maxTotalBytes, limits.maxTotalBytes - total);
    // The declared size is a claim; the cap holds whatever it says.
    if (e.size > cap) throw tooLarge(sheet, label, e.size, limits);
    let data: Buffer;
    try {
      data = inflateEntry(buf, e, cap);
    } catch (err) {
      if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(sheet, label, cap + 1, limits, true);
      throw err;
    }
    total += data.length;
    if (sheet && ods) {
      const xml = data.toString('utf8');
      checkOdsRepeats(xml, limits);
      hiddenSheets = odsHiddenSheets(xml);
      odsHiddenColumns(xml, odsHidden);
    }
    if (sheet && binary) checkXlsbRecords(data, label, limits);
    if (sheet && !ods && !binary) {
      checkDimension(data, label, limits);
      const rows = tagCount(data, ROW_TAG, limits.maxSheetRows);
      if (rows > limits.maxSheetRows) {
        throw new WorkbookFileError('too-large', `工作表 ${label} 有超过 ${limits.maxSheetRows.toLocaleString('en-US')} 行，不像预算表，未读取。`);
      }
      const cells = tagCount(data, CELL_TAG, limits.maxSheetCells);
      if (cells > limits.maxSheetCells) {
        throw new WorkbookFileError('too-large', `工作表 ${label} 有超过 ${limits.maxSheetCells.toLocaleString('en-US')} 个单元格，不像预算表，未读取。`);
      }
      formulas ||= mayHoldFormula(data);
      const hidden = xlsxHiddenColumns(data);
      if (hidden.length) hiddenByPart.set(e.name, hidden);
    }
  }
  const hiddenColumns = hiddenByPart.size ? bySheetName(buf, entries, hiddenByPart, limits) : Object.keys(odsHidden).length ? odsHidden : undefined;
  // A binary sheet's formula record always carries its result.
  return { format: ods ? 'ods' : binary ? 'xlsb' : 'xlsx', formulasWithoutResult: formulas && !binary, hiddenSheets, ...(hiddenColumns ? { hiddenColumns } : {}) };
}

/**
 * The columns an .xlsx sheet hides, from its <cols> (before its rows): <col min="4" max="5"
 * hidden="1"/>, 1-based and inclusive in the file, 0-based here.
 */
function xlsxHiddenColumns(xml: Buffer): ColumnSpan[] {
  const end = xml.indexOf('sheetData');
  const head = xml.toString('utf8', 0, end < 0 ? Math.min(xml.length, 65536) : end);
  const spans: ColumnSpan[] = [];
  for (const m of head.matchAll(/<(?:\w+:)?col\b([^>]*)>/g)) {
    if (!/\bhidden="(?:1|true)"/.test(m[1])) continue;
    const min = Number(/\bmin="(\d+)"/.exec(m[1])?.[1]);
    const max = Number(/\bmax="(\d+)"/.exec(m[1])?.[1] ?? min);
    if (min >= 1 && max >= min) spans.push([min - 1, max - 1]);
  }
  return spans;
}

/** Spans by sheet part ("xl/worksheets/sheet2.xml") as spans by sheet name, through the workbook and its relationships. */
function bySheetName(buf: Buffer, entries: ZipEntry[], byPart: Map<string, ColumnSpan[]>, limits: WorkbookLimits): Record<string, ColumnSpan[]> {
  const text = (name: string) => {
    const e = entries.find((x) => x.name === name);
    return e ? inflateEntry(buf, e, limits.maxTotalBytes).toString('utf8') : '';
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const out: Record<string, ColumnSpan[]> = {};
  for (const m of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const id = /\b\w+:id="([^"]*)"/.exec(m[1])?.[1];
    const spans = id ? byPart.get(targets.get(id) ?? '') : undefined;
    if (name !== undefined && spans) out[unescapeXml(name)] = spans;
  }
  return out;
}

/** The tables of an .ods whose style says table:display="false" (a hidden sheet), by name. */
function odsHiddenSheets(xml: string): string[] {
  const hiddenStyles = new Set<string>();
  for (const m of xml.matchAll(/<style:style\b[^>]*?style:name="([^"]+)"[^>]*>\s*<style:table-properties\b[^>]*?table:display="false"/g)) hiddenStyles.add(m[1]);
  if (!hiddenStyles.size) return [];
  const names: string[] = [];
  for (const m of xml.matchAll(/<table:table\b([^>]*)>/g)) {
    const name = /table:name="([^"]*)"/.exec(m[1])?.[1];
    const style = /table:style-name="([^"]*)"/.exec(m[1])?.[1];
    if (name !== undefined && style && hiddenStyles.has(style)) names.push(unescapeXml(name));
  }
  return names;
}

/**
 * The columns each table of an .ods hides (table:visibility="collapsed" or "filter"), by table
 * name into `out`: its column elements come before its rows, each repeated as it says.
 */
function odsHiddenColumns(xml: string, out: Record<string, ColumnSpan[]>): void {
  for (const t of xml.matchAll(/<table:table\b([^>]*)>/g)) {
    const name = /table:name="([^"]*)"/.exec(t[1])?.[1];
    const start = t.index + t[0].length;
    const rows = xml.indexOf('<table:table-row', start);
    const stop = rows >= 0 ? rows : xml.indexOf('</table:table>', start);
    const head = stop >= 0 ? xml.slice(start, stop) : '';
    const spans: ColumnSpan[] = [];
    let index = 0;
    for (const c of head.matchAll(/<table:table-column\b([^>]*)>/g)) {
      const count = repeats(c[1], 'columns');
      if (/table:visibility="(?:collapse|collapsed|filter)"/.test(c[1])) spans.push([index, index + count - 1]);
      index += count;
    }
    if (name !== undefined && spans.length) out[unescapeXml(name)] = spans;
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/** BrtRowHdr, and the cell records (BrtCellBlank … BrtFmlaError, BrtCellRString) of a binary sheet. */
const XLSB_ROW = 0;
const isXlsbCell = (type: number) => (type >= 1 && type <= 11) || type === 62;

/**
 * Rows and cells of a binary (.xlsb) sheet counted by walking its records (a type and a size,
 * each a variable-length number), whatever the sheet declares.
 */
function checkXlsbRecords(data: Buffer, label: string, limits: WorkbookLimits): void {
  let rows = 0;
  let cells = 0;
  let p = 0;
  const varint = (bytes: number) => {
    let n = 0;
    for (let i = 0; i < bytes && p < data.length; i++) {
      const b = data[p++];
      n |= (b & 0x7f) << (7 * i);
      if (!(b & 0x80)) break;
    }
    return n;
  };
  while (p < data.length) {
    const type = varint(2);
    const size = varint(4);
    p += size;
    if (type === XLSB_ROW && ++rows > limits.maxSheetRows) {
      throw new WorkbookFileError('too-large', `工作表 ${label} 有超过 ${limits.maxSheetRows.toLocaleString('en-US')} 行，不像预算表，未读取。`);
    }
    if (isXlsbCell(type) && ++cells > limits.maxSheetCells) {
      throw new WorkbookFileError('too-large', `工作表 ${label} 有超过 ${limits.maxSheetCells.toLocaleString('en-US')} 个单元格，不像预算表，未读取。`);
    }
  }
}

/**
 * Whether a sheet's XML may hold a formula (<f>, <f t="shared" …/>): any element whose name
 * starts with f counts (filterColumn too), and a sheet whose elements carry a namespace prefix
 * (<x:worksheet>) always may. Erring on "may" only costs speed.
 */
function mayHoldFormula(xml: Buffer): boolean {
  return !xml.subarray(0, 1024).includes(WORKSHEET_TAG) || xml.includes(FORMULA_TAG);
}

const WORKSHEET_TAG = Buffer.from('<worksheet');
const FORMULA_TAG = Buffer.from('<f');

function tooLarge(sheet: boolean, label: string, size: number, limits: WorkbookLimits, lied = false): WorkbookFileError {
  const claim = lied ? '（压缩包中声明的大小与实际不符）' : '';
  return sheet
    ? new WorkbookFileError('too-large', `工作表 ${label} 过大（解压后超过 ${mb(Math.min(size, limits.maxSheetBytes))}，上限 ${mb(limits.maxSheetBytes)}）${claim}，不像预算表，未读取。`)
    : new WorkbookFileError('too-large', `工作簿过大（解压后超过 ${mb(limits.maxTotalBytes)}）${claim}，未读取。`);
}

function damaged(detail: string): WorkbookFileError {
  return new WorkbookFileError('damaged', `文件已损坏（${detail}），无法读取。请重新获取或在 Excel 中打开后另存为 .xlsx。`);
}

/** An entry's bytes, inflated with a hard cap on the output (RangeError past it). */
function inflateEntry(buf: Buffer, e: ZipEntry, cap: number): Buffer {
  const nameLen = buf.readUInt16LE(e.localOffset + 26);
  const extraLen = buf.readUInt16LE(e.localOffset + 28);
  const start = e.localOffset + 30 + nameLen + extraLen;
  if (start + e.compressedSize > buf.length) throw damaged(`压缩包中的 ${e.name} 不完整`);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (raw.length > cap) throw new RangeError('too large');
    return raw;
  }
  if (e.method !== 8) throw damaged(`压缩包中的 ${e.name} 使用了不支持的压缩方式`);
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new RangeError('too large');
    throw damaged(`工作表 ${e.name} 的数据无法解压`);
  }
}

function readCentralDirectory(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('压缩包不完整，找不到目录');
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (p + dirSize > eocd || p >= buf.length) throw damaged('压缩包目录位置错误');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw damaged('压缩包目录损坏');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw damaged(`压缩包中的 ${name} 损坏`);
    // ZIP64 sizes (0xffffffff) mean more than 4 GB: far beyond any limit.
    entries.push({ name, method, compressedSize, size: size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const ODS_ROW = /<table:table-row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g;
const ODS_CELL = /<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;
const repeats = (attributes: string, what: 'rows' | 'columns') => Number(new RegExp(`table:number-${what}-repeated="(\\d+)"`).exec(attributes)?.[1] ?? 1);
const hasContent = (xml: string) => xml.includes('office:value-type') || xml.includes('<text:p');

/**
 * Rows and cells with content in an .ods, its repeat counts multiplied out: SheetJS expands
 * `table:number-rows-repeated` whatever its row cap, so one short row repeated 1,048,576 times
 * would cost minutes and gigabytes. Empty repeated rows (formatting to the sheet's end) cost nothing.
 */
function checkOdsRepeats(xml: string, limits: WorkbookLimits): void {
  let rows = 0;
  let cells = 0;
  for (const row of xml.matchAll(ODS_ROW)) {
    const body = row[2] ?? '';
    if (!hasContent(body)) continue;
    const times = repeats(row[1], 'rows');
    let width = 0;
    for (const cell of body.matchAll(ODS_CELL)) if (hasContent(cell[2] ?? '')) width += repeats(cell[1], 'columns');
    rows += times;
    cells += times * width;
    if (rows > limits.maxSheetRows) {
      throw new WorkbookFileError('too-large', `表格内容有超过 ${limits.maxSheetRows.toLocaleString('en-US')} 行（含重复行），不像预算表，未读取。`);
    }
    if (cells > limits.maxSheetCells) {
      throw new WorkbookFileError('too-large', `表格内容有超过 ${limits.maxSheetCells.toLocaleString('en-US')} 个单元格（含重复单元格），不像预算表，未读取。`);
    }
  }
}

/** The <dimension ref="A1:X9"/> near the start of a sheet: a declared range too large is refused early. */
function checkDimension(xml: Buffer, label: string, limits: WorkbookLimits): void {
  const head = xml.subarray(0, 4096).toString('utf8');
  const m = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(head);
  if (!m || !m[3]) return;
  const rows = Number(m[4]) - Number(m[2]) + 1;
  const cols = colNumber(m[3]) - colNumber(m[1]) + 1;
  if (rows > limits.maxSheetRows || rows * cols > limits.maxSheetCells * 4) {
    throw new WorkbookFileError(
      'too-large',
      `工作表 ${label} 声明的范围过大（${m[1]}${m[2]}:${m[3]}${m[4]}，${rows.toLocaleString('en-US')} 行 × ${cols} 列），不像预算表，未读取。`,
    );
  }
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
