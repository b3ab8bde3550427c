import type { CellLogEntry } from '../../shared/api/store';
import type { Explanation } from '../../shared/findings';
import { parseCellKey, type DraftContent, type DraftMeta, type DraftStatus } from '../../shared/draft';
import { DurableWriter, type Db } from './database';
import { EditJournal } from './journal';

/** One cell's change: canonical text before and after (null = blank). */
export interface CellChange {
  key: string;
  old: string | null;
  new: string | null;
}

export interface RowsChange {
  table: string;
  old: string[];
  new: string[];
}

/** What one committed step did; its inverse undoes it. */
export interface Change {
  cells: CellChange[];
  rows: RowsChange[];
}

export interface Author {
  id: string;
  name: string;
}

export function invertChange(c: Change): Change {
  return {
    cells: c.cells.map((x) => ({ key: x.key, old: x.new, new: x.old })).reverse(),
    rows: c.rows.map((x) => ({ table: x.table, old: x.new, new: x.old })).reverse(),
  };
}

/** Undo steps kept per draft. */
const HISTORY_DEPTH = 500;

/**
 * Cell log entries kept in full (≈ 180 bytes each): older ones are compacted to the last change
 * of each cell, so every cell's latest history stays readable while the log stays bounded.
 */
export const CELL_LOG_KEEP = 100_000;

interface DraftRow {
  id: string;
  unit_code: string;
  unit_name: string;
  year: number;
  template_id: string;
  status: DraftStatus;
  revision: number;
  created_at: string;
  updated_at: string;
  label: string;
}

function toMeta(r: DraftRow): DraftMeta {
  return {
    id: r.id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    year: r.year,
    templateId: r.template_id,
    status: r.status,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.label ? { label: r.label } : {}),
  };
}

/** A committed step as the edit journal holds it until SQLite has it on disk. */
interface JournaledStep {
  draftId: string;
  /** The draft's revision once the step is in: a step applies to the revision before it only. */
  revision: number;
  change: Change;
  label: string;
  author: Author;
  at: string;
}

/**
 * The SQL side of drafts: every method that writes runs in one transaction, so a change
 * is either wholly on disk when the method returns or not at all.
 *
 * With an edit journal (a database file, not in memory), a step of `commit` is on disk once
 * the journal holds it: SQLite takes it right after the reply (or before anything else reads
 * or writes through this store), and a start after a crash replays what SQLite lacks.
 */
export class DraftStore {
  private readonly statements;
  private readonly durable: DurableWriter;
  /** Drafts with new steps since their history was last cut to HISTORY_DEPTH (see pruneHistory). */
  private readonly pruneDue = new Set<string>();
  private readonly journal: EditJournal<JournaledStep> | null = null;
  /** Steps the journal holds that SQLite does not have yet, oldest first. */
  private pending: JournaledStep[] = [];
  private applyDue: NodeJS.Immediate | null = null;
  /**
   * Each draft's record as its last journaled step leaves it, while nothing else changed the
   * record: the next step is journaled without reading it (forgotten by every other write of it).
   */
  private readonly journaledMeta = new Map<string, DraftMeta>();

