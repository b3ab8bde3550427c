import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from '../excel/export';
import { removeDir, seedDraft, tempApp, tempDir } from '../test-support/temp-app';
import { fingerprintOf } from './fingerprint';
import { verifyWorkbookFigures } from './workbook';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('verify a workbook against a recorded fingerprint', () => {
  it('the exported figures give back the fingerprint; one changed figure does not', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const seed = getSeed('juluxian-2024');
    const dictionaries = loadShippedDictionaries();
    const fingerprint = fingerprintOf(seed.meta, seed.content);
    const file = join(dir, 'budget.xlsx');
    await exportWorkbook(new DraftModel(getTemplate(seed.meta.templateId), seed.content), seed.meta, file, { dictionaries });
    const ok = await verifyWorkbookFigures(file, fingerprint, { dictionaries });
    expect(ok).toMatchObject({ ok: true, actual: fingerprint });

    // Change one figure in the workbook (table 12, 其他固定资产 价值) as someone editing it by hand would.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let changed = false;
    wb.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (!changed && cell.value === 544.72) {
            cell.value = 545.72;
            changed = true;
          }
        });
      });
    });
    expect(changed).toBe(true);
    const edited = join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const bad = await verifyWorkbookFigures(edited, fingerprint, { dictionaries });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('签名指纹不一致');
  });

  it('a 科目 added through the picker (no name typed), signed, exported and verified: untouched', async () => {
    const app = tempApp();
    dirs.push(app.dataDir);
    try {
      const meta = seedDraft(app);
      // As the picker adds it: the code alone, then a figure (2080506 is in the dictionary, not in the seed).
      for (const table of ['t02', 't03', 't05']) app.ctx.drafts.addRow(meta.id, table, '2080506');
      app.ctx.drafts.applyBatch(meta.id, [{ table: 't03', row: '2080506', col: 'basic', value: '1' }]);
      const { content } = app.ctx.drafts.getSnapshot(meta.id);
      // The draft stores no name for it; the workbook prints the dictionary's.
      expect(content.cells['t03!2080506!name']).toBeUndefined();
      const fingerprint = fingerprintOf(meta, content, app.ctx.drafts.getModel(meta.id));
      const file = join(app.dataDir, 'picker.xlsx');
      await exportWorkbook(app.ctx.drafts.getModel(meta.id), meta, file, { dictionaries: app.ctx.dictionaries });
      expect(await verifyWorkbookFigures(file, fingerprint, { dictionaries: app.ctx.dictionaries })).toMatchObject({ ok: true, actual: fingerprint });
    } finally {
      await app.close();
    }
  });
});
