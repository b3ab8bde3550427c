import { fail } from '../shared/api/common';

/** Why a file could not be written, as a clerk reads it: from the system's code, not its English message. */
export function writeFailureReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return '没有写入权限';
    case 'EBUSY':
      return '文件正被其他程序（如 Excel）打开，请关闭后重试';
    case 'ENOENT':
    case 'ENOTDIR':
      return '文件夹不存在';
    case 'EISDIR':
      return '这是一个文件夹，请给出文件名';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'ENAMETOOLONG':
      return '文件名过长';
    default:
      return (err as Error).message;
  }
}

/** The kinds of file the app saves, named as a clerk's messages name them. */
export type SavedFileKind = '工作簿' | '草稿文件' | 'PDF' | '文件';

/** Fail saying what could not be saved, where, and why (无法保存工作簿 x.xlsx：文件夹不存在). */
export function failToSave(kind: SavedFileKind, file: string, err: unknown): never {
  // A Latin name stands apart from the Chinese before it (无法保存 PDF), as the app writes it everywhere.
  const named = /^[A-Za-z]/.test(kind) ? ` ${kind}` : kind;
  fail('io', `无法保存${named} ${file}：${writeFailureReason(err)}`);
}