  /** `journalFile`: where the edit journal of this database lives (see ./journal); replayed here. */
  constructor(
    readonly db: Db,
    journalFile?: string,
  ) {
    this.durable = new DurableWriter(db);
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      list: p('SELECT * FROM drafts ORDER BY updated_at DESC, id'),
      get: p('SELECT * FROM drafts WHERE id = ?'),
      insertDraft: p(
        `INSERT INTO drafts (id, unit_code, unit_name, year, template_id, status, revision, created_at, updated_at, label)
         VALUES (@id, @unitCode, @unitName, @year, @templateId, @status, @revision, @createdAt, @updatedAt, @label)`,
      ),
      deleteDraft: p('DELETE FROM drafts WHERE id = ?'),
      // The draft's record as it becomes: the change's meta without reading the row again.
      bump: p('UPDATE drafts SET revision = revision + 1, updated_at = ? WHERE id = ? RETURNING *'),
      setStatus: p('UPDATE drafts SET status = ?, revision = revision + 1, updated_at = ? WHERE id = ?'),
      cells: p('SELECT key, value FROM cells WHERE draft_id = ?'),
      // A table's cells are one key range: from "<table>!" up to "<table>\"" ('"' follows '!').
      cellsOfTable: p('SELECT key, value FROM cells WHERE draft_id = ? AND key >= ? AND key < ?').raw(),
      rowsOfTable: p('SELECT rows_json FROM draft_rows WHERE draft_id = ? AND table_id = ?').pluck(),
      // Cells written and logged by one statement each, from a JSON list of [key, new, old]: a
      // paste of 10,000 cells is then three statements, not 20,000 calls into SQLite.
      putCells: p(
        `INSERT INTO cells (draft_id, key, value) SELECT ?, j.value ->> 0, j.value ->> 1 FROM json_each(?) j
         WHERE j.value ->> 1 IS NOT NULL ON CONFLICT (draft_id, key) DO UPDATE SET value = excluded.value`,
      ),
      delCells: p('DELETE FROM cells WHERE draft_id = ? AND key IN (SELECT j.value ->> 0 FROM json_each(?) j WHERE j.value ->> 1 IS NULL)'),
      rows: p('SELECT table_id, rows_json FROM draft_rows WHERE draft_id = ?'),
      putRows: p(
        'INSERT INTO draft_rows (draft_id, table_id, rows_json) VALUES (?, ?, ?) ON CONFLICT (draft_id, table_id) DO UPDATE SET rows_json = excluded.rows_json',
      ),
      logCells: p(
        `INSERT INTO cell_log (draft_id, at, user_id, user_name, key, old_value, new_value)
         SELECT ?, ?, ?, ?, j.value ->> 0, j.value ->> 2, j.value ->> 1 FROM json_each(?) j ORDER BY j.key`,
      ),
      logAll: p('SELECT at, user_name, key, old_value, new_value FROM cell_log WHERE draft_id = ? ORDER BY id DESC LIMIT ?'),
      logOfCell: p('SELECT at, user_name, key, old_value, new_value FROM cell_log WHERE draft_id = ? AND key = ? ORDER BY id DESC LIMIT ?'),
      pushHistory: p('INSERT INTO history (draft_id, label, user_name, at, change_json) VALUES (?, ?, ?, ?, ?)'),
      dropRedo: p('DELETE FROM history WHERE draft_id = ? AND undone = 1'),
      pruneHistory: p(
        `DELETE FROM history WHERE draft_id = ? AND id <= (SELECT id FROM history WHERE draft_id = ? ORDER BY id DESC LIMIT 1 OFFSET ${HISTORY_DEPTH})`,
      ),
      lastDone: p('SELECT id, label, change_json FROM history WHERE draft_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1'),
      firstUndone: p('SELECT id, label, change_json FROM history WHERE draft_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1'),
      markUndone: p('UPDATE history SET undone = ? WHERE id = ?'),
      priorCells: p('SELECT key, value FROM prior_cells WHERE draft_id = ?'),
      priorRows: p('SELECT table_id, rows_json FROM prior_rows WHERE draft_id = ?'),
      delPriorCells: p('DELETE FROM prior_cells WHERE draft_id = ?'),
      delPriorRows: p('DELETE FROM prior_rows WHERE draft_id = ?'),
      putPriorCell: p('INSERT INTO prior_cells (draft_id, key, value) VALUES (?, ?, ?)'),
      putPriorRows: p('INSERT INTO prior_rows (draft_id, table_id, rows_json) VALUES (?, ?, ?)'),
      explanations: p('SELECT finding_id, text, author, at FROM explanations WHERE draft_id = ? ORDER BY finding_id'),
      putExplanation: p(
        `INSERT INTO explanations (draft_id, finding_id, text, author, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (draft_id, finding_id) DO UPDATE SET text = excluded.text, author = excluded.author, at = excluded.at`,
      ),
      delExplanation: p('DELETE FROM explanations WHERE draft_id = ? AND finding_id = ?'),
      firstView: p('SELECT revision, build, computed_json FROM first_views WHERE draft_id = ?'),
      putFirstView: p(
        `INSERT INTO first_views (draft_id, revision, build, computed_json) VALUES (?, ?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET revision = excluded.revision, build = excluded.build, computed_json = excluded.computed_json`,
      ),
    };
    if (journalFile && !db.memory) {
      const { journal, records } = EditJournal.open<JournaledStep>(journalFile);
      this.journal = journal;
      try {
        this.replay(records);
      } catch (err) {
        journal.close();
        throw err;
      }
    }
  }

  /**
   * Every statement is reached through here, so that the steps the journal holds are in SQLite
   * before anything reads or writes it.
   */
  private get st() {
    this.settle();
    return this.statements;
  }

  /** Release what the store holds open on its connection; call before closing the connection. */
  close(): void {
    if (this.applyDue) clearImmediate(this.applyDue);
    this.applyDue = null;
    try {
      this.makeJournalDurable();
    } catch (err) {
      // The journal keeps the steps: the next start replays them.
      console.error('关闭前未能把修改写入数据库（修改仍在修改日志中，下次启动时补上）：', err);
    }
    this.journal?.close();
    this.durable.close();
  }

  /** A transaction of several of this store's methods (the journal's steps taken first, outside it). */
  transaction<T>(fn: () => T): T {
    this.settle();
    return this.db.transaction(fn)();
  }

  // ------------------------------------------------------------------ edit journal

  /** Apply the steps the journal holds that SQLite does not, unsynced: the journal keeps them durable. */
  settle(): void {
    if (!this.pending.length) return;
    const due = this.pending;
    const outer = this.db.inTransaction;
    this.pending = [];
    try {
      this.durable.transaction(() => {
        for (const s of due) this.applyStep(s);
      }, { sync: false });
    } catch (err) {
      this.pending = due.concat(this.pending);
      throw err;
    }
    // Inside a caller's transaction the steps stand or fall with it: kept until a settle outside one.
    if (outer) this.pending = due.concat(this.pending);
  }

  /**
   * A journaled step onto the revision before it, else nothing: it is in already (applying one
   * twice is harmless), or its draft is gone.
   */
  private applyStep(s: JournaledStep): void {
    const row = this.statements.get.get(s.draftId) as DraftRow | undefined;
    if (row?.revision === s.revision - 1) this.step(s.draftId, s.change, s.label, s.author, s.at);
    else if (row && row.revision < s.revision - 1) console.error(`修改日志中的一步（第 ${s.revision} 版）接不上数据库中的第 ${row.revision} 版，未写入`);
  }

  private scheduleApply(): void {
    this.applyDue ??= setImmediate(() => {
      this.applyDue = null;
      try {
        this.settle();
      } catch (err) {
        console.error('把已保存的修改写入数据库失败（修改仍在修改日志中，下次启动时补上）：', err);
      }
    });
  }

  /** A step made durable by the journal alone, or null when it takes the transaction path. */
  private journaled(id: string, change: Change, label: string, author: Author, at: string): DraftMeta | null {
    const journal = this.journal;
    if (!journal || this.db.inTransaction) return null;
    const before = this.journaledMeta.get(id) ?? this.get(id);
    if (!before) return null;
    const step: JournaledStep = { draftId: id, revision: before.revision + 1, change, label, author, at };
    let appended = journal.append(step);
    if (appended === 'full') {
      // Once SQLite holds every step on disk the journal starts over.
      this.makeJournalDurable();
      appended = journal.append(step);
    }
    if (appended !== 'appended') return null;
    this.pending.push(step);
    this.pruneDue.add(id);
    this.scheduleApply();
    const meta = { ...before, revision: step.revision, updatedAt: at };
    this.journaledMeta.set(id, meta);
    return meta;
  }

  /** Start the journal over once SQLite holds every step it has, synced. */
  private makeJournalDurable(): void {
    this.settle();
    if (!this.journal || this.journal.isEmpty || this.pending.length) return;
    this.durable.syncWal();
    this.journal.reset();
  }

  /** At open: the journal's steps SQLite lacks (a crash came first), each onto the revision before it, then the journal starts over. */
  private replay(steps: JournaledStep[]): void {
    if (steps.length) this.durable.transaction(() => steps.forEach((s) => this.applyStep(s)));
    this.journal?.reset();
  }

  // ------------------------------------------------------------------ drafts

  list(): DraftMeta[] {
    return (this.st.list.all() as DraftRow[]).map(toMeta);
  }

  get(id: string): DraftMeta | undefined {
    const r = this.st.get.get(id) as DraftRow | undefined;
    return r && toMeta(r);
  }

  /** Insert a whole draft (meta, content, optional prior-year layer) in one transaction. */
  insert(meta: DraftMeta, content: DraftContent, author: Author, prior?: DraftContent | null): void {
    this.durable.transaction(() => {
      this.st.insertDraft.run({ ...meta, label: meta.label ?? '' });
      for (const [table, rows] of Object.entries(content.rows)) this.st.putRows.run(meta.id, table, JSON.stringify(rows));
      this.writeCells(meta.id, Object.entries(content.cells).map(([key, value]) => ({ key, old: null, new: value })), author, meta.createdAt);
      if (prior) this.writePrior(meta.id, prior);
    });
  }

  delete(id: string): boolean {
    this.journaledMeta.delete(id);
    return this.st.deleteDraft.run(id).changes > 0;
  }

  content(id: string): DraftContent {
    const cells: Record<string, string> = {};
    for (const r of this.st.cells.raw().iterate(id) as Iterable<[string, string]>) cells[r[0]] = r[1];
    const rows: Record<string, string[]> = {};
    for (const r of this.st.rows.all(id) as Array<{ table_id: string; rows_json: string }>) rows[r.table_id] = JSON.parse(r.rows_json);
    return { rows, cells };
  }

  /** The entered content of some tables only. */
  contentOf(id: string, tables: readonly string[]): DraftContent {
    const cells: Record<string, string> = {};
    const rows: Record<string, string[]> = {};
    for (const table of tables) {
      for (const r of this.st.cellsOfTable.iterate(id, `${table}!`, `${table}"`) as Iterable<[string, string]>) cells[r[0]] = r[1];
      const json = this.st.rowsOfTable.get(id, table) as string | undefined;
      if (json !== undefined) rows[table] = JSON.parse(json);
    }
    return { rows, cells };
  }

  setStatus(id: string, status: DraftStatus, at: string): DraftMeta {
    this.journaledMeta.delete(id);
    this.st.setStatus.run(status, at, id);
    return this.get(id)!;
  }

  // ------------------------------------------------------------------ changes

  private write(id: string, change: Change, author: Author, at: string): DraftMeta {
    this.writeCells(id, change.cells, author, at);
    for (const r of change.rows) this.st.putRows.run(id, r.table, JSON.stringify(r.new));
    return toMeta(this.st.bump.get(at, id) as DraftRow);
  }

  /** Set or clear cells and log each change, in order; a key given twice keeps its last value. */
  private writeCells(id: string, cells: readonly CellChange[], author: Author, at: string): void {
    if (!cells.length) return;
    const changes = JSON.stringify(cells.map((c) => [c.key, c.new, c.old]));
    const last = new Map(cells.map((c) => [c.key, c.new]));
    const values = last.size === cells.length ? changes : JSON.stringify([...last]);
    // An edit sets a cell or clears it: only the statement it needs runs.
    const kept = [...last.values()];
    if (kept.some((v) => v !== null)) this.st.putCells.run(id, values);
    if (kept.some((v) => v === null)) this.st.delCells.run(id, values);
    this.st.logCells.run(id, at, author.id, author.name, changes);
  }

  /**
   * Commit a new step: write it, log every cell, record it for undo (dropping the redo list);
   * with `prior`, replace the prior-year layer in the same transaction.
   */
  commit(id: string, change: Change, label: string, author: Author, at: string, prior?: { content: DraftContent | null }): DraftMeta {
    const journaled = prior ? null : this.journaled(id, change, label, author, at);
    if (journaled) return journaled;
    this.journaledMeta.delete(id);
    const meta = this.durable.transaction(() => {
      if (prior) this.writePrior(id, prior.content);
      return this.step(id, change, label, author, at);
    });
    this.pruneDue.add(id);
    return meta;
  }

  private step(id: string, change: Change, label: string, author: Author, at: string): DraftMeta {
    const meta = this.write(id, change, author, at);
    this.st.dropRedo.run(id);
    this.st.pushHistory.run(id, label, author.name, at, JSON.stringify(change));
    return meta;
  }

  /**
   * Drop the undo steps beyond HISTORY_DEPTH of the drafts given new steps since the last
   * call: run when editing pauses (Storage), so that no edit's commit writes the pages of old
   * steps too.
   */
  pruneHistory(): void {
    if (!this.pruneDue.size) return;
    this.durable.transaction(() => {
      for (const id of this.pruneDue) this.st.pruneHistory.run(id, id);
    });
    this.pruneDue.clear();
  }

  /** When editing pauses: the journal starts over, and the WAL moves into the database file (see DurableWriter.checkpoint). */
  checkpoint(): void {
    this.makeJournalDurable();
    this.durable.checkpoint();
  }

  /** The step undo would revert, or null. */
  peekUndo(id: string): { historyId: number; label: string; change: Change } | null {
    const r = this.st.lastDone.get(id) as { id: number; label: string; change_json: string } | undefined;
    return r ? { historyId: r.id, label: r.label, change: JSON.parse(r.change_json) } : null;
  }

  peekRedo(id: string): { historyId: number; label: string; change: Change } | null {
    const r = this.st.firstUndone.get(id) as { id: number; label: string; change_json: string } | undefined;
    return r ? { historyId: r.id, label: r.label, change: JSON.parse(r.change_json) } : null;
  }

  /** Write an undo (undone = true, the inverse change) or a redo (the change itself) of a step. */
  applyHistory(id: string, historyId: number, change: Change, undone: boolean, author: Author, at: string): DraftMeta {
    this.journaledMeta.delete(id);
    return this.durable.transaction(() => {
      const meta = this.write(id, change, author, at);
      this.st.markUndone.run(undone ? 1 : 0, historyId);
      return meta;
    });
  }

  canUndo(id: string): boolean {
    return this.st.lastDone.get(id) !== undefined;
  }

  canRedo(id: string): boolean {
    return this.st.firstUndone.get(id) !== undefined;
  }

  cellLog(id: string, key: string | undefined, limit: number): CellLogEntry[] {
    type R = { at: string; user_name: string; key: string; old_value: string | null; new_value: string | null };
    const rows = (key ? this.st.logOfCell.all(id, key, limit) : this.st.logAll.all(id, limit)) as R[];
    return rows.map((r) => {
      const ref = parseCellKey(r.key);
      return { at: r.at, user: r.user_name, table: ref.table, row: ref.row, col: ref.col, oldValue: r.old_value, newValue: r.new_value };
    });
  }

  /** Rows of the cell log (an upper bound, from its ids: no scan). */
  cellLogSize(): number {
    const r = this.db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM cell_log').get() as { lo: number | null; hi: number | null };
    return r.hi === null || r.lo === null ? 0 : r.hi - r.lo + 1;
  }

  /**
   * Compact the cell log to its newest `keep` entries plus the last change of every cell
   * before them; returns the entries removed.
   */
  compactCellLog(keep = CELL_LOG_KEEP): number {
    this.settle();
    if (this.cellLogSize() <= keep) return 0;
    return this.durable.transaction(() => {
      const cut = this.db.prepare('SELECT id FROM cell_log ORDER BY id DESC LIMIT 1 OFFSET ?').pluck().get(keep) as number | undefined;
      if (cut === undefined) return 0;
      return this.db
        .prepare(
          `DELETE FROM cell_log WHERE id <= @cut AND id NOT IN (SELECT MAX(id) FROM cell_log WHERE id <= @cut GROUP BY draft_id, key)`,
        )
        .run({ cut }).changes;
    });
  }

  // ------------------------------------------------------------------ prior-year layer

  private writePrior(id: string, prior: DraftContent | null): void {
    this.st.delPriorCells.run(id);
    this.st.delPriorRows.run(id);
    if (!prior) return;
    for (const [table, rows] of Object.entries(prior.rows)) this.st.putPriorRows.run(id, table, JSON.stringify(rows));
    for (const [key, value] of Object.entries(prior.cells)) this.st.putPriorCell.run(id, key, value);
  }

  /** Replace the prior-year content of a draft (null removes it), in one transaction. */
  setPrior(id: string, prior: DraftContent | null, at: string): DraftMeta {
    this.journaledMeta.delete(id);
    this.durable.transaction(() => {
      this.writePrior(id, prior);
      this.st.bump.run(at, id);
    });
    return this.get(id)!;
  }

  prior(id: string): DraftContent | null {
    const cells: Record<string, string> = {};
    let any = false;
    for (const r of this.st.priorCells.raw().iterate(id) as Iterable<[string, string]>) {
      cells[r[0]] = r[1];
      any = true;
    }
    const rows: Record<string, string[]> = {};
    for (const r of this.st.priorRows.all(id) as Array<{ table_id: string; rows_json: string }>) {
      rows[r.table_id] = JSON.parse(r.rows_json);
      any = true;
    }
    return any ? { rows, cells } : null;
  }

  // ------------------------------------------------------------------ explanations

  explanations(id: string): Explanation[] {
    const rows = this.st.explanations.all(id) as Array<{ finding_id: string; text: string; author: string; at: string }>;
    return rows.map((r) => ({ findingId: r.finding_id, text: r.text, author: r.author, at: r.at }));
  }

  /** Set (or with empty text, remove) the explanation of a warning. */
  setExplanation(id: string, findingId: string, text: string, author: Author, at: string): void {
    if (text.trim() === '') this.st.delExplanation.run(id, findingId);
    else this.st.putExplanation.run(id, findingId, text, author.name, at);
  }

  // ------------------------------------------------------------------ first views

  /** What a window showed first of the draft, as computed at a revision by a build (JSON), or null. */
  firstView(id: string): { revision: number; build: string; computedJson: string } | null {
    const r = this.st.firstView.get(id) as { revision: number; build: string; computed_json: string } | undefined;
    return r ? { revision: r.revision, build: r.build, computedJson: r.computed_json } : null;
  }

  /** Keep what a window shows first of a draft at a revision (a convenience: losing it loses nothing). */
  putFirstView(id: string, revision: number, build: string, computedJson: string): void {
    this.st.putFirstView.run(id, revision, build, computedJson);
  }
}
