import { randomBytes, randomUUID } from 'node:crypto';
import { ApiFailure, fail, type ApiErrorCode, type CurrentUser } from '../../shared/api/common';
import type { CellEdit, ChangeResult, DraftSnapshot, OpenedDraft, RejectedEdit } from '../../shared/api/store';
import type { ComputedDelta } from '../../shared/engine/replica';
import { cellKey, copyLabel, draftMetaProblem, parseCellKey, type DraftContent, type DraftMeta, type DraftStatus } from '../../shared/draft';
import type { ValueSource } from '../../shared/edit-policy';
import { checkNewCodedRow, createEditChecker } from '../../shared/engine/edits';
import { DraftModel } from '../../shared/engine/model';
import { parseMoney } from '../../shared/money';
import type { Explanation, Finding, FindingsDelta } from '../../shared/findings';
import { reasonBases } from '../../shared/narrative/reason-basis';
import { priorYearRefusal } from '../../shared/prior-year';
import { templateOf } from '../../shared/regions';
import { tableByRole, type Template } from '../../shared/template/types';
import { mapContent, priorCells } from '../../shared/workbook/plan';
import { changedKeysOf } from '../../shared/validation';
import { checkedContent, hasFigures, usableContent } from './draft-content';
import { invertChange, type Change, type CellChange, type DraftStore, type RowsChange } from '../store/draft-store';
import type { EventBus } from './events';
import { computeFirstView, firstViewOf, keepFirstView, readFirstView, viewBuild } from './first-view';
import { OpenDrafts, requireTemplate, type OpenDraft, type OpenDraftsDeps } from './open-drafts';

/** What a guard is asked about before anything changes. */
export type ChangeAction = 'cells' | 'rows' | 'undo' | 'redo' | 'prior' | 'explanation' | 'delete';

export interface ChangeRequest {
  draft: DraftMeta;
  user: CurrentUser;
  action: ChangeAction;
}

/** Refuses a change by throwing an ApiFailure (e.g. fail('forbidden', …)); returns normally to allow it. */
export type ChangeGuard = (request: ChangeRequest) => void;

export interface NewDraftMeta {
  unitCode: string;
  unitName: string;
  year: number;
  templateId: string;
  status?: DraftStatus;
  label?: string;
}

/**
 * A row to add: a dictionary code to a coded table, or a new record to a list table; a child
 * record (an indicator) names its parent row, or an earlier addition of the same step.
 */
export interface RowAddition {
  table: string;
  code?: string;
  parentRow?: string;
  parentAddition?: number;
}

/** A cell edit of a step that adds rows: of an existing row, or of the step's addition number `addition`. */
export type StepEdit = CellEdit | (Omit<CellEdit, 'row'> & { addition: number });

export interface DraftServiceDeps extends OpenDraftsDeps {
  currentUser: () => CurrentUser;
  events: EventBus;
  /** The app's version: a first view kept by another build is computed again (./first-view.ts). */
  appBuild?: string;
}

const MAX_PROBLEMS = 200;

/**
 * Drafts as the app sees them: every change is checked against the template and the
 * dictionary, written in one transaction, then applied to the draft's DraftModel and
 * re-checked by its FindingEngine. Nothing is acknowledged before it is on disk. The commands
 * and their undo live here; the drafts in memory in ./open-drafts.ts, the checking of content
 * brought in whole in ./draft-content.ts, draft files in ./draft-files.ts.
 */
export class DraftService {
  /**
   * Guards asked before every change: the review's, installed by the composition root, refuses
   * by status and role with the edit policy (shared/edit-policy); this service decides nothing of it.
   */
  readonly beforeChange: ChangeGuard[] = [];
  /** Called after every committed change (backups, signature voiding …). */
  readonly afterChange: Array<(meta: DraftMeta) => void> = [];
  /** Called after a draft was deleted (the acknowledged-state marker no longer lists it). */
  readonly afterDelete: Array<(draftId: string) => void> = [];
  /** The drafts in memory with their computed models (./open-drafts.ts). */
  private readonly open: OpenDrafts;

  constructor(private readonly deps: DraftServiceDeps) {
    this.open = new OpenDrafts(deps);
  }

