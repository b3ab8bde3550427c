// A stand-in for the 'electron' module (its binary cannot be downloaded here): records what
// the built main bundle asks of Electron so the shell test can check it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const recorded = { windows: [], ipc: new Map(), protocols: new Map(), schemes: [], headersHook: null, permission: null, events: new Map(), sent: [] };
let ready;
const whenReadyPromise = new Promise((r) => (ready = r));
export const readyNow = () => ready();

// STUB_PACKAGED=1 plays an installed app.
if (process.env.STUB_PACKAGED === '1') process.resourcesPath = process.env.BUDGET_DESK_RESOURCES;
export const app = {
  isPackaged: process.env.STUB_PACKAGED === '1',
  requestSingleInstanceLock: () => true,
  on: (name, fn) => recorded.events.set(name, fn),
  whenReady: () => whenReadyPromise,
  getPath: () => process.env.STUB_USER_DATA,
  quit: () => {},
  exit: (code) => {
    throw new Error('app.exit(' + code + ')');
  },
};
export class BrowserWindow {
  static all = [];
  constructor(options) {
    this.options = options;
    recorded.windows.push(this);
    BrowserWindow.all.push(this);
    this.webContents = { send: (...args) => recorded.sent.push(args) };
  }
  static getAllWindows() {
    return BrowserWindow.all;
  }
  static getFocusedWindow() {
    return null;
  }
  once() {}
  on() {}
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
}
export const ipcMain = { handle: (channel, fn) => recorded.ipc.set(channel, fn) };
export const protocol = {
  registerSchemesAsPrivileged: (s) => recorded.schemes.push(...s),
  handle: (scheme, fn) => recorded.protocols.set(scheme, fn),
};
export const net = { fetch: async (url) => new Response(await readFile(fileURLToPath(url))) };
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (fn) => (recorded.headersHook = fn) },
    setPermissionRequestHandler: (fn) => (recorded.permission = fn),
    setPermissionCheckHandler: () => {},
  },
};
export const dialog = { showErrorBox: (t, m) => console.error(t, m), showOpenDialog: async () => ({ canceled: true }), showSaveDialog: async () => ({ canceled: true }) };
export const contextBridge = {};
export const ipcRenderer = {};
export default { app, BrowserWindow, ipcMain, protocol, net, session, dialog };
