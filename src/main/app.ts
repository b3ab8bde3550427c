import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_USER } from '../shared/api/common';
import { fail } from '../shared/api/common';
import type { AppContext, FileDialogs } from './api/context';
import { createDispatch, type Dispatch } from './api/handlers';
import { buildApi } from './api/methods';
import type { Registry } from './api/registry';
import { loadEffectiveDictionaries } from './dictionary/user-lists';
import { sharedPrinter, type PdfPrinter } from './publication/printer';
import { installReview } from './review/install';
import { installUnits } from './units/install';
import { DraftFiles } from './services/draft-files';
import { DraftService } from './services/draft-service';
import { EventBus } from './services/events';
import { WorkbookExporter } from './services/workbook-export';
import { Storage } from './store/storage';

export interface AppOptions {
  /** Folder of the database and its backups (tests: a temporary folder; env BUDGET_DESK_DATA_DIR). */
  dataDir?: string;
  /** Folder holding classification/ (the shipped dictionaries). */
  resourcesDir?: string;
  backupIntervalMs?: number;
  keepBackups?: number;
  /** Cell log entries kept in full (tests make it small). */
  cellLogKeep?: number;
  /** Native file dialogs (the Electron shell); plain Node refuses them unless a host supplies some. */
  dialogs?: FileDialogs;
  /** Prints PDFs (the Electron shell gives its own); plain Node drives /usr/bin/chromium. */
  printer?: PdfPrinter;
  /** Where unexpected errors are logged (default console.error). */
  log?: (message: string, err: unknown) => void;
}

export interface App {
  ctx: AppContext;
  /** Every method main answers (see ./api/methods.ts). */
  api: Registry;
  dispatch: Dispatch;
  events: EventBus;
  /** Waits for a running backup, then closes the database. */
  close(): Promise<void>;
}

const NO_DIALOGS: FileDialogs = {
  chooseOpen: () => fail('io', '此环境没有文件对话框，请直接给出文件路径'),
  chooseSave: () => fail('io', '此环境没有文件对话框，请直接给出文件路径'),
};

/** Unexpected errors go to the console and to <dataDir>/logs/main.log (for support; never to the UI). */
function fileLog(dataDir: string): (message: string, err: unknown) => void {
  const dir = join(dataDir, 'logs');
  return (message, err) => {
    console.error(message, err);
    try {
      mkdirSync(dir, { recursive: true });
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      appendFileSync(join(dir, 'main.log'), `${new Date().toISOString()} ${message}\n${detail}\n\n`);
    } catch {
      // Logging must never turn an error into another one.
    }
  };
}

function appVersion(): string {
  try {
    // Development and tests: the repo's package.json; packaged builds set npm_package_version or keep the fallback.
    return process.env.npm_package_version ?? (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * The composition root: the whole main process without Electron. Builds the storage and the
 * services, lets the review install its hooks and extensions, then registers every method.
 * The Electron shell, the CLI and the e2e test host all start the app through this.
 */
export function createApp(options: AppOptions = {}): App {
  const dataDir = options.dataDir ?? process.env.BUDGET_DESK_DATA_DIR;
  if (!dataDir) throw new Error('createApp: dataDir (or BUDGET_DESK_DATA_DIR) is required');
  if (options.resourcesDir) process.env.BUDGET_DESK_RESOURCES = options.resourcesDir;
  const events = new EventBus();
  const storage = new Storage({ dataDir, backupIntervalMs: options.backupIntervalMs, keepBackups: options.keepBackups, cellLogKeep: options.cellLogKeep });
  storage.open();
  const version = appVersion();

  const base = {
    dataDir,
    dictionaries: loadEffectiveDictionaries(dataDir),
    version,
    currentUser: () => LOCAL_USER,
    events,
    storage,
    get db() {
      return storage.requireDb();
    },
    dialogs: options.dialogs ?? NO_DIALOGS,
    printer: () => options.printer ?? sharedPrinter(),
  };
  const drafts = new DraftService({
    store: () => storage.requireStore(),
    dictionaries: () => base.dictionaries,
    currentUser: () => base.currentUser(),
    events,
    appBuild: version,
  });
  drafts.afterChange.push((meta) => storage.noteEdit(meta));
  drafts.afterDelete.push(() => storage.noteEdit());
  storage.onReopen.push(() => drafts.reset());
  const services = Object.assign(base, { drafts, exporter: new WorkbookExporter(), draftFiles: new DraftFiles(drafts, version) });
  const withReview = Object.assign(services, { review: installReview(services) });
  const ctx: AppContext = Object.assign(withReview, { units: installUnits(withReview) });

  const api = buildApi(ctx);
  const dispatch = createDispatch(api, options.log ?? fileLog(dataDir));
  const close = async () => {
    try {
      drafts.keepFirstViews();
    } catch (err) {
      console.error('保存草稿首屏失败：', err);
    }
    await storage.close();
  };
  return { ctx, api, dispatch, events, close };
}
