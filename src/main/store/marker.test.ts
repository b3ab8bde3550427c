import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../test-support/temp-app';
import { MARKER_SUFFIX, MarkerFile, readMarker, type MarkedDraft } from './marker';

describe('the acknowledged-state marker', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDir));

  it('is written in place in whole blocks: a shorter marker over a longer one reads as itself, and no other file is made', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = join(dir, 'budget-desk.sqlite');
    const many: Record<string, MarkedDraft> = {};
    for (let i = 0; i < 100; i++) many[`draft-${i}`] = { revision: i, unitName: `单位${i}`, year: 2025 };
    const marker = new MarkerFile(db);
    marker.write(many);
    const large = statSync(db + MARKER_SUFFIX).size;
    expect(large % 4096).toBe(0);
    expect(Object.keys(readMarker(db)!.drafts)).toHaveLength(100);

    marker.write({ only: { revision: 7, unitName: '甲', year: 2025 } });
    expect(readMarker(db)!.drafts).toEqual({ only: { revision: 7, unitName: '甲', year: 2025 } });
    expect(statSync(db + MARKER_SUFFIX).size).toBe(large);
    expect(readFileSync(db + MARKER_SUFFIX, 'utf8').trimEnd().endsWith('}')).toBe(true);
    expect(readdirSync(dir)).toEqual(['budget-desk.sqlite' + MARKER_SUFFIX]);
    marker.close();

    // Another writer of the same file (the next start) keeps its size too.
    const next = new MarkerFile(db);
    next.write({ later: { revision: 8, unitName: '甲', year: 2025 } });
    next.close();
    expect(statSync(db + MARKER_SUFFIX).size).toBe(large);
    expect(readMarker(db)!.drafts).toEqual({ later: { revision: 8, unitName: '甲', year: 2025 } });
  });

  it('moves the revision of a draft it lists without the list being given again; a draft it does not list is left to the caller', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = join(dir, 'budget-desk.sqlite');
    const marker = new MarkerFile(db);
    marker.write({ a: { revision: 1, unitName: '甲', year: 2025 }, b: { revision: 4, unitName: '乙', year: 2025 } });
    expect(marker.advance('a', { revision: 2, unitName: '甲', year: 2025 })).toBe(true);
    // Written in the next turn, after the edit's reply: edits of one turn are written once.
    expect(readMarker(db)!.drafts.a.revision).toBe(1);
    expect(marker.advance('a', { revision: 3, unitName: '甲', year: 2025 })).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(readMarker(db)!.drafts).toEqual({ a: { revision: 3, unitName: '甲', year: 2025 }, b: { revision: 4, unitName: '乙', year: 2025 } });
    expect(marker.advance('new', { revision: 1, unitName: '丙', year: 2025 })).toBe(false);
    expect(marker.advance('constructor', { revision: 1, unitName: '丙', year: 2025 })).toBe(false);
    expect(Object.keys(readMarker(db)!.drafts)).toEqual(['a', 'b']);
    // The list written again replaces what it kept: a draft no longer listed is not advanced.
    marker.write({ b: { revision: 5, unitName: '乙', year: 2025 } });
    expect(marker.advance('a', { revision: 4, unitName: '甲', year: 2025 })).toBe(false);
    expect(readMarker(db)!.drafts).toEqual({ b: { revision: 5, unitName: '乙', year: 2025 } });
    // What is due when the file is let go is written then.
    marker.advance('b', { revision: 6, unitName: '乙', year: 2025 });
    marker.close();
    expect(readMarker(db)!.drafts.b.revision).toBe(6);
  });
});
