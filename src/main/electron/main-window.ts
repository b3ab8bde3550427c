import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './protocol';

/** The one window: sandboxed renderer, isolated context, no Node, the minimal preload. */
export function createMainWindow(outDir: string): BrowserWindow {
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
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** URLs the renderer may be at: the app's own origin (or the dev server). */
export function isAppUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return url.startsWith(`${APP_ORIGIN}/`) || (dev !== undefined && url.startsWith(dev));
}
