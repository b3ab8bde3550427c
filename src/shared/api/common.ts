/** Errors cross the process boundary as data: a machine code and a Chinese message. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** Per-item details, e.g. which cells of a paste were refused. */
  details?: unknown;
}

export type ApiErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'invalid-value'
  | 'unknown-code'
  | 'read-only'
  | 'forbidden'
  | 'conflict'
  | 'blocked'
  | 'bad-file'
  | 'newer-version'
  | 'damaged'
  | 'io'
  | 'internal';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function fail(code: ApiErrorCode, message: string, details?: unknown): never {
  throw new ApiFailure(code, message, details);
}

/** The person using the app: recorded with every change (review adds accounts and roles). */
export interface CurrentUser {
  id: string;
  name: string;
  role: string;
}

/** Until accounts exist: the local clerk. */
export const LOCAL_USER: CurrentUser = { id: 'local', name: '编制人', role: 'clerk' };
