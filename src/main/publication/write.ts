import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { ExportTargetExists, placeWithoutReplacing } from '../excel/export';
import { failToSave, type SavedFileKind } from '../write-errors';

/**
 * Write a file beside its target and move it into place: never half a file, and an
 * existing file is replaced only when asked (as the workbook export does).
 */
export function writeFileAtomically(file: string, bytes: Uint8Array, replace = false, kind: SavedFileKind = '文件'): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, bytes);
    if (replace) renameSync(tmp, file);
    else placeWithoutReplacing(tmp, file);
  } catch (e) {
    if (e instanceof ExportTargetExists) throw e;
    failToSave(kind, file, e);
  } finally {
    rmSync(tmp, { force: true });
  }
}
