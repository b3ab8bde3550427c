import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { getSeed } from '../../../seeds';
import { createApp, type App, type AppOptions } from '../app';

/** A fresh data folder in the OS temp dir. */
export function tempDir(prefix = 'budget-desk-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** createApp on a data folder (a new temporary one by default); remember to close. */
export function tempApp(options: AppOptions = {}): App & { dataDir: string; reopen(): App } {
  const dataDir = options.dataDir ?? tempDir();
  const app = createApp({ ...options, dataDir });
  return { ...app, dataDir, reopen: () => createApp({ ...options, dataDir }) };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The seed budget as a new draft of an app. */
export function seedDraft(app: App) {
  const seed = getSeed('juluxian-2024');
  return app.ctx.drafts.createDraft(seed.meta, seed.content);
}

/**
 * The apps and folders a test file makes, closed and removed after each test: push what a
 * test creates onto `apps` and `dirs`.
 */
export function cleanedAfterEach(): { apps: Array<App & { dataDir: string }>; dirs: string[] } {
  const apps: Array<App & { dataDir: string }> = [];
  const dirs: string[] = [];
  afterEach(async () => {
    while (apps.length) {
      const a = apps.pop()!;
      await a.close();
      removeDir(a.dataDir);
    }
    while (dirs.length) removeDir(dirs.pop()!);
  });
  return { apps, dirs };
}
