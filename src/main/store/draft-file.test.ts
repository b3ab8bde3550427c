import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { removeDir, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import type { DraftMeta, DraftContent } from '../../shared/draft';
import { DRAFT_FILE_VERSION, readDraftFile, writeDraftFile } from './draft-file';

let here: App & { dataDir: string };
let there: App & { dataDir: string };
let draft: DraftMeta;
const files = tempDir();
beforeAll(() => {
  here = tempApp();
  there = tempApp();
  draft = seedDraft(here);
  here.ctx.drafts.applyBatch(draft.id, [{ table: 't03', row: '2010306', col: 'basic', value: '350.25' }]);
  here.ctx.drafts.setPriorContent(draft.id, { rows: { t03: ['2010306'] }, cells: { 't03!2010306!basic': '300' } });
  here.ctx.drafts.setExplanation(draft.id, 'r13:30108', '说明文字');
});
afterAll(async () => {
  await here.close();
  await there.close();
  for (const d of [here.dataDir, there.dataDir, files]) removeDir(d);
});

async function save(name: string): Promise<string> {
  const path = join(files, name);
  const r = await here.dispatch('draftFile/save', { draftId: draft.id, path });
  expect(r).toMatchObject({ ok: true });
  return path;
}

describe('draft file', () => {
  it('carries a draft to another machine: figures, rows, prior-year layer and explanations', async () => {
    const path = await save('a.budget.json');
    const opened = await there.dispatch('draftFile/open', { path });
    expect(opened.ok).toBe(true);
    const meta = (opened as { value: DraftMeta }).value;
    expect(meta).toMatchObject({ unitCode: '435', unitName: '巨鹿县行政审批局', year: 2024, templateId: 'hebei-2024' });
    const mine = here.ctx.drafts.getSnapshot(draft.id).content;
    const theirs = there.ctx.drafts.getSnapshot(meta.id).content;
    expect(theirs).toEqual(mine);
    expect(there.ctx.drafts.getPriorContent(meta.id)).toEqual<DraftContent>({ rows: { t03: ['2010306'] }, cells: { 't03!2010306!basic': '300' } });
    expect(there.ctx.drafts.listExplanations(meta.id)).toMatchObject([{ findingId: 'r13:30108', text: '说明文字' }]);
  });

  it('an existing file is not written over unless the call says replace', async () => {
    const path = join(files, 'existing.budget.json');
    writeFileSync(path, 'earlier file');
    const refused = await here.dispatch('draftFile/save', { draftId: draft.id, path });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('文件已存在'), details: { exists: true } } });
    expect(readFileSync(path, 'utf8')).toBe('earlier file');
    expect(await here.dispatch('draftFile/save', { draftId: draft.id, path, replace: true })).toMatchObject({ ok: true });
    expect(readDraftFile(path).content.cells['t03!2010306!basic']).toBe('350.25');
  });

  it('a file changed by hand or cut short is refused as damaged', async () => {
    const path = await save('b.budget.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"350.25"', '"950.25"'));
    expect(await there.dispatch('draftFile/open', { path })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const r = await there.dispatch('draftFile/open', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(!r.ok && r.error.message).toContain('损坏');
    // Our format name with its payload gone, or not an object: damaged, said in Chinese (not a crash).
    const file = JSON.parse(text);
    for (const payload of [undefined, null, 7, 'x', []]) {
      writeFileSync(path, JSON.stringify({ ...file, payload }));
      const hollow = await there.dispatch('draftFile/open', { path });
      expect(hollow, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'damaged' } });
      expect(!hollow.ok && hollow.error.message).toContain('损坏');
    }
  });

  it('a hand-made file (checksum right) with an odd unit or year is refused as the new-draft dialog would, and nothing is created', async () => {
    const payload = readDraftFile(await save('odd.budget.json'));
    const before = there.ctx.drafts.listDrafts().length;
    for (const [meta, message] of [
      [{ ...payload.meta, year: 99999 }, '预算年度“99999”不在 1990–2200 年之间'],
      [{ ...payload.meta, unitName: '长'.repeat(5000) }, '单位名称过长'],
      [{ ...payload.meta, unitCode: '  ' }, '单位编码和单位名称不能为空'],
    ] as const) {
      const path = join(files, 'odd.budget.json');
      writeDraftFile(path, { ...payload, meta }, 'test');
      const r = await there.dispatch('draftFile/open', { path });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-value' } });
      expect(!r.ok && r.error.message).toContain(message);
    }
    expect(there.ctx.drafts.listDrafts()).toHaveLength(before);
  });

  it('a file of a newer format version gets a clear message', async () => {
    const path = join(files, 'newer.budget.json');
    const payload = readDraftFile(await save('c.budget.json'));
    writeDraftFile(path, payload, '9.9.9');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...file, version: DRAFT_FILE_VERSION + 1 }));
    const r = await there.dispatch('draftFile/open', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'newer-version' } });
    expect(!r.ok && r.error.message).toContain('更新版本');
  });

  it('other files are refused as not a draft file', async () => {
    for (const [name, body] of [['x.json', '{"hello": 1}'], ['x.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2])]] as const) {
      const path = join(files, name);
      writeFileSync(path, body);
      expect(await there.dispatch('draftFile/open', { path })).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    }
  });
});

describe('the draft-file reader reads only bounded regular files', () => {
  it('a FIFO named .budget.json is refused at once, never waited on', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = join(files, 'pipe.budget.json');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(() => readDraftFile(fifo)).toThrow(/不是普通文件/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await there.dispatch('draftFile/open', { path: fifo })).toMatchObject({ ok: false, error: { code: 'bad-file' } });
  });

  it('/dev/zero (and a link to it named .json) is refused; a file over the cap is refused without reading it all', async () => {
    const { symlinkSync } = await import('node:fs');
    expect(() => readDraftFile('/dev/zero')).toThrow(/不是普通文件/);
    const link = join(files, 'zero.budget.json');
    symlinkSync('/dev/zero', link);
    expect(await there.dispatch('draftFile/open', { path: link })).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    const big = join(files, 'big.budget.json');
    writeFileSync(big, Buffer.alloc(2048, 0x20));
    expect(() => readDraftFile(big, 1024)).toThrow(/过大/);
    expect(() => readDraftFile(files)).toThrow(/文件夹/);
  });
});
