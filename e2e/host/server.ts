/**
 * The e2e test host: the real renderer (built by vite) served to Chromium, and the real
 * main-process services (createApp: SQLite file, validation, Excel) behind a WebSocket in
 * place of Electron's IPC. Nothing in the services is faked; only the transport differs.
 *
 *   WS   /api/ws         the window's calls {id, method, args} → {id, result} (the Result as
 *                        ipcMain would return it), and main's events {event, payload}
 *   POST /api/<method>   JSON args → Result (tests and scripts calling main directly)
 *   POST /test/reset     fresh data folder and services (each test starts clean)
 *   POST /test/dialog    {answer?} queues the path the next file dialog gives (null: cancelled);
 *                        answers what the window asked file dialogs for so far
 *   POST /test/seed      {name} → DraftMeta of a seed budget entered through the API
 *   POST /test/synthetic {projects, purchases} → DraftMeta of the large synthetic department (benchmarks),
 *                        created in one batch by the draft service as an import would
 *
 * Run: npx tsx e2e/host/server.ts [--port 5178] [--renderer <built dir>]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { HostedApp } from './app';
import { buildRenderer } from './renderer';
import { loadSeed } from './seed';
import { syntheticDepartment, syntheticTables } from '../../seeds/synthetic';
import type { DraftContent } from '../../src/shared/draft';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  port: number;
  rendererDir?: string;
}

export async function startHost(options: HostOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const rendererDir = options.rendererDir ?? (await buildRenderer());
  const sockets = new WebSocketServer({ noServer: true });
  const broadcast = (event: string, payload: unknown) => {
    const data = JSON.stringify({ event, payload });
    for (const ws of sockets.clients) ws.send(data);
  };
  let app = HostedApp.start(broadcast);
  // API calls run as they arrive, as over Electron's IPC; a reset or a seed waits for the
  // calls in flight and holds new ones back until it is done.
  let exclusive: Promise<unknown> = Promise.resolve();
  const inFlight = new Set<Promise<unknown>>();
  const shared = async <T,>(fn: () => Promise<T>): Promise<T> => {
    await exclusive;
    const p = fn();
    inFlight.add(p);
    try {
      return await p;
    } finally {
      inFlight.delete(p);
    }
  };
  const serial = <T,>(fn: () => Promise<T>): Promise<T> => {
    const next = exclusive.then(async () => {
      await Promise.allSettled([...inFlight]);
      return fn();
    });
    exclusive = next.catch(() => undefined);
    return next;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => send(res, 500, { ok: false, error: { code: 'internal', message: e.message } }));
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://host').pathname !== '/api/ws') return socket.destroy();
    sockets.handleUpgrade(req, socket, head, (ws) => ws.on('message', (data) => void answer(ws, String(data))));
  });

  /** One call of a window: dispatched as it arrives, as over Electron's IPC; the answer names its call. */
  async function answer(ws: WebSocket, message: string): Promise<void> {
    let id: unknown;
    let result: unknown;
    try {
      const call = JSON.parse(message) as { id: unknown; method: string; args: unknown };
      id = call.id;
      result = await shared(() => app.app.dispatch(call.method, call.args));
    } catch (e) {
      result = { ok: false, error: { code: 'internal', message: (e as Error).message } };
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const args = await readJson(req);
      const result = await shared(() => app.app.dispatch(method, args));
      return send(res, 200, result);
    }
    if (req.method === 'POST' && url.pathname === '/test/reset') {
      await serial(async () => {
        await app.close();
        app = HostedApp.start(broadcast);
      });
      return send(res, 200, { ok: true, value: { dataDir: app.dataDir } });
    }
    if (req.method === 'POST' && url.pathname === '/test/dialog') {
      const body = (await readJson(req)) as { answer?: string | null };
      if (body && 'answer' in body) app.dialogs.answers.push(body.answer ?? null);
      return send(res, 200, { ok: true, value: { asks: app.dialogs.asks } });
    }
    if (req.method === 'POST' && url.pathname === '/test/seed') {
      const { name = 'juluxian-2024' } = (await readJson(req)) as { name?: string };
      const meta = await serial(() => loadSeed(app.dispatch, name));
      return send(res, 200, { ok: true, value: meta });
    }
    if (req.method === 'POST' && url.pathname === '/test/synthetic') {
      const { projects = 500, purchases = 0 } = (await readJson(req)) as { projects?: number; purchases?: number };
      const meta = await serial(async () => {
        const ctx = app.app.ctx;
        const content = syntheticDepartment(ctx.dictionaries, projects);
        addPurchases(content, purchases);
        return ctx.drafts.createDraft({ unitCode: '999', unitName: '合成测试部门', year: 2024, templateId: 'hebei-2024' }, content);
      });
      return send(res, 200, { ok: true, value: meta });
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(url.pathname, res);
    send(res, 404, { ok: false, error: { code: 'not-found', message: '没有这个地址' } });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(rendererDir, rel);
    if (!file.startsWith(rendererDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  }

  await new Promise<void>((ok) => server.listen(options.port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${options.port}`,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      await new Promise((ok) => server.close(ok));
      await app.close();
    },
  };
}

/** A long 政府采购 list (one grid of thousands of rows), amounts exact and consistent. */
function addPurchases(content: DraftContent, count: number): void {
  const table = syntheticTables().procurement;
  const rows = (content.rows[table] = [...(content.rows[table] ?? [])]);
  for (let i = 0; i < count; i++) {
    const id = `bench${i}`;
    rows.push(id);
    const quantity = 1 + (i % 9);
    const unitPrice = 0.25 + (i % 40) / 100;
    const set = (col: string, value: string) => (content.cells[`${table}!${id}!${col}`] = value);
    set('project', `办公设备购置${1 + (i % 50)}`);
    set('item', ['台式计算机', '打印机', '复印纸', '办公桌椅'][i % 4]);
    set('measure', ['台', '台', '箱', '套'][i % 4]);
    set('quantity', String(quantity));
    set('unitPrice', unitPrice.toFixed(2));
    set('general', ((quantity * Math.round(unitPrice * 100)) / 100).toFixed(2));
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const host = await startHost({ port: Number(arg('port') ?? process.env.PORT ?? 5178), rendererDir: arg('renderer') });
  console.log(`Budget Desk test host at ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
