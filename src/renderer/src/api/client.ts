import type { ApiError, ArgsOf, Events, Method, Result, ResultOf } from '../../../shared/api';

/**
 * The renderer's only way to main: over the Electron preload bridge when present, else over
 * HTTP to the e2e test host (same origin). Both carry the same Result objects; errors are
 * data ({code, message}), never thrown across the boundary.
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
    if (window.budgetDesk) return (await window.budgetDesk.invoke(method, args)) as Result<unknown>;
    const res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch (e) {
    return { ok: false, error: { code: 'io', message: `无法连接到数据服务：${(e as Error).message}` } };
  }
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
  const dispatch = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  if (window.budgetDesk) {
    window.budgetDesk.subscribe(dispatch);
    return;
  }
  const source = new EventSource('/api/events');
  source.onmessage = (m) => {
    const { event, payload } = JSON.parse(m.data as string) as { event: string; payload: unknown };
    dispatch(event, payload);
  };
}

/** Subscribe to an event main pushes; returns the unsubscribe function. */
export function subscribe<E extends keyof Events>(event: E, listener: Listener<E>): () => void {
  connect();
  const set = listeners.get(event) ?? new Set();
  set.add(listener as (payload: unknown) => void);
  listeners.set(event, set);
  return () => set.delete(listener as (payload: unknown) => void);
}
