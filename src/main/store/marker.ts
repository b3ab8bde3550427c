import { closeSync, constants, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Db } from './database';
import { prepared } from './statements';

/**
 * The acknowledged-state marker beside the database (`budget-desk.sqlite.ack`): after every
 * acknowledged change the app writes which drafts exist and at which revision. The database is
 * synced before the marker is written, so a healthy database is never behind its marker; one
 * that is (a deleted or damaged -wal, an old copy put in its place, a missing file) has lost
 * acknowledged work, and the marker says which.
 */
export interface MarkedDraft {
  revision: number;
  unitName: string;
  year: number;
}

export interface AckMarker {
  format: 'budget-desk-ack';
  version: 1;
  at: string;
  drafts: Record<string, MarkedDraft>;
}

export const MARKER_SUFFIX = '.ack';

export function readMarker(dbFile: string): AckMarker | null {
  try {
    const m = JSON.parse(readFileSync(dbFile + MARKER_SUFFIX, 'utf8')) as AckMarker;
    if (m?.format !== 'budget-desk-ack' || typeof m.drafts !== 'object' || m.drafts === null) return null;
    return m;
  } catch {
    return null; // none yet, or torn by a crash: it only ever errs towards saying nothing
  }
}

/** The drafts of an open database as the marker records them. */
export function draftsOf(db: Db): Record<string, MarkedDraft> {
  const rows = prepared(db, 'SELECT id, revision, unit_name, year FROM drafts').all() as Array<{ id: string; revision: number; unit_name: string; year: number }>;
  return Object.fromEntries(rows.map((r) => [r.id, { revision: r.revision, unitName: r.unit_name, year: r.year }]));
}

/** The marker is written in whole blocks of this size. */
const BLOCK = 4096;

/**
 * The marker file, written in place after every acknowledged change: its JSON padded with
 * spaces to whole blocks and written over the old one, never truncating, creating or renaming
 * (the file keeps its blocks once it has them), through a descriptor kept open. One write into
 * the page cache then, with no change of the file system's metadata: a rename or a new file
 * waits for the file system's journal, which an edit must not do while the disk is busy.
 * Written after the database is synced, it never claims more than the database holds; one
 * torn by a power cut reads as none.
 *
 * It keeps what it last wrote, so that an edit moves one draft's revision (`advance`) without
 * the drafts being read from the database again. An edit's new revision is written in the
 * event loop's next turn, after the edit's reply has left: the edit is durable once its commit
 * is synced, and the marker only records that, so the clerk does not wait for it. A crash
 * between the two leaves the marker behind the database, which it is allowed to be.
 */
export class MarkerFile {
  private fd: number | null = null;
  private block = Buffer.alloc(0);
  private drafts: Record<string, MarkedDraft> = {};
  private due: NodeJS.Immediate | null = null;

  constructor(private readonly dbFile: string) {}

  /** Record the whole list of drafts, now. */
  write(drafts: Record<string, MarkedDraft>): void {
    this.drafts = { ...drafts };
    this.flush();
  }

  /**
   * Record a new revision of a draft already listed, in the next turn (edits of one turn are
   * written once); false for a draft not listed (write the list).
   */
  advance(id: string, draft: MarkedDraft): boolean {
    if (!Object.hasOwn(this.drafts, id)) return false;
    this.drafts[id] = draft;
    this.due ??= setImmediate(() => this.flush());
    return true;
  }

  /** Write what is due and let the file go. */
  close(): void {
    if (this.due) this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private flush(): void {
    if (this.due) clearImmediate(this.due);
    this.due = null;
    const marker: AckMarker = { format: 'budget-desk-ack', version: 1, at: new Date().toISOString(), drafts: this.drafts };
    const text = JSON.stringify(marker);
    try {
      if (this.fd === null) {
        this.fd = openSync(this.dbFile + MARKER_SUFFIX, constants.O_RDWR | constants.O_CREAT, 0o644);
        this.block = Buffer.alloc(Math.max(BLOCK, Math.ceil(fstatSync(this.fd).size / BLOCK) * BLOCK), 0x20);
      }
      const length = Buffer.byteLength(text);
      if (length + 1 > this.block.length) this.block = Buffer.alloc(Math.ceil((length + 1) / BLOCK) * BLOCK, 0x20);
      this.block.fill(0x20, this.block.write(text));
      writeSync(this.fd, this.block, 0, this.block.length, 0);
    } catch (err) {
      console.error('写入确认标记失败：', err);
      this.close();
    }
  }
}

/** What the marker says was acknowledged and the database no longer holds, in words (empty: nothing lost). */
export function lostSince(marker: AckMarker | null, now: Record<string, MarkedDraft>): string[] {
  if (!marker) return [];
  const lost: string[] = [];
  for (const [id, m] of Object.entries(marker.drafts)) {
    const name = `“${m.unitName} ${m.year} 年”`;
    const have = now[id];
    if (!have) lost.push(`${name}：最后确认保存到第 ${m.revision} 版，数据库中已没有这份预算稿`);
    else if (have.revision < m.revision) lost.push(`${name}：最后确认保存到第 ${m.revision} 版，数据库中只有第 ${have.revision} 版（少了 ${m.revision - have.revision} 次修改）`);
  }
  return lost;
}
