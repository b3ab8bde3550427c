import { cellKey, parseCellKey, type DraftMeta } from '../../../../shared/draft';
import { templateOf } from '../../../../shared/regions';
import { getSeed, SEEDS } from '../../../../../seeds';
import type { CallFn } from '../../api/client';

const SAMPLE = 'juluxian-2024';

/** What the first-run screen calls the sample (read from the seed, without the copy of all its cells getSeed makes). */
export const SAMPLE_LABEL = `${SEEDS[SAMPLE].meta.unitName} ${SEEDS[SAMPLE].meta.year} 年部门预算`;

/**
 * Open the sample budget (a real published budget, shipped as a seed) as a new draft, entered
 * through the public API as a clerk would: the draft, its code rows and records, then every
 * entered cell in one step.
 */
export async function openSampleBudget(call: CallFn): Promise<DraftMeta> {
  const seed = getSeed(SAMPLE);
  const template = templateOf(seed.meta);
  const draft = await call('drafts/create', { ...seed.meta, unitName: `${seed.meta.unitName}（示例）` });
  const recordIds = new Map<string, string>();
  // Parents (list tables that own child lists) first, so children can point at them.
  const ordered = [...template.tables].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
  const addCodes: Array<{ table: string; code: string }> = [];
  for (const table of ordered) {
    const rows = seed.content.rows[table.id] ?? [];
    if (table.rows.kind === 'fixed') continue;
    if (table.rows.kind === 'coded') {
      addCodes.push(...rows.filter((r) => r !== 'total').map((code) => ({ table: table.id, code })));
      continue;
    }
    for (const row of rows) {
      let parentRow: string | undefined;
      if (table.parent) {
        const owner = seed.content.cells[cellKey(table.id, row, table.parent.col)];
        parentRow = owner ? recordIds.get(`${table.parent.table}!${owner}`) : undefined;
      }
      const added = await call('rows/add', { draftId: draft.id, table: table.id, ...(parentRow ? { parentRow } : {}) });
      recordIds.set(`${table.id}!${row}`, added.rowId);
    }
  }
  const edits = Object.entries(seed.content.cells).map(([key, value]) => {
    const ref = parseCellKey(key);
    const table = template.tables.find((t) => t.id === ref.table)!;
    const row = recordIds.get(`${ref.table}!${ref.row}`) ?? ref.row;
    const refersToParent = table.parent && table.parent.col === ref.col;
    return { table: ref.table, row, col: ref.col, value: refersToParent ? (recordIds.get(`${table.parent!.table}!${value}`) ?? value) : value };
  });
  const change = await call('cells/set', { draftId: draft.id, edits, label: '载入示例预算', addCodes });
  if (change.rejected.length) throw new Error(`示例预算有 ${change.rejected.length} 个单元格未能填入：${change.rejected[0].message}`);
  return change.meta;
}
