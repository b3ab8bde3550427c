import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, fail } from '../../shared/api/common';
import { getSeed } from '../../../seeds';
import { syntheticDepartment } from '../../../seeds/synthetic';
import { contentPart, type ComputedState } from '../../shared/engine/replica';
import { SHANGHAI_SMALL } from '../../shared/engine/__fixtures__/shanghai-small';
import { removeDir, seedDraft, tempApp } from '../test-support/temp-app';
import type { App } from '../app';
import type { ChangeResult } from '../../shared/api/store';
import type { DraftContent, DraftMeta } from '../../shared/draft';
import { LOCAL_USER } from '../../shared/api/common';
import { toDecimalString } from '../../shared/money';
import { DraftService } from './draft-service';
import { requireRole } from '../../shared/template/types';
import { EventBus } from './events';

/** What the whole draft holds of `tables`, picked out of the whole (the first tables' answer must equal it). */
function partOf(content: DraftContent, state: ComputedState, tables: readonly string[]): { content: DraftContent; computed: ComputedState } {
  const wanted = new Set(tables);
  const values: ComputedState['values'] = {};
  for (const key in state.values) if (wanted.has(key.slice(0, key.indexOf('!')))) values[key] = state.values[key];
  const rows: ComputedState['rows'] = {};
  for (const t of tables) if (state.rows[t]) rows[t] = state.rows[t];
  return { content: contentPart(content, tables), computed: { rows, values } };
}

let app: App & { dataDir: string };
let draft: DraftMeta;
beforeEach(() => {
  app = tempApp();
  draft = seedDraft(app);
});
afterEach(async () => {
  await app.close();
  removeDir(app.dataDir);
});

const drafts = () => app.ctx.drafts;
const cell = (table: string, row: string, col: string, value: string) => ({ table, row, col, value });
const stored = (key: string) => drafts().getSnapshot(draft.id).content.cells[key];
const expectFailure = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiFailure);
    expect((err as ApiFailure).code).toBe(code);
    expect((err as ApiFailure).message).toMatch(/[\u4e00-\u9fff]/);
    return err as ApiFailure;
  }
  throw new Error(`expected a ${code} failure`);
};