  private get store(): DraftStore {
    return this.deps.store();
  }

  /** Forget cached drafts (after a restore swapped the database). */
  reset(): void {
    this.open.clear();
  }

  // ------------------------------------------------------------------ drafts

  listDrafts(): DraftMeta[] {
    return this.store.list();
  }

  /** A draft's record: an open draft's as kept (every change passes here and updates it), else read. */
  getMeta(draftId: string): DraftMeta {
    return this.open.meta(draftId);
  }

  /**
   * Create a draft, optionally with content (an imported workbook, a draft file): all or
   * nothing: every row and cell is checked first and nothing is stored if one is wrong.
   */
  createDraft(meta: NewDraftMeta, content?: DraftContent, options: { prior?: DraftContent | null; explanations?: Explanation[] } = {}): DraftMeta {
    const problem = draftMetaProblem(meta);
    if (problem) fail('invalid-value', `${problem}，未建立草稿`);
    const template = requireTemplate(meta.templateId, meta.year);
    const canonical = content ? checkedContent(template, this.deps.dictionaries(), content) : { rows: {}, cells: {} };
    const now = new Date().toISOString();
    const draft: DraftMeta = {
      id: randomUUID(),
      unitCode: meta.unitCode.trim(),
      unitName: meta.unitName.trim(),
      year: meta.year,
      templateId: template.id,
      status: meta.status ?? 'editing',
      ...(meta.label ? { label: meta.label } : {}),
      createdAt: now,
      updatedAt: now,
      revision: 0,
    };
    const user = this.deps.currentUser();
    this.store.transaction(() => {
      this.store.insert(draft, canonical, user, options.prior ?? null);
      for (const e of options.explanations ?? []) this.store.setExplanation(draft.id, e.findingId, e.text, { id: '', name: e.author }, e.at);
    });
    const created = this.getMeta(draft.id);
    this.committed(created);
    // Its first view, kept now (not in the next turns, where the window opening it would wait
    // for it): the window shows the new draft at once.
    try {
      computeFirstView(this.store, created, template, this.build(template));
    } catch (err) {
      console.error('新草稿的首屏未能预先算好（打开时再算）：', err);
    }
    return created;
  }

  /**
   * A new draft starting from another draft's figures (提取上年数). The source's 上年对比 (its
   * 上年预算数 and reasons) is about the year before it and stays behind unless the years are
   * the same; when the source is last year's budget (priorYearRefusal), it becomes the
   * prior-year layer and its key figures the 上年预算数.
   */
  createFromDraft(meta: NewDraftMeta, fromDraftId: string): DraftMeta {
    const source = this.getMeta(fromDraftId);
    const content = this.store.content(fromDraftId);
    const template = requireTemplate(meta.templateId, meta.year);
    const usable = template.id === source.templateId ? content : usableContent(template, this.deps.dictionaries(), content);
    if (source.year === meta.year) return this.createDraft(meta, usable);
    const py = tableByRole(template, 'priorYear')?.id;
    const cells = Object.fromEntries(Object.entries(usable.cells).filter(([key]) => parseCellKey(key).table !== py));
    if (priorYearRefusal(source, meta, '预算稿')) return this.createDraft(meta, { rows: usable.rows, cells });
    const lastYear = new DraftModel(templateOf(source), content);
    const start = { rows: usable.rows, cells: { ...cells, ...priorCells(template, lastYear) } };
    return this.createDraft(meta, start, { prior: mapContent(lastYear.template, template, content) });
  }

  duplicate(draftId: string): DraftMeta {
    const source = this.getMeta(draftId);
    return this.createDraft({ ...source, status: 'editing', label: copyLabel(source, this.listDrafts()) }, this.store.content(draftId), {
      prior: this.store.prior(draftId),
      explanations: this.store.explanations(draftId),
    });
  }

  deleteDraft(draftId: string): void {
    const meta = this.getMeta(draftId);
    this.guard(meta, 'delete');
    this.store.delete(draftId);
    this.open.forget(draftId);
    for (const hook of this.afterDelete) hook(draftId);
  }

