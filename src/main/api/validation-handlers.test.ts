import { afterEach, describe, expect, it } from 'vitest';
import type { FindingsList, RuleInfo } from '../../shared/api/validation';
import type { ChangeResult } from '../../shared/api/store';
import type { Explanation } from '../../shared/findings';
import { removeDir, seedDraft, tempApp } from '../test-support/temp-app';

const apps: Array<ReturnType<typeof tempApp>> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.close();
    removeDir(app.dataDir);
  }
});

async function ok<T>(app: Pick<ReturnType<typeof tempApp>, 'dispatch'>, method: string, args: unknown): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('findings and explanations over a real SQLite store', () => {
  it('lists live findings, explains a warning (kept after reopening), refuses to explain an error', async () => {
    const app = tempApp();
    apps.push(app);
    const draft = seedDraft(app);
    const clean = await ok<FindingsList>(app, 'findings/list', { draftId: draft.id });
    expect(clean).toMatchObject({ findings: [], explanations: [], problems: { error: 0, warning: 0, followers: 0, explained: 0 } });

    // Warnings (rule 14: 三公 vehicle costs below 30231; rule 16: a change of 三公 needs a reason)
    // and an error (rule 11: table 5 against table 6).
    const change = await ok<ChangeResult>(app, 'cells/set', {
      draftId: draft.id,
      edits: [
        { table: 't09', row: 'vehicleRunning', col: 'general', value: '0.5' },
        { table: 't06', row: '30101', col: 'personnel', value: '296' },
      ],
    });
    expect(change.findings.added.map((f) => f.id).sort()).toEqual(['r11-t05-t06@t05!total!basic', 'r14-t09-t06@t06!30231!total', 'r16-text-reason@threeTotal']);
    const live = await ok<FindingsList>(app, 'findings/list', { draftId: draft.id });
    expect(live).toMatchObject({ problems: { error: 1, warning: 2, followers: 0, explained: 0 } });
    const full = await ok<FindingsList>(app, 'findings/full', { draftId: draft.id });
    expect(full.findings.map((f) => f.id).sort()).toEqual(live.findings.map((f) => f.id).sort());

    const warning = 'r14-t09-t06@t06!30231!total';
    const explained = await ok<{ explanation: Explanation; explanations: Explanation[] }>(app, 'findings/explain', {
      draftId: draft.id, findingId: warning, text: '  项目支出中安排公务用车运行维护费 1 万元。 ',
    });
    expect(explained.explanation).toMatchObject({ findingId: warning, text: '项目支出中安排公务用车运行维护费 1 万元。' });
    expect((await ok<FindingsList>(app, 'findings/list', { draftId: draft.id })).problems).toEqual({ error: 1, warning: 1, followers: 0, explained: 1 });

    const error = await app.dispatch('findings/explain', { draftId: draft.id, findingId: 'r11-t05-t06@t05!total!basic', text: '已核实' });
    expect(error).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('强制性错误不能通过说明放行') } });
    const gone = await app.dispatch('findings/explain', { draftId: draft.id, findingId: 'r14-t09-t06@t09!reception!general', text: '说明' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const badArgs = await app.dispatch('findings/explain', { draftId: draft.id, findingId: warning });
    expect(badArgs).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('text') } });

    await app.close();
    apps.pop();
    const again = app.reopen();
    apps.push({ ...again, dataDir: app.dataDir, reopen: app.reopen });
    const after = await ok<FindingsList>(again, 'findings/list', { draftId: draft.id });
    expect(after.explanations.map((e) => e.findingId)).toEqual([warning]);
    expect(after.problems).toMatchObject({ error: 1, warning: 1, explained: 1 });

    // Empty text removes the explanation.
    const removed = await ok<{ explanation: Explanation | null }>(again, 'findings/explain', { draftId: draft.id, findingId: warning, text: '' });
    expect(removed.explanation).toBeNull();
    expect((await ok<FindingsList>(again, 'findings/list', { draftId: draft.id })).problems).toMatchObject({ error: 1, warning: 2, explained: 0 });
  });

  it('gives the rule catalogue of a template', async () => {
    const app = tempApp();
    apps.push(app);
    const rules = await ok<RuleInfo[]>(app, 'findings/rules', { templateId: 'hebei-2024' });
    expect(rules.find((r) => r.id === 'r17-vehicles')).toMatchObject({
      group: 17,
      severity: 'warning',
      reads: [{ table: 't12', rows: 'vehicles', col: 'quantity' }, { table: 't09', rows: 'vehicleRunning', col: 'total' }],
    });
    expect(rules.find((r) => r.id === 'd-t06-rollup')!.reads).toEqual([
      { table: 't06', rows: '*', col: 'total' },
      { table: 't06', rows: '*', col: 'personnel' },
      { table: 't06', rows: '*', col: 'public' },
    ]);
    expect(new Set(rules.map((r) => r.group))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]));
    expect(await app.dispatch('findings/rules', { templateId: 'nowhere-1999' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
