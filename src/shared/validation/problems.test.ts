import { describe, expect, it } from 'vitest';
import type { CellRef } from '../draft';
import type { Finding } from '../findings';
import { getTemplate } from '../regions';
import { requireRole } from '../template/types';
import { countProblems, findingSections, groupFindings, leftOutText, listingOrder } from './problems';

const hebei = getTemplate('hebei-2024');
const income = requireRole(hebei, 'income').id;
const spending = requireRole(hebei, 'spending').id;
const general = requireRole(hebei, 'generalSpending').id;

const finding = (id: string, cells: CellRef[], severity: Finding['severity'] = 'error', ruleId = id.split('@')[0]): Finding => ({ id, ruleId, severity, table: cells[0].table, cells, message: id, difference: '1.00' });

describe('grouping findings under their first cause', () => {
  it('the same check failing on a 项, its 款, 类 and 合计 is grouped under the 项', () => {
    const at = (row: string) => finding(`r3@${row}`, [{ table: spending, row, col: 'total' }]);
    const [total, cls, kuan, xiang] = [at('total'), at('208'), at('20805'), at('2080506')];
    const unrelated = finding('r9@x', [{ table: spending, row: '20805', col: 'total' }]);
    const groups = groupFindings([total, cls, unrelated, kuan, xiang]);
    expect(groups.map((g) => [g.lead.id, g.related.map((r) => r.id)])).toEqual([
      ['r3@2080506', ['r3@20805', 'r3@208', 'r3@total']],
      ['r9@x', []],
    ]);
  });

  it('two wrong 项 under different 类: each 款 and 类 follows the 项 below it, the 合计 the first of them; a bare 类 leads its own', () => {
    const at = (row: string) => finding(`r3@${row}`, [{ table: spending, row, col: 'total' }]);
    const list = ['total', '201', '20103', '2010301', '208', '20805', '2080506', '210'].map(at);
    expect(groupFindings(list).map((g) => [g.lead.id, g.related.map((r) => r.id)])).toEqual([
      ['r3@2010301', ['r3@20103', 'r3@201', 'r3@total']],
      ['r3@2080506', ['r3@20805', 'r3@208']],
      ['r3@210', []],
    ]);
  });

  it('a wrong name or code on a 项 and on its 款 are two problems: only figures sum their children', () => {
    const named = (row: string) => ({ ...finding(`name@${row}`, [{ table: spending, row, col: 'name' }], 'warning', 'name'), difference: undefined });
    expect(groupFindings([named('20805'), named('2080506')]).map((g) => g.related.length)).toEqual([0, 0]);
  });
});

describe('counting the problems left to fix', () => {
  const explained = (...ids: string[]) => ids.map((findingId) => ({ findingId, text: '已在项目支出中安排' }));
  const sum = (table: string, row: string, severity: Finding['severity'] = 'error', rule = 'sum') => finding(`${rule}@${table}!${row}`, [{ table, row, col: 'total' }], severity, rule);
  // Table 3: one wrong 项 and the 款, 类 and 合计 it breaks; another rule on the same 项.
  const t3 = [sum(spending, 'total'), sum(spending, '208'), sum(spending, '20805'), sum(spending, '2080506'), sum(spending, '2080506', 'error', 'other')];
  // Table 5: a warning on a 项 and its 类 (one problem), and a warning of another rule.
  const t5 = [sum(general, '2010301', 'warning', 'round'), sum(general, '201', 'warning', 'round'), sum(general, '2010302', 'warning', 'name')];
  // Table 2: an error and a warning.
  const t2 = [sum(income, '2010301'), sum(income, '2010301', 'warning', 'name')];
  const all = [...t3, ...t5, ...t2];

  it('a wrong figure and the 款, 类 and 合计 it breaks are one problem; the followers are counted beside it', () => {
    const sections = findingSections(all, []);
    expect(sections.map((s) => [s.table, s.severity, s.open.length, s.explained.length])).toEqual([
      [spending, 'error', 2, 0],
      [general, 'warning', 2, 0],
      [income, 'error', 1, 0],
      [income, 'warning', 1, 0],
    ]);
    expect(countProblems(sections)).toEqual({ error: 3, warning: 3, followers: 4, explained: 0 });
    // A section header counts its own section.
    expect(countProblems([sections[0]])).toEqual({ error: 2, warning: 0, followers: 3, explained: 0 });
  });

  it('an explained warning is no longer a problem: it is counted as explained, the rest of its table stays', () => {
    const sections = findingSections(all, explained(`name@${general}!2010302`, `name@${income}!2010301`, `sum@${spending}!total`));
    const t5Warnings = sections.find((s) => s.table === general)!;
    expect(t5Warnings.open.map((g) => g.lead.id)).toEqual([`round@${general}!2010301`]);
    expect(t5Warnings.explained.map((f) => f.id)).toEqual([`name@${general}!2010302`]);
    // An error cannot be explained away: table 3 keeps its two problems and its followers.
    expect(countProblems(sections.filter((s) => s.table === spending))).toEqual({ error: 2, warning: 0, followers: 3, explained: 0 });
    // Table 2's warning section holds only an explained warning: listed, not counted.
    expect(countProblems(sections.filter((s) => s.table === income))).toEqual({ error: 1, warning: 0, followers: 0, explained: 1 });
    expect(countProblems(sections)).toEqual({ error: 3, warning: 1, followers: 4, explained: 2 });
    // An explanation without words explains nothing (as for submission).
    expect(countProblems(findingSections(t5, [{ findingId: `name@${general}!2010302`, text: '  ' }]))).toEqual({ error: 0, warning: 2, followers: 1, explained: 0 });
  });

  it('explaining the first cause leaves the warnings that followed it open, each still to be explained', () => {
    const sections = findingSections(t5, explained(`round@${general}!2010301`));
    expect(sections[0].open.map((g) => [g.lead.id, g.related.length])).toEqual([
      [`round@${general}!201`, 0],
      [`name@${general}!2010302`, 0],
    ]);
    expect(countProblems(sections)).toEqual({ error: 0, warning: 2, followers: 0, explained: 1 });
  });
});

describe('listing and saying the count', () => {
  it('findings are listed 强制 first, then by the template\'s order of tables, then by id', () => {
    const f = (id: string, table: string, severity: Finding['severity']) => finding(id, [{ table, row: 'total', col: 'total' }], severity);
    const list = [f('b', general, 'warning'), f('c', general, 'error'), f('a', spending, 'warning'), f('z', income, 'error'), f('y', income, 'error')];
    expect(list.sort(listingOrder(hebei)).map((x) => x.id)).toEqual(['y', 'z', 'c', 'a', 'b']);
  });

  it('what a count leaves out is said beside it, and nothing when it leaves nothing out', () => {
    expect(leftOutText({ error: 1, warning: 0, followers: 3, explained: 0 })).toBe('按问题计数，未计入：同一差错引起的上级科目、合计差异 3 条');
    expect(leftOutText({ error: 1, warning: 2, followers: 0, explained: 1 })).toBe('按问题计数，未计入：已说明的提示 1 条');
    expect(leftOutText({ error: 1, warning: 2, followers: 0, explained: 0 })).toBeNull();
  });
});
