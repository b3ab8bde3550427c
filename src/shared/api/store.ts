import type { CellRef, DraftContent, DraftMeta } from '../draft';
import type { FindingsDelta } from '../findings';

/** One cell edit as typed by the clerk; '' clears the cell. */
export interface CellEdit extends CellRef {
  value: string;
}

export interface RejectedEdit {
  edit: CellEdit;
  message: string;
}

/** What a committed change did, for the UI to apply to its copy of the draft. */
export interface ChangeResult {
  meta: DraftMeta;
  /** Changed entered cells: new canonical text, or null when cleared. */
  cells: Record<string, string | null>;
  /** New row lists of tables whose rows changed. */
  rows: Record<string, string[]>;
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
}

export interface DictionaryEntry {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  /** Set when the database could not be opened and a backup may be restored. */
  recovery?: { reason: string; backups: BackupInfo[] };
}

export interface StoreApi {
  'app/info': (args: Record<string, never>) => AppInfo;
  'templates/list': (args: Record<string, never>) => Array<{ id: string; name: string; year: number; region: string }>;
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
  'drafts/open': (args: { draftId: string }) => DraftSnapshot;
  'cells/set': (args: { draftId: string; edits: CellEdit[]; label?: string }) => ChangeResult;
  'rows/add': (args: { draftId: string; table: string; code?: string; parentRow?: string }) => ChangeResult & { rowId: string };
  'rows/remove': (args: { draftId: string; table: string; row: string }) => ChangeResult;
  'history/undo': (args: { draftId: string }) => ChangeResult;
  'history/redo': (args: { draftId: string }) => ChangeResult;
  'history/cellLog': (args: { draftId: string; cell?: CellRef; limit?: number }) => CellLogEntry[];
  'backups/list': (args: Record<string, never>) => BackupInfo[];
  'backups/restore': (args: { file: string }) => { restored: true };
  'draftFile/save': (args: { draftId: string; path: string }) => { path: string };
  'draftFile/open': (args: { path: string }) => DraftMeta;
  'dictionary/search': (args: { templateId: string; scheme: 'function' | 'economic'; query: string; limit?: number }) => DictionaryEntry[];
}