  /** The draft for a window: as stored, with the computed view the window shows (findings follow separately). */
  openDraft(draftId: string): OpenedDraft {
    const { model } = this.open.withModel(draftId);
    return { ...this.getSnapshot(draftId), computed: model.computedState() };
  }

  /** Whether the draft's model is in memory. */
  isOpen(draftId: string): boolean {
    return this.open.peek(draftId) !== undefined;
  }

  /**
   * What a window shows first (the first tab's tables), opened in part: taken from the whole
   * model when the draft is in memory, else computed from the tables those read alone (and of
   * those, only the figures the first tables need), without waiting for the whole draft's model.
   */
  openFirstTables(draftId: string): OpenedDraft {
    const meta = this.getMeta(draftId);
    const held = this.open.peek(draftId);
    const template = requireTemplate(meta.templateId, meta.year);
    const view = held ? firstViewOf(held.model) : readFirstView(this.store, meta, template, this.build(template));
    return { meta, ...view, canUndo: this.store.canUndo(draftId), canRedo: this.store.canRedo(draftId) };
  }

  /** Keep the first view of every draft in memory (the app closing): the next start opens them at once. */
  keepFirstViews(): void {
    for (const d of this.open.held()) {
      // Only a draft stored at the model's revision: not one deleted or changed behind the service.
      if (this.store.get(d.meta.id)?.revision !== d.meta.revision) continue;
      if (this.store.firstView(d.meta.id)?.revision === d.meta.revision) continue;
      keepFirstView(this.store, d.meta, this.build(d.template), firstViewOf(d.model));
    }
  }

  private build(template: Template): string {
    return viewBuild(this.deps.appBuild ?? 'dev', template);
  }

  /**
   * The draft as stored, for the renderer (which computes its own view). Reads SQLite when
   * the draft is not in memory: opening does not wait for the model and the findings, which
   * are built on the first edit or request.
   */
  getSnapshot(draftId: string): DraftSnapshot {
    const meta = this.getMeta(draftId);
    const cached = this.open.peek(draftId);
    let content: DraftContent;
    if (cached) {
      const rows: Record<string, string[]> = {};
      for (const [t, list] of Object.entries(cached.model.content.rows)) rows[t] = [...list];
      content = { rows, cells: { ...cached.model.content.cells } };
    } else {
      content = this.store.content(draftId);
    }
    return { meta, content, canUndo: this.store.canUndo(draftId), canRedo: this.store.canRedo(draftId) };
  }

  /** The computed view of a draft (do not mutate: change drafts through this service). */
  getModel(draftId: string): DraftModel {
    return this.open.checked(draftId).model;
  }

  getFindings(draftId: string): Finding[] {
    return this.open.checked(draftId).engine.current();
  }

  /** Status change by the review workflow: no read-only check, recorded as a revision. */
  setStatus(draftId: string, status: DraftStatus): DraftMeta {
    this.getMeta(draftId);
    const meta = this.store.setStatus(draftId, status, new Date().toISOString());
    this.committed(meta);
    return meta;
  }

  // ------------------------------------------------------------------ cells

  /** Apply a batch of edits: the valid ones in one transaction, the rest listed as rejected. */
  applyBatch(draftId: string, edits: CellEdit[], label = '填写'): ChangeResult {
    const d = this.open.checked(draftId);
    this.guard(d.meta, 'cells');
    const { accepted, rejected } = this.checkEdits(d, edits);
    if (accepted.size === 0 && rejected.length > 0) {
      const first = rejected[0];
      const message = rejected.length === 1 ? first.message : `${rejected.length} 个单元格都未能填写，例如：${first.message}`;
      fail(first.code ?? 'invalid-value', message, rejected.slice(0, MAX_PROBLEMS));
    }
    return this.commit(d, this.cellChange(d, accepted), label, rejected);
  }

