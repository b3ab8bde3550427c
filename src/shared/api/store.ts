import type { CellRef, DraftContent, DraftMeta } from '../draft';
import type { ComputedDelta, ComputedState } from '../engine/replica';
import type { BudgetScope } from '../template/types';
import type { FindingsDelta } from '../findings';
import type { ApiErrorCode } from './common';

/** One cell edit as typed by the clerk; '' clears the cell. */
export interface CellEdit extends CellRef {
  value: string;
}

export interface RejectedEdit {
  edit: CellEdit;
  message: string;
  /** Why: 'invalid-value', 'unknown-code', 'not-found' (no such table/row/column), 'read-only' (derived or label). */
  code?: ApiErrorCode;
}

/** What a committed change did, for the UI to apply to its copy of the draft. */
export interface ChangeResult {
  meta: DraftMeta;
  /** Changed entered cells: new canonical text, or null when cleared. */
  cells: Record<string, string | null>;
  /** New row lists of tables whose rows changed. */
  rows: Record<string, string[]>;
  /** Main's computed view after the change: shown row lists that changed, figures that changed (null: now blank). */
  computed: ComputedDelta;
  rejected: RejectedEdit[];
  canUndo: boolean;
  canRedo: boolean;
  findings: FindingsDelta;
}

export interface DraftSnapshot {
  meta: DraftMeta;
  content: DraftContent;
  canUndo: boolean;
  canRedo: boolean;
}

/** A draft opened in a window: as stored, with main's computed view (the window computes nothing). */
export interface OpenedDraft extends DraftSnapshot {
  computed: ComputedState;
  /** Opened in part (`firstTable`): the tables it holds; the rest comes with a whole open. */
  part?: string[];
}

export interface CellLogEntry {
  at: string;
  user: string;
  table: string;
  row: string;
  col: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface BackupInfo {
  file: string;
  createdAt: string;
  sizeBytes: number;
  /** In recovery: whether the backup opened and passed the integrity check. */
  verified?: boolean;
  /** In recovery: how many drafts the backup holds. */
  drafts?: number;
}

export interface DictionaryEntry {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface DictionarySourceInfo {
  scheme: 'function' | 'economic';
  source: 'shipped' | 'user';
  size: number;
  fileName?: string;
  loadedAt?: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  /** Set when the database could not be opened and a backup may be restored. */
  recovery?: {
    reason: string;
    backups: BackupInfo[];
    /**
     * 'damaged': unreadable file; 'newer-version': written by a newer app (left untouched);
     * 'missing': the file is gone or empty while there were drafts; 'behind': the file holds
     * less than the app acknowledged (a lost -wal, an old copy put in its place).
     */
    kind?: 'damaged' | 'newer-version' | 'missing' | 'behind';
    /** What was acknowledged and is not in the database, one line per draft. */
    lost?: string[];
  };
}

export interface StoreApi {
  'app/info': (args: Record<string, never>) => AppInfo;
  'templates/list': (args: Record<string, never>) => Array<{ id: string; name: string; year: number; region: string; scope: BudgetScope }>;
  'drafts/list': (args: Record<string, never>) => DraftMeta[];
  'drafts/create': (args: {
    unitCode: string;
    unitName: string;
    year: number;
    templateId: string;
    /** Start from the figures of another draft (last year's). */
    fromDraftId?: string;
  }) => DraftMeta;
  'drafts/duplicate': (args: { draftId: string }) => DraftMeta;
  'drafts/delete': (args: { draftId: string }) => { deleted: true };
  /** `firstTable`: only what the window shows first (its first table), so that it shows sooner; a whole open follows. */
  'drafts/open': (args: { draftId: string; firstTable?: boolean }) => OpenedDraft;
  /** The prior-year layer of a draft (上年数), or null. */
  'drafts/prior': (args: { draftId: string }) => DraftContent | null;
  /**
   * Set cells as one step. `addCodes`: codes to add as rows first, in the same step (a paste
   * of a block whose code column brings new codes); a code already shown is kept, one that
   * cannot be added is listed in `rejected` with the figures of its row.
   */
  'cells/set': (args: { draftId: string; edits: CellEdit[]; label?: string; addCodes?: Array<{ table: string; code: string }> }) => ChangeResult;
  /**
   * What `cells/set` of these edits would change, computed and not stored: shown as the clerk
   * presses Enter, while the commit is on its way. Null where the commit would refuse an edit or
   * change nothing.
   */
  'cells/preview': (args: { draftId: string; edits: CellEdit[] }) => ChangeResult | null;
  'rows/add': (args: { draftId: string; table: string; code?: string; parentRow?: string }) => ChangeResult & { rowId: string };
  /** Remove rows as one step (a code with the codes under it, a record with its child records). */
  'rows/remove': (args: { draftId: string; table: string; rows: string[] }) => ChangeResult;
  'history/undo': (args: { draftId: string }) => ChangeResult;
  'history/redo': (args: { draftId: string }) => ChangeResult;
  'history/cellLog': (args: { draftId: string; cell?: CellRef; limit?: number }) => CellLogEntry[];
  'backups/list': (args: Record<string, never>) => BackupInfo[];
  /** Restore a backup (a file name from backups/list); the current database file is moved aside, never overwritten. */
  'backups/restore': (args: { file: string }) => { restored: true; movedAside?: string };
  /** Back up now (also done on open and every few minutes of editing). */
  'backups/create': (args: Record<string, never>) => BackupInfo;
  /** In recovery with no usable backup: move the damaged file aside and start an empty database. */
  'recovery/startEmpty': (args: Record<string, never>) => { started: true; movedAside?: string };
  /** In recovery of kind 'behind': keep the database as it is (what it lacks is given up). */
  'recovery/keepCurrent': (args: Record<string, never>) => { kept: true };
  /** Save a draft file; an existing file is refused (conflict, details.exists) unless `replace`. */
  'draftFile/save': (args: { draftId: string; path: string; replace?: boolean }) => { path: string };
  'draftFile/open': (args: { path: string }) => DraftMeta;
  /** Native dialogs: the chosen path, or null when cancelled. */
  'files/chooseOpen': (args: { title: string; filters: Array<{ name: string; extensions: string[] }> }) => { path: string | null };
  'files/chooseSave': (args: { title: string; defaultName: string; filters: Array<{ name: string; extensions: string[] }> }) => { path: string | null };
  'dictionary/search': (args: { templateId: string; scheme: 'function' | 'economic'; query: string; limit?: number }) => DictionaryEntry[];
  /** Where each code list comes from: the shipped draft list or the user's official list. */
  'dictionary/sources': (args: Record<string, never>) => DictionarySourceInfo[];
  /** Replace a code list by the user's file (CSV or xlsx with 科目编码, 科目名称); kept across restarts. */
  'dictionary/replace': (args: { scheme: 'function' | 'economic'; path: string }) => DictionarySourceInfo[];
  /** Back to the shipped list. */
  'dictionary/reset': (args: { scheme: 'function' | 'economic' }) => DictionarySourceInfo[];
}
