import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { fail } from '../../shared/api/common';
import type { DraftContent, DraftMeta } from '../../shared/draft';
import type { Explanation } from '../../shared/findings';
import { failToSave } from '../write-errors';

/**
 * A draft to carry (review on another machine, archive): one JSON file with a format name,
 * a format version and a SHA-256 checksum of the payload. JSON rather than a SQLite copy:
 * it holds one draft only, is independent of the database's schema versions, can be read
 * and diffed by people, and the checksum catches any damage (truncation, edits, bad disks).
 */
export const DRAFT_FILE_FORMAT = 'budget-desk-draft';
export const DRAFT_FILE_VERSION = 1;
export const DRAFT_FILE_EXTENSION = '.budget.json';

export interface DraftFilePayload {
  meta: Pick<DraftMeta, 'unitCode' | 'unitName' | 'year' | 'templateId' | 'status'>;
  content: DraftContent;
  prior: DraftContent | null;
  explanations: Explanation[];
}

interface DraftFile {
  format: string;
  version: number;
  app: string;
  savedAt: string;
  checksum: string;
  payload: DraftFilePayload;
}

function checksum(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/** Write the file atomically: a temporary file, synced, then renamed over the target. */
export function writeDraftFile(path: string, payload: DraftFilePayload, appVersion: string): void {
  const file: DraftFile = {
    format: DRAFT_FILE_FORMAT,
    version: DRAFT_FILE_VERSION,
    app: appVersion,
    savedAt: new Date().toISOString(),
    checksum: checksum(payload),
    payload,
  };
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    failToSave('草稿文件', path, err);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isContent(v: unknown): v is DraftContent {
  if (!isObject(v) || !isObject(v.rows) || !isObject(v.cells)) return false;
  return (
    Object.values(v.rows).every((r) => Array.isArray(r) && r.every((x) => typeof x === 'string')) &&
    Object.values(v.cells).every((c) => typeof c === 'string')
  );
}

const STATUSES = ['editing', 'submitted', 'returned', 'signed'];

function isMeta(v: unknown): v is DraftFilePayload['meta'] {
  return (
    isObject(v) &&
    typeof v.unitCode === 'string' &&
    typeof v.unitName === 'string' &&
    Number.isInteger(v.year) &&
    typeof v.templateId === 'string' &&
    STATUSES.includes(v.status as string)
  );
}

/** Largest draft file read (a large department's draft is a few MB). */
export const MAX_DRAFT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a regular file of at most `max` bytes. Opened without blocking and checked on
 * the open descriptor, so a FIFO, a device (/dev/zero) or a link to one is refused at once
 * instead of hanging or filling memory; reading stops at the cap whatever the size said.
 */
export function readRegularFile(path: string, max: number, what: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail('io', `无法读取文件 ${path}：${code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个文件夹' : (err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail('bad-file', `${path} 不是普通文件（可能是文件夹、设备或管道），不能作为${what}打开`);
    if (st.size > max) fail('bad-file', `${what}过大（${Math.ceil(st.size / 1048576)} MB，最多 ${max / 1048576} MB），不能打开`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > max) fail('bad-file', `${what}过大（超过 ${max / 1048576} MB），不能打开`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function isExplanation(e: unknown): boolean {
  return isObject(e) && (['findingId', 'text', 'author', 'at'] as const).every((k) => typeof e[k] === 'string');
}

/** Read and verify a draft file: 'bad-file' (not ours), 'newer-version', or 'damaged'. */
export function readDraftFile(path: string, max = MAX_DRAFT_FILE_BYTES): DraftFilePayload {
  const text = readRegularFile(path, max, '草稿文件').toString('utf8');
  let file: Partial<DraftFile>;
  try {
    file = JSON.parse(text);
  } catch {
    const ours = text.includes(`"format":"${DRAFT_FILE_FORMAT}"`);
    fail(ours ? 'damaged' : 'bad-file', ours ? '草稿文件已损坏（内容不完整），无法打开' : '这不是 Budget Desk 草稿文件');
  }
  if (!isObject(file) || file.format !== DRAFT_FILE_FORMAT) fail('bad-file', '这不是 Budget Desk 草稿文件');
  if (typeof file.version !== 'number' || file.version > DRAFT_FILE_VERSION) {
    fail('newer-version', `此草稿文件由更新版本的 Budget Desk（${String(file.app ?? '未知版本')}）保存，格式版本 ${String(file.version)}，当前程序只能打开版本 ${DRAFT_FILE_VERSION}。请升级程序后再打开。`);
  }
  if (!isObject(file.payload) || file.checksum !== checksum(file.payload)) fail('damaged', '草稿文件已损坏或被改动（校验码不符），无法打开');
  const p = file.payload;
  if (!isObject(p) || !isMeta(p.meta) || !isContent(p.content) || (p.prior !== null && !isContent(p.prior)) || !Array.isArray(p.explanations) || !p.explanations.every(isExplanation)) {
    fail('damaged', '草稿文件的内容结构不完整，无法打开');
  }
  return p as DraftFilePayload;
}
