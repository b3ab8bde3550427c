import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../test-support/temp-app';

/**
 * Hostile workbooks (issue 16): each is read as the import reads it, in a child process whose
 * peak memory is measured, and must be refused with a Chinese message in bounded time and
 * under 300 MB, whatever the file declares about itself.
 */

const PROBE = resolve(import.meta.dirname, '../test-support/read-probe.ts');
const MEMORY_LIMIT_MB = 300;
const TIME_LIMIT_MS = 30_000;
const dir = tempDir('budget-desk-hostile-');
afterAll(() => removeDir(dir));

interface ProbeResult {
  refused: boolean;
  rows?: number;
  message: string;
  ms: number;
  peakMB: number;
}

function probe(file: string): ProbeResult {
  const run = spawnSync(process.execPath, ['--import', 'tsx', PROBE, file], { encoding: 'utf8', timeout: TIME_LIMIT_MS * 2 });
  expect(run.error, 'the reader finished on its own').toBeUndefined();
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as ProbeResult;
  measured.push(`  ${basename(file)}: ${result.refused ? 'refused' : 'read'} in ${result.ms} ms, peak ${result.peakMB} MB${result.refused ? ` (${result.message})` : ''}`);
  return result;
}

/** A zip of raw-deflated entries whose central directory declares the sizes given (true or not). */
function zip(entries: Array<{ name: string; deflated: Buffer; declaredSize: number; crc?: number }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const dirEntry = Buffer.alloc(46);
    dirEntry.writeUInt32LE(0x02014b50, 0);
    dirEntry.writeUInt16LE(20, 4);
    dirEntry.writeUInt16LE(20, 6);
    dirEntry.writeUInt16LE(8, 10);
    dirEntry.writeUInt32LE(e.crc ?? 0, 16);
    dirEntry.writeUInt32LE(e.deflated.length, 20);
    dirEntry.writeUInt32LE(e.declaredSize, 24);
    dirEntry.writeUInt16LE(name.length, 28);
    dirEntry.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    central.push(dirEntry, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const small = (name: string, text: string) => {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
};

/** Deflate `total` bytes made of `piece` repeated, without ever holding them in memory. */
async function deflateRepeated(head: string, piece: string, count: number, tail: string): Promise<Buffer> {
  const stream = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((ok) => stream.on('end', ok));
  const chunk = Buffer.from(piece.repeat(Math.max(1, Math.floor((1 << 20) / piece.length))), 'utf8');
  const perChunk = chunk.length / Buffer.byteLength(piece);
  stream.write(head);
  for (let written = 0; written < count; written += perChunk) {
    const n = Math.min(perChunk, count - written);
    if (!stream.write(n === perChunk ? chunk : Buffer.from(piece.repeat(n), 'utf8'))) await new Promise((ok) => stream.once('drain', ok));
  }
  stream.end(tail);
  await done;
  return Buffer.concat(out);
}

const XLSX_PARTS = [
  small('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  small('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
];
const SHEET_HEAD = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** What each case measured, printed once at the end (noisy on a busy machine, but on record). */
const measured: string[] = [];
afterAll(() => console.log(`hostile workbooks (peak memory of the reading process, time):\n${measured.join('\n')}`));

function expectRefused(r: ProbeResult, message: RegExp): void {
  expect(r.refused, `accepted: ${JSON.stringify(r)}`).toBe(true);
  expect(r.message).toMatch(message);
  expect(r.ms).toBeLessThan(TIME_LIMIT_MS);
  expect(r.peakMB, `peak memory ${r.peakMB} MB`).toBeLessThan(MEMORY_LIMIT_MB);
}

describe('hostile workbooks, each read in a child process with its memory measured', () => {
  it('a zip whose sheet lies about its size (1 KB declared, 400 MB inside) is refused while inflating, not after', async () => {
    const sheet = await deflateRepeated(SHEET_HEAD, '<row><c><v>1</v></c></row>', 15_000_000, SHEET_TAIL);
    const file = join(dir, 'lying-sizes.xlsx');
    writeFileSync(file, zip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', deflated: sheet, declaredSize: 1024 }]));
    expectRefused(probe(file), /过大.*声明的大小与实际不符/);
  }, 120_000);

  it('a sheet of 1,048,576 rows with no declared dimension is refused by counting its rows', async () => {
    const sheet = await deflateRepeated(SHEET_HEAD, '<row><c><v>1</v></c></row>', 1_048_576, SHEET_TAIL);
    const file = join(dir, 'million-rows.xlsx');
    writeFileSync(file, zip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', deflated: sheet, declaredSize: SHEET_HEAD.length + 27 * 1_048_576 + SHEET_TAIL.length }]));
    expectRefused(probe(file), /超过 100,000 行/);
  }, 120_000);

  it('an .ods whose one row of figures repeats 1,048,576 times is refused (SheetJS would expand every repeat)', () => {
    const row = (repeat: number, columns: number, cell: string) =>
      `<table:table-row table:number-rows-repeated="${repeat}"><table:table-cell table:number-columns-repeated="${columns}"${cell}</table:table-row>`;
    const ods = (rows: string) => {
      const content =
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="表1">' +
        rows +
        '</table:table></office:spreadsheet></office:body></office:document-content>';
      // Zipped by SheetJS's own zip writer with the parts it requires, so that SheetJS would read it.
      const zipped = XLSX.CFB.utils.cfb_new({ type: 'zip' } as never);
      XLSX.CFB.utils.cfb_add(zipped, 'mimetype', Buffer.from('application/vnd.oasis.opendocument.spreadsheet'));
      XLSX.CFB.utils.cfb_add(zipped, 'META-INF/manifest.xml', Buffer.from('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'));
      XLSX.CFB.utils.cfb_add(zipped, 'styles.xml', Buffer.from('<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'));
      XLSX.CFB.utils.cfb_add(zipped, 'content.xml', Buffer.from(content, 'utf8'));
      return XLSX.CFB.write(zipped, { fileType: 'zip', type: 'buffer', compression: true } as never) as Buffer;
    };
    const figures = '><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>';
    const repeated = join(dir, 'repeated-rows.ods');
    writeFileSync(repeated, ods(row(1_048_576, 20, figures)));
    expectRefused(probe(repeated), /超过 100,000 行（含重复行）/);
    const wide = join(dir, 'repeated-cells.ods');
    writeFileSync(wide, ods(row(60_000, 1024, figures)));
    expectRefused(probe(wide), /个单元格（含重复单元格）/);
    // Empty rows repeated to the sheet's end (as LibreOffice writes formatting) are no reason to refuse.
    const formatted = join(dir, 'formatted-to-the-end.ods');
    writeFileSync(formatted, ods(row(1, 1, figures) + row(1_048_575, 1024, '/>')));
    const r = probe(formatted);
    expect(r.refused, r.message).toBe(false);
    expect(r.peakMB).toBeLessThan(MEMORY_LIMIT_MB);
  }, 120_000);

  it('a CSV of 1,048,576 lines is refused', () => {
    const file = join(dir, 'million-lines.csv');
    writeFileSync(file, '科目编码,科目名称,合计\n' + '2010301,行政运行,1\n'.repeat(1_048_576));
    expectRefused(probe(file), /CSV 文件有 1,048,577 行/);
  }, 120_000);

  it('an .xls: truncated, or padded past the size cap, is refused', () => {
    const sample = readFileSync(resolve(import.meta.dirname, '__fixtures__/shanghai/unit-budget-sample.xls'));
    const truncated = join(dir, 'truncated.xls');
    writeFileSync(truncated, sample.subarray(0, Math.floor(sample.length / 2)));
    expectRefused(probe(truncated), /损坏|无法读取/);
    const padded = join(dir, 'padded.xls');
    writeFileSync(padded, Buffer.concat([sample, Buffer.alloc(41 * 1024 * 1024)]));
    expectRefused(probe(padded), /文件过大/);
  }, 120_000);

  it('a FIFO and /dev/zero named .xlsx are refused at once, never read', () => {
    const fifo = join(dir, 'pipe.xlsx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expectRefused(probe(fifo), /不是普通文件/);
    const zero = join(dir, 'zero.xlsx');
    symlinkSync('/dev/zero', zero);
    expectRefused(probe(zero), /不是普通文件/);
    expectRefused(probe('/dev/zero'), /不是普通文件/);
  }, 60_000);

  it('the real 上海 .xls sample is still read (the probe is not refusing everything)', () => {
    const file = join(dir, 'sample.xls');
    copyFileSync(resolve(import.meta.dirname, '__fixtures__/shanghai/unit-budget-sample.xls'), file);
    const r = probe(file);
    expect(r.refused, r.message).toBe(false);
    expect(r.rows).toBeGreaterThan(10);
    expect(r.peakMB).toBeLessThan(MEMORY_LIMIT_MB);
  }, 60_000);
});
