import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { cellKey } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { draftNarrative } from '../../shared/narrative/draft';
import { getTemplate } from '../../shared/regions';
import { requireRole } from '../../shared/template/types';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from './export';
import { importWorkbookFile } from './import';

/**
 * The app's own workbook read back as a new draft of the same year keeps every hand-written
 * 情况说明 section, whatever the pack prints it as (河北: one sheet of sections; 上海: a sheet
 * per section in the book).
 */

const dictionaries = loadShippedDictionaries();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-import-narrative-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('round trip of the 情况说明', () => {
  it.each(['hebei-2024', 'shanghai-2026-department', 'shanghai-2026-unit'])('%s: every hand-written section comes back as written', async (pack) => {
    const template = getTemplate(pack);
    const narrative = requireRole(template, 'narrative').id;
    const seed = getSeed('juluxian-2024');
    const cells: Record<string, string> = pack === 'hebei-2024' ? { ...seed.content.cells } : {};
    // Every section written by hand, two paragraphs each.
    for (const s of template.narrative) cells[cellKey(narrative, s.id, 'text')] = `${s.title}：本单位自行填写的第一段文字。\n第二段：说明${s.id}的具体情况，不含数字。`;
    const model = new DraftModel(template, { rows: pack === 'hebei-2024' ? seed.content.rows : {}, cells });
    const file = join(dir, `${pack}.xlsx`);
    await exportWorkbook(model, { unitCode: '001', unitName: '测试单位', year: template.year }, file, { dictionaries });

    const result = await importWorkbookFile(file, { dictionaries, template });
    const back = new DraftModel(template, { rows: result.content.rows, cells: { ...result.content.cells, ...result.narrative } });
    const textOf = (m: DraftModel) => Object.fromEntries(draftNarrative(m, template).map((s) => [s.id, s.text]));
    expect(textOf(back)).toEqual(textOf(model));
    for (const s of template.narrative) expect(result.narrative[cellKey(narrative, s.id, 'text')], s.title).toBe(cells[cellKey(narrative, s.id, 'text')]);
  });
});
