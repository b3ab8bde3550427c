import { describe, expect, it, vi } from 'vitest';
import type { ChangeResult, DraftSnapshot } from '../../../../shared/api';
import type { DraftMeta } from '../../../../shared/draft';
import type { Finding } from '../../../../shared/findings';
import { getTemplate } from '../../../../shared/regions';
import { getSeed } from '../../../../../seeds';
import { displayText, rawText, readOnlyReason, rowHasFigures } from './cells';
import { DraftSession } from './session';

const hebei = getTemplate('hebei-2024');
const table = (id: string) => hebei.tables.find((t) => t.id === id)!;
const col = (t: string, c: string) => table(t).columns.find((x) => x.id === c)!;
const meta: DraftMeta = { id: 'd1', unitCode: '435', unitName: '巨鹿县行政审批局', year: 2024, templateId: 'hebei-2024', status: 'editing', createdAt: '', updatedAt: '', revision: 1 };

function seedSession(): DraftSession {
  const snapshot: DraftSnapshot = { meta, content: getSeed('juluxian-2024').content, canUndo: false, canRedo: false };
  return new DraftSession(hebei, snapshot);
}

const finding = (id: string, severity: Finding['severity'], cells: Finding['cells']): Finding => ({ id, ruleId: id, severity, table: cells[0].table, cells, message: id });

function change(over: Partial<ChangeResult>): ChangeResult {
  return { meta: { ...meta, revision: 2 }, cells: {}, rows: {}, rejected: [], canUndo: true, canRedo: false, findings: { added: [], resolved: [] }, ...over };
}

describe('the window’s copy of a draft', () => {
  it('applies a change: entered cell, its sums and tables 1 and 4, and only those rows are touched', () => {
    const s = seedSession();
    expect(displayText(s.model, table('t03'), '2010306', col('t03', 'total'))).toBe('409.30');
    s.apply(change({ cells: { 't03!2010306!basic': '300' } }));
    expect(displayText(s.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('300.00');
    expect(displayText(s.model, table('t03'), '201', col('t03', 'basic'))).toBe('300.00');
    expect(displayText(s.model, table('t01'), 'c201', col('t01', 'outAmount'))).toBe('367.50');
    expect(s.lastTouched).toContain('t03!2010306!basic');
    expect(s.lastTouched).toContain('t01!c201!outAmount');
    expect(s.lastTouched).not.toContain('t02!2010306!fiscal');
    expect(s.canUndo).toBe(true);
  });

  it('applies a change that adds rows in two tables with their cells in one rebuild', () => {
    const s = seedSession();
    const before = s.model.value('t03', '2010306', 'project') ?? 0;
    const rebuilds = vi.spyOn(s.model, 'rebuild');
    const projects = [...(s.model.content.rows.projects ?? []), 'rnew'];
    const indicators = [...(s.model.content.rows.indicators ?? []), 'inew'];
    s.apply(
      change({
        rows: { projects, indicators },
        cells: { 'projects!rnew!name': '新项目', 'projects!rnew!functionCode': '2010306', 'projects!rnew!fund': '一般公共预算', 'projects!rnew!fiscal': '5', 'indicators!inew!project': 'rnew' },
      }),
    );
    expect(rebuilds).toHaveBeenCalledTimes(1);
    expect(s.model.rows('projects')).toContain('rnew');
    expect(s.model.rows('indicators')).toContain('inew');
    expect(s.model.value('t03', '2010306', 'project')).toBe(before + 5_000_000); // 项目支出 follows the new project
    expect(s.lastTouched).toBeNull(); // rows changed: the grid redraws every row
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

  it('keeps findings from deltas, marks their cells by worst severity, counts them per table', () => {
    const s = seedSession();
    const a = finding('a', 'warning', [{ table: 't02', row: '2010306', col: 'total' }]);
    const b = finding('b', 'error', [{ table: 't02', row: '2010306', col: 'total' }, { table: 't03', row: '2010306', col: 'total' }]);
    s.apply(change({ findings: { added: [a, b], resolved: [] } }));
    expect(s.severityAt('t02!2010306!total')).toBe('error');
    expect(s.severityAt('t03!2010306!total')).toBe('error');
    expect(s.findings().map((f) => f.id)).toEqual(['b', 'a']);
    expect(s.countsByTable().get('t02')).toEqual({ error: 1, warning: 1 });
    s.apply(change({ findings: { added: [], resolved: ['b'] } }));
    expect(s.severityAt('t02!2010306!total')).toBe('warning');
    expect(s.severityAt('t03!2010306!total')).toBeUndefined();
    // The cells of a resolved finding are touched, so the grid clears their marks.
    expect(s.lastTouched).toContain('t03!2010306!total');
  });

  it('new row lists rebuild the model: a 项 code brings its 类 and 款', () => {
    const s = seedSession();
    s.apply(change({ rows: { t03: [...s.model.content.rows.t03, '2130101'] }, cells: { 't03!2130101!basic': '5' } }));
    expect(s.model.rows('t03')).toEqual(expect.arrayContaining(['213', '21301', '2130101']));
    expect(displayText(s.model, table('t03'), '213', col('t03', 'total'))).toBe('5.00');
    expect(s.lastTouched).toBeNull();
    expect(s.rowsVersion).toBe(1);
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
    const s2 = seedSession();
    s2.apply(change({ cells: { 't03!2010306!basic': '1234567.891' } }));
    expect(displayText(s2.model, table('t03'), '2010306', col('t03', 'basic'))).toBe('1,234,567.89');
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