  /**
   * What `cells/set` of these edits would change, computed on the open draft and undone again in
   * memory (nothing is stored, no listener told): the window shows it as the clerk presses Enter,
   * while the commit itself is on its way. Null where the commit would refuse an edit or change
   * nothing: the window then waits for the commit's own answer.
   */
  preview(draftId: string, edits: CellEdit[]): ChangeResult | null {
    const d = this.open.checked(draftId);
    try {
      this.guard(d.meta, 'cells');
    } catch (err) {
      if (err instanceof ApiFailure) return null;
      throw err;
    }
    const { accepted, rejected } = this.checkEdits(d, edits);
    if (rejected.length) return null;
    const change = this.withReasonBases(d, this.cellChange(d, accepted));
    if (!change.cells.length) return null;
    let outcome: { findings: FindingsDelta; computed: ComputedDelta };
    try {
      outcome = this.computeChange(d, change);
      this.applyToModel(d, invertChange(change));
    } catch (err) {
      // The model may be left half way: drop it, the next request rebuilds it from the database.
      console.error('previewing a change failed:', err);
      this.open.forget(draftId);
      return null;
    }
    return { meta: d.meta, cells: cellsOf(change), rows: {}, computed: outcome.computed, rejected: [], canUndo: true, canRedo: false, findings: outcome.findings };
  }

  /** Edits checked against the draft as it is: the values to write by key, and the refused ones. */
  private checkEdits(d: OpenDraft, edits: CellEdit[], source: ValueSource = 'typed'): { accepted: Map<string, string | null>; rejected: RejectedEdit[] } {
    const check = createEditChecker(d.model, this.deps.dictionaries(), source);
    const accepted = new Map<string, string | null>();
    const rejected: RejectedEdit[] = [];
    for (const edit of edits) {
      const r = check(edit);
      if (r.ok) accepted.set(r.key, r.value);
      else rejected.push({ edit, message: r.message, code: r.code });
    }
    return { accepted, rejected };
  }

  /** The cells whose value would change. */
  private cellChange(d: OpenDraft, values: Map<string, string | null>): Change {
    const change: Change = { cells: [], rows: [] };
    for (const [key, value] of values) {
      const old = d.model.content.cells[key] ?? null;
      if (old !== value) change.cells.push({ key, old, new: value });
    }
    return change;
  }

  /**
   * Replace every entered cell and row list of `tables` by `content` (checked in full first)
   * as one undoable step: a department's tables recomputed from its units.
   */
  replaceTables(draftId: string, tables: ReadonlySet<string>, content: DraftContent, label: string): ChangeResult {
    const d = this.open.checked(draftId);
    this.guard(d.meta, 'cells');
    const next = checkedContent(d.template, this.deps.dictionaries(), content);
    const inScope = (key: string) => tables.has(key.slice(0, key.indexOf('!')));
    const change: Change = { cells: [], rows: [] };
    const current = d.model.content;
    for (const table of tables) {
      const old = current.rows[table] ?? [];
      const now = next.rows[table] ?? [];
      if (old.length !== now.length || old.some((r, i) => r !== now[i])) change.rows.push({ table, old: [...old], new: [...now] });
    }
    for (const [key, old] of Object.entries(current.cells)) {
      if (inScope(key) && !(key in next.cells)) change.cells.push({ key, old, new: null });
    }
    for (const [key, value] of Object.entries(next.cells)) {
      if (!inScope(key)) continue;
      const old = current.cells[key] ?? null;
      if (old !== value) change.cells.push({ key, old, new: value });
    }
    return this.commit(d, change, label, []);
  }

  // ------------------------------------------------------------------ rows

  /** Add a row: a dictionary code to a coded table, or a new record to a list table. */
  addRow(draftId: string, table: string, code?: string, parentRow?: string): ChangeResult & { rowId: string } {
    const r = this.addRowsWithCells(draftId, [{ table, code, parentRow }], [], '添加行');
    return { ...r, rowId: r.rowIds[0]! };
  }