describe('DraftService', () => {
  it('an open draft is not read again from the database for each edit, undo or redo', () => {
    drafts().openDraft(draft.id);
    drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '1')]);
    const start = drafts().getMeta(draft.id).revision;
    const reads = vi.spyOn(app.ctx.storage.requireStore(), 'get');
    for (let i = 2; i < 12; i++) drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', String(i))]);
    drafts().undo(draft.id);
    drafts().redo(draft.id);
    expect(reads).not.toHaveBeenCalled();
    // The meta it keeps is the database's.
    expect(drafts().getMeta(draft.id)).toEqual(app.ctx.storage.requireStore().get(draft.id));
    expect(drafts().getMeta(draft.id).revision).toBe(start + 12);
  });

  it('a paste that partly fails applies the valid cells and lists the rejected ones', () => {
    const before = drafts().getModel(draft.id).value('t03', 'total', 'basic')!;
    const r = drafts().applyBatch(draft.id, [
      cell('t03', '2010306', 'basic', '１,０００.５'), // full-width digits and separators
      cell('t03', '2010306', 'total', '5'), // derived
      cell('t03', '2080505', 'basic', '十二'), // not money
      cell('t03', '2999999', 'basic', '1'), // no such row
      cell('projects', draft.id, 'name', 'x'), // no such record
    ]);
    expect(r.cells).toEqual({ 't03!2010306!basic': '1000.5' });
    expect(r.rejected.map((x) => x.code)).toEqual(['read-only', 'invalid-value', 'not-found', 'not-found']);
    expect(r.rejected[1].message).toContain('“十二”不是有效的金额');
    expect(r.meta.revision).toBe(draft.revision + 1);
    // The model follows: the 合计 row moved by exactly the difference (341.8 → 1000.5).
    expect(drafts().getModel(draft.id).value('t03', 'total', 'basic')).toBe(before + 658_700_000);
  });

  it('a batch where every cell fails is an error and changes nothing', () => {
    const err = expectFailure(() => drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', 'abc'), cell('t03', '2010306', 'basic', '1.2.3')]), 'invalid-value');
    expect(err.details).toHaveLength(2);
    expect(drafts().getMeta(draft.id).revision).toBe(draft.revision);
    expect(stored('t03!2010306!basic')).toBe('341.8');
  });

  it('undo and redo revert and reapply a whole batch, and a new edit drops the redo', () => {
    const paste = [cell('t03', '2010306', 'basic', '1'), cell('t03', '2080505', 'basic', '2'), cell('t09', 'reception', 'general', '0.5')];
    const before = paste.map((p) => stored(`${p.table}!${p.row}!${p.col}`));
    const total = drafts().getModel(draft.id).value('t01', 'grandTotal', 'outAmount');
    drafts().applyBatch(draft.id, paste, '粘贴');
    const undone = drafts().undo(draft.id);
    expect(undone.canRedo).toBe(true);
    expect(paste.map((p) => stored(`${p.table}!${p.row}!${p.col}`))).toEqual(before);
    expect(drafts().getModel(draft.id).value('t01', 'grandTotal', 'outAmount')).toBe(total);
    drafts().redo(draft.id);
    expect(paste.map((p) => stored(`${p.table}!${p.row}!${p.col}`))).toEqual(['1', '2', '0.5']);
    drafts().undo(draft.id);
    const next = drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '9')]);
    expect(next.canRedo).toBe(false);
    expectFailure(() => drafts().redo(draft.id), 'conflict');
  });

  it('rows: several removed as one step, a 款 shown for its 项 going with them; one undo brings them all back; a row not there refuses the whole step', () => {
    const rowsOf = () => drafts().getModel(draft.id).rows('t03');
    const cellsBefore = drafts().getSnapshot(draft.id).content.cells;
    const figure = (key: string) => drafts().getSnapshot(draft.id).content.cells[key];
    expect(rowsOf()).toEqual(expect.arrayContaining(['2082701', '2082702', '2101101']));
    expectFailure(() => drafts().removeRows(draft.id, 't03', ['2082701', '9999999']), 'not-found');
    expect(rowsOf()).toContain('2082701');
    expectFailure(() => drafts().removeRows(draft.id, 't03', []), 'bad-request');

    // A 款 is shown for its 项: it cannot be removed itself, and goes when they all go.
    expectFailure(() => drafts().removeRows(draft.id, 't03', ['20827']), 'not-found');
    const removed = drafts().removeRows(draft.id, 't03', ['2082701', '2082702', '2101101']);
    for (const gone of ['20827', '2082701', '2082702', '2101101']) expect(rowsOf()).not.toContain(gone);
    expect(rowsOf()).toContain('2101103');
    expect(removed.cells['t03!2082702!basic']).toBeNull();
    expect(removed.canUndo).toBe(true);

    drafts().undo(draft.id);
    expect(rowsOf()).toEqual(expect.arrayContaining(['20827', '2082701', '2082702', '2101101']));
    expect(figure('t03!2082702!basic')).toBe(cellsBefore['t03!2082702!basic']);
    expect(figure('t03!2101101!basic')).toBe(cellsBefore['t03!2101101!basic']);
  });

  it('rows: a code brings its parents; removing a record takes its indicators; undo restores them', () => {
    const added = drafts().addRow(draft.id, 't03', '2130101');
    expect(added.rowId).toBe('2130101');
    expect(drafts().getModel(draft.id).rows('t03')).toEqual(expect.arrayContaining(['213', '21301', '2130101']));
    expectFailure(() => drafts().addRow(draft.id, 't03', '2130101'), 'conflict');
    expectFailure(() => drafts().addRow(draft.id, 't03', '9999999'), 'unknown-code');
    expectFailure(() => drafts().addRow(draft.id, 't03', '21'), 'invalid-value');
    expectFailure(() => drafts().addRow(draft.id, 't01', '201'), 'bad-request');

    const project = drafts().addRow(draft.id, 'projects').rowId;
    const indicator = drafts().addRow(draft.id, 'indicators', undefined, project).rowId;
    drafts().applyBatch(draft.id, [cell('projects', project, 'name', '新项目'), cell('indicators', indicator, 'level3', '办件数量')]);
    const removed = drafts().removeRows(draft.id, 'projects', [project]);
    expect(removed.rows.indicators).not.toContain(indicator);
    expect(removed.cells[`indicators!${indicator}!level3`]).toBeNull();
    expect(removed.cells[`indicators!${indicator}!project`]).toBeNull();
    drafts().undo(draft.id);
    const snap = drafts().getSnapshot(draft.id);
    expect(snap.content.rows.indicators).toContain(indicator);
    expect(snap.content.cells[`indicators!${indicator}!level3`]).toBe('办件数量');
    expect(snap.content.cells[`projects!${project}!name`]).toBe('新项目');
  });

  it('a paste that brings codes adds their rows and fills them in one step; a bad code is listed, the rest goes ahead', async () => {
    const totalBefore = drafts().getModel(draft.id).value('t03', 'total', 'basic')!;
    const r = await app.dispatch('cells/set', {
      draftId: draft.id,
      label: '粘贴',
      addCodes: [
        { table: 't03', code: '2010399' },
        { table: 't03', code: '2010306' }, // already a row: kept, its figure overwritten
        { table: 't03', code: '2018888' }, // not in the code list
      ],
      edits: [cell('t03', '2010399', 'basic', '10'), cell('t03', '2010306', 'basic', '1.2'), cell('t03', '2018888', 'basic', '5')],
    });
    if (!r.ok) throw new Error(r.error.message);
    const result = r.value as ChangeResult;
    expect(result.rows.t03).toContain('2010399');
    expect(result.cells).toMatchObject({ 't03!2010399!basic': '10', 't03!2010306!basic': '1.2' });
    expect(result.rejected.map((x) => [x.edit.row, x.edit.col, x.code])).toEqual([
      ['2018888', 'code', 'unknown-code'],
      ['2018888', 'basic', 'not-found'],
    ]);
    expect(result.rejected[0].message).toMatch(/2018888.*不在功能分类科目表中/);
    const model = drafts().getModel(draft.id);
    expect(model.rows('t03')).toEqual(expect.arrayContaining(['20103', '2010399']));
    expect(model.value('t03', 'total', 'basic')).toBe(totalBefore - 341_800_000 + 1_200_000 + 10_000_000);

    drafts().undo(draft.id);
    const after = drafts().getSnapshot(draft.id).content;
    expect(after.rows.t03).not.toContain('2010399');
    expect(after.cells['t03!2010306!basic']).toBe('341.8');
    expect(drafts().getModel(draft.id).value('t03', 'total', 'basic')).toBe(totalBefore);
  });

  it('a pasted code that turns a filled row into a sum leaves the sum alone and says why', async () => {
    // 2010306 is a leaf with a figure; pasting its parent 20103 with a figure must not overwrite the roll-up.
    const r = await app.dispatch('cells/set', { draftId: draft.id, addCodes: [{ table: 't03', code: '20103' }], edits: [cell('t03', '20103', 'basic', '99')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringContaining('计算得出') } });
    expect(drafts().getSnapshot(draft.id).content.cells['t03!20103!basic']).toBeUndefined();
  });

  it('refuses edits of derived cells, labels and codes, and values of the wrong kind', () => {
    const cases: Array<[ReturnType<typeof cell>, string]> = [
      [cell('t01', 'yearTotal', 'inAmount', '1'), 'read-only'],
      [cell('t01', 'c201', 'inItem', '收入'), 'read-only'],
      [cell('t03', '2010306', 'code', '2010307'), 'read-only'],
      [cell('t03', '201', 'basic', '1'), 'read-only'], // a 类 row is a sum
      [cell('t12', 'vehicles', 'quantity', '-1'), 'invalid-value'],
      [cell('t03', '2010306', 'nope', '1'), 'not-found'],
      [cell('tXX', '2010306', 'basic', '1'), 'not-found'],
    ];
    for (const [edit, code] of cases) expectFailure(() => drafts().applyBatch(draft.id, [edit]), code);
    expect(drafts().getMeta(draft.id).revision).toBe(draft.revision);
  });

  it('submitted and signed drafts are read-only; guards can refuse; status changes are recorded', () => {
    drafts().setStatus(draft.id, 'submitted');
    expectFailure(() => drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '1')]), 'read-only');
    expectFailure(() => drafts().addRow(draft.id, 't03', '2130101'), 'read-only');
    drafts().setStatus(draft.id, 'editing');
    drafts().beforeChange.push(({ action }) => {
      if (action === 'cells') fail('forbidden', '测试：不允许填写');
    });
    expectFailure(() => drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '1')]), 'forbidden');
    expect(stored('t03!2010306!basic')).toBe('341.8');
  });

  it('a preview is what the commit then answers, and leaves the draft in memory and on disk as it was', () => {
    const state = () => JSON.stringify([drafts().getModel(draft.id).computedState(), drafts().getFindings(draft.id), drafts().getSnapshot(draft.id)]);
    const outcome = (c: ChangeResult | null) => c && { cells: c.cells, rows: c.rows, computed: c.computed, findings: c.findings };
    // A figure (its sums and a finding move), and a 比上年增减 reason (its basis is written with it).
    for (const edit of [cell('t03', '2010306', 'basic', '99999'), cell('py', 'public', 'reason', '办公费按新标准调整')]) {
      const before = state();
      const preview = drafts().preview(draft.id, [edit]);
      expect(preview?.meta.revision).toBe(drafts().getMeta(draft.id).revision);
      expect(state()).toBe(before);
      const committed = drafts().applyBatch(draft.id, [edit]);
      expect(Object.keys(committed.computed.values).length + Object.keys(committed.cells).length).toBeGreaterThan(1);
      expect(outcome(preview)).toEqual(outcome(committed));
    }
    expect(drafts().preview(draft.id, [cell('t03', '2010306', 'basic', '1')])?.findings.added.length).toBeGreaterThan(0);
  });

  it('no preview where the commit would refuse or change nothing', () => {
    const figure = cell('t03', '2010306', 'basic', '1');
    expect(drafts().preview(draft.id, [cell('t03', '201', 'basic', '1')])).toBeNull();
    expect(drafts().preview(draft.id, [cell('t03', '2010306', 'basic', 'abc')])).toBeNull();
    expect(drafts().preview(draft.id, [cell('t03', '2010306', 'basic', '341.8')])).toBeNull();
    drafts().setStatus(draft.id, 'submitted');
    expect(drafts().preview(draft.id, [figure])).toBeNull();
    drafts().setStatus(draft.id, 'editing');
    drafts().beforeChange.push(() => fail('forbidden', '测试：不允许填写'));
    expect(drafts().preview(draft.id, [figure])).toBeNull();
    expectFailure(() => drafts().preview('nope', [figure]), 'not-found');
  });

  it('creates a draft from content all or nothing', () => {
    const seed = getSeed('juluxian-2024');
    const count = drafts().listDrafts().length;
    const bad = { rows: { ...seed.content.rows, t03: [...seed.content.rows.t03, '7777777'] }, cells: { ...seed.content.cells, 't02!2010306!fiscal': '12,34x' } };
    const err = expectFailure(() => drafts().createDraft(seed.meta, bad), 'unknown-code');
    expect((err.details as unknown[]).length).toBe(2);
    expect(drafts().listDrafts()).toHaveLength(count);
    expectFailure(() => drafts().createDraft({ ...seed.meta, templateId: 'nowhere-1999' }), 'not-found');
  });

  it('starts a draft from another draft: figures copied, the source becomes the prior-year layer', () => {
    drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '400')]);
    const next = drafts().createFromDraft({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'hebei-2024' }, draft.id);
    expect(drafts().getSnapshot(next.id).content.cells['t03!2010306!basic']).toBe('400');
    expect(drafts().getPriorContent(next.id)?.cells['t03!2010306!basic']).toBe('400');
    drafts().setPriorContent(next.id, null);
    expect(drafts().getPriorContent(next.id)).toBeNull();
    const copy = drafts().duplicate(draft.id);
    expect(drafts().getSnapshot(copy.id).content).toEqual(drafts().getSnapshot(draft.id).content);
    // A copy is told apart from its original in the list, and from other copies.
    expect(copy).toMatchObject({ unitName: draft.unitName, label: '副本' });
    expect(drafts().getMeta(draft.id).label).toBeUndefined();
    const second = drafts().duplicate(copy.id);
    expect(second.label).toBe('副本 2');
    expect(drafts().listDrafts().find((d) => d.id === second.id)?.label).toBe('副本 2');
    drafts().deleteDraft(second.id);
    drafts().deleteDraft(copy.id);
    expectFailure(() => drafts().getSnapshot(copy.id), 'not-found');
  });

  it('提取上年数: the new year\'s 上年预算数 are the source\'s own figures, not the source\'s 上年预算数; a draft of another region gives no prior', () => {
    const model = drafts().getModel(draft.id);
    const py = requireRole(model.template, 'priorYear').id;
    const income = model.value(py, 'incomeTotal', 'current');
    expect(income).not.toBe(model.value(py, 'incomeTotal', 'prior'));
    const next = drafts().createFromDraft({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'hebei-2024' }, draft.id);
    expect(drafts().getModel(next.id).value(py, 'incomeTotal', 'prior')).toBe(income);
    // A 上海 draft started from this 河北 one keeps the figures it can, and no 上年数 to compare with.
    const shanghai = drafts().createFromDraft({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'shanghai-2026-department' }, draft.id);
    expect(drafts().getPriorContent(shanghai.id)).toBeNull();
    const shanghaiModel = drafts().getModel(shanghai.id);
    const shanghaiPy = requireRole(shanghaiModel.template, 'priorYear').id;
    expect(shanghaiModel.rows(shanghaiPy).map((row) => shanghaiModel.value(shanghaiPy, row, 'prior')).filter((v) => v !== null)).toEqual([]);
  });

  it('records who changed a cell, from what to what', () => {
    app.ctx.currentUser = () => ({ id: 'u1', name: '李会计', role: 'clerk' });
    drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '350')]);
    drafts().applyBatch(draft.id, [cell('t03', '2010306', 'basic', '')]);
    const log = drafts().cellLog(draft.id, { table: 't03', row: '2010306', col: 'basic' });
    expect(log.slice(0, 2).map((e) => [e.user, e.oldValue, e.newValue])).toEqual([
      ['李会计', '350', null],
      ['李会计', '341.8', '350'],
    ]);
  });

  it('explanations of warnings are stored with their author', () => {
    app.ctx.currentUser = () => ({ id: 'u1', name: '李会计', role: 'clerk' });
    drafts().setExplanation(draft.id, 'r13:30108', '养老保险在其他科目列支');
    expect(drafts().listExplanations(draft.id)).toMatchObject([{ findingId: 'r13:30108', text: '养老保险在其他科目列支', author: '李会计' }]);
    drafts().setExplanation(draft.id, 'r13:30108', '  ');
    expect(drafts().listExplanations(draft.id)).toEqual([]);
  });

  it('a rule engine failing after the commit neither loses the edit nor leaves a stale model', () => {
    let calls = 0;
    const service = new DraftService({
      store: () => app.ctx.storage.requireStore(),
      dictionaries: () => app.ctx.dictionaries,
      currentUser: () => LOCAL_USER,
      events: new EventBus(),
      createEngine: () => ({
        full: () => [],
        update: () => {
          if (calls++ === 0) throw new Error('rule bug');
          return { added: [], resolved: [] };
        },
        current: () => [],
      }),
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const r = service.applyBatch(draft.id, [cell('t03', '2010306', 'basic', '500')]);
      expect(r.cells).toEqual({ 't03!2010306!basic': '500' });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(service.getModel(draft.id).value('t03', '2010306', 'basic')).toBe(500_000_000);
  });

  it('a window’s first tables, opened before the draft is in memory, hold what the whole draft’s model computes', () => {
    const metas = [
      draft,
      drafts().createDraft({ unitCode: '999', unitName: '合成测试部门', year: 2024, templateId: 'hebei-2024' }, syntheticDepartment(app.ctx.dictionaries, 30)),
      drafts().createDraft({ unitCode: '310', unitName: '上海测试部门', year: 2026, templateId: 'shanghai-2026-department' }, SHANGHAI_SMALL),
    ];
    for (const meta of metas) {
      drafts().reset();
      const first = drafts().openFirstTables(meta.id);
      // Computed from the tables the first ones read: the draft is still not in memory.
      expect(drafts().isOpen(meta.id)).toBe(false);
      const whole = drafts().openDraft(meta.id);
      expect(first.part!.length).toBeGreaterThan(0);
      expect(first.meta).toEqual(whole.meta);
      expect(first).toEqual({ ...whole, ...partOf(whole.content, whole.computed, first.part!), part: first.part });
      // The first table shows figures computed from other tables (its derived cells are not blank).
      const model = drafts().getModel(meta.id);
      const derived = Object.keys(first.computed.values).filter((k) => model.isDerived(k) && first.computed.values[k] !== 0);
      expect(derived.length, meta.templateId).toBeGreaterThan(2);
    }
  });
});

