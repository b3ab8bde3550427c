import type { ApiError, ArgsOf, Events, Method, Result, ResultOf } from '../../../shared/api';

/**
 * The renderer's only way to main: over the Electron preload bridge when present, else over
 * a WebSocket to the e2e test host (same origin), which stands in for IPC. Both carry the same
 * Result objects; errors are data ({code, message}), never thrown across the boundary.
 */

interface Bridge {
  invoke(method: string, args: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    budgetDesk?: Bridge;
  }
}

/** A failed call, carrying the API error (code, Chinese message, details). */
export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** Whether a save was refused because the file is there already (the service left it untouched). */
export function isExistingFileRefusal(err: unknown): boolean {
  return err instanceof CallError && err.error.code === 'conflict' && (err.error.details as { exists?: boolean } | undefined)?.exists === true;
}

/** Calls of this window on their way, and what waits for none to be. */
let inFlight = 0;
const waitingForIdle: Array<() => void> = [];

/**
 * Run `fn` once no call of this window is on its way, after their callers have applied what
 * came back (a macrotask later, waiting again for calls those callers made meanwhile).
 */
export function whenIdle(fn: () => void): void {
  const run = () => (inFlight === 0 ? fn() : waitingForIdle.push(run));
  if (inFlight === 0) setTimeout(run, 0);
  else waitingForIdle.push(run);
}

async function transport(method: string, args: unknown): Promise<Result<unknown>> {
  inFlight++;
  try {
    return await send(method, args);
  } finally {
    if (--inFlight === 0) for (const fn of waitingForIdle.splice(0)) setTimeout(fn, 0);
  }
}

async function send(method: string, args: unknown): Promise<Result<unknown>> {
  try {
    return (await bridge().invoke(method, args ?? {})) as Result<unknown>;
  } catch (e) {
    return { ok: false, error: { code: 'io', message: `无法连接到数据服务：${(e as Error).message}` } };
  }
}

let hostBridge: Bridge | null = null;

/** Electron's preload bridge, or in a browser the test host's. */
function bridge(): Bridge {
  return window.budgetDesk ?? (hostBridge ??= socketBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`));
}

/**
 * The test host over one WebSocket: a call is a message {id, method, args} answered by
 * {id, result}; events arrive as {event, payload}. A call made while it opens goes at once as
 * an HTTP request, as an IPC call leaves at once (the socket's opening is told to the page
 * only when its main thread is free, after the code it is loading has started). A connection
 * lost fails the calls on their way and the next call opens a new one.
 */
function socketBridge(url: string): Bridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const open = (): WebSocket => {
    if (socket && socket.readyState <= WebSocket.OPEN) return socket;
    const ws = new WebSocket(url);
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data as string) as { id?: number; result?: unknown; event?: string; payload?: unknown };
      if (msg.id !== undefined) {
        pending.get(msg.id)?.resolve(msg.result);
        pending.delete(msg.id);
      } else if (msg.event) for (const l of listeners) l(msg.event, msg.payload);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      for (const p of pending.values()) p.reject(new Error('连接已断开'));
      pending.clear();
    };
    return (socket = ws);
  };
  return {
    invoke(method, args) {
      const ws = open();
      if (ws.readyState !== WebSocket.OPEN) return fetch(`/api/${method}`, { method: 'POST', body: JSON.stringify(args) }).then((r) => r.json());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, args }));
      });
    },
    subscribe(listener) {
      open();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Call a method and get its Result (never throws). */
export function tryCall<M extends Method>(method: M, args: ArgsOf<M>): Promise<Result<ResultOf<M>>> {
  return transport(method, args) as Promise<Result<ResultOf<M>>>;
}

/** Call a method; a failure rejects with a CallError holding the API error. */
export async function call<M extends Method>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const r = await tryCall(method, args);
  if (!r.ok) throw new CallError(r.error);
  return r.value;
}

export type CallFn = typeof call;

type Listener<E extends keyof Events> = (payload: Events[E]) => void;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let connected = false;

function connect(): void {
  if (connected) return;
  connected = true;
  bridge().subscribe((event, payload) => listeners.get(event)?.forEach((l) => l(payload)));
}

/** Subscribe to an event main pushes; returns the unsubscribe function. */
export function subscribe<E extends keyof Events>(event: E, listener: Listener<E>): () => void {
  connect();
  const set = listeners.get(event) ?? new Set();
  set.add(listener as (payload: unknown) => void);
  listeners.set(event, set);
  return () => set.delete(listener as (payload: unknown) => void);
}
