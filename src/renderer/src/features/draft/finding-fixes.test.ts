import { describe, expect, it } from 'vitest';
import { emptyContent, type CellRef } from '../../../../shared/draft';
import { DraftModel } from '../../../../shared/engine/model';
import type { Finding } from '../../../../shared/findings';
import { getTemplate } from '../../../../shared/regions';
import { requireRole } from '../../../../shared/template/types';
import { findingSections } from '../../../../shared/validation/problems';
import { missingCodeRows, problemsByTab, sameProblems } from './finding-fixes';

const hebei = getTemplate('hebei-2024');
const income = requireRole(hebei, 'income').id;
const spending = requireRole(hebei, 'spending').id;
const general = requireRole(hebei, 'generalSpending').id;

const finding = (id: string, cells: CellRef[], severity: Finding['severity'] = 'error', ruleId = id.split('@')[0]): Finding => ({ id, ruleId, severity, table: cells[0].table, cells, message: id, difference: '1.00' });

describe('finding fixes', () => {
  const content = emptyContent();
  content.rows[spending] = ['total', '208', '20805', '2080506'];
  content.cells[`${spending}!2080506!basic`] = '5';
  const model = new DraftModel(hebei, content);

  it('a missing code row is added in every table whose findings miss it, and nowhere it exists', () => {
    const a = finding('x@1', [{ table: income, row: '2080506', col: 'total' }, { table: spending, row: '2080506', col: 'total' }]);
    const b = finding('y@1', [{ table: general, row: '2080506', col: 'total' }, { table: spending, row: '2080506', col: 'total' }]);
    const other = finding('z@1', [{ table: general, row: '2010301', col: 'total' }]);
    expect(missingCodeRows(hebei, model, a, [a, b, other])).toEqual([
      { table: income, code: '2080506' },
      { table: general, code: '2080506' },
    ]);
    expect(missingCodeRows(hebei, model, finding('w@1', [{ table: spending, row: '2080506', col: 'total' }]), [a])).toEqual([]);
  });
});

describe('problems per tab', () => {
  it('a tab counts the sections of the tables it shows; equal counts are found equal', () => {
    const at = (table: string, row: string, severity: Finding['severity'] = 'error', rule = 'sum') => finding(`${rule}@${table}!${row}`, [{ table, row, col: 'total' }], severity, rule);
    const findings = [at(spending, 'total'), at(spending, '2080506'), at(general, '2010301', 'warning', 'name'), at(income, '2010301'), at(income, '2010301', 'warning', 'name')];
    const explained = [{ findingId: `name@${income}!2010301`, text: '名称为本年度新版科目名称' }];
    // Table 5 shown under table 2's tab, as a hidden child list is under its parent's.
    const tabOf = (table: string) => (table === general ? income : table);
    const byTab = problemsByTab(findingSections(findings, explained), tabOf);
    expect(byTab.get(income)).toEqual({ error: 1, warning: 1, followers: 0, explained: 1 });
    expect(byTab.get(spending)).toEqual({ error: 1, warning: 0, followers: 1, explained: 0 });
    expect(sameProblems(byTab, problemsByTab(findingSections([...findings].reverse(), explained), tabOf))).toBe(true);
    expect(sameProblems(byTab, problemsByTab(findingSections(findings, explained), (t) => t))).toBe(false);
    expect(sameProblems(byTab, problemsByTab(findingSections(findings, []), tabOf))).toBe(false);
  });
});
