import { describe, expect, it } from 'vitest';
import { emptyContent, type CellRef } from '../../../../shared/draft';
import { DraftModel } from '../../../../shared/engine/model';
import type { Finding } from '../../../../shared/findings';
import { getTemplate } from '../../../../shared/regions';
import { requireRole } from '../../../../shared/template/types';
import { groupFindings, missingCodeRows, tabBadgeCounts } from './finding-fixes';

const hebei = getTemplate('hebei-2024');
const income = requireRole(hebei, 'income').id;
const spending = requireRole(hebei, 'spending').id;
const general = requireRole(hebei, 'generalSpending').id;

const finding = (id: string, cells: CellRef[], severity: Finding['severity'] = 'error', ruleId = id.split('@')[0]): Finding => ({ id, ruleId, severity, table: cells[0].table, cells, message: id });

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

  it('explained warnings leave the tab badge', () => {
    const w = finding('w@1', [{ table: spending, row: '2080506', col: 'total' }], 'warning');
    const e = finding('e@1', [{ table: spending, row: '2080506', col: 'total' }], 'error');
    expect(tabBadgeCounts([w, e], new Map()).get(spending)).toEqual({ error: 1, warning: 1 });
    expect(tabBadgeCounts([w, e], new Map([['w@1', { findingId: 'w@1', text: '新科目', author: '', at: '' }]])).get(spending)).toEqual({ error: 1, warning: 0 });
  });

  it('the same check failing on a 项, its 款, 类 and 合计 is grouped under the 项', () => {
    const at = (row: string) => finding(`r3@${row}`, [{ table: spending, row, col: 'total' }]);
    const [total, cls, kuan, xiang] = [at('total'), at('208'), at('20805'), at('2080506')];
    const unrelated = finding('r9@x', [{ table: spending, row: '20805', col: 'total' }]);
    const groups = groupFindings([total, cls, unrelated, kuan, xiang]);
    // The tab's badge counts the problems: the 项's group once, the unrelated finding once.
    expect(tabBadgeCounts([total, cls, unrelated, kuan, xiang], new Map()).get(spending)).toEqual({ error: 2, warning: 0 });
    expect(groups.map((g) => [g.lead.id, g.related.map((r) => r.id)])).toEqual([
      ['r3@2080506', ['r3@total', 'r3@208', 'r3@20805']],
      ['r9@x', []],
    ]);
  });
});
