import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import type { DraftMeta } from '../../shared/draft';
import { toDecimalString } from '../../shared/money';
import { removeDir, seedDraft, tempApp } from '../test-support/temp-app';
import type { App } from '../app';

/**
 * A reason of 比上年增减 is stored by main with the change it explains, whichever way it
 * arrives (typed, pasted, imported with its workbook), so that it is flagged once the figures
 * move on (r16-text-stale-reason).
 */

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
const cells = (id: string) => drafts().getSnapshot(id).content.cells;
const stale = (id: string) => drafts().getFindings(id).filter((f) => f.ruleId === 'r16-text-stale-reason');
const change = (id: string, row: string) => toDecimalString(drafts().getModel(id).value('py', row, 'change') ?? 0);
/** A figure of 表6 (日常公用经费 30201) moves by 8.00. */
function growPublic(id: string) {
  const now = drafts().getModel(id).value('t06', '30201', 'public') ?? 0;
  drafts().applyBatch(id, [{ table: 't06', row: '30201', col: 'public', value: toDecimalString(now + 8_000_000) }]);
}
const publicReason = { table: 'py', row: 'public', col: 'reason', value: '办公费按新标准调整' };

describe('the basis of a 比上年增减 reason, recorded in main', () => {
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
