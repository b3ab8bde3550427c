import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../../main/app';
import { removeDir, seedDraft, tempApp } from '../../../../main/test-support/temp-app';
import type { ChangeResult, OpenedDraft } from '../../../../shared/api';
import { DraftModel } from '../../../../shared/engine/model';
import type { DraftMeta } from '../../../../shared/draft';
import type { Finding } from '../../../../shared/findings';
import { getTemplate } from '../../../../shared/regions';
import { displayText, rawText, readOnlyReason, rowHasFigures } from './cells';
import { DraftSession } from './session';

const hebei = getTemplate('hebei-2024');
const table = (id: string) => hebei.tables.find((t) => t.id === id)!;
const col = (t: string, c: string) => table(t).columns.find((x) => x.id === c)!;
const meta: DraftMeta = { id: 'd1', unitCode: '435', unitName: '巨鹿县行政审批局', year: 2024, templateId: 'hebei-2024', status: 'editing', createdAt: '', updatedAt: '', revision: 1 };

/** A window's session of the seed draft, opened from a real app (main computes). */
function seedSession(): DraftSession {
  const { app, draft } = mainApp();
  return new DraftSession(hebei, app.ctx.drafts.openDraft(draft.id));
}

const opened: Array<App & { dataDir: string }> = [];
function mainApp() {
  const app = tempApp();
  opened.push(app);
  return { app, draft: seedDraft(app) };
}
afterEach(async () => {
  for (const app of opened.splice(0)) {
    await app.close();
    removeDir(app.dataDir);
  }
});

const finding = (id: string, severity: Finding['severity'], cells: Finding['cells']): Finding => ({ id, ruleId: id, severity, table: cells[0].table, cells, message: id });

function change(over: Partial<ChangeResult>): ChangeResult {
  return { meta: { ...meta, revision: 2 }, cells: {}, rows: {}, computed: { shown: {}, values: {} }, rejected: [], canUndo: true, canRedo: false, findings: { added: [], resolved: [] }, ...over };
}

/** Every shown row and figure of the window's copy equals main's model. */
function expectSameAsMain(s: DraftSession, model: DraftModel): void {
  for (const t of hebei.tables) expect(s.model.rows(t.id), t.id).toEqual(model.rows(t.id));
  const mine = new Map(s.model.figures());
  const main = new Map([...model.numericKeys()].map((k) => [k, model.valueByKey(k)]));
  expect(mine).toEqual(main);
  expect(s.model.content).toEqual(model.content);
}

