import { openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../test-support/temp-app';
import { EditJournal, JOURNAL_BYTES } from './journal';

const dirs: string[] = [];
const fileIn = () => {
  const d = tempDir();
  dirs.push(d);
  return join(d, 'budget-desk.sqlite-edits');
};
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

/** Byte offset of a record's payload in the file (found by its text). */
function offsetOf(file: string, text: string): number {
  const at = readFileSync(file).indexOf(Buffer.from(text));
  if (at < 0) throw new Error(`${text} not in the journal`);
  return at;
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

describe('edit journal', () => {
  it('is written out to its full size once, and gives back what was appended, in order, after a reopen', () => {
    const file = fileIn();
    const first = EditJournal.open<{ n: number; text: string }>(file);
    expect(first.records).toEqual([]);
    expect(statSync(file).size).toBe(JOURNAL_BYTES);
    for (let n = 1; n <= 3; n++) expect(first.journal.append({ n, text: `第${n}笔` })).toBe('appended');
    first.journal.close();

    const again = EditJournal.open<{ n: number; text: string }>(file);
    expect(again.records).toEqual([1, 2, 3].map((n) => ({ n, text: `第${n}笔` })));
    expect(statSync(file).size).toBe(JOURNAL_BYTES);
    again.journal.close();
  });

  it('a reset voids every record, and records after it are read from the new start', () => {
    const file = fileIn();
    const { journal } = EditJournal.open<{ n: number }>(file);
    for (let n = 1; n <= 5; n++) journal.append({ n });
    journal.reset();
    expect(journal.isEmpty).toBe(true);
    journal.append({ n: 6 });
    journal.close();
    // Records 2–5 of the old epoch are still in the file after record 6: they do not count.
    const { records, journal: again } = EditJournal.open<{ n: number }>(file);
    expect(records).toEqual([{ n: 6 }]);
    again.close();
  });

  it('ends at a record cut short or damaged: what came before it counts, nothing after', () => {
    const file = fileIn();
    const { journal } = EditJournal.open<{ tag: string }>(file);
    for (const tag of ['AAAA', 'BBBB', 'CCCC']) journal.append({ tag });
    journal.close();
    overwrite(file, offsetOf(file, 'BBBB'), Buffer.from('BxBB'));
    const { records, journal: again } = EditJournal.open<{ tag: string }>(file);
    expect(records).toEqual([{ tag: 'AAAA' }]);
    // Once what was read is kept elsewhere, a reset: the record after the damaged one never comes back.
    again.reset();
    again.append({ tag: 'DDDD' });
    again.close();
    const { records: after, journal: last } = EditJournal.open<{ tag: string }>(file);
    expect(after).toEqual([{ tag: 'DDDD' }]);
    last.close();
  });

  it('refuses a record that does not fit in what is left (it takes it after a reset), and one that never would', () => {
    const file = fileIn();
    const { journal } = EditJournal.open<{ text: string }>(file);
    const big = { text: 'x'.repeat(Math.floor(JOURNAL_BYTES * 0.6)) };
    expect(journal.append(big)).toBe('appended');
    expect(journal.append(big)).toBe('full');
    journal.reset();
    expect(journal.append(big)).toBe('appended');
    expect(journal.append({ text: 'x'.repeat(JOURNAL_BYTES) })).toBe('too-big');
    journal.close();
  });

  it('a file that is not a journal (or a shorter one) is taken as empty and written out anew', () => {
    const file = fileIn();
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.from('not a journal at all'));
    closeSync(fd);
    const { records, journal } = EditJournal.open(file);
    expect(records).toEqual([]);
    expect(statSync(file).size).toBe(JOURNAL_BYTES);
    journal.append({ ok: true });
    journal.close();
    const { records: after, journal: again } = EditJournal.open(file);
    expect(after).toEqual([{ ok: true }]);
    again.close();
  });
});
