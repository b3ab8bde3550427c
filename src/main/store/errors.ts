import type { ApiError } from '../../shared/api/common';

/**
 * SQLite failures the user can act on, as API errors. Each happens inside a transaction
 * that was rolled back, so the message can say that nothing was saved.
 */
export function sqliteFailure(err: unknown): ApiError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_FULL')) return { code: 'io', message: '磁盘空间不足，本次修改未保存。请清理磁盘后重试。' };
  if (code.startsWith('SQLITE_READONLY')) return { code: 'io', message: '数据文件夹不可写，本次修改未保存。请检查文件夹权限。' };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { code: 'conflict', message: '数据库正被另一个程序使用，本次修改未保存。请关闭其他 Budget Desk 窗口后重试。' };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return { code: 'damaged', message: '数据库文件已损坏，本次修改未保存。请重新启动程序，按提示从备份恢复。' };
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return { code: 'io', message: '读写数据库文件失败，本次修改未保存。请检查磁盘后重试。' };
  }
  return null;
}