describe('the window’s copy of a draft', () => {
  it('opened in part holds its first table as main computed it; the whole draft taken later holds a change applied meanwhile', async () => {
    const { app, draft } = mainApp();
    const first = await app.dispatch('drafts/open', { draftId: draft.id, firstTable: true });
    if (!first.ok) throw new Error(first.error.message);
    const part = first.value as OpenedDraft;
    expect(part.part).toEqual(['t01']);
    const s = new DraftSession(hebei, part);
    const model = app.ctx.drafts.getModel(draft.id);
    const t01 = [...model.numericKeys()].filter((k) => k.startsWith('t01!'));
    expect(t01.length).toBeGreaterThan(5);
    for (const key of t01) expect(s.model.valueByKey(key), key).toBe(model.valueByKey(key));
    expect(s.model.rows('t01')).toEqual(model.rows('t01'));
    expect(s.model.rows('t03')).toEqual([]);
    expect(Object.keys(s.model.content.cells).every((k) => k.startsWith('t01!'))).toBe(true);

    s.apply(app.ctx.drafts.applyBatch(draft.id, [{ table: 't03', row: '2010306', col: 'basic', value: '300' }]));
    const whole = await app.dispatch('drafts/open', { draftId: draft.id });
    if (!whole.ok) throw new Error(whole.error.message);
    s.fill(whole.value as OpenedDraft);
    expect(s.part).toBeNull();
    expect(displayText(s.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('300.00');
    expectSameAsMain(s, app.ctx.drafts.getModel(draft.id));
  });

  it('applies a change: entered cell, its sums and tables 1 and 4 as main computed them, and only those rows are touched', () => {
    const { app, draft } = mainApp();
    const s = new DraftSession(hebei, app.ctx.drafts.openDraft(draft.id));
    expect(displayText(s.model, table('t03'), '2010306', col('t03', 'total'))).toBe('409.30');
    s.apply(app.ctx.drafts.applyBatch(draft.id, [{ table: 't03', row: '2010306', col: 'basic', value: '300' }]));
    expect(displayText(s.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('300.00');
    expect(displayText(s.model, table('t03'), '201', col('t03', 'basic'))).toBe('300.00');
    expect(displayText(s.model, table('t01'), 'c201', col('t01', 'outAmount'))).toBe('367.50');
    expect(s.lastTouched).toContain('t03!2010306!basic');
    expect(s.lastTouched).toContain('t01!c201!outAmount');
    expect(s.lastTouched).not.toContain('t02!2010306!fiscal');
    expect(s.canUndo).toBe(true);
  });

  it('applies a change that adds rows in two tables with their cells, computing nothing itself', () => {
    const { app, draft } = mainApp();
    const s = new DraftSession(hebei, app.ctx.drafts.openDraft(draft.id));
    const before = s.model.value('t03', '2010306', 'project') ?? 0;
    const computing = [vi.spyOn(DraftModel.prototype, 'rebuild'), vi.spyOn(DraftModel.prototype, 'apply'), vi.spyOn(DraftModel.prototype, 'applyWithRows')];
    const result = app.ctx.drafts.addRowsWithCells(
      draft.id,
      [{ table: 'projects' }, { table: 'indicators', parentAddition: 0 }],
      [
        { table: 'projects', addition: 0, col: 'name', value: '新项目' },
        { table: 'projects', addition: 0, col: 'functionCode', value: '2010306' },
        { table: 'projects', addition: 0, col: 'fund', value: '一般公共预算' },
        { table: 'projects', addition: 0, col: 'fiscal', value: '5' },
      ],
      '添加项目',
    );
    const mainCalls = computing.map((spy) => spy.mock.calls.length);
    s.apply(result);
    expect(computing.map((spy) => spy.mock.calls.length)).toEqual(mainCalls); // the window's apply computed nothing
    computing.forEach((spy) => spy.mockRestore());
    expect(s.model.rows('projects')).toContain(result.rowIds[0]);
    expect(s.model.rows('indicators')).toContain(result.rowIds[1]);
    expect(s.model.value('t03', '2010306', 'project')).toBe(before + 5_000_000); // 项目支出 follows the new project
    expect(s.lastTouched).toBeNull(); // rows changed: the grid redraws every row
    expectSameAsMain(s, app.ctx.drafts.getModel(draft.id));
  });

  it('shows the figures main sends and never computes a derived figure itself', () => {
    const s = seedSession();
    const total = s.model.value('t03', 'total', 'basic');
    const entered = s.model.value('t03', '2010306', 'basic');
    // Entered text without main's computed delta changes no figure, not even its own …
    s.apply(change({ cells: { 't03!2010306!basic': '1' } }));
    expect(s.model.text('t03', '2010306', 'basic')).toBe('1');
    expect(s.model.value('t03', '2010306', 'basic')).toBe(entered);
    expect(s.model.value('t03', 'total', 'basic')).toBe(total);
    // … and a computed figure is whatever main says it is.
    s.apply(change({ computed: { shown: {}, values: { 't03!total!basic': 42_000_000, 't03!20103!basic': null } } }));
    expect(s.model.value('t03', 'total', 'basic')).toBe(42_000_000);
    expect(s.model.value('t03', '20103', 'basic')).toBeNull();
    expect(s.lastTouched).toEqual(new Set(['t03!total!basic', 't03!20103!basic']));
  });

  it('equals main’s computed view after a sequence of edits, row additions and removals, undo and redo', () => {
    const { app, draft } = mainApp();
    const drafts = app.ctx.drafts;
    const s = new DraftSession(hebei, drafts.openDraft(draft.id));
    const project = drafts.addRow(draft.id, 'projects');
    s.apply(project);
    const steps: Array<() => ChangeResult> = [
      () => drafts.applyBatch(draft.id, [{ table: 't03', row: '2010306', col: 'basic', value: '123.45' }]),
      () => drafts.addRow(draft.id, 't03', '2130101'),
      () => drafts.applyBatch(draft.id, [{ table: 't03', row: '2130101', col: 'basic', value: '5' }, { table: 't02', row: '2010306', col: 'fiscal', value: '77' }]),
      () => drafts.applyBatch(draft.id, [{ table: 'projects', row: project.rowId, col: 'functionCode', value: '2130101' }, { table: 'projects', row: project.rowId, col: 'fiscal', value: '9' }]),
      () => drafts.applyBatch(draft.id, [{ table: 'projects', row: project.rowId, col: 'fund', value: '政府性基金预算' }]),
      () => drafts.undo(draft.id),
      () => drafts.redo(draft.id),
      () => drafts.removeRows(draft.id, 'projects', [project.rowId]),
      () => drafts.undo(draft.id),
      () => drafts.applyBatch(draft.id, [{ table: 't03', row: '2130101', col: 'basic', value: '' }]),
      () => drafts.removeRows(draft.id, 't03', ['2130101']),
    ];
    for (const step of steps) {
      s.apply(step());
      expectSameAsMain(s, drafts.getModel(draft.id));
    }
    // The project still names 2130101: the row stays, summed from the project.
    expect(s.model.value('t03', '2130101', 'project')).toBe(9_000_000);
  });

  it('shows main’s preview of an edit at once; the commit’s answer confirms it or takes its place, a failure takes it back', () => {
    const { app, draft } = mainApp();
    const drafts = app.ctx.drafts;
    const s = new DraftSession(hebei, drafts.openDraft(draft.id));
    s.setFindings(drafts.getFindings(draft.id));
    const findingIds = () => s.findings().map((f) => f.id).sort();
    const shown = () => [JSON.stringify(s.model.content), JSON.stringify([...s.model.figures()]), findingIds(), s.canUndo];
    const total = () => displayText(s.model, table('t03'), '2010306', col('t03', 'total'));
    const edit = { table: 't03', row: '2010306', col: 'basic', value: '99999' };
    const asMain = () => {
      expectSameAsMain(s, drafts.getModel(draft.id));
      expect(findingIds()).toEqual(drafts.getFindings(draft.id).map((f) => f.id).sort());
      expect(s.meta).toEqual(drafts.getMeta(draft.id));
    };

    // Confirmed: shown before the answer (after `before`, the move); the answer then touches nothing.
    const was = findingIds();
    let moved = false;
    expect(s.applyAhead(drafts.preview(draft.id, [edit])!, () => (moved = true))).toBe(true);
    expect(moved).toBe(true);
    expect(total()).toBe('100,066.50');
    expect(findingIds()).not.toEqual(was);
    s.apply(drafts.applyBatch(draft.id, [edit]));
    expect(s.lastTouched).toEqual(new Set());
    asMain();

    // The commit failed: the draft shows as it was.
    const before = shown();
    expect(s.applyAhead(drafts.preview(draft.id, [{ ...edit, value: '5' }])!, () => {})).toBe(true);
    expect(shown()).not.toEqual(before);
    s.dropAhead();
    expect(shown()).toEqual(before);

    // Main answered another outcome than the preview's (the draft moved on meanwhile): it takes its place.
    expect(s.applyAhead(drafts.preview(draft.id, [{ ...edit, value: '7' }])!, () => {})).toBe(true);
    s.apply(drafts.applyBatch(draft.id, [{ ...edit, col: 'operating', value: '8' }]));
    expect(s.lastTouched).toBeNull();
    asMain();

    // Not shown ahead while another change is on its way, or from a preview of another revision.
    const preview = drafts.preview(draft.id, [{ ...edit, value: '9' }])!;
    s.sent();
    expect(s.applyAhead(preview, () => (moved = false))).toBe(false);
    s.answered();
    expect(s.applyAhead({ ...preview, meta: { ...preview.meta, revision: preview.meta.revision - 1 } }, () => (moved = false))).toBe(false);
    expect(moved).toBe(true);
    asMain();
  });

  it('opens before its findings: checking until the list arrives, or the reason it could not', () => {
    const s = seedSession();
    expect(s.findingsState).toBe('checking');
    s.setFindings([]);
    expect(s.findingsState).toBe('ready');
    const failed = seedSession();
    failed.setFindingsError('数据库尚未打开');
    expect(failed.findingsState).toEqual({ error: '数据库尚未打开' });
  });

  it('keeps findings from deltas and marks their cells by worst severity', () => {
    const s = seedSession();
    const a = finding('a', 'warning', [{ table: 't02', row: '2010306', col: 'total' }]);
    const b = finding('b', 'error', [{ table: 't02', row: '2010306', col: 'total' }, { table: 't03', row: '2010306', col: 'total' }]);
    s.apply(change({ findings: { added: [a, b], resolved: [] } }));
    expect(s.severityAt('t02!2010306!total')).toBe('error');
    expect(s.severityAt('t03!2010306!total')).toBe('error');
    expect(s.findings().map((f) => f.id)).toEqual(['b', 'a']);
    s.apply(change({ findings: { added: [], resolved: ['b'] } }));
    expect(s.severityAt('t02!2010306!total')).toBe('warning');
    expect(s.severityAt('t03!2010306!total')).toBeUndefined();
    // The cells of a resolved finding are touched, so the grid clears their marks.
    expect(s.lastTouched).toContain('t03!2010306!total');
  });

  it('new row lists come with their shown rows: a 项 code brings its 类 and 款', () => {
    const { app, draft } = mainApp();
    const s = new DraftSession(hebei, app.ctx.drafts.openDraft(draft.id));
    s.apply(app.ctx.drafts.addRow(draft.id, 't03', '2130101'));
    expect(s.model.rows('t03')).toEqual(expect.arrayContaining(['213', '21301', '2130101']));
    expect(s.lastTouched).toBeNull();
    expect(s.rowsVersion).toBe(1);
    s.apply(app.ctx.drafts.applyBatch(draft.id, [{ table: 't03', row: '2130101', col: 'basic', value: '5' }]));
    expect(displayText(s.model, table('t03'), '213', col('t03', 'total'))).toBe('5.00');
  });
});

describe('cells of the standard layout', () => {
  const s = seedSession();
  it('says why a cell cannot be typed into', () => {
    expect(readOnlyReason(s.model, table('t03'), '2010306', 'basic')).toBeNull();
    expect(readOnlyReason(s.model, table('t03'), '2010306', 'total')).toContain('公式');
    expect(readOnlyReason(s.model, table('t03'), '20103', 'basic')).toContain('下级科目汇总');
    expect(readOnlyReason(s.model, table('t03'), 'total', 'basic')).toContain('合计行');
    expect(readOnlyReason(s.model, table('t03'), '2010306', 'code')).toContain('添加科目');
    expect(readOnlyReason(s.model, table('t01'), 'c201', 'inAmount')).toContain('公式');
    // Table 4: the opening balances are entered; rows without an income label take nothing.
    expect(readOnlyReason(s.model, table('t04'), 'balGeneral', 'inAmount')).toBeNull();
    expect(readOnlyReason(s.model, table('t04'), 'c204', 'inAmount')).not.toBeNull();
  });

  it('shows money in 万元 with separators, derived zero blank, exact text for editing', () => {
    const { app, draft } = mainApp();
    const s2 = new DraftSession(hebei, app.ctx.drafts.openDraft(draft.id));
    s2.apply(app.ctx.drafts.applyBatch(draft.id, [{ table: 't03', row: '2010306', col: 'basic', value: '1234567.891' }]));
    expect(displayText(s2.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('1,234,567.89');
    // Typed money is stored as the edit policy rounds it (two decimals): what is stored is what is shown.
    expect(rawText(s2.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('1234567.89');
    // A figure brought in whole keeps its exact text for editing.
    s2.apply(app.ctx.drafts.importPrior(draft.id, { rows: {}, cells: {} }, [{ table: 't03', row: '2010306', col: 'basic', value: '1234567.891' }]));
    expect(rawText(s2.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('1234567.891');
    expect(displayText(s2.model, table('t01'), 'c202', col('t01', 'outAmount'))).toBe('');
    expect(displayText(s2.model, table('t03'), 'total', col('t03', 'name'))).toBe('合计');
    expect(displayText(s2.model, table('t09'), 'abroadResearch', col('t09', 'item'))).toBe('其中：教学科研人员因公出国（境）费');
  });

  it('knows which rows hold figures', () => {
    expect(rowHasFigures(s.model, table('t03'), '2082702')).toBe(true);
    expect(rowHasFigures(s.model, table('t03'), '20827')).toBe(true);
  });
});
