import type { DraftMeta } from '../../src/shared/draft';
import { parseCellKey, cellKey } from '../../src/shared/draft';
import { getSeed } from '../../seeds';
import { templateOf } from '../../src/shared/regions';
import type { Dispatch } from './app';

/**
 * Enter a seed budget through the public API only, as a clerk would: create the draft,
 * add the code rows and records, then set every entered cell in one batch.
 */
export async function loadSeed(dispatch: Dispatch, name: string): Promise<DraftMeta> {
  const seed = getSeed(name);
  const template = templateOf(seed.meta);
  const draft = await dispatch<DraftMeta>('drafts/create', { ...seed.meta });
  const recordIds = new Map<string, string>();
  // Parents (list tables that own child lists) first, so children can point at them.
  const ordered = [...template.tables].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
  for (const table of ordered) {
    const rows = seed.content.rows[table.id] ?? [];
    if (table.rows.kind === 'fixed') continue;
    for (const row of rows) {
      if (table.rows.kind === 'coded') {
        await dispatch('rows/add', { draftId: draft.id, table: table.id, code: row });
        continue;
      }
      let parentRow: string | undefined;
      if (table.parent) {
        const owner = seed.content.cells[cellKey(table.id, row, table.parent.col)];
        parentRow = owner ? recordIds.get(`${table.parent.table}!${owner}`) : undefined;
      }
      const added = await dispatch<{ rowId: string }>('rows/add', { draftId: draft.id, table: table.id, ...(parentRow ? { parentRow } : {}) });
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
  const change = await dispatch<{ rejected: unknown[] }>('cells/set', { draftId: draft.id, edits, label: '载入示例预算' });
  if (change.rejected.length) throw new Error(`示例预算有 ${change.rejected.length} 个单元格被拒绝：${JSON.stringify(change.rejected.slice(0, 3))}`);
  return dispatch<DraftMeta>('drafts/open', { draftId: draft.id }).then((s) => (s as unknown as { meta: DraftMeta }).meta);
}
