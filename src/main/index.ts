/**
 * The Electron shell, the only code that imports 'electron' (with src/main/electron and the
 * preload): one window, the app:// protocol, IPC to the dispatch of createApp, events to the
 * window. Everything else is plain Node (src/main/app.ts) and tested there.
 */
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ElectronPrinter } from './electron/pdf-printer';
import { createApp, type App } from './app';
import { electronDialogs } from './electron/dialogs';
import { createMainWindow, devServerUrl, isAppUrl } from './electron/main-window';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { hardenSession, hardenWebContents } from './electron/security';

// The bundle is ESM (package.json "type": "module"): no __dirname; out/main/index.js → out/.
const outDir = join(fileURLToPath(new URL('.', import.meta.url)), '..');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  const devUrl = devServerUrl(app.isPackaged);
  const ownPage = (url: string) => isAppUrl(url, devUrl);
  hardenWebContents(ownPage);
  let budgetDesk: App | undefined;
  let win: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    hardenSession(devUrl !== undefined, ownPage);
    serveRenderer(join(outDir, 'renderer'));
    try {
      budgetDesk = createApp({
        dataDir: process.env.BUDGET_DESK_DATA_DIR ?? join(app.getPath('userData'), 'data'),
        resourcesDir: app.isPackaged ? process.resourcesPath : undefined,
        dialogs: electronDialogs(),
        // Printing to PDF with the app's own Chromium (plain Node drives /usr/bin/chromium instead).
        printer: new ElectronPrinter(),
      });
    } catch (err) {
      dialog.showErrorBox('Budget Desk 无法启动', (err as Error).message);
      app.exit(1);
      return;
    }
    const { dispatch, events } = budgetDesk;
    ipcMain.handle('api', (event, method: unknown, args: unknown) => {
      // Only the app's own page in the window's main frame: never a subframe, whatever it loads.
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !ownPage(frame.url)) {
        return { ok: false, error: { code: 'forbidden', message: '拒绝来自非本程序页面的请求' } };
      }
      return dispatch(String(method), args);
    });
    events.subscribe((name, payload) => {
      for (const w of BrowserWindow.getAllWindows()) w.webContents.send('event', name, payload);
    });
    win = createMainWindow(outDir, devUrl);
    win.on('closed', () => (win = undefined));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!budgetDesk) return;
    const closing = budgetDesk;
    budgetDesk = undefined;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
}
