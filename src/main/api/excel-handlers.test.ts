import ExcelJS from 'exceljs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../shared/api/excel';
import type { Result } from '../../shared/api/common';
import { TOTAL_ROW, type DraftMeta } from '../../shared/draft';
import { draftNarrative } from '../../shared/narrative/draft';
import { shanghaiBudget } from '../excel/__fixtures__/shanghai-budget';
import { removeDir, seedDraft, tempApp, tempDir } from '../test-support/temp-app';

/** The Excel API over a real SQLite store: export, preview, commit as a new draft or as last year's figures. */

let app: ReturnType<typeof tempApp>;
let files: string;

beforeEach(() => {
  app = tempApp();
  files = tempDir('bd-excel-api-');
});
afterEach(async () => {
  await app.close();
  removeDir(app.dataDir);
  removeDir(files);
});

async function call<T>(method: string, args: unknown): Promise<T> {
  const r = (await app.dispatch(method, args)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function exportSeed(): Promise<{ draft: DraftMeta; file: string }> {
  const draft = seedDraft(app);
  const file = join(files, 'seed.xlsx');
  const out = await call<{ path: string; sheets: string[] }>('excel/export', { draftId: draft.id, path: file });
  expect(out.sheets).toHaveLength(21);
  expect(existsSync(file)).toBe(true);
  return { draft, file };
}

describe('excel API', () => {
  it('export, preview, commit as a new draft: every figure of the source draft', async () => {
    const { draft, file } = await exportSeed();
    const plan = await call<ImportPlan>('excel/importPreview', { path: file });
    expect(plan.findings).toEqual([]);
    expect(plan.year).toBe(2024);
    const { meta } = await call<{ meta: DraftMeta; cells: number }>('excel/importCommit', { previewId: plan.previewId, as: 'new', year: 2024 });
    expect(meta.unitName).toBe('巨鹿县行政审批局');
    const a = app.ctx.drafts.getModel(draft.id);
    const b = app.ctx.drafts.getModel(meta.id);
    for (const key of a.numericKeys()) if (!key.startsWith('py!')) expect(b.valueByKey(key), key).toBe(a.valueByKey(key));
    // The 情况说明 reads as it did: the clerk's own words kept, the rest drafted again from the figures.
    const textOf = (m: typeof a) => draftNarrative(m, m.template).map((s) => s.text);
    expect(textOf(b)).toEqual(textOf(a));
    // A preview is used once.
    const again = await app.dispatch('excel/importCommit', { previewId: plan.previewId, as: 'new' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('a new draft of the next year from last year\'s workbook (提取上年数): figures, prior layer and 上年预算数 at once', async () => {
    const { file } = await exportSeed();
    const plan = await call<ImportPlan>('excel/importPreview', { path: file });
    const { meta } = await call<{ meta: DraftMeta }>('excel/importCommit', { previewId: plan.previewId, as: 'new', year: 2025 });
    expect(meta.year).toBe(2025);
    const model = app.ctx.drafts.getModel(meta.id);
    expect(model.value('t03', TOTAL_ROW, 'total')).toBe(525_800_000);
    expect(model.value('py', 'spendingTotal', 'prior')).toBe(525_800_000);
    expect(model.value('py', 'spendingTotal', 'change')).toBe(0);
    expect(app.ctx.drafts.getPriorContent(meta.id)?.cells['t06!30201!public']).toBe('10.42');
  });

  it('commit as last year: the prior layer and 上年预算数, then 增减额 and 增减率 computed exactly', async () => {
    const { file } = await exportSeed();
    const next = app.ctx.drafts.createDraft({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'hebei-2024' });
    app.ctx.drafts.addRow(next.id, 't06', '30201');
    app.ctx.drafts.applyBatch(next.id, [{ table: 't06', row: '30201', col: 'public', value: '12' }]);
    const plan = await call<ImportPlan>('excel/importPreview', { path: file });
    await call('excel/importCommit', { previewId: plan.previewId, as: 'prior', draftId: next.id });
    expect(app.ctx.drafts.getPriorContent(next.id)?.cells['t02!2010306!fiscal']).toBe('409.3');
    const model = app.ctx.drafts.getModel(next.id);
    expect(model.value('py', 'public', 'prior')).toBe(46_800_000);
    expect(model.value('py', 'public', 'current')).toBe(12_000_000);
    expect(model.value('py', 'public', 'change')).toBe(-34_800_000);
    // −34.8 / 46.8 = −74.358974…% → −74.36
    expect(model.value('py', 'public', 'rate')).toBe(-74_360_000);
  });

  it('last year\'s 单位 workbook as the prior of a 部门 draft of the same region: taken by the figures\' names; a preview read for another template is refused', async () => {
    const unit = app.ctx.drafts.createDraft({ unitCode: '001', unitName: '某局本级', year: 2025, templateId: 'shanghai-2026-unit' }, shanghaiBudget('unit'));
    const file = join(files, 'unit-2025.xlsx');
    await call('excel/export', { draftId: unit.id, path: file });
    const department = app.ctx.drafts.createDraft({ unitCode: '001', unitName: '某局', year: 2026, templateId: 'shanghai-2026-department' });
    const asRead = await call<ImportPlan>('excel/importPreview', { path: file });
    expect(asRead.templateId).toBe('shanghai-2026-unit');
    const wrong = (await app.dispatch('excel/importCommit', { previewId: asRead.previewId, as: 'prior', draftId: department.id })) as Result<unknown>;
    expect(!wrong.ok && wrong.error.message).toBe('工作簿是为另一种报表模板读取的，请在本稿中重新读取');
    const plan = await call<ImportPlan>('excel/importPreview', { path: file, templateId: 'shanghai-2026-department' });
    expect(plan.targetTemplateId).toBe('shanghai-2026-department');
    await call('excel/importCommit', { previewId: plan.previewId, as: 'prior', draftId: department.id });
    const lastYear = app.ctx.drafts.getModel(unit.id);
    const model = app.ctx.drafts.getModel(department.id);
    for (const figure of ['spendingTotal', 'basic', 'project']) {
      const figureLastYear = lastYear.value('priorYear', figure, 'current');
      expect(figureLastYear, figure).toBeGreaterThan(0);
      expect(model.value('priorYear', figure, 'prior'), figure).toBe(figureLastYear);
    }
  });

  it('a workbook with no figure to take (only table 1, which the app computes) leaves last year\'s figures as they were', async () => {
    const { file } = await exportSeed();
    const next = app.ctx.drafts.createDraft({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2025, templateId: 'hebei-2024' });
    const first = await call<ImportPlan>('excel/importPreview', { path: file });
    await call('excel/importCommit', { previewId: first.previewId, as: 'prior', draftId: next.id });
    const before = app.ctx.drafts.getPriorContent(next.id);
    expect(Object.keys(before?.cells ?? {}).length).toBeGreaterThan(100);
    // The same workbook with its table 1 only.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const ws of [...wb.worksheets].slice(1)) wb.removeWorksheet(ws.id);
    const onlyTable1 = join(files, 'table1.xlsx');
    await wb.xlsx.writeFile(onlyTable1);
    const plan = await call<ImportPlan>('excel/importPreview', { path: onlyTable1 });
    const r = await app.dispatch('excel/importCommit', { previewId: plan.previewId, as: 'prior', draftId: next.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    expect(!r.ok && r.error.message).toContain('本稿的上年数未改动');
    expect(app.ctx.drafts.getPriorContent(next.id)).toEqual(before);
  });

  it('every kind of bad file: a clear bad-file error, the draft untouched', async () => {
    const { draft, file } = await exportSeed();
    const before = app.ctx.drafts.getSnapshot(draft.id);
    const bytes = readFileSync(file);
    const cfb = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1024);
    // The seed's workbook with one entered figure (and its copies in derived tables) turned
    // into a formula without a saved result: the figure is missing, the file is refused.
    const formula = new ExcelJS.Workbook();
    await formula.xlsx.readFile(file);
    formula.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === 409.3) cell.value = { formula: '400+9.3' } as ExcelJS.CellFormulaValue;
        }),
      ),
    );
    await formula.xlsx.writeFile(join(files, 'formula.xlsx'));
    const nothing = new ExcelJS.Workbook();
    nothing.addWorksheet('Sheet1').getCell('A1').value = '会议签到表';
    await nothing.xlsx.writeFile(join(files, 'nothing.xlsx'));
    const bad: Array<[string, Buffer | null, RegExp]> = [
      ['text.xlsx', Buffer.from('会议纪要：请各科室于周五前报送预算。\n'), /不是 Excel 工作簿/],
      ['zip.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'), /损坏/],
      ['truncated.xlsx', bytes.subarray(0, bytes.length >> 1), /损坏/],
      ['locked.xlsx', cfb, /加密/],
      ['formula.xlsx', null, /公式/],
      ['nothing.xlsx', null, /没有识别出任何预算表/],
    ];
    for (const [name, content, message] of bad) {
      const path = join(files, name);
      if (content) writeFileSync(path, content);
      const r = await app.dispatch('excel/importPreview', { path });
      expect(r, name).toMatchObject({ ok: false, error: { code: 'bad-file' } });
      expect((r as { error: { message: string } }).error.message, name).toMatch(message);
    }
    const after = app.ctx.drafts.getSnapshot(draft.id);
    expect(after.meta.revision).toBe(before.meta.revision);
    expect(after.content).toEqual(before.content);
    expect(app.ctx.drafts.getPriorContent(draft.id)).toBeNull();
    expect(app.ctx.drafts.listDrafts()).toHaveLength(1);
  });

  it('export to a folder that does not exist: an io error, no file left behind', async () => {
    const draft = seedDraft(app);
    const r = await app.dispatch('excel/export', { draftId: draft.id, path: join(files, 'no', 'such', 'dir', 'x.xlsx') });
    expect(r).toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('export to an existing file: refused as a conflict with the old bytes untouched; replaced only when asked', async () => {
    const draft = seedDraft(app);
    const file = join(files, 'old.xlsx');
    writeFileSync(file, 'the old workbook');
    const r = await app.dispatch('excel/export', { draftId: draft.id, path: file });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: `文件已存在：${file}`, details: { exists: true, path: file } } });
    expect(readFileSync(file, 'utf8')).toBe('the old workbook');
    const replaced = await call<{ sheets: string[] }>('excel/export', { draftId: draft.id, path: file, replace: true });
    expect(replaced.sheets).toHaveLength(21);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(21);
    // No temporary file stays beside the target.
    expect(readdirSync(files)).toEqual(['old.xlsx']);
  });

  it('arguments are checked', async () => {
    expect(await app.dispatch('excel/export', { draftId: 'x', path: 'a.xlsx', replace: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await app.dispatch('excel/importCommit', { previewId: 'x', as: 'sideways' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await app.dispatch('excel/importPreview', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
