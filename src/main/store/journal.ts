import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/** Beside the database file: `budget-desk.sqlite-edits` (not `-journal`, SQLite's own rollback journal). */
export const EDITS_SUFFIX = '-edits';

/** Size the file is written to once, so that an append rewrites allocated blocks and its fdatasync writes only those. */
export const JOURNAL_BYTES = 4 * 1024 * 1024;

const MAGIC = 0x314a4442; // "BDJ1"
/** The header has its own block: an append never writes into the block that says which records count. */
const FIRST_RECORD = 4096;
/** length, epoch, crc32 (of the payload, seeded with the epoch). */
const RECORD_HEAD = 12;

/**
 * An append-only file of the edits acknowledged but perhaps not yet in SQLite: what makes a
 * cell edit durable the moment it is acknowledged, with one small in-place write and one
 * fdatasync, while SQLite takes the edit after the reply (see DraftStore.commit).
 *
 * Records count while they carry the header's epoch and their checksum holds: the first that
 * does not (a write cut short by a crash, an older epoch's leftover, zeros) ends the journal.
 * `reset` starts a new epoch once SQLite holds every record on disk, which voids them all
 * with one write.
 */
export class EditJournal<R = unknown> {
  private end = FIRST_RECORD;

  private constructor(
    private fd: number | null,
    private epoch: number,
    private readonly size: number,
  ) {}

  /** Open (or create, written out to JOURNAL_BYTES) the journal; returns it with the records of its current epoch, oldest first. */
  static open<R>(file: string): { journal: EditJournal<R>; records: R[] } {
    const created = !existsSync(file);
    const fd = openSync(file, created ? 'w+' : 'r+');
    try {
      const head = Buffer.alloc(8);
      const known = readSync(fd, head, 0, 8, 0) === 8 && head.readUInt32LE(0) === MAGIC;
      const epoch = known ? head.readUInt32LE(4) : 0;
      const size = fstatSync(fd).size;
      if (!known) writeHeader(fd, epoch);
      const short = size < JOURNAL_BYTES;
      if (short) {
        const zeros = Buffer.alloc(1024 * 1024);
        for (let at = size; at < JOURNAL_BYTES; at += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, JOURNAL_BYTES - at), at);
      }
      if (!known || short) fsyncSync(fd);
      if (created) syncDir(dirname(file));
      const journal = new EditJournal<R>(fd, epoch, Math.max(size, JOURNAL_BYTES));
      return { journal, records: journal.readRecords() };
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  private readRecords(): R[] {
    const fd = this.requireFd();
    const records: R[] = [];
    const head = Buffer.alloc(RECORD_HEAD);
    let at = FIRST_RECORD;
    while (at + RECORD_HEAD <= this.size && readSync(fd, head, 0, RECORD_HEAD, at) === RECORD_HEAD) {
      const length = head.readUInt32LE(0);
      if (length === 0 || head.readUInt32LE(4) !== this.epoch || at + RECORD_HEAD + length > this.size) break;
      const payload = Buffer.alloc(length);
      if (readSync(fd, payload, 0, length, at + RECORD_HEAD) !== length || crc32(payload, this.epoch) !== head.readUInt32LE(8)) break;
      try {
        records.push(JSON.parse(payload.toString('utf8')) as R);
      } catch {
        break;
      }
      at += RECORD_HEAD + length;
    }
    this.end = at;
    return records;
  }

  /**
   * Append a record and make it durable: `full` when it does not fit in what is left (it would
   * after a reset), `too-big` when it never would; throws when the disk refuses, and the record
   * then never counts.
   */
  append(record: R): 'appended' | 'full' | 'too-big' {
    const fd = this.requireFd();
    const json = JSON.stringify(record);
    const payloadLength = Buffer.byteLength(json);
    const length = RECORD_HEAD + payloadLength;
    if (FIRST_RECORD + length > this.size) return 'too-big';
    if (this.end + length > this.size) return 'full';
    // One buffer, written once: the payload straight in, its checksum taken of the same UTF-8.
    const block = Buffer.allocUnsafe(length);
    block.writeUInt32LE(payloadLength, 0);
    block.writeUInt32LE(this.epoch, 4);
    block.writeUInt32LE(crc32(json, this.epoch), 8);
    block.write(json, RECORD_HEAD);
    try {
      writeSync(fd, block, 0, length, this.end);
      fdatasyncSync(fd);
    } catch (err) {
      // Reported as failed, so it must not count if it reached the disk after all.
      try {
        writeSync(fd, Buffer.alloc(RECORD_HEAD), 0, RECORD_HEAD, this.end);
      } catch {
        /* the disk refuses everything: the journal ends here anyway once the header is torn or zero */
      }
      throw err;
    }
    this.end += length;
    return 'appended';
  }

  /** Whether any record was appended since the last reset. */
  get isEmpty(): boolean {
    return this.end === FIRST_RECORD;
  }

  /** Void every record (a new epoch): call only once what they hold is on disk elsewhere. */
  reset(): void {
    const fd = this.requireFd();
    this.epoch = (this.epoch + 1) >>> 0;
    writeHeader(fd, this.epoch);
    fdatasyncSync(fd);
    this.end = FIRST_RECORD;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private requireFd(): number {
    if (this.fd === null) throw new Error('edit journal is closed');
    return this.fd;
  }
}

function writeHeader(fd: number, epoch: number): void {
  const head = Buffer.alloc(16);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(epoch, 4);
  writeSync(fd, head, 0, head.length, 0);
}

/** A new file's directory entry made durable too (Linux; elsewhere a directory cannot be opened, and that is fine). */
function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
