import { fail } from '../../shared/api/common';

/**
 * Small hand-written argument checks, run in main before any handler: a wrong type or a
 * missing field becomes ApiError 'bad-request' with a Chinese message naming the field.
 * Other domains use these helpers for their own methods.
 */
export type Check = (value: unknown, path: string) => void;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const bad = (path: string, what: string): never => fail('bad-request', path ? `参数 ${path} ${what}` : `参数${what}`);

export const str =
  (opts: { max?: number; nonEmpty?: boolean } = {}): Check =>
  (v, path) => {
    if (typeof v !== 'string') bad(path, '应为文字');
    const s = v as string;
    if (opts.nonEmpty && s.trim() === '') bad(path, '不能为空');
    if (s.length > (opts.max ?? 100_000)) bad(path, `过长（最多 ${opts.max ?? 100_000} 字）`);
  };

export const int =
  (min = -Infinity, max = Infinity): Check =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) bad(path, '应为整数');
    if ((v as number) < min || (v as number) > max) bad(path, `应在 ${min} 到 ${max} 之间`);
  };

export const bool: Check = (v, path) => {
  if (typeof v !== 'boolean') bad(path, '应为是或否');
};

export const oneOf =
  (...values: string[]): Check =>
  (v, path) => {
    if (typeof v !== 'string' || !values.includes(v)) bad(path, `应为 ${values.join('、')} 之一`);
  };

export const optional =
  (check: Check): Check =>
  (v, path) => {
    if (v !== undefined && v !== null) check(v, path);
  };

export const arrayOf =
  (check: Check, max = 1_000_000): Check =>
  (v, path) => {
    if (!Array.isArray(v)) bad(path, '应为列表');
    const list = v as unknown[];
    if (list.length > max) bad(path, `项数过多（最多 ${max} 项）`);
    list.forEach((item, i) => check(item, `${path}[${i}]`));
  };

export const recordOf =
  (check: Check): Check =>
  (v, path) => {
    if (!isPlainObject(v)) bad(path, '应为对象');
    for (const [k, item] of Object.entries(v as object)) check(item, join(path, k));
  };

/** An object with these fields; unknown fields are refused (they are usually typos), inherited names (constructor, __proto__) too. */
export const object =
  (fields: Record<string, Check>): Check =>
  (v, path) => {
    if (!isPlainObject(v)) bad(path, '应为对象');
    const obj = v as Record<string, unknown>;
    for (const k of Object.keys(obj)) if (!Object.prototype.hasOwnProperty.call(fields, k)) bad(join(path, k), '不是此操作的参数');
    for (const [k, check] of Object.entries(fields)) check(Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : undefined, join(path, k));
  };

/** A file path: text without NUL or other control characters (the file system would refuse it, or cut it short). */
export const filePath: Check = (v, path) => {
  str({ nonEmpty: true, max: 4096 })(v, path);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(v as string)) bad(path, '含有不允许的控制字符（如 NUL），不是有效的文件路径');
};

export const none: Check = object({});

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