  /**
   * Add rows and fill cells as one step (one undo, one model rebuild): a paste that brings
   * its codes, projects copied from another draft. With `partial`, a code that cannot be
   * added is listed as rejected (with the edits of its row), a code already there is kept,
   * and the rest goes ahead; otherwise either fails the whole step. `source`: typed (a paste)
   * or stored (figures of another draft, kept exact).
   */
  addRowsWithCells(
    draftId: string,
    additions: RowAddition[],
    edits: StepEdit[],
    label: string,
    options: { partial?: boolean; source?: ValueSource } = {},
  ): ChangeResult & { rowIds: Array<string | null> } {
    const d = this.open.checked(draftId);
    this.guard(d.meta, 'rows');
    const content = d.model.content;
    const lists = new Map<string, string[]>();
    const listOf = (table: string) => lists.get(table) ?? content.rows[table] ?? [];
    const rowIds: Array<string | null> = [];
    const rejected: RejectedEdit[] = [];
    const parentCells: CellChange[] = [];
    for (const a of additions) {
      const planned = this.planAddition(d, a, listOf, rowIds, options.partial ?? false);
      if (!planned.ok) {
        rejected.push({ edit: planned.edit, message: planned.message, code: planned.code });
        rowIds.push(null);
        continue;
      }
      rowIds.push(planned.rowId);
      if (planned.existing) continue;
      lists.set(a.table, [...listOf(a.table), planned.rowId]);
      if (planned.parentCell) parentCells.push(planned.parentCell);
    }

    // Edits are checked against the rows as they will be (a new code may turn its parent into a sum).
    const rowsChange: RowsChange[] = [...lists].map(([table, next]) => ({ table, old: content.rows[table] ?? [], new: next }));
    const parentValues = Object.fromEntries(parentCells.map((c) => [c.key, c.new!]));
    const next = rowsChange.length && edits.length ? d.model.preview(Object.fromEntries(lists), parentValues) : d.model;
    const check = createEditChecker(next, this.deps.dictionaries(), options.source);
    const accepted = new Map<string, string | null>();
    for (const e of edits) {
      const row = 'addition' in e ? rowIds[e.addition] : e.row;
      const edit: CellEdit = { table: e.table, row: row ?? '', col: e.col, value: e.value };
      if (row === null || row === undefined) {
        rejected.push({ edit, message: '该行未能添加，所填数字未保存', code: 'not-found' });
        continue;
      }
      const r = check(edit);
      if (r.ok) accepted.set(r.key, r.value);
      else rejected.push({ edit, message: r.message, code: r.code });
    }
    const change: Change = { cells: [...parentCells], rows: rowsChange };
    for (const [key, value] of accepted) {
      const old = content.cells[key] ?? null;
      if (old !== value) change.cells.push({ key, old, new: value });
    }
    if (change.cells.length === 0 && change.rows.length === 0 && rejected.length > 0) {
      const first = rejected[0];
      const message = rejected.length === 1 ? first.message : `${rejected.length} 处都未能填写，例如：${first.message}`;
      fail(first.code ?? 'invalid-value', message, rejected.slice(0, MAX_PROBLEMS));
    }
    return { ...this.commit(d, change, label, rejected), rowIds };
  }

  /** Where an added row goes and what it needs (its id, the cell naming its parent record). */
  private planAddition(
    d: OpenDraft,
    a: RowAddition,
    listOf: (table: string) => string[],
    added: Array<string | null>,
    partial: boolean,
  ): { ok: true; rowId: string; existing?: boolean; parentCell?: CellChange } | { ok: false; code: ApiErrorCode; message: string; edit: CellEdit } {
    const def = d.template.tables.find((t) => t.id === a.table);
    if (!def) fail('not-found', `模板中没有表 ${a.table}`);
    if (def.rows.kind === 'coded') {
      if (!a.code) fail('bad-request', `请选择要添加到“${def.title}”的科目编码`);
      const r = checkNewCodedRow(d.template, this.deps.dictionaries(), a.table, a.code);
      if (!r.ok) {
        if (!partial) fail(r.code, r.message);
        const codeCol = def.columns.find((c) => c.role === 'code')?.id ?? '';
        return { ok: false, code: r.code, message: r.message, edit: { table: a.table, row: a.code, col: codeCol, value: a.code } };
      }
      const shown = listOf(a.table).includes(r.code) || (partial && d.model.rows(a.table).includes(r.code));
      if (shown && !partial) fail('conflict', `“${def.title}”中已有科目 ${r.code}`);
      return shown ? { ok: true, rowId: r.code, existing: true } : { ok: true, rowId: r.code };
    }
    if (def.rows.kind !== 'list') fail('bad-request', `“${def.title}”的行是固定的，不能添加`);
    const rowId = newRecordId(listOf(a.table));
    if (!def.parent) return { ok: true, rowId };
    const parentRow = a.parentAddition !== undefined ? added[a.parentAddition] : a.parentRow;
    if (!parentRow) fail('bad-request', `请指定“${def.title}”所属的记录`);
    if (!listOf(def.parent.table).includes(parentRow)) fail('not-found', `所属的记录 ${parentRow} 不存在`);
    return { ok: true, rowId, parentCell: { key: cellKey(a.table, rowId, def.parent.col), old: null, new: parentRow } };
  }

