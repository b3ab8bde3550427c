import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../test-support/temp-app';

/**
 * The built Electron main bundle (ESM, as `npm run build` makes it) loaded in Node against a
 * stand-in 'electron' module: the real Electron binary cannot run here. Proves the bundle
 * loads (no __dirname in ESM, externals resolve), the window is hardened, IPC reaches the
 * dispatch and refuses foreign frames, and app:// serves the renderer with a CSP.
 */
const root = resolve(import.meta.dirname, '../../..');
// Inside the repo, so the bundle's external packages (better-sqlite3 …) resolve as they do from out/.
mkdirSync(join(root, 'node_modules', '.tmp'), { recursive: true });
const outDir = mkdtempSync(join(root, 'node_modules', '.tmp', 'shell-build-'));
const userData = tempDir('budget-desk-userdata-');
afterAll(() => {
  removeDir(outDir);
  removeDir(userData);
});

describe('Electron shell (built bundle, stubbed Electron)', () => {
  it('builds, loads and wires a hardened window to the API', () => {
    execFileSync('npx', ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, stdio: 'pipe' });
    expect(existsSync(join(outDir, 'main', 'index.js'))).toBe(true);
    expect(existsSync(join(outDir, 'preload', 'index.cjs'))).toBe(true);
    const run = (env: Record<string, string>) => {
      const out = execFileSync(process.execPath, [join(import.meta.dirname, '__fixtures__', 'run-bundle.mjs'), outDir], {
        cwd: root,
        env: { ...process.env, STUB_USER_DATA: userData, BUDGET_DESK_RESOURCES: join(root, 'resources'), ...env },
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').pop()!);
    };
    const r = run({});
    expect(r.webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    expect(r.webPreferences.preload).toBe(join(outDir, 'preload', 'index.cjs'));
    expect(r.url).toBe('app://budget-desk/index.html');
    expect(r.events).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed']));
    expect(r.info).toMatchObject({ ok: true, value: { dataDir: join(userData, 'data') } });
    expect(r.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(r.bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(r.index.status).toBe(200);
    expect(r.index.html).toMatch(/<!doctype html>/i);
    expect(r.index.csp).toContain("script-src 'self'");
    expect(r.index.csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(r.escape).toBe(404);
    // A file the renderer lacks is a 404, not an exception in the protocol handler.
    expect(r.missing).toBe(404);
    // IPC from a subframe is refused even when the frame shows an app:// page.
    expect(r.subframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(r.permission).toBe(false);
    // Reading the clipboard (粘贴 in a cell's menu): the app's own page only.
    expect(r.clipboard).toEqual({ app: true, subframe: false, elsewhere: false });

    // ELECTRON_RENDERER_URL is the dev server's, honoured in development only.
    const devUrl = 'http://127.0.0.1:5999/';
    expect(run({ ELECTRON_RENDERER_URL: devUrl }).url).toBe(devUrl);
    const installed = run({ ELECTRON_RENDERER_URL: devUrl, STUB_PACKAGED: '1' });
    expect(installed.url).toBe('app://budget-desk/index.html');
    expect(installed.info).toMatchObject({ ok: true });
  }, 180_000);
});
