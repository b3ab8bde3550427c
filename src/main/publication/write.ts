import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { placeWithoutReplacing } from '../excel/export';

/**
 * Write a file beside its target and move it into place: never half a file, and an
 * existing file is replaced only when asked (as the workbook export does).
 */
export function writeFileAtomically(file: string, bytes: Uint8Array, replace = false): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, bytes);
    if (replace) renameSync(tmp, file);
    else placeWithoutReplacing(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
