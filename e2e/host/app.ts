import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../src/shared/api';

/** The main process's services as the store builds them (src/main/app.ts), without Electron. */
interface MainApp {
  dispatch(method: string, args: unknown): Promise<Result<unknown>>;
  events?: { on?(event: string, listener: (...a: unknown[]) => void): unknown; subscribe?(listener: (event: string, payload: unknown) => void): unknown };
  close(): void | Promise<void>;
}

export type Dispatch = <T = unknown>(method: string, args: unknown) => Promise<T>;

/** One live instance of the services over a fresh data folder. */
export class HostedApp {
  private constructor(
    readonly dataDir: string,
    readonly app: MainApp,
  ) {}

  static async start(onEvent: (event: string, payload: unknown) => void): Promise<HostedApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'budget-desk-e2e-'));
    const { createApp } = (await import('../../src/main/app')) as { createApp: (o: { dataDir: string }) => MainApp | Promise<MainApp> };
    const app = await createApp({ dataDir });
    const events = app.events;
    if (events?.subscribe) events.subscribe(onEvent);
    else if (events?.on) {
      for (const name of ['draft/changed', 'store/backup']) events.on(name, (payload: unknown) => onEvent(name, payload));
    }
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
