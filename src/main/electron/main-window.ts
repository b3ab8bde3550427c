import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './protocol';

/**
 * The dev server's URL (electron-vite dev sets ELECTRON_RENDERER_URL), honoured only while the
 * app is not packaged: an installed app loads its own files whatever its environment says.
 */
export function devServerUrl(packaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return packaged ? undefined : env.ELECTRON_RENDERER_URL || undefined;
}

/** The one window: sandboxed renderer, isolated context, no Node, the minimal preload. */
export function createMainWindow(outDir: string, devUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Budget Desk 部门预算编制',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

/** URLs the renderer may be at: the app's own origin (or the dev server in development). */
export function isAppUrl(url: string, devUrl: string | undefined): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (devUrl !== undefined && url.startsWith(devUrl));
}
