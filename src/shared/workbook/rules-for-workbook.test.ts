import { describe, expect, it } from 'vitest';
import { getTemplate } from '../regions';
import { rulesFor } from '../validation';
import { rulesForWorkbook, tablesOfCheck } from './rules-for-workbook';

const template = getTemplate('hebei-2024');
const rules = rulesFor(template);

describe('rules that can speak about a workbook', () => {
  it('every data rule names the tables it reads', () => {
    for (const r of rules) if (r.check.kind !== 'custom') expect(tablesOfCheck(r.check).size, r.id).toBeGreaterThan(0);
    expect([...tablesOfCheck(rules.find((r) => r.id === 'r13-function-economic')!.check)].sort()).toEqual(['t05', 't06']);
  });

  it('a workbook of tables 5 and 6 keeps their own rules and the ones between them, nothing reading other tables', () => {
    const kept = rulesForWorkbook(rules, new Set(['t05', 't06']));
    const ids = kept.map((r) => r.id);
    expect(ids).toContain('r13-function-economic');
    for (const r of kept) if (r.check.kind !== 'custom') for (const t of tablesOfCheck(r.check)) expect(['t05', 't06']).toContain(t);
    expect(rulesForWorkbook(rules, new Set(template.tables.map((t) => t.id)))).toHaveLength(rules.length);
  });
});
