import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/main/app';

export type Dispatch = <T = unknown>(method: string, args: unknown) => Promise<T>;

/** One live instance of the main process's services (no Electron) over a fresh data folder. */
export class HostedApp {
  private constructor(
    readonly dataDir: string,
    readonly app: App,
  ) {}

  static start(onEvent: (event: string, payload: unknown) => void): HostedApp {
    const dataDir = mkdtempSync(join(tmpdir(), 'budget-desk-e2e-'));
    const app = createApp({ dataDir });
    app.events.subscribe(onEvent);
    return new HostedApp(dataDir, app);
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
