import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail } from '../../src/shared/api/common';
import { createApp, type App } from '../../src/main/app';
import type { FileDialogs, FileFilter } from '../../src/main/api/context';

/** What the window asked a file dialog for. */
export interface DialogAsk {
  kind: 'open' | 'save';
  title: string;
  filters: FileFilter[];
}

/**
 * File dialogs a test answers: each ask is recorded; an answer the test queued (POST
 * /test/dialog) is given back as the chosen path, and without one the ask is refused as in
 * plain Node (no native dialog here). Nothing else is changed: the chosen path is read for real.
 */
class ScriptedDialogs implements FileDialogs {
  readonly asks: DialogAsk[] = [];
  readonly answers: Array<string | null> = [];

  private answer(ask: DialogAsk): Promise<string | null> {
    this.asks.push(ask);
    if (!this.answers.length) fail('io', '此环境没有文件对话框，请直接给出文件路径');
    return Promise.resolve(this.answers.shift()!);
  }

  chooseOpen(opts: { title: string; filters: FileFilter[] }): Promise<string | null> {
    return this.answer({ kind: 'open', ...opts });
  }

  chooseSave(opts: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null> {
    return this.answer({ kind: 'save', title: opts.title, filters: opts.filters });
  }
}

export type Dispatch = <T = unknown>(method: string, args: unknown) => Promise<T>;

/** One live instance of the main process's services (no Electron) over a fresh data folder. */
export class HostedApp {
  private constructor(
    readonly dataDir: string,
    readonly app: App,
    readonly dialogs: ScriptedDialogs,
  ) {}

  static start(onEvent: (event: string, payload: unknown) => void): HostedApp {
    const dataDir = mkdtempSync(join(tmpdir(), 'budget-desk-e2e-'));
    const dialogs = new ScriptedDialogs();
    const app = createApp({ dataDir, dialogs });
    app.events.subscribe(onEvent);
    return new HostedApp(dataDir, app, dialogs);
  }

  /** Dispatch and unwrap, for the host's own steps (seeding). */
  readonly dispatch: Dispatch = async <T,>(method: string, args: unknown): Promise<T> => {
    const r = await this.app.dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
