import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { constants, inflateRawSync } from 'node:zlib';

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

export type WorkbookFormat = 'xlsx' | 'ods' | 'xls' | 'csv';

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
}

/** checkWorkbookBytes, and what the checks saw of the workbook's sheets on the way. */
export function inspectWorkbookBytes(buf: Buffer, limits: WorkbookLimits = DEFAULT_LIMITS, name = ''): WorkbookInspection {
  if (buf.length === 0) throw new WorkbookFileError('empty', '文件是空的（0 字节），不是 Excel 工作簿。');
  const cap = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes!;
  if (buf.length > cap) throw new WorkbookFileError('too-large', `文件过大（${mb(buf.length)}，上限 ${mb(cap)}），未读取。`);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC)) {
    // Password-protected .xlsx files are OLE compound files holding an EncryptedPackage stream.
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) {
      throw new WorkbookFileError('encrypted', '文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存再导入。');
    }
    if (!buf.includes(utf16('Workbook')) && !buf.includes(utf16('Book'))) {
      throw new WorkbookFileError('legacy-xls', '这是 Office 复合文档，但其中没有工作簿（可能是 Word 或其他文档），无法读取。');
    }
    return { format: 'xls', formulasWithoutResult: false };
  }
  if (buf.length >= 4 && buf.readUInt32LE(0) === LOCAL) return checkZip(buf, limits);
  if (/\.(csv|txt)$/i.test(name) && looksLikeText(buf)) {
    // Lines, the last one counted whether or not it ends with a line break.
    const rows = countByte(buf, 0x0a) + (buf[buf.length - 1] === 0x0a ? 0 : 1);
    if (rows > limits.maxSheetRows) {
      throw new WorkbookFileError('too-large', `CSV 文件有 ${rows.toLocaleString('en-US')} 行（上限 ${limits.maxSheetRows.toLocaleString('en-US')}），不像预算表，未读取。`);
    }
    return { format: 'csv', formulasWithoutResult: false };
  }
  throw new WorkbookFileError('not-xlsx', '文件不是 Excel 工作簿（支持 .xlsx、.xls、WPS .et、.ods 和 .csv）。请确认选择了正确的文件。');
}

/** No NUL bytes in the first 8 KB: text (UTF-8 or GBK), not a binary file. */
function looksLikeText(buf: Buffer): boolean {
  return !buf.subarray(0, 8192).includes(0);
}

function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++;
  return n;
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
  if (!ods && (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))) {
    throw new WorkbookFileError('not-xlsx', '压缩包中没有 Excel 工作簿的内容（缺少 xl/workbook.xml），不是 .xlsx 文件。');
  }
  if (ods) {
    const mime = inflateEntry(buf, entries.find((e) => e.name === 'mimetype')!, 200).toString('latin1');
    if (!mime.includes('opendocument.spreadsheet')) throw new WorkbookFileError('not-xlsx', '这是 OpenDocument 文件，但不是电子表格（.ods），无法读取。');
  }
  const isSheet = (n: string) => (ods ? n === 'content.xml' : /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name)).length;
  if (sheets > limits.maxSheets) {
    throw new WorkbookFileError('too-large', `工作簿有 ${sheets} 张工作表（上限 ${limits.maxSheets}），不像一个部门的预算，未读取。`);
  }
  let total = 0;
  let formulas = ods;
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
    if (sheet && ods) checkOdsRepeats(data, limits);
    if (sheet && !ods) {
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
    }
  }
  return { format: ods ? 'ods' : 'xlsx', formulasWithoutResult: formulas };
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
function checkOdsRepeats(xml: Buffer, limits: WorkbookLimits): void {
  let rows = 0;
  let cells = 0;
  for (const row of xml.toString('utf8').matchAll(ODS_ROW)) {
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
