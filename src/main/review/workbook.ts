import type { Dictionaries } from '../../shared/dictionary';
import { getTemplate } from '../../shared/regions';
import { importWorkbookFile } from '../excel/import';
import { printedFingerprint } from './export-signoff';
import { verifyFingerprint, type FingerprintCheck } from './fingerprint';

/**
 * Check a workbook's figures against a recorded fingerprint: read the tables back with the
 * Excel import, recompute the fingerprint of what they state, compare.
 */
export async function verifyWorkbookFigures(
  file: string,
  fingerprint: string,
  options: { dictionaries: Dictionaries; templateId?: string },
): Promise<FingerprintCheck> {
  const imported = await importWorkbookFile(file, {
    dictionaries: options.dictionaries,
    ...(options.templateId && { template: getTemplate(options.templateId) }),
  });
  const { workbook, template, content } = imported;
  const meta = { unitCode: workbook.unitCode, unitName: workbook.unitName, year: workbook.year ?? template.year, templateId: template.id };
  return verifyFingerprint(meta, content, fingerprint);
}

/**
 * Check a workbook against the fingerprint it prints in its sign-off: null when the workbook
 * carries no sign-off.
 */
export async function verifySignedWorkbook(file: string, options: { dictionaries: Dictionaries; templateId?: string }): Promise<FingerprintCheck | null> {
  const fingerprint = await printedFingerprint(file);
  return fingerprint ? verifyWorkbookFigures(file, fingerprint, options) : null;
}
