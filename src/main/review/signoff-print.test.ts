import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SignatureInfo } from '../../shared/api/review';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { templateOf } from '../../shared/regions';
import { signOffLines } from '../../shared/review/signoff';
import { loadShippedDictionaries } from '../dictionary';
import { exportWorkbook } from '../excel/export';
import { pageSizes, pdfText } from '../publication/pdf-text';
import { appendSignOff, signOffSheetTitle } from './export-signoff';

/** A signed draft's workbook as a supervisor prints it (LibreOffice to PDF): the sign-off under the text, the pages numbered through. */

const dir = mkdtempSync(join(tmpdir(), 'bd-signoff-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the signed workbook, printed', () => {
  it('numbers its pages 1 to N across the sheets (第 3 页，共 N 页 on the third page), the sign-off on the last', async () => {
    const seed = getSeed('juluxian-2024');
    const model = new DraftModel(templateOf(seed.meta), seed.content);
    const book = join(dir, 'signed.xlsx');
    await exportWorkbook(model, seed.meta, book, { dictionaries: loadShippedDictionaries() });
    const signature: SignatureInfo = {
      id: 's', draftId: 'd', signerId: 'u', signer: '李局长', signedAt: '2026-12-06T10:00:00.000Z', fingerprint: 'a'.repeat(64), contentHash: 'b'.repeat(64),
      revision: 1, versionId: 'v', publicKey: null, signerKeyId: null, seal: null, state: 'valid', voidedAt: null, voidReason: null,
    };
    await appendSignOff(book, signOffLines(signature), signOffSheetTitle(model.template));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, book], { stdio: 'ignore', timeout: 240_000 });
    const pdf = join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf'))!);
    const pages = pageSizes(pdf).length;
    expect(pages).toBeGreaterThan(10);
    const footers = Array.from({ length: pages }, (_, i) => /第 ?(\d+) ?页，共 ?(\d+) ?页/.exec(pdfText(pdf, i + 1, i + 1))?.slice(1).join('/'));
    expect(footers).toEqual(Array.from({ length: pages }, (_, i) => `${i + 1}/${pages}`));
    expect(pdfText(pdf, pages, pages)).toContain('部门主要负责人审签情况：已审签');
  });
});
