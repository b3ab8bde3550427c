import { renameSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { SignatureInfo } from '../../shared/api/review';
import { signOffLines, type SignOffLine } from '../../shared/review/signoff';
import type { Template } from '../../shared/template/types';
import { findFingerprint } from '../../shared/review/signoff';
import type { ExportExtension } from '../services/workbook-export';
import { writeXlsx } from '../excel/xlsx-file';
import { signatureOfFile } from './exchange';

/**
 * The sign-off printed in an exported workbook: under the 情况说明 (the sheet of the
 * template's text table, else a sheet of its own), as published disclosures state
 * "部门主要负责人审签情况：已审签", with the supervisor, the date and the fingerprint.
 */

export const SIGN_OFF_SHEET = '审签情况';
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };

/** The sheet the sign-off goes under: the template's published 情况说明 (or other all-text table). */
export function signOffSheetTitle(template: Template): string {
  const text =
    template.tables.find((t) => t.published && t.role === 'narrative') ??
    template.tables.find((t) => t.published && t.rows.kind === 'fixed' && t.columns.every((c) => c.kind === 'text'));
  return text?.title ?? '';
}

/** Append the sign-off lines to a workbook file (rewritten beside it, then renamed over it). */
export async function appendSignOff(file: string, lines: SignOffLine[], textSheetTitle: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  // The reader takes a sheet that sets no first page number as one starting at 1, and would write
  // that down: every sheet would number its pages from 1 again (第 1 页，共 29 页 on page 3).
  for (const sheet of wb.worksheets) delete (sheet.pageSetup as Partial<ExcelJS.PageSetup>).firstPageNumber;
  let ws = wb.worksheets.find((w) => w.name === textSheetTitle);
  if (!ws) {
    ws = wb.addWorksheet(SIGN_OFF_SHEET);
    ws.getColumn(1).width = 100;
  }
  let at = ws.rowCount + 2;
  for (const line of lines) {
    const cell = ws.getCell(at++, 1);
    cell.value = `${line.label}：${line.value}`;
    cell.font = FONT;
  }
  const tmp = `${file}.signoff-${process.pid}.xlsx`;
  try {
    await writeXlsx(wb, tmp);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The export's extension printing a signed draft's sign-off: the valid signature of the app's
 * records (by draft id), or for a draft file read without them (the CLI) the file's own when
 * it still holds. An unsigned draft's workbook gets no sign-off sheet.
 */
export function signOffSheet(validSignature: (draftId: string) => SignatureInfo | null = () => null): ExportExtension {
  return async (workbook, subject) => {
    const signature = subject.file ? signatureOfFile(subject.file, subject.model).signature : subject.meta.id ? validSignature(subject.meta.id) : null;
    if (signature) await appendSignOff(workbook, signOffLines(signature), signOffSheetTitle(subject.model.template));
  };
}

/** The fingerprint printed in a workbook's sign-off, or null when it carries none. */
export async function printedFingerprint(file: string): Promise<string | null> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    let found: string | null = null;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (!found && typeof cell.value === 'string' && cell.value.includes('签名指纹')) found = findFingerprint(cell.value);
      }),
    );
    if (found) return found;
  }
  return null;
}
