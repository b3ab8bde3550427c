import { beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../../seeds';
import { loadShippedDictionaries } from '../../../main/dictionary';
import type { Dictionaries } from '../../dictionary';
import { cellKey, TOTAL_ROW } from '../../draft';
import { DraftModel } from '../../engine/model';
import { MICRO_PER_UNIT } from '../../money';
import { getPack, getTemplate } from '../../regions';
import { createFindingEngine, StatedValues } from '..';
import type { Check, RuleDef } from '../rule-types';
import { derivationRules } from './derived';

/**
 * The equalities generated from the Hebei template's derivations: each one catches a printed
 * figure that disagrees with the cells it is derived from (the seed's stated copy, one cell
 * raised by 1 万元), at that cell; and the pack writes none of them again by hand.
 */

const template = getTemplate('hebei-2024');
let dictionaries: Dictionaries;
beforeAll(() => {
  dictionaries = loadShippedDictionaries();
});

/** The cell a generated check derives, in the seed's rows: the one a break is tried at. */
function derivedCell(check: Check, view: StatedValues): string | null {
  switch (check.kind) {
    case 'equal': {
      const op = check.equations[0].left[0].of;
      if ('cell' in op) return cellKey(op.cell.table, op.cell.row, op.cell.col);
      if ('total' in op) return cellKey(op.total.table, TOTAL_ROW, op.total.col);
      return null;
    }
    case 'rowSum': {
      // An empty list gets a record; an empty coded table is tried at its 合计 row.
      const isList = template.tables.find((t) => t.id === check.table)!.rows.kind === 'list';
      if (isList && view.rows(check.table).every((r) => r === TOTAL_ROW)) view.setRows(check.table, [TOTAL_ROW, 'x1']);
      const row = check.rows?.[0] ?? view.rows(check.table).find((r) => r !== TOTAL_ROW) ?? TOTAL_ROW;
      return cellKey(check.table, row, check.target);
    }
    case 'rollup':
      return cellKey(check.table, TOTAL_ROW, check.columns[0]);
    case 'classRows': {
      const def = template.tables.find((t) => t.id === check.table)!;
      const row = def.rows.kind === 'fixed' ? def.rows.rows.find((r) => r.code) : undefined;
      return row ? cellKey(check.table, row.id, check.col) : null;
    }
    default:
      return null;
  }
}

describe('equalities generated from the Hebei derivations', () => {
  const seedStated = () => StatedValues.copyOf(template, new DraftModel(template, getSeed('juluxian-2024').content));
  const generated: RuleDef[] = derivationRules(template);

  it('are many (every sum, roll-up and cross-table cell) and the seed as stated satisfies them', () => {
    expect(generated.length).toBeGreaterThan(90);
    expect(createFindingEngine(template, dictionaries, { rules: generated }).full(seedStated())).toEqual([]);
  });

  it.each(generated.map((r) => [r.id, r] as const))('%s catches a wrong printed figure at the cell it derives', (_id, rule) => {
    const stated = seedStated();
    const at = derivedCell(rule.check, stated);
    expect(at, `${rule.id}: a derived cell`).not.toBeNull();
    stated.setValue(at!, (stated.valueByKey(at!) ?? 0) + MICRO_PER_UNIT);
    const findings = createFindingEngine(template, dictionaries, { rules: [rule] }).full(stated);
    const finding = findings.find((f) => f.id === `${rule.id}@${at}`);
    expect(finding, `${rule.id} at ${at}: ${findings.map((f) => f.id).join(', ')}`).toBeDefined();
    expect(finding!.message).toMatch(/栏为 .+ 万元，应等于.+(多|少) 1\.00 万元/);
  });

  it('the pack writes none of them again: no hand-written rule checks a cell the template derives from the same terms', () => {
    const hand = getPack('hebei-2024').rules(template).filter((r) => !generated.some((g) => g.id === r.id));
    expect(hand.filter((r) => r.check.kind === 'rowSum' || r.check.kind === 'rollup' || r.check.kind === 'classRows').map((r) => r.id)).toEqual([]);
    const derivedEquations = new Set(generated.flatMap((r) => (r.check.kind === 'equal' ? r.check.equations.map((e) => JSON.stringify([e.left, e.right.map((t) => ({ of: t.of, sign: t.sign }))])) : [])));
    for (const r of hand) {
      if (r.check.kind !== 'equal') continue;
      for (const e of r.check.equations) expect(derivedEquations.has(JSON.stringify([e.left, e.right.map((t) => ({ of: t.of, sign: t.sign }))])), r.id).toBe(false);
    }
  });
});
