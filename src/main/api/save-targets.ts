import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fail } from '../../shared/api/common';
import type { AppContext, FileFilter } from './context';

/**
 * Where main may write: the window names a path, main decides. A path counts only when the
 * user chose it in main's own save dialog (remembered here, in main); with native dialogs a
 * path merely typed in the window is confirmed in that dialog first. Without native dialogs
 * (the CLI, the test host: plain Node whose caller is the program itself) a typed path is taken
 * as given. Either way the file must have the kind's extension and lie outside the data folder
 * (the database, its -wal, the backups), symbolic links resolved.
 */
export type SaveKind = 'draft-file' | 'workbook' | 'pdf';

const KINDS: Record<SaveKind, { extension: string; filter: FileFilter; title: string }> = {
  'draft-file': { extension: '.json', filter: { name: '预算草稿文件', extensions: ['json'] }, title: '保存草稿文件' },
  workbook: { extension: '.xlsx', filter: { name: 'Excel 工作簿', extensions: ['xlsx'] }, title: '导出 Excel' },
  pdf: { extension: '.pdf', filter: { name: 'PDF 文件', extensions: ['pdf'] }, title: '发布（PDF）' },
};

/** Methods that write a file the caller names, and what kind of file. */
export const WRITE_TARGETS: Partial<Record<string, SaveKind>> = { 'draftFile/save': 'draft-file', 'excel/export': 'workbook', 'publication/pdf': 'pdf' };

const MAX_REMEMBERED = 50;
const remembered = new WeakMap<AppContext, string[]>();

function chosenPaths(ctx: AppContext): string[] {
  let list = remembered.get(ctx);
  if (!list) remembered.set(ctx, (list = []));
  return list;
}

/** A path the user chose in main's save dialog (files/chooseSave): it may be written. */
export function rememberChosen(ctx: AppContext, path: string | null): void {
  if (!path) return;
  const list = chosenPaths(ctx);
  list.push(resolve(path));
  if (list.length > MAX_REMEMBERED) list.shift();
}

/** The real location of a path: its folder's symbolic links resolved, and the file's own when it is one. */
function realLocation(path: string): string {
  try {
    if (existsSync(path)) return realpathSync(path);
  } catch {
    // a dangling link: judged by its folder
  }
  let dir = dirname(path);
  const rest = [basename(path)];
  while (!existsSync(dir) && dirname(dir) !== dir) {
    rest.unshift(basename(dir));
    dir = dirname(dir);
  }
  try {
    return join(realpathSync(dir), ...rest);
  } catch {
    return path;
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Refuse a target main must never write: wrong extension, or in the data folder. */
function checkTarget(ctx: AppContext, kind: SaveKind, path: string): void {
  const { extension } = KINDS[kind];
  if (extname(path).toLowerCase() !== extension) fail('bad-request', `文件名应以 ${extension} 结尾：${basename(path)}`);
  const data = realLocation(resolve(ctx.dataDir));
  if (inside(data, realLocation(path)) || inside(resolve(ctx.dataDir), path)) {
    fail('forbidden', `不能保存到程序的数据文件夹（${ctx.dataDir}）中：那里是数据库和备份。请选择其他位置。`);
  }
}

/**
 * The path a write may go to, or an ApiFailure: chosen in the dialog, confirmed in it now, or
 * (without native dialogs) given as an absolute path. `confirmed`: the dialog asked about
 * replacing an existing file already.
 */
export async function resolveWriteTarget(ctx: AppContext, kind: SaveKind, given: string): Promise<{ path: string; confirmed: boolean }> {
  if (!isAbsolute(given)) fail('bad-request', `请给出完整的保存路径（从盘符或根目录开始），而不是“${given}”`);
  const path = resolve(given);
  if (chosenPaths(ctx).includes(path)) {
    checkTarget(ctx, kind, path);
    return { path, confirmed: true };
  }
  if (!ctx.dialogs.native) {
    checkTarget(ctx, kind, path);
    return { path, confirmed: false };
  }
  const { filter, title } = KINDS[kind];
  const chosen = await ctx.dialogs.chooseSave({ title, defaultName: path, filters: [filter] });
  if (!chosen) fail('conflict', '已取消：没有在保存对话框中确认位置，文件未保存');
  const confirmed = resolve(chosen);
  checkTarget(ctx, kind, confirmed);
  rememberChosen(ctx, confirmed);
  return { path: confirmed, confirmed: true };
}
