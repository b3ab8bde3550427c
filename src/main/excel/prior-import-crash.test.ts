import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import type { Result } from '../../shared/api/common';
import type { ImportPlan } from '../../shared/api/excel';
import type { DraftContent } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { createApp, type App } from '../app';
import { removeDir, tempDir } from '../test-support/temp-app';
import { exportWorkbook } from './export';

/**
 * A prior-year import is all or nothing: a child process imports last year's workbook into a
 * draft again and again (two workbooks in turn) and is killed with SIGKILL mid-commit; after
 * each kill the draft holds one workbook's prior-year layer and 上年预算数 together, or
 * nothing imported yet, never half of one and half of the other.
 */

const CHILD = join(import.meta.dirname, '__fixtures__', 'prior-import-child.ts');
const RUNS = 8;
const dictionaries = loadShippedDictionaries();
let dir: string;
let workbooks: [string, string];

/** What a draft holds of an import: its prior-year layer and its 上年预算数 cells. */
interface PriorState {
  prior: DraftContent | null;
  lastYear: Record<string, string>;
}

function stateOf(app: App, keys: Set<string>): PriorState {
  const [draft] = app.ctx.drafts.listDrafts();
  const cells = app.ctx.drafts.getModel(draft.id).content.cells;
  return {
    prior: app.ctx.drafts.getPriorContent(draft.id),
    lastYear: Object.fromEntries(Object.entries(cells).filter(([k]) => keys.has(k))),
  };
}

/** A state as text with its keys in order, to compare states read in any order. */
function canonical(state: PriorState): string {
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const prior = state.prior && { rows: sorted(state.prior.rows), cells: sorted(state.prior.cells) };
  return JSON.stringify({ prior, lastYear: sorted(state.lastYear) });
}

beforeAll(async () => {
  dir = tempDir('bd-prior-kill-');
  const seed = getSeed('juluxian-2024');
  const template = getTemplate(seed.meta.templateId ?? 'hebei-2024');
  // Workbook B: last year's budget with other figures (every entered amount of 表5 doubled).
  const changed = { ...seed.content, cells: { ...seed.content.cells } };
  for (const [key, value] of Object.entries(changed.cells)) if (key.startsWith('t05!') && /^\d+(\.\d+)?$/.test(value)) changed.cells[key] = String(Number(value) * 2);
  workbooks = [join(dir, 'a.xlsx'), join(dir, 'b.xlsx')];
  await exportWorkbook(new DraftModel(template, seed.content), seed.meta, workbooks[0], { dictionaries });
  await exportWorkbook(new DraftModel(template, changed), seed.meta, workbooks[1], { dictionaries });
});
afterAll(() => removeDir(dir));

/** Run the child and SIGKILL it `delayMs` after it starts its `commits`-th commit. */
function runAndKill(dataDir: string, commits: number, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, ...workbooks], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let seen = 0;
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      out += text;
      for (const _ of text.matchAll(/^commit /gm)) if (++seen === commits) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child exited on its own: ${err}`))));
  });
}

async function importInto(app: App, file: string): Promise<ImportPlan> {
  const [draft] = app.ctx.drafts.listDrafts();
  const plan = (await app.dispatch('excel/importPreview', { path: file, templateId: draft.templateId })) as Result<ImportPlan>;
  if (!plan.ok) throw new Error(plan.error.message);
  const done = (await app.dispatch('excel/importCommit', { previewId: plan.value.previewId, as: 'prior', draftId: draft.id })) as Result<unknown>;
  if (!done.ok) throw new Error(done.error.message);
  return plan.value;
}

describe('prior-year import under SIGKILL', () => {
  it(`is all or nothing over ${RUNS} runs killed mid-commit`, async () => {
    // The states a clean import of A, then of B, leaves (the child's draft, made the same way).
    const refDir = tempDir('bd-prior-ref-');
    const reference: Record<string, string> = {};
    let keys = new Set<string>();
    try {
      const app = createApp({ dataDir: refDir });
      const seed = getSeed('juluxian-2024');
      app.ctx.drafts.createDraft({ ...seed.meta, year: 2025 }, seed.content);
      const [draft] = app.ctx.drafts.listDrafts();
      const before = { prior: app.ctx.drafts.getPriorContent(draft.id), cells: { ...app.ctx.drafts.getModel(draft.id).content.cells } };
      const planA = await importInto(app, workbooks[0]);
      const planB = await importInto(app, workbooks[1]);
      keys = new Set([...Object.keys(planA.prior), ...Object.keys(planB.prior)]);
      expect(keys.size).toBeGreaterThan(5);
      // Before any import: no prior-year layer, the 上年预算数 the seed states itself.
      reference.none = canonical({ prior: before.prior, lastYear: Object.fromEntries(Object.entries(before.cells).filter(([k]) => keys.has(k))) });
      await importInto(app, workbooks[0]);
      reference.a = canonical(stateOf(app, keys));
      await importInto(app, workbooks[1]);
      reference.b = canonical(stateOf(app, keys));
      await app.close();
    } finally {
      removeDir(refDir);
    }
    const parse = (s: string) => JSON.parse(s) as PriorState;
    expect(parse(reference.a).prior).not.toEqual(parse(reference.b).prior);
    expect(parse(reference.a).lastYear).not.toEqual(parse(reference.b).lastYear);

    const dataDir = tempDir('bd-prior-kill-data-');
    const seen = new Set<string>();
    try {
      for (let run = 0; run < RUNS; run++) {
        await runAndKill(dataDir, 1 + (run % 2), Math.floor(Math.random() * 60));
        const app = createApp({ dataDir });
        const state = canonical(stateOf(app, keys));
        await app.close();
        const which = Object.entries(reference).find(([, ref]) => ref === state)?.[0];
        const part = (field: keyof PriorState) => Object.entries(reference).find(([, ref]) => JSON.stringify(JSON.parse(ref)[field]) === JSON.stringify(JSON.parse(state)[field]))?.[0] ?? 'neither';
        expect(which, `run ${run}: prior-year layer of ${part('prior')}, 上年预算数 of ${part('lastYear')}`).toBeDefined();
        seen.add(which!);
      }
    } finally {
      removeDir(dataDir);
    }
    // Kills landed on both sides of a commit.
    expect(seen.size).toBeGreaterThan(1);
  }, 300_000);
});
