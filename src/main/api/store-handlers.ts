import { fail } from '../../shared/api/common';
import { DRAFT_META_LIMITS } from '../../shared/draft';
import { hasPack, PACKS } from '../../shared/regions';
import { DictionaryFileError } from '../dictionary';
import { dictionarySources, replaceDictionary, resetDictionary } from '../dictionary/user-lists';
import { currentSchemaVersion } from '../store/database';
import type { AppContext } from './context';
import type { Registry } from './registry';
import { arrayOf, bool, filePath, int, none, object, oneOf, optional, str } from './validate';

const id = str({ nonEmpty: true, max: 200 });
const path = filePath;
const cellRef = { table: str({ nonEmpty: true, max: 100 }), row: str({ nonEmpty: true, max: 200 }), col: str({ nonEmpty: true, max: 100 }) };

/** Argument checks of every store method (the compiler proves none is missing). */

export function registerStoreMethods(api: Registry, ctx: AppContext): void {
  api.method('app/info', none, () => {
    const s = ctx.storage;
    return {
      version: ctx.version,
      dataDir: ctx.dataDir,
      schemaVersion: currentSchemaVersion(),
      ...(s.recovery && {
        recovery: { reason: s.recovery.reason, kind: s.recovery.kind, lost: s.recovery.lost, backups: s.listBackups({ verify: true }) },
      }),
    };
  });
  api.method('templates/list', none, () => PACKS.map((p) => ({ id: p.id, name: p.name, year: p.layoutYear, region: p.region, scope: p.scope })));
  api.method('drafts/list', none, () => ctx.drafts.listDrafts());
  api.method('drafts/create', object({
    unitCode: str({ nonEmpty: true, max: DRAFT_META_LIMITS.unitCode }),
    unitName: str({ nonEmpty: true, max: DRAFT_META_LIMITS.unitName }),
    year: int(DRAFT_META_LIMITS.yearMin, DRAFT_META_LIMITS.yearMax),
    templateId: id,
    fromDraftId: optional(id),
  }), ({ fromDraftId, ...meta }) => (fromDraftId ? ctx.drafts.createFromDraft(meta, fromDraftId) : ctx.drafts.createDraft(meta)));
  api.method('drafts/duplicate', object({ draftId: id }), ({ draftId }) => ctx.drafts.duplicate(draftId));
  api.method('drafts/delete', object({ draftId: id }), ({ draftId }) => {
    ctx.drafts.deleteDraft(draftId);
    return { deleted: true };
  });
  api.method('drafts/open', object({ draftId: id, firstTable: optional(bool) }), ({ draftId, firstTable }) =>
    firstTable ? ctx.drafts.openFirstTables(draftId) : ctx.drafts.openDraft(draftId),
  );
  api.method('drafts/prior', object({ draftId: id }), ({ draftId }) => ctx.drafts.getPriorContent(draftId));
  api.method('cells/set', object({
    draftId: id,
    edits: arrayOf(object({ ...cellRef, value: str({ max: 20_000 }) }), 200_000),
    label: optional(str({ max: 100 })),
    addCodes: optional(arrayOf(object({ table: cellRef.table, code: str({ max: 40 }) }), 10_000)),
  }), ({ draftId, edits, label, addCodes }) =>
    addCodes?.length
      ? ctx.drafts.addRowsWithCells(draftId, addCodes, edits, label ?? '粘贴', { partial: true })
      : ctx.drafts.applyBatch(draftId, edits, label));
  api.method('cells/preview', object({ draftId: id, edits: arrayOf(object({ ...cellRef, value: str({ max: 20_000 }) }), 20) }), ({ draftId, edits }) =>
    ctx.drafts.preview(draftId, edits),
  );
  api.method('rows/add', object({ draftId: id, table: cellRef.table, code: optional(str({ max: 20 })), parentRow: optional(cellRef.row) }), ({ draftId, table, code, parentRow }) => ctx.drafts.addRow(draftId, table, code, parentRow));
  api.method('rows/remove', object({ draftId: id, table: cellRef.table, rows: arrayOf(cellRef.row, 10_000) }), ({ draftId, table, rows }) => ctx.drafts.removeRows(draftId, table, rows));
  api.method('history/undo', object({ draftId: id }), ({ draftId }) => ctx.drafts.undo(draftId));
  api.method('history/redo', object({ draftId: id }), ({ draftId }) => ctx.drafts.redo(draftId));
  api.method('history/cellLog', object({ draftId: id, cell: optional(object(cellRef)), limit: optional(int(1, 10_000)) }), ({ draftId, cell, limit }) => ctx.drafts.cellLog(draftId, cell, limit));
  api.method('backups/list', none, () => ctx.storage.listBackups());
  api.method('backups/restore', object({ file: str({ nonEmpty: true, max: 200 }) }), ({ file }) => ctx.storage.restore(file));
  api.method('backups/create', none, () => ctx.storage.backupNow());
  api.method('recovery/startEmpty', none, () => ctx.storage.startEmpty());
  api.method('recovery/keepCurrent', none, () => ctx.storage.keepCurrent());
  api.method('draftFile/save', object({ draftId: id, path, replace: optional(bool) }), ({ draftId, path, replace }) => ctx.draftFiles.save(draftId, path, replace === true));
  api.method('draftFile/open', object({ path }), ({ path }) => ctx.draftFiles.open(path));
  api.method('files/chooseOpen', object({ title: str({ max: 200 }), filters: arrayOf(object({ name: str({ max: 100 }), extensions: arrayOf(str({ max: 20 }), 20) }), 20) }), async (args) => ({ path: await ctx.dialogs.chooseOpen(args) }));
  api.method('files/chooseSave', object({
    title: str({ max: 200 }),
    defaultName: str({ max: 500 }),
    filters: arrayOf(object({ name: str({ max: 100 }), extensions: arrayOf(str({ max: 20 }), 20) }), 20),
  }), async (args) => ({ path: await ctx.dialogs.chooseSave(args) }));
  api.method('dictionary/search', object({
    templateId: id,
    scheme: oneOf('function', 'economic'),
    query: str({ max: 100 }),
    limit: optional(int(1, 1000)),
  }), ({ templateId, scheme, query, limit }) => {
    if (!hasPack(templateId)) fail('not-found', `未知的报表模板：${templateId}`);
    return ctx.dictionaries[scheme].search(query, limit ?? 50);
  });
  api.method('dictionary/sources', none, () => dictionarySources(ctx.dataDir, ctx.dictionaries));
  api.method('dictionary/replace', object({ scheme: oneOf('function', 'economic'), path }), async ({ scheme, path }) => {
    try {
      ctx.dictionaries = { ...ctx.dictionaries, [scheme]: await replaceDictionary(ctx.dataDir, scheme, path) };
    } catch (err) {
      if (err instanceof DictionaryFileError) fail('bad-file', err.message);
      throw err;
    }
    ctx.drafts.reset(); // open drafts are checked again against the new list
    return dictionarySources(ctx.dataDir, ctx.dictionaries);
  });
  api.method('dictionary/reset', object({ scheme: oneOf('function', 'economic') }), ({ scheme }) => {
    ctx.dictionaries = { ...ctx.dictionaries, [scheme]: resetDictionary(ctx.dataDir, scheme) };
    ctx.drafts.reset();
    return dictionarySources(ctx.dataDir, ctx.dictionaries);
  });
}