  /**
   * Remove rows of a table as one step: a code with the codes under it, a record with its child
   * records (the indicators of a project), and their cells.
   */
  removeRows(draftId: string, table: string, rows: readonly string[]): ChangeResult {
    const d = this.open.checked(draftId);
    this.guard(d.meta, 'rows');
    const def = d.template.tables.find((t) => t.id === table);
    if (!def) fail('not-found', `模板中没有表 ${table}`);
    if (def.rows.kind === 'fixed') fail('bad-request', `“${def.title}”的行是固定的，不能删除`);
    if (rows.length === 0) fail('bad-request', '没有要删除的行');
    const content = d.model.content;
    const old = content.rows[table] ?? [];
    const present = new Set(old);
    for (const row of rows) {
      if (present.has(row)) continue;
      const shown = d.model.rows(table).includes(row);
      fail('not-found', shown ? `“${def.title}”的 ${row} 行由下级科目或项目生成，请删除下级科目或修改项目` : `“${def.title}”中没有 ${row} 行`);
    }
    // A code goes with the codes under it: a row is removed when one of its prefixes is.
    const chosen = new Set(rows);
    const lengths = [...new Set(rows.map((r) => r.length))];
    const goes = def.rows.kind === 'coded' ? (r: string) => lengths.some((n) => n <= r.length && chosen.has(r.slice(0, n))) : (r: string) => chosen.has(r);
    const gone = new Set(old.filter(goes));
    const keep = old.filter((r) => !gone.has(r));
    const removed = new Map<string, Set<string>>([[table, gone]]);
    const change: Change = { cells: [], rows: [{ table, old, new: keep }] };
    // Child lists (indicators of a project) go with their parent record.
    for (const child of d.template.tables) {
      if (child.parent?.table !== table) continue;
      const childRows = content.rows[child.id] ?? [];
      const orphans = childRows.filter((r) => gone.has(content.cells[cellKey(child.id, r, child.parent!.col)] ?? ''));
      if (orphans.length) {
        const orphaned = new Set(orphans);
        removed.set(child.id, orphaned);
        change.rows.push({ table: child.id, old: childRows, new: childRows.filter((r) => !orphaned.has(r)) });
      }
    }
    // The cells of the rows removed, by their columns (not a scan of every cell of the draft).
    for (const [t, ids] of removed) {
      const columns = d.template.tables.find((x) => x.id === t)!.columns;
      for (const r of ids) {
        for (const c of columns) {
          const key = cellKey(t, r, c.id);
          const value = content.cells[key];
          if (value !== undefined) change.cells.push({ key, old: value, new: null });
        }
      }
    }
    return this.commit(d, change, rows.length > 1 ? `删除 ${rows.length} 行` : '删除行', []);
  }

  // ------------------------------------------------------------------ history

  undo(draftId: string): ChangeResult {
    return this.replay(draftId, 'undo');
  }

  redo(draftId: string): ChangeResult {
    return this.replay(draftId, 'redo');
  }

  /** Undo the last step (its inverse applied) or redo the last undone one, as a step of its own in the history. */
  private replay(draftId: string, way: 'undo' | 'redo'): ChangeResult {
    const d = this.open.checked(draftId);
    this.guard(d.meta, way);
    const step = way === 'undo' ? this.store.peekUndo(draftId) : this.store.peekRedo(draftId);
    if (!step) fail('conflict', way === 'undo' ? '没有可以撤销的操作' : '没有可以恢复的操作');
    const change = way === 'undo' ? invertChange(step.change) : step.change;
    const meta = this.store.applyHistory(draftId, step.historyId, change, way === 'undo', this.deps.currentUser(), new Date().toISOString());
    return this.afterCommit(d, meta, change, []);
  }

