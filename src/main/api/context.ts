import type { CurrentUser } from '../../shared/api/common';
import type { Dictionaries } from '../../shared/dictionary';
import type { PdfPrinter } from '../publication/printer';
import type { ReviewServices } from '../review/install';
import type { DraftFiles } from '../services/draft-files';
import type { DraftService } from '../services/draft-service';
import type { EventBus } from '../services/events';
import type { Db } from '../store/database';
import type { WorkbookExporter } from '../services/workbook-export';
import type { Storage } from '../store/storage';
import type { UnitsService } from '../units/units-service';

/**
 * What every handler can reach: the services of the main process, built once by the
 * composition root (../app.ts); a domain adds its services here (a field each).
 */
export interface AppContext {
  dataDir: string;
  dictionaries: Dictionaries;
  /** App version (package.json). */
  version: string;
  /** Who is working: recorded with every change. Review replaces it once accounts exist. */
  currentUser: () => CurrentUser;
  events: EventBus;
  /** The database file: open, backups, recovery. */
  storage: Storage;
  /** The open database, for other domains' own tables (throws ApiFailure 'damaged' in recovery). */
  readonly db: Db;
  /** Drafts: create, edit, undo, prior-year layer, explanations (see DraftService). */
  drafts: DraftService;
  /** Drafts to workbooks, with the extensions other domains install (the sign-off sheet). */
  exporter: WorkbookExporter;
  /** Draft files (.budget.json), with the extensions other domains install (the review section). */
  draftFiles: DraftFiles;
  /** Accounts, the review workflow and its file exchange. */
  review: ReviewServices;
  /** Prints the disclosure to PDF: Electron's own in the desktop shell, else a warm Chromium. */
  printer: () => PdfPrinter;
  /** A department's units and their consolidation. */
  units: UnitsService;
  dialogs: FileDialogs;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native file dialogs (the Electron shell supplies them; plain Node refuses). */
export interface FileDialogs {
  /**
   * Real dialogs the user answers (Electron): then main writes only where the user chose in
   * them (see ./save-targets.ts). Absent: plain Node, whose caller names its own paths.
   */
  native?: boolean;
  chooseOpen(opts: { title: string; filters: FileFilter[] }): Promise<string | null>;
  chooseSave(opts: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
}
