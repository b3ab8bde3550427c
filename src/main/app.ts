import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_USER } from '../shared/api/common';
import type { Dictionaries } from '../shared/dictionary';
import { fail } from '../shared/api/common';
import type { AppContext, FileDialogs } from './api/context';
import { buildHandlers, createDispatch, type Dispatch } from './api/handlers';
import { loadEffectiveDictionaries } from './dictionary/user-lists';
import { DraftService } from './services/draft-service';
import { EventBus } from './services/events';
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
  /** Where unexpected errors are logged (default console.error). */
  log?: (message: string, err: unknown) => void;
}

export interface App {
  ctx: AppContext;
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
 * The whole main process without Electron: storage, services, handlers, dispatch. The
 * Electron shell, the CLI and the e2e test host all start the app through this.
 */
export function createApp(options: AppOptions = {}): App {
  const dataDir = options.dataDir ?? process.env.BUDGET_DESK_DATA_DIR;
  if (!dataDir) throw new Error('createApp: dataDir (or BUDGET_DESK_DATA_DIR) is required');
  if (options.resourcesDir) process.env.BUDGET_DESK_RESOURCES = options.resourcesDir;
  const dictionaries: Dictionaries = loadEffectiveDictionaries(dataDir);
  const events = new EventBus();
  const storage = new Storage({ dataDir, backupIntervalMs: options.backupIntervalMs, keepBackups: options.keepBackups, cellLogKeep: options.cellLogKeep });
  storage.open();

  const ctx: AppContext = {
    dataDir,
    dictionaries,
    version: appVersion(),
    currentUser: () => LOCAL_USER,
    events,
    storage,
    get db() {
      return storage.requireDb();
    },
    drafts: undefined as unknown as DraftService,
    dialogs: options.dialogs ?? NO_DIALOGS,
  };
  ctx.drafts = new DraftService({
    store: () => storage.requireStore(),
    dictionaries: () => ctx.dictionaries,
    currentUser: () => ctx.currentUser(),
    events,
  });
  ctx.drafts.afterChange.push(() => storage.noteEdit());
  storage.onReopen.push(() => ctx.drafts.reset());
  storage.onBackup.push((info) => events.emit('store/backup', { file: info.file }));

  const dispatch = createDispatch(buildHandlers(ctx), options.log ?? fileLog(dataDir));
  return { ctx, dispatch, events, close: () => storage.close() };
}
