import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS } from '../../src/shared/regions';

/**
 * The boundary of the region packs: a pack's table ids are its own. Code outside the packs
 * finds a table by its role (tableByRole / requireRole), never by a literal id, so that a
 * fourth pack with other ids needs no change outside its folder.
 *
 * Ids that are not role names (河北's t01 … t12, py) are refused wherever they appear as a
 * string; ids that are also role names (上海 names its tables by role) are refused where they
 * stand for a table: `table: 'x'`, a cell key `'x!…'`, `t.id === 'x'`, `model.rows('x')`,
 * `model.value('x', …)`, `model.text('x', …)`, `cellKey('x', …)`, `rows.x` / `rows['x']`.
 */

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['src', 'scripts', 'bin', 'seeds', join('e2e', 'host'), join('e2e', 'support')];
const PACK_FOLDERS = join('src', 'shared', 'regions') + sep;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== '__fixtures__' && name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Files outside every pack folder (src/shared/regions/<pack>/…); the registry beside them is outside too. */
function outsidePacks(): string[] {
  return SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)))
    .map((path) => relative(ROOT, path))
    .filter((path) => !(path.startsWith(PACK_FOLDERS) && path.slice(PACK_FOLDERS.length).includes(sep)));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patterns(): Array<{ id: string; re: RegExp }> {
  const tables = PACKS.flatMap((p) => p.template(p.layoutYear).tables);
  const roles = new Set(tables.map((t) => t.role).filter(Boolean) as string[]);
  const ids = [...new Set(tables.map((t) => t.id))];
  const q = `['"\`]`;
  return ids.map((id) => {
    const i = escape(id);
    const re = roles.has(id)
      ? new RegExp(
          [
            `\\btable:\\s*${q}${i}${q}`,
            `${q}${i}!`,
            `\\b(?:t|table|def)\\.id\\s*[!=]==\\s*${q}${i}${q}`,
            `\\.(?:rows|value|text|valueByKey|setRows)\\(\\s*${q}${i}${q}`,
            `\\bcellKey\\(\\s*${q}${i}${q}`,
            `\\brows(?:\\.${i}\\b|\\[\\s*${q}${i}${q}\\s*\\])`,
          ].join('|'),
        )
      : new RegExp(`${q}${i}[!'"\`]|\\brows(?:\\.${i}\\b|\\[\\s*${q}${i}${q}\\s*\\])`);
    return { id, re };
  });
}

describe('region pack boundary', () => {
  it('no literal table id of a pack is used outside its pack', () => {
    const found: string[] = [];
    const checks = patterns();
    for (const file of outsidePacks()) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, n) => {
          for (const { id, re } of checks) if (re.test(line)) found.push(`${file}:${n + 1}: ${id}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('sees every source file outside the packs, and the check does fire', () => {
    const files = outsidePacks();
    expect(files).toContain(join('src', 'main', 'excel', 'export.ts'));
    expect(files).toContain(join('src', 'shared', 'regions', 'index.ts'));
    expect(files.some((f) => f.startsWith(join('src', 'shared', 'regions', 'hebei-2024')))).toBe(false);
    const fires = (line: string) => patterns().some(({ re }) => re.test(line));
    expect(fires("model.value('t05', 'total', 'basic')")).toBe(true);
    expect(fires("if (table.id === 'projects') {")).toBe(true);
    expect(fires("edits.push({ table: 'narrative', row })")).toBe(true);
    expect(fires("requireRole(template, 'projects')")).toBe(false);
  });
});
