import { ApiFailure, type Result } from '../../shared/api';
import { sqliteFailure } from '../store/errors';
import type { Registry } from './registry';
import { isPlainObject } from './validate';

export type Dispatch = (method: string, args: unknown) => Promise<Result<unknown>>;

/**
 * The one door into main: finds the method, runs its argument check and its handler, and
 * turns every outcome into data: ApiFailure → its code and message, anything else →
 * 'internal' (the stack is logged, never sent).
 */
export function createDispatch(api: Registry, log: (msg: string, err: unknown) => void = console.error): Dispatch {
  return async (method, args) => {
    try {
      const entry = typeof method === 'string' ? api.get(method) : undefined;
      if (!entry) return { ok: false, error: { code: 'bad-request', message: `未知的操作：${String(method)}` } };
      const input = args === undefined || args === null ? {} : args;
      if (!isPlainObject(input)) return { ok: false, error: { code: 'bad-request', message: '参数应为对象' } };
      entry.check(input, '');
      return { ok: true, value: await entry.handler(input) };
    } catch (err) {
      if (err instanceof ApiFailure) {
        return { ok: false, error: { code: err.code, message: err.message, ...(err.details !== undefined && { details: err.details }) } };
      }
      log(`API ${String(method)} failed`, err);
      const storage = sqliteFailure(err);
      if (storage) return { ok: false, error: storage };
      return { ok: false, error: { code: 'internal', message: `程序内部错误，操作未完成（${String(method)}）。请重试；如果再次出现，请联系技术支持。` } };
    }
  };
}