  cellLog(draftId: string, cell: { table: string; row: string; col: string } | undefined, limit = 200) {
    this.getMeta(draftId);
    return this.store.cellLog(draftId, cell && cellKey(cell.table, cell.row, cell.col), limit);
  }

  // ------------------------------------------------------------------ prior year, explanations

  /** Replace the prior-year layer (上年数) of a draft, in one transaction; null removes it. */
  setPriorContent(draftId: string, content: DraftContent | null): DraftMeta {
    const meta = this.getMeta(draftId);
    this.guard(meta, 'prior');
    const updated = this.store.setPrior(draftId, content, new Date().toISOString());
    this.open.refreshMeta(updated);
    this.committed(updated);
    return updated;
  }

  /**
   * Last year's figures (导入上年数): the prior-year layer and the cells it fills (上年预算数)
   * in one transaction and one step, so that nothing of an import is kept without the rest;
   * an edit refused refuses the whole import.
   */
  importPrior(draftId: string, prior: DraftContent, edits: CellEdit[], label = '导入上年数'): ChangeResult {
    const d = this.open.checked(draftId);
    d.meta = this.getMeta(draftId);
    this.guard(d.meta, 'prior');
    this.guard(d.meta, 'cells');
    // A workbook read without a figure (only names, or only tables the app computes) would
    // replace last year's figures with nothing, and its 上年预算数 with zeros.
    const anyFigure = hasFigures(d.template, prior) || edits.some((e) => { const r = parseMoney(e.value); return r.ok && !!r.value; });
    if (!anyFigure) fail('bad-file', '工作簿中没有读到上年的金额（识别出的表中没有填写的数字），本稿的上年数未改动');
    const { accepted, rejected } = this.checkEdits(d, edits, 'stored');
    if (rejected.length) {
      const messages = rejected.map((r) => r.message).slice(0, 3).join('；');
      fail(rejected[0].code ?? 'invalid-value', `上年数未能导入：${messages}`, rejected.slice(0, MAX_PROBLEMS));
    }
    const change = this.cellChange(d, accepted);
    const at = new Date().toISOString();
    if (change.cells.length === 0) {
      const meta = this.store.setPrior(draftId, prior, at);
      return this.afterCommit(d, meta, change, []);
    }
    const meta = this.store.commit(draftId, change, label, this.deps.currentUser(), at, { content: prior });
    return this.afterCommit(d, meta, change, [], { canUndo: true, canRedo: false });
  }

  getPriorContent(draftId: string): DraftContent | null {
    this.getMeta(draftId);
    return this.store.prior(draftId);
  }

  listExplanations(draftId: string): Explanation[] {
    this.getMeta(draftId);
    return this.store.explanations(draftId);
  }

  /** Write (or with empty text, remove) the explanation of a warning; recorded with the user. */
  setExplanation(draftId: string, findingId: string, text: string): Explanation[] {
    const meta = this.getMeta(draftId);
    this.guard(meta, 'explanation');
    const user = this.deps.currentUser();
    this.store.setExplanation(draftId, findingId, text, user, new Date().toISOString());
    return this.store.explanations(draftId);
  }

  // ------------------------------------------------------------------ internals

  private guard(meta: DraftMeta, action: ChangeAction): void {
    const request = { draft: meta, user: this.deps.currentUser(), action };
    for (const g of this.beforeChange) g(request);
  }

  /** Commit a step, with the basis of every 比上年增减 reason it writes (same step, one undo). */
  private commit(d: OpenDraft, change: Change, label: string, rejected: RejectedEdit[]): ChangeResult {
    this.withReasonBases(d, change);
    if (change.cells.length === 0 && change.rows.length === 0) {
      const computed = { shown: {}, values: {} };
      return { meta: d.meta, cells: {}, rows: {}, computed, rejected, canUndo: this.store.canUndo(d.meta.id), canRedo: this.store.canRedo(d.meta.id), findings: { added: [], resolved: [] } };
    }
    const meta = this.store.commit(d.meta.id, change, label, this.deps.currentUser(), new Date().toISOString());
    return this.afterCommit(d, meta, change, rejected, { canUndo: true, canRedo: false });
  }

