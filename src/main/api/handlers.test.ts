import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { removeDir, seedDraft, tempApp } from '../test-support/temp-app';
import type { DraftMeta } from '../../shared/draft';
import { createDispatch } from './handlers';
import { Registry } from './registry';
import { none } from './validate';

let app: App & { dataDir: string };
let draft: DraftMeta;
beforeAll(() => {
  app = tempApp();
  draft = seedDraft(app);
});
afterAll(async () => {
  await app.close();
  removeDir(app.dataDir);
});

/** Everything the store holds, hashed: a refused call must leave it identical. */
function fingerprint(): string {
  // SQLite read directly: the edits the journal holds are applied first, as any read through the store would.
  app.ctx.storage.requireStore().settle();
  const db = app.ctx.db;
  const hash = createHash('sha256');
  for (const table of ['drafts', 'cells', 'draft_rows', 'cell_log', 'history', 'prior_cells', 'prior_rows', 'explanations']) {
    hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all()));
  }
  return hash.digest('hex');
}

/** A registry whose app/info throws. */
function failing(handler: () => never): Registry {
  const api = new Registry();
  api.method('app/info', none, handler);
  return api;
}

const edit = (value: string, over: Record<string, unknown> = {}) => ({ table: 't03', row: '2010306', col: 'basic', value, ...over });