/**
 * A reason of 比上年增减 is stored by main with the change it explains, whichever way it
 * arrives (typed, pasted, imported with its workbook), so that it is flagged once the figures
 * move on (r16-text-stale-reason).
 */
describe('the basis of a 比上年增减 reason, recorded in main', () => {
  const cells = (id: string) => drafts().getSnapshot(id).content.cells;
  const stale = (id: string) => drafts().getFindings(id).filter((f) => f.ruleId === 'r16-text-stale-reason');
  const change = (id: string, row: string) => toDecimalString(drafts().getModel(id).value('py', row, 'change') ?? 0);
  /** A figure of 表6 (日常公用经费 30201) moves by 8.00. */
  function growPublic(id: string) {
    const now = drafts().getModel(id).value('t06', '30201', 'public') ?? 0;
    drafts().applyBatch(id, [{ table: 't06', row: '30201', col: 'public', value: toDecimalString(now + 8_000_000) }]);
  }
  const publicReason = { table: 'py', row: 'public', col: 'reason', value: '办公费按新标准调整' };

  it('typed: recorded in the same step (one undo takes both), flagged when the figures move on', () => {
    expect(cells(draft.id)['py!public!reason']).toBeUndefined();
    const before = change(draft.id, 'public');
    drafts().applyBatch(draft.id, [publicReason]);
    expect(cells(draft.id)['py!public!reasonBasis']).toBe(before);
    growPublic(draft.id);
    expect(stale(draft.id).map((f) => f.message)).toEqual([expect.stringMatching(/^“日常公用经费”的增减原因是在比上年/)]);
    drafts().undo(draft.id);
    expect(stale(draft.id)).toEqual([]);
    drafts().undo(draft.id);
    expect(cells(draft.id)['py!public!reason']).toBeUndefined();
    expect(cells(draft.id)['py!public!reasonBasis']).toBeUndefined();
  });

  it('pasted with figures in one step: not recorded (what it explains is known only after them), never a false flag', () => {
    drafts().applyBatch(draft.id, [publicReason, { table: 't06', row: '30201', col: 'public', value: '1' }]);
    expect(cells(draft.id)['py!public!reasonBasis']).toBeUndefined();
    growPublic(draft.id);
    expect(stale(draft.id)).toEqual([]);
  });

  it('brought in with a workbook’s content (the seed’s reason of 项目支出): recorded for its figures, flagged when they move on', () => {
    const seed = getSeed('juluxian-2024');
    expect(seed.content.cells['py!project!reason']).toMatch(/^取消软件正版化/);
    expect(seed.content.cells['py!project!reasonBasis']).toBeUndefined();
    expect(cells(draft.id)['py!project!reasonBasis']).toBe(change(draft.id, 'project'));
    expect(stale(draft.id)).toEqual([]);
    const model = drafts().getModel(draft.id);
    const project = model.rows('projects').find((r) => r !== 'total')!;
    const now = model.value('projects', project, 'fiscal') ?? 0;
    drafts().applyBatch(draft.id, [{ table: 'projects', row: project, col: 'fiscal', value: toDecimalString(now + 8_000_000) }]);
    expect(stale(draft.id).map((f) => f.message)).toEqual([expect.stringMatching(/^“项目支出”的增减原因是在比上年增加 6\.50 万元时写的，现在为比上年增加 14\.50 万元/)]);
  });
});