  /** `change` with the basis of every 比上年增减 reason it writes added (same step, one undo). */
  private withReasonBases(d: OpenDraft, change: Change): Change {
    for (const b of reasonBases(d.template, d.model, change.cells.map((c) => ({ key: c.key, value: c.new })))) {
      const old = d.model.content.cells[b.key] ?? null;
      if (old !== b.value) change.cells.push({ key: b.key, old, new: b.value });
    }
    return change;
  }

  /** The change is on disk: bring the model and findings up to date and tell listeners. */
  private afterCommit(
    d: OpenDraft,
    meta: DraftMeta,
    change: Change,
    rejected: RejectedEdit[],
    /** Known after a new step (something to undo, nothing to redo); otherwise read from the history. */
    history?: { canUndo: boolean; canRedo: boolean },
  ): ChangeResult {
    d.meta = meta;
    let findings: FindingsDelta = { added: [], resolved: [] };
    let computed: ComputedDelta = { shown: {}, values: {} };
    try {
      ({ findings, computed } = this.computeChange(d, change));
    } catch (err) {
      // The change is committed; a failure of the computation must not report it as lost.
      // Drop the in-memory copy: the next request rebuilds it from the database.
      console.error('recomputing after a committed change failed:', err);
      this.open.forget(meta.id);
    }
    const rows: Record<string, string[]> = {};
    for (const r of change.rows) rows[r.table] = [...r.new];
    this.committed(meta);
    const { canUndo, canRedo } = history ?? { canUndo: this.store.canUndo(meta.id), canRedo: this.store.canRedo(meta.id) };
    return { meta, cells: cellsOf(change), rows, computed, rejected, canUndo, canRedo, findings };
  }

  /** Apply the change to the model and findings; main computes, the window applies: every figure and shown row list it moved. */
  private computeChange(d: OpenDraft, change: Change): { findings: FindingsDelta; computed: ComputedDelta } {
    const applied = this.applyToModel(d, change);
    const computed: ComputedDelta = { shown: {}, values: {} };
    for (const key of applied.changed) computed.values[key] = d.model.valueByKey(key);
    for (const table of applied.shown) computed.shown[table] = d.model.rows(table);
    return { findings: applied.findings, computed };
  }

  /** Bring the model and the findings up to date; what changed in the computed view. */
  private applyToModel(d: OpenDraft, change: Change): { findings: FindingsDelta; changed: string[]; shown: string[] } {
    const edits = change.cells.map((c) => ({ key: c.key, value: c.new }));
    if (change.rows.length) {
      const applied = d.model.applyWithRows(edits, Object.fromEntries(change.rows.map((r) => [r.table, r.new])));
      return { findings: d.engine.update(d.model, changedKeysOf(change.cells, applied), true), changed: applied.changed, shown: applied.shown };
    }
    const applied = d.model.apply(edits);
    // Text edits (names, 指标值, the 情况说明) are not in `applied.changed`: pass the edited keys too.
    return { findings: d.engine.update(d.model, changedKeysOf(change.cells, applied), applied.structural), changed: applied.changed, shown: applied.shown };
  }

  private committed(meta: DraftMeta): void {
    this.open.refreshMeta(meta);
    this.deps.events.emit('draft/changed', { draftId: meta.id, revision: meta.revision });
    for (const hook of this.afterChange) {
      try {
        hook(meta);
      } catch (err) {
        console.error('afterChange hook failed:', err);
      }
    }
  }
}

/** The entered cells a change sets: new canonical text, or null when cleared. */
function cellsOf(change: Change): Record<string, string | null> {
  const cells: Record<string, string | null> = {};
  for (const c of change.cells) cells[c.key] = c.new;
  return cells;
}

/** A short record id not used in the list. */
function newRecordId(existing: string[]): string {
  const used = new Set(existing);
  for (;;) {
    const id = 'r' + randomBytes(4).toString('hex');
    if (!used.has(id)) return id;
  }
}
