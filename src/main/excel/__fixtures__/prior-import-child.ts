/**
 * Child process of the prior-year import kill test: imports last year's workbook into a draft
 * over and over through the app's own API, alternating two workbooks, and prints
 * "commit <n> <file>" before each commit and "ack <n> <file>" after it. The test kills it
 * with SIGKILL, often in the middle of a commit.
 * argv: dataDir, workbook A, workbook B.
 */
import type { Result } from '../../../shared/api/common';
import type { ImportPlan } from '../../../shared/api/excel';
import { getSeed } from '../../../../seeds';
import { createApp } from '../../app';

const [dataDir, a, b] = process.argv.slice(2);
const app = createApp({ dataDir, backupIntervalMs: 60 * 60_000 });
const drafts = app.ctx.drafts;
const seed = getSeed('juluxian-2024');
const draft = drafts.listDrafts()[0] ?? drafts.createDraft({ ...seed.meta, year: 2025 }, seed.content);

async function call<T>(method: string, args: unknown): Promise<T> {
  const r = (await app.dispatch(method, args)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const file = i % 2 === 0 ? a : b;
  const plan = await call<ImportPlan>('excel/importPreview', { path: file, templateId: draft.templateId });
  process.stdout.write(`commit ${i} ${file}\n`);
  await call('excel/importCommit', { previewId: plan.previewId, as: 'prior', draftId: draft.id });
  process.stdout.write(`ack ${i} ${file}\n`);
}
