import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNTHETIC_PACK, syntheticDepartment, syntheticTables } from '../../seeds/synthetic';
import { createApp } from '../../src/main/app';
import { loadShippedDictionaries } from '../../src/main/dictionary';
import { fingerprintOf } from '../../src/main/review/fingerprint';
import { toDecimalString } from '../../src/shared/money';
import type { BenchLine } from '../bench';
import { timeAsync } from './util';

const T = syntheticTables();

/**
 * Review on the synthetic large department (≈ 60,000 entered cells): the fingerprint alone,
 * and the whole submit and sign-off through dispatch (findings check, version snapshot,
 * fingerprint, signature, status) with the store's full durability.
 */
export async function run(): Promise<BenchLine[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'budget-desk-bench-review-'));
  const app = createApp({ dataDir, backupIntervalMs: 60 * 60_000 });
  try {
    const content = syntheticDepartment(loadShippedDictionaries(), 875);
    const meta = app.ctx.drafts.createDraft({ unitCode: '999', unitName: '合成部门', year: 2025, templateId: SYNTHETIC_PACK }, content);
    const call = async (method: string, args: unknown) => {
      const r = await app.dispatch(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    };
    const model = app.ctx.drafts.getModel(meta.id);
    const snapshot = app.ctx.drafts.getSnapshot(meta.id);
    const fingerprint = await timeAsync(async () => fingerprintOf(meta, snapshot.content, model));
    // The synthetic department's table 6 does not add up to table 5's 基本支出: make it, so it can be submitted.
    const gap = (model.value(T.generalSpending, 'total', 'basic') ?? 0) - (model.value(T.basicEconomic, 'total', 'total') ?? 0);
    const leaf = (content.rows[T.basicEconomic] ?? []).find((c) => c.length === 5 && c.startsWith('301'));
    if (gap !== 0 && leaf) {
      const current = model.value(T.basicEconomic, leaf, 'personnel') ?? 0;
      app.ctx.drafts.applyBatch(meta.id, [{ table: T.basicEconomic, row: leaf, col: 'personnel', value: toDecimalString(current + gap) }]);
    }
    await call('accounts/create', { name: '编制人甲', role: 'clerk', password: 'bench-pass' });
    await call('accounts/create', { name: '审核人乙', role: 'supervisor', password: 'bench-pass' });
    await call('accounts/login', { name: '编制人甲', password: 'bench-pass' });
    // The synthetic 情况说明 keeps its placeholders (【请填写…】): write words there.
    const placeholders = app.ctx.drafts.getFindings(meta.id).filter((f) => f.severity === 'error' && f.table === 'narrative');
    const words = placeholders.flatMap((f) => f.cells).map((c) => ({ ...c, value: '基准测试用的说明文字。' }));
    if (words.length) app.ctx.drafts.applyBatch(meta.id, words);
    // Explain every warning of the synthetic data so that submission is not blocked by them.
    for (const f of app.ctx.drafts.getFindings(meta.id)) if (f.severity === 'warning') app.ctx.drafts.setExplanation(meta.id, f.id, '基准测试');
    const errors = app.ctx.drafts.getFindings(meta.id).filter((f) => f.severity === 'error').length;
    const lines: BenchLine[] = [
      { name: `fingerprint of ${Object.keys(content.cells).length} cells`, value: fingerprint.ms, unit: 'ms', target: { op: '<=', value: 1000 } },
    ];
    if (errors > 0) {
      lines.push({ name: 'submit not measured: errors left in the synthetic draft', value: errors, unit: 'count' });
      return lines;
    }
    const submit = await timeAsync(() => call('review/submit', { draftId: meta.id }));
    await call('accounts/login', { name: '审核人乙', password: 'bench-pass' });
    const sign = await timeAsync(() => call('review/sign', { draftId: meta.id, password: 'bench-pass' }));
    const diff = await timeAsync(() => call('versions/list', { draftId: meta.id }).then((v) => call('versions/diff', { draftId: meta.id, from: (v as Array<{ id: string }>)[0].id, to: 'current' })));
    lines.push(
      { name: 'submit (checks, version snapshot)', value: submit.ms, unit: 'ms', target: { op: '<=', value: 2000 } },
      { name: 'sign-off (scrypt, snapshot, fingerprint)', value: sign.ms, unit: 'ms', target: { op: '<=', value: 3000 } },
      { name: 'diff of two versions', value: diff.ms, unit: 'ms', target: { op: '<=', value: 1000 } },
    );
    return lines;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
