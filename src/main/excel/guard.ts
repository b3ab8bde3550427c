import { constants, inflateRawSync } from 'node:zlib';

/**
 * Checks a file before exceljs loads it, so a bad file gets a clear Chinese message instead
 * of a crash or minutes of parsing: not an xlsx, an encrypted or old .xls (OLE compound
 * file), a damaged zip, a sheet too large to be a budget table.
 */

export class WorkbookFileError extends Error {
  constructor(
    readonly kind: 'empty' | 'not-xlsx' | 'encrypted' | 'legacy-xls' | 'damaged' | 'too-large' | 'formula',
    message: string,
  ) {
    super(message);
  }
}

export interface WorkbookLimits {
  /** Largest uncompressed sheet XML, bytes. */
  maxSheetBytes: number;
  /** Largest uncompressed workbook, bytes. */
  maxTotalBytes: number;
  /** Rows × columns a sheet may declare in its dimension. */
  maxSheetCells: number;
  maxSheetRows: number;
  maxSheets: number;
}

export const DEFAULT_LIMITS: WorkbookLimits = {
  maxSheetBytes: 60 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxSheetCells: 3_000_000,
  maxSheetRows: 200_000,
  maxSheets: 5_000,
};

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

export function checkWorkbookBytes(buf: Buffer, limits: WorkbookLimits = DEFAULT_LIMITS): void {
  if (buf.length === 0) throw new WorkbookFileError('empty', '文件是空的（0 字节），不是 Excel 工作簿。');
  if (buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC)) {
    // Password-protected .xlsx files are OLE compound files holding an EncryptedPackage stream.
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) {
      throw new WorkbookFileError('encrypted', '文件设置了打开密码（已加密），无法读取。请在 Excel 中取消密码后另存为 .xlsx 再导入。');
    }
    throw new WorkbookFileError('legacy-xls', '这是旧版 Excel 97-2003 (.xls) 文件，无法直接读取。请在 Excel 中“另存为” .xlsx 格式后再导入。');
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== LOCAL) {
    throw new WorkbookFileError('not-xlsx', '文件不是 Excel 工作簿（.xlsx）。请确认选择了正确的文件。');
  }
  const entries = readCentralDirectory(buf);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new WorkbookFileError('not-xlsx', '压缩包中没有 Excel 工作簿的内容（缺少 xl/workbook.xml），不是 .xlsx 文件。');
  }
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name)).length;
  if (sheets > limits.maxSheets) {
    throw new WorkbookFileError('too-large', `工作簿有 ${sheets} 张工作表（上限 ${limits.maxSheets}），不像一个部门的预算，未读取。`);
  }
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
    if (e.size > limits.maxSheetBytes) {
      throw new WorkbookFileError('too-large', `工作表 ${e.name.replace(/^xl\/worksheets\//, '')} 过大（解压后 ${mb(e.size)}，上限 ${mb(limits.maxSheetBytes)}），不像预算表，未读取。`);
    }
    checkDimension(buf, e, limits);
  }
  if (total > limits.maxTotalBytes) {
    throw new WorkbookFileError('too-large', `工作簿过大（解压后 ${mb(total)}，上限 ${mb(limits.maxTotalBytes)}），未读取。`);
  }
}

function damaged(detail: string): WorkbookFileError {
  return new WorkbookFileError('damaged', `文件已损坏（${detail}），无法读取。请重新获取或在 Excel 中打开后另存为 .xlsx。`);
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

/** Read the <dimension ref="A1:X9"/> near the start of a sheet without inflating all of it. */
function checkDimension(buf: Buffer, e: ZipEntry, limits: WorkbookLimits): void {
  const nameLen = buf.readUInt16LE(e.localOffset + 26);
  const extraLen = buf.readUInt16LE(e.localOffset + 28);
  const start = e.localOffset + 30 + nameLen + extraLen;
  const chunk = buf.subarray(start, Math.min(buf.length, start + Math.min(e.compressedSize, 2048)));
  let head: string;
  try {
    head = e.method === 0 ? chunk.toString('utf8') : inflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  } catch {
    throw damaged(`工作表 ${e.name} 的数据无法解压`);
  }
  const m = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(head);
  if (!m || !m[3]) return;
  const rows = Number(m[4]) - Number(m[2]) + 1;
  const cols = colNumber(m[3]) - colNumber(m[1]) + 1;
  if (rows > limits.maxSheetRows || rows * cols > limits.maxSheetCells) {
    throw new WorkbookFileError(
      'too-large',
      `工作表 ${e.name.replace(/^xl\/worksheets\//, '')} 声明的范围过大（${m[1]}${m[2]}:${m[3]}${m[4]}，${rows.toLocaleString('en-US')} 行 × ${cols} 列），不像预算表，未读取。`,
    );
  }
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
