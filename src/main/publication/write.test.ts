import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './write';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'write-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('writeFileAtomically', () => {
  it('names a Latin kind of file apart from the Chinese before it, with no doubled or stray space', () => {
    const file = join(scratch(), 'no-such-folder', '公开.pdf');
    expect(() => writeFileAtomically(file, new Uint8Array([1]), false, 'PDF')).toThrow(`无法保存 PDF ${file}：文件夹不存在`);
  });

  it('names a Chinese kind of file right after 保存', () => {
    const file = join(scratch(), 'no-such-folder', 'x.bin');
    expect(() => writeFileAtomically(file, new Uint8Array([1]))).toThrow(`无法保存文件 ${file}：文件夹不存在`);
  });

  it('puts the whole file in place and leaves nothing beside it', () => {
    const dir = scratch();
    const file = join(dir, 'a.pdf');
    writeFileAtomically(file, new Uint8Array([7, 8]), false, 'PDF');
    expect([...readFileSync(file)]).toEqual([7, 8]);
    expect(readdirSync(dir)).toEqual(['a.pdf']);
  });
});