describe('dispatch refuses invalid calls with a clear error and changes nothing', () => {
  const cases: Array<[name: string, method: string, args: () => unknown, code: string, text?: RegExp]> = [
    ['unknown method', 'cells/explode', () => ({}), 'bad-request', /未知的操作/],
    ['arguments not an object', 'cells/set', () => 'draft', 'bad-request', /参数应为对象/],
    ['arguments as an array', 'drafts/open', () => [draft.id], 'bad-request'],
    ['missing field', 'cells/set', () => ({ draftId: draft.id }), 'bad-request', /edits 应为列表/],
    ['wrong type', 'drafts/open', () => ({ draftId: 42 }), 'bad-request', /draftId 应为文字/],
    ['unknown field', 'drafts/open', () => ({ draftId: draft.id, force: true }), 'bad-request', /force 不是此操作的参数/],
    ['a value that is a number, not text', 'cells/set', () => ({ draftId: draft.id, edits: [edit(12 as unknown as string)] }), 'bad-request', /value 应为文字/],
    ['unknown draft', 'cells/set', () => ({ draftId: 'no-such-draft', edits: [edit('1')] }), 'not-found', /找不到草稿/],
    ['unknown draft (open)', 'drafts/open', () => ({ draftId: 'no-such-draft' }), 'not-found'],
    ['not money', 'cells/set', () => ({ draftId: draft.id, edits: [edit('一百')] }), 'invalid-value', /不是有效的金额/],
    ['arithmetic that cannot be computed', 'cells/set', () => ({ draftId: draft.id, edits: [edit('=1/0')] }), 'invalid-value', /除数为零/],
    ['a derived cell', 'cells/set', () => ({ draftId: draft.id, edits: [edit('1', { row: 'total' })] }), 'read-only'],
    ['unknown column', 'cells/set', () => ({ draftId: draft.id, edits: [edit('1', { col: 'bonus' })] }), 'not-found', /没有栏目/],
    ['a code not in the dictionary (row)', 'rows/add', () => ({ draftId: draft.id, table: 't03', code: '2018888' }), 'unknown-code', /不在功能分类科目表中/],
    ['codes to add that are not text', 'cells/set', () => ({ draftId: draft.id, edits: [edit('1')], addCodes: [{ table: 't03', code: 2010399 }] }), 'bad-request', /code 应为文字/],
    ['only an unknown code to add, nothing else', 'cells/set', () => ({ draftId: draft.id, edits: [], addCodes: [{ table: 't03', code: '2018888' }] }), 'unknown-code', /不在功能分类科目表中/],
    ['a code not in the dictionary (cell)', 'cells/set', () => ({ draftId: draft.id, edits: [{ table: 'projects', row: 'p1', col: 'functionCode', value: '2018888' }] }), 'unknown-code'],
    ['a 类 code where a 项 is needed', 'cells/set', () => ({ draftId: draft.id, edits: [{ table: 'projects', row: 'p1', col: 'functionCode', value: '201' }] }), 'invalid-value', /7 位/],
    ['unknown template', 'drafts/create', () => ({ unitCode: '1', unitName: '单位', year: 2025, templateId: 'mars-2025' }), 'not-found', /未知的报表模板/],
    ['year out of range', 'drafts/create', () => ({ unitCode: '1', unitName: '单位', year: 25, templateId: 'hebei-2024' }), 'bad-request', /year/],
    ['empty unit name', 'drafts/create', () => ({ unitCode: '1', unitName: ' ', year: 2025, templateId: 'hebei-2024' }), 'bad-request', /不能为空/],
    ['remove a fixed row', 'rows/remove', () => ({ draftId: draft.id, table: 't09', rows: ['reception'] }), 'bad-request'],
    ['restore a path outside the backups', 'backups/restore', () => ({ file: '../budget-desk.sqlite' }), 'bad-request'],
    ['open a missing draft file', 'draftFile/open', () => ({ path: '/nonexistent/x.budget.json' }), 'io', /文件不存在/],
    ['undo with nothing to undo', 'history/undo', () => ({ draftId: draft.id }), 'conflict', /没有可以撤销/],
    ['search an unknown template', 'dictionary/search', () => ({ templateId: 'x', scheme: 'function', query: '201' }), 'not-found'],
    ['search a scheme that does not exist', 'dictionary/search', () => ({ templateId: 'hebei-2024', scheme: 'cosmic', query: '201' }), 'bad-request'],
  ];
  for (const [name, method, args, code, text] of cases) {
    it(name, async () => {
      const before = fingerprint();
      const r = await app.dispatch(method, args());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      if (text) expect(r.error.message).toMatch(text);
      expect(fingerprint()).toBe(before);
    });
  }

  it('a valid call goes through (the fingerprint does move)', async () => {
    const before = fingerprint();
    const r = await app.dispatch('cells/set', { draftId: draft.id, edits: [edit('400')] });
    expect(r).toMatchObject({ ok: true, value: { cells: { 't03!2010306!basic': '400' } } });
    expect(fingerprint()).not.toBe(before);
  });

  it('the registry refuses a method registered twice, and one missing from the contract', () => {
    const api = new Registry();
    api.method('app/info', none, () => ({ version: '1', dataDir: '', schemaVersion: 1 }));
    expect(() => api.method('app/info', none, () => ({ version: '2', dataDir: '', schemaVersion: 1 }))).toThrow(/app\/info is registered twice/);
    expect(() => api.assertExactly(['app/info', 'drafts/list'])).toThrow(/missing drafts\/list/);
    expect(() => api.assertExactly([])).toThrow(/not in the contract app\/info/);
    // The app's registry holds every method once, each with its check beside its handler.
    expect(new Set(app.api.names()).size).toBe(app.api.names().length);
    for (const name of app.api.names()) expect(typeof app.api.get(name)?.check, name).toBe('function');
  });

  it('an unexpected exception becomes an internal error with a Chinese message; the stack is logged, not sent', async () => {
    const logged: unknown[] = [];
    const dispatch = createDispatch(failing(() => { throw new TypeError('x is undefined'); }), (_m, err) => logged.push(err));
    const r = await dispatch('app/info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('x is undefined');
    expect(logged[0]).toBeInstanceOf(TypeError);
  });

  it('storage failures (disk full, busy, damaged) become clear errors saying nothing was saved', async () => {
    for (const [sqlite, code] of [['SQLITE_FULL', 'io'], ['SQLITE_BUSY', 'conflict'], ['SQLITE_CORRUPT', 'damaged'], ['SQLITE_IOERR_WRITE', 'io']] as const) {
      const dispatch = createDispatch(failing(() => { throw Object.assign(new Error('native'), { code: sqlite }); }), () => {});
      const r = await dispatch('app/info', {});
      expect(r).toMatchObject({ ok: false, error: { code } });
      expect(!r.ok && r.error.message).toContain('未保存');
    }
  });
});
