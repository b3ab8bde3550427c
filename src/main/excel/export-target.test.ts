import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { runCli } from '../cli/main';
import { writeDraftFile } from '../store/draft-file';
import { ExportTargetExists, exportWorkbook } from './export';

/** An export never replaces an existing file unless asked: the service and the CLI (`--force`). */

let dir: string;
const seed = getSeed('juluxian-2024');
const model = () => new DraftModel(getTemplate(seed.meta.templateId), seed.content);
const OLD = 'the old workbook, not to be lost';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function sheetCount(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.length;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-export-target-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export to a path that exists', () => {
  it('exportWorkbook refuses it, leaves its bytes and no temporary file; replace: true replaces it', async () => {
    const sub = mkdtempSync(join(dir, 'svc-'));
    const file = join(sub, 'book.xlsx');
    writeFileSync(file, OLD);
    await expect(exportWorkbook(model(), seed.meta, file)).rejects.toBeInstanceOf(ExportTargetExists);
    await expect(exportWorkbook(model(), seed.meta, file)).rejects.toThrow(`文件已存在：${file}`);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(sub)).toEqual(['book.xlsx']);
    const r = await exportWorkbook(model(), seed.meta, file, { replace: true });
    expect(await sheetCount(file)).toBe(r.sheets.length);
    expect(readdirSync(sub)).toEqual(['book.xlsx']);
  });

  it('a new path is written as before', async () => {
    const file = join(dir, 'new.xlsx');
    const r = await exportWorkbook(model(), seed.meta, file);
    expect(await sheetCount(file)).toBe(r.sheets.length);
  });

  it('CLI export -o <existing file>: exit 2, a Chinese message naming --force, the old file untouched', async () => {
    const file = join(dir, 'cli.xlsx');
    writeFileSync(file, OLD);
    const r = await cli('export', 'juluxian-2024', '-o', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`文件已存在：${file}`);
    expect(r.err).toContain('--force');
    expect(r.out).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(OLD);
  });

  it('CLI export --force replaces it; the usage tells of --force', async () => {
    const file = join(dir, 'forced.xlsx');
    writeFileSync(file, OLD);
    const r = await cli('export', 'juluxian-2024', '-o', file, '--force');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('已导出');
    expect(await sheetCount(file)).toBeGreaterThan(9);
    expect((await cli('--help')).out).toContain('--force');
  });

  it('CLI export of many into a folder: existing outputs refused one by one, the others written', async () => {
    const out = mkdtempSync(join(dir, 'many-'));
    writeFileSync(join(out, 'juluxian-2024.xlsx'), OLD);
    const a = join(dir, 'a.budget.json');
    // A second source: the seed's draft file written by the store's own writer.
    writeDraftFile(a, { meta: { ...seed.meta, status: 'editing' }, content: seed.content, prior: null, explanations: [] }, 'test');
    const r = await cli('export', 'juluxian-2024', a, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件已存在');
    expect(readFileSync(join(out, 'juluxian-2024.xlsx'), 'utf8')).toBe(OLD);
    expect(await sheetCount(join(out, 'a.xlsx'))).toBeGreaterThan(9);
  });
});
