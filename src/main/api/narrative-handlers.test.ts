import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectCopyResult } from '../../shared/api/narrative';
import type { ChangeResult } from '../../shared/api/store';
import type { NarrativeSection } from '../../shared/narrative/draft';
import { removeDir, seedDraft, tempApp } from '../test-support/temp-app';

const apps: Array<ReturnType<typeof tempApp>> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.close();
    removeDir(app.dataDir);
  }
});

function setup() {
  const app = tempApp();
  apps.push(app);
  const lastYear = seedDraft(app);
  const thisYear = app.ctx.drafts.createDraft({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'hebei-2024' });
  return { app, lastYear, thisYear };
}

async function ok<T>(app: ReturnType<typeof tempApp>, method: string, args: unknown): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('narrative and project methods over a real SQLite store', () => {
  it('narrative/draft gives the eleven sections as printed', async () => {
    const { app, lastYear } = setup();
    const sections = await ok<NarrativeSection[]>(app, 'narrative/draft', { draftId: lastYear.id });
    expect(sections).toHaveLength(11);
    expect(sections.find((s) => s.id === 's03')!.text).toContain('机关运行经费共计安排46.80万元');
    const { source } = await ok<{ source: string }>(app, 'narrative/editableSource', { draftId: lastYear.id, sectionId: 's03' });
    expect(source).toContain('{{py!operating!current}}');
    const bad = await app.dispatch('narrative/editableSource', { draftId: lastYear.id, sectionId: 's99' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('copies projects with every indicator from last year’s draft, feeding 项目支出; survives reopening', async () => {
    const { app, lastYear, thisYear } = setup();
    const list = await ok<Array<{ row: string; name: string; indicatorCount: number }>>(app, 'projects/list', { draftId: lastYear.id });
    expect(list.map((p) => [p.name, p.indicatorCount])[0]).toEqual(['工作经费', 7]);
    const result = await ok<ProjectCopyResult>(app, 'projects/copyFromDraft', { draftId: thisYear.id, fromDraftId: lastYear.id, projectIds: ['p1', 'p7'] });
    expect(result.added.map((a) => a.from)).toEqual(['p1', 'p7']);
    expect(result.rejected).toEqual([]);
    const snap = app.ctx.drafts.getSnapshot(thisYear.id);
    const [r1, r7] = result.added.map((a) => a.row);
    expect(snap.content.cells[`projects!${r1}!name`]).toBe('工作经费');
    expect(snap.content.cells[`projects!${r7}!code`]).toBe('13052924P00584011784Q');
    const indicators = snap.content.rows.indicators.filter((r) => snap.content.cells[`indicators!${r}!project`] === r1);
    expect(indicators.map((r) => snap.content.cells[`indicators!${r}!value`])).toEqual(['≥12 个月', '≤5%', '≥95%', '≥20 万元', '≥95%', '≥95%', '≥96%']);
    const model = app.ctx.drafts.getModel(thisYear.id);
    expect(model.value('t03', '2010306', 'project')).toBe(25_000_000);
    expect(model.value('t05', 'total', 'project')).toBe(25_000_000);

    // The copy is one step: one undo takes every project, indicator and figure back.
    await ok<ChangeResult>(app, 'history/undo', { draftId: thisYear.id });
    const undone = app.ctx.drafts.getSnapshot(thisYear.id).content;
    expect([undone.rows.projects ?? [], undone.rows.indicators ?? []]).toEqual([[], []]);
    expect(app.ctx.drafts.getModel(thisYear.id).value('t05', 'total', 'project')).toBeNull();
    await ok<ChangeResult>(app, 'history/redo', { draftId: thisYear.id });
    expect(app.ctx.drafts.getModel(thisYear.id).value('t05', 'total', 'project')).toBe(25_000_000);

    // Copying the same project again is refused, not doubled.
    const again = await app.dispatch('projects/copyFromDraft', { draftId: thisYear.id, fromDraftId: lastYear.id, projectIds: ['p1'] });
    expect(again).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('已在本草稿中') } });

    const reopened = app.reopen();
    try {
      const content = reopened.ctx.drafts.getSnapshot(thisYear.id).content;
      expect(content.rows.projects).toHaveLength(2);
      expect(content.rows.indicators).toHaveLength(14);
    } finally {
      await reopened.close();
    }
  });

  it('a hand-written section with a wrong figure is a finding as soon as it is saved, and resolves when cleared', async () => {
    const { app, lastYear } = setup();
    const wrong = await ok<ChangeResult>(app, 'cells/set', { draftId: lastYear.id, edits: [{ table: 'narrative', row: 's03', col: 'text', value: '机关运行经费共计安排 45.37万元。' }] });
    expect(wrong.findings.added.map((f) => f.id)).toEqual(['r15-text-operating@text']);
    const cleared = await ok<ChangeResult>(app, 'cells/set', { draftId: lastYear.id, edits: [{ table: 'narrative', row: 's03', col: 'text', value: '' }] });
    expect(cleared.findings.resolved).toEqual(['r15-text-operating@text']);
  });

  it('refuses bad arguments with a Chinese message', async () => {
    const { app, lastYear } = setup();
    const r = await app.dispatch('projects/copyFromDraft', { draftId: lastYear.id, fromDraftId: lastYear.id, projectIds: ['p1'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('另一份草稿') } });
    const r2 = await app.dispatch('projects/copyFromDraft', { draftId: lastYear.id });
    expect(r2).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
