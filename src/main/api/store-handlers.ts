import { existsSync } from 'node:fs';
import { fail } from '../../shared/api/common';
import type { StoreApi } from '../../shared/api/store';
import { hasPack, PACKS } from '../../shared/regions';
import { DictionaryFileError } from '../dictionary';
import { dictionarySources, replaceDictionary, resetDictionary } from '../dictionary/user-lists';
import { readDraftFile, writeDraftFile } from '../store/draft-file';
import { currentSchemaVersion } from '../store/database';
import type { AppContext, HandlerImpl } from './context';
import { arrayOf, bool, filePath, int, none, object, oneOf, optional, str, type Check } from './validate';

const id = str({ nonEmpty: true, max: 200 });
const path = filePath;
const cellRef = { table: str({ nonEmpty: true, max: 100 }), row: str({ nonEmpty: true, max: 200 }), col: str({ nonEmpty: true, max: 100 }) };

/** Argument checks of every store method (the compiler proves none is missing). */
export const storeArgChecks: Record<keyof StoreApi, Check> = {
  'app/info': none,
  'templates/list': none,
  'drafts/list': none,
  'drafts/create': object({
    unitCode: str({ nonEmpty: true, max: 50 }),
    unitName: str({ nonEmpty: true, max: 200 }),
    year: int(1990, 2200),
    templateId: id,
    fromDraftId: optional(id),
  }),
  'drafts/duplicate': object({ draftId: id }),
  'drafts/delete': object({ draftId: id }),
  'drafts/open': object({ draftId: id }),
  'drafts/prior': object({ draftId: id }),
  'cells/set': object({
    draftId: id,
    edits: arrayOf(object({ ...cellRef, value: str({ max: 20_000 }) }), 200_000),
    label: optional(str({ max: 100 })),
    addCodes: optional(arrayOf(object({ table: cellRef.table, code: str({ max: 40 }) }), 10_000)),
  }),
  'rows/add': object({ draftId: id, table: cellRef.table, code: optional(str({ max: 20 })), parentRow: optional(cellRef.row) }),
  'rows/remove': object({ draftId: id, table: cellRef.table, row: cellRef.row }),
  'history/undo': object({ draftId: id }),
  'history/redo': object({ draftId: id }),
  'history/cellLog': object({ draftId: id, cell: optional(object(cellRef)), limit: optional(int(1, 10_000)) }),
  'backups/list': none,
  'backups/restore': object({ file: str({ nonEmpty: true, max: 200 }) }),
  'backups/create': none,
  'recovery/startEmpty': none,
  'recovery/keepCurrent': none,
  'draftFile/save': object({ draftId: id, path, replace: optional(bool) }),
  'draftFile/open': object({ path }),
  'files/chooseOpen': object({ title: str({ max: 200 }), filters: arrayOf(object({ name: str({ max: 100 }), extensions: arrayOf(str({ max: 20 }), 20) }), 20) }),
  'files/chooseSave': object({
    title: str({ max: 200 }),
    defaultName: str({ max: 500 }),
    filters: arrayOf(object({ name: str({ max: 100 }), extensions: arrayOf(str({ max: 20 }), 20) }), 20),
  }),
  'dictionary/search': object({
    templateId: id,
    scheme: oneOf('function', 'economic'),
    query: str({ max: 100 }),
    limit: optional(int(1, 1000)),
  }),
  'dictionary/sources': none,
  'dictionary/replace': object({ scheme: oneOf('function', 'economic'), path }),
  'dictionary/reset': object({ scheme: oneOf('function', 'economic') }),
};

