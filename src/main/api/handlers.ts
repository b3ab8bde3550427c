import { ApiFailure, type Handlers, type Method, type Result } from '../../shared/api';
import type { AppContext, HandlerImpl } from './context';
import { excelHandlers } from './excel-handlers';
import { narrativeHandlers } from './narrative-handlers';
import { publicationHandlers } from './publication-handlers';
import { reviewHandlers } from './review-handlers';
import { storeArgChecks, storeHandlers } from './store-handlers';
import { unitsHandlers } from './units-handlers';
import { validationHandlers } from './validation-handlers';
import { sqliteFailure } from '../store/errors';
import { withAccessCheck } from './roles';
import { isPlainObject, type Check } from './validate';

/** Every method of the contract, implemented in one object: the compiler proves none is missing. */
export function buildHandlers(ctx: AppContext): HandlerImpl<Handlers> {
  const handlers: HandlerImpl<Handlers> = {
    ...storeHandlers(ctx),
    ...validationHandlers(ctx),
    ...excelHandlers(ctx),
    ...reviewHandlers(ctx),
    ...narrativeHandlers(ctx),
    ...publicationHandlers(ctx),
    ...unitsHandlers(ctx),
  };
  // Roles are checked in main for every method (./roles.ts), after the argument checks.
  return withAccessCheck(ctx, handlers);
}

export type Dispatch = (method: string, args: unknown) => Promise<Result<unknown>>;

/** Argument checks by method; methods without one must at least receive a plain object. */
const ARG_CHECKS: Partial<Record<string, Check>> = { ...storeArgChecks };

/** Other domains register the argument checks of their methods here (see ./validate). */
export function addArgChecks(checks: Partial<Record<string, Check>>): void {
  Object.assign(ARG_CHECKS, checks);
}

/**
 * The one door into main: checks the method and its arguments, runs the handler, and turns
 * every outcome into data: ApiFailure → its code and message, anything else → 'internal'
 * (the stack is logged, never sent).
 */
export function createDispatch(handlers: HandlerImpl<Handlers>, log: (msg: string, err: unknown) => void = console.error): Dispatch {
  return async (method, args) => {
    try {
      if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, method)) {
        return { ok: false, error: { code: 'bad-request', message: `未知的操作：${String(method)}` } };
      }
      const input = args === undefined || args === null ? {} : args;
      const check = ARG_CHECKS[method];
      if (check) check(input, '');
      else if (!isPlainObject(input)) return { ok: false, error: { code: 'bad-request', message: '参数应为对象' } };
      const fn = handlers[method as Method] as (a: unknown) => unknown;
      const value = await fn(input);
      return { ok: true, value };
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
