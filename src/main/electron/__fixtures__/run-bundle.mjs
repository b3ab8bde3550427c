// Load a built main bundle (argv[2]/main/index.js) against the Electron stub and report, as
// JSON on stdout, what it set up and how its IPC and app:// protocol answer.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./loader.mjs', import.meta.url);
const outDir = process.argv[2];
const stub = await import('electron');
await import(pathToFileURL(`${outDir}/main/index.js`).href);
stub.readyNow();
await new Promise((r) => setTimeout(r, 1500));
const { recorded } = stub;
const api = recorded.ipc.get('api');
const fromApp = { senderFrame: { url: 'app://budget-desk/index.html', parent: null } };
const fromElsewhere = { senderFrame: { url: 'https://example.com/', parent: null } };
// A frame inside the app's page, even one showing an app:// page, is not the app.
const fromSubframe = { senderFrame: { url: 'app://budget-desk/index.html', parent: fromApp.senderFrame } };
const serve = recorded.protocols.get('app');
const index = await serve(new Request('app://budget-desk/index.html'));
const escape = await serve(new Request('app://budget-desk/..%2f..%2fpackage.json'));
const missing = await serve(new Request('app://budget-desk/assets/no-such-file.js'));
const win = recorded.windows[0];
console.log(
  JSON.stringify({
    webPreferences: win?.options.webPreferences,
    url: win?.url,
    events: [...recorded.events.keys()],
    schemes: recorded.schemes,
    info: await api(fromApp, 'app/info', {}),
    foreign: await api(fromElsewhere, 'app/info', {}),
    subframe: await api(fromSubframe, 'app/info', {}),
    bad: await api(fromApp, 'drafts/open', { draftId: 7 }),
    index: { status: index.status, csp: index.headers.get('content-security-policy'), html: (await index.text()).slice(0, 15) },
    escape: escape.status,
    missing: missing.status,
    permission: await new Promise((r) => recorded.permission(null, 'camera', r, { requestingUrl: 'app://budget-desk/index.html', isMainFrame: true })),
    clipboard: {
      app: await new Promise((r) => recorded.permission(null, 'clipboard-read', r, { requestingUrl: 'app://budget-desk/index.html', isMainFrame: true })),
      subframe: await new Promise((r) => recorded.permission(null, 'clipboard-read', r, { requestingUrl: 'app://budget-desk/index.html', isMainFrame: false })),
      elsewhere: await new Promise((r) => recorded.permission(null, 'clipboard-read', r, { requestingUrl: 'https://example.com/', isMainFrame: true })),
    },
  }),
);
process.exit(0);