export function storeHandlers(ctx: AppContext): HandlerImpl<StoreApi> {
  return {
    'app/info': () => {
      const s = ctx.storage;
      return {
        version: ctx.version,
        dataDir: ctx.dataDir,
        schemaVersion: currentSchemaVersion(),
        ...(s.recovery && {
          recovery: { reason: s.recovery.reason, kind: s.recovery.kind, lost: s.recovery.lost, backups: s.listBackups({ verify: true }) },
        }),
      };
    },
    'templates/list': () => PACKS.map((p) => ({ id: p.id, name: p.name, year: p.layoutYear, region: p.region, scope: p.scope })),
    'drafts/list': () => ctx.drafts.listDrafts(),
    'drafts/create': ({ fromDraftId, ...meta }) => (fromDraftId ? ctx.drafts.createFromDraft(meta, fromDraftId) : ctx.drafts.createDraft(meta)),
    'drafts/duplicate': ({ draftId }) => ctx.drafts.duplicate(draftId),
    'drafts/delete': ({ draftId }) => {
      ctx.drafts.deleteDraft(draftId);
      ctx.storage.noteEdit();
      return { deleted: true };
    },
    'drafts/open': ({ draftId }) => ctx.drafts.openDraft(draftId),
    'drafts/prior': ({ draftId }) => ctx.drafts.getPriorContent(draftId),
    'cells/set': ({ draftId, edits, label, addCodes }) =>
      addCodes?.length
        ? ctx.drafts.addRowsWithCells(draftId, addCodes, edits, label ?? '粘贴', { partial: true })
        : ctx.drafts.applyBatch(draftId, edits, label),
    'rows/add': ({ draftId, table, code, parentRow }) => ctx.drafts.addRow(draftId, table, code, parentRow),
    'rows/remove': ({ draftId, table, row }) => ctx.drafts.removeRow(draftId, table, row),
    'history/undo': ({ draftId }) => ctx.drafts.undo(draftId),
    'history/redo': ({ draftId }) => ctx.drafts.redo(draftId),
    'history/cellLog': ({ draftId, cell, limit }) => ctx.drafts.cellLog(draftId, cell, limit),
    'backups/list': () => ctx.storage.listBackups(),
    'backups/restore': ({ file }) => ctx.storage.restore(file),
    'backups/create': () => ctx.storage.backupNow(),
    'recovery/startEmpty': () => ctx.storage.startEmpty(),
    'recovery/keepCurrent': () => ctx.storage.keepCurrent(),
    'draftFile/save': ({ draftId, path, replace }) => {
      const meta = ctx.drafts.getMeta(draftId);
      if (!replace && existsSync(path)) fail('conflict', `文件已存在：${path}，未保存，原文件未改动`, { exists: true, path });
      const snapshot = ctx.drafts.getSnapshot(draftId);
      writeDraftFile(
        path,
        {
          meta: { unitCode: meta.unitCode, unitName: meta.unitName, year: meta.year, templateId: meta.templateId, status: meta.status },
          content: snapshot.content,
          prior: ctx.drafts.getPriorContent(draftId),
          explanations: ctx.drafts.listExplanations(draftId),
        },
        ctx.version,
      );
      return { path };
    },
    'draftFile/open': ({ path }) => {
      const file = readDraftFile(path);
      return ctx.drafts.createDraft(file.meta, file.content, { prior: file.prior, explanations: file.explanations });
    },
    'files/chooseOpen': async (args) => ({ path: await ctx.dialogs.chooseOpen(args) }),
    'files/chooseSave': async (args) => ({ path: await ctx.dialogs.chooseSave(args) }),
    'dictionary/search': ({ templateId, scheme, query, limit }) => {
      if (!hasPack(templateId)) fail('not-found', `未知的报表模板：${templateId}`);
      return ctx.dictionaries[scheme].search(query, limit ?? 50);
    },
    'dictionary/sources': () => dictionarySources(ctx.dataDir, ctx.dictionaries),
    'dictionary/replace': async ({ scheme, path }) => {
      try {
        ctx.dictionaries = { ...ctx.dictionaries, [scheme]: await replaceDictionary(ctx.dataDir, scheme, path) };
      } catch (err) {
        if (err instanceof DictionaryFileError) fail('bad-file', err.message);
        throw err;
      }
      ctx.drafts.reset(); // open drafts are checked again against the new list
      return dictionarySources(ctx.dataDir, ctx.dictionaries);
    },
    'dictionary/reset': ({ scheme }) => {
      ctx.dictionaries = { ...ctx.dictionaries, [scheme]: resetDictionary(ctx.dataDir, scheme) };
      ctx.drafts.reset();
      return dictionarySources(ctx.dataDir, ctx.dictionaries);
    },
  };
}
