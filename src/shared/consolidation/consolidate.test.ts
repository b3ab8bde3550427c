import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { cellKey, TOTAL_ROW, type DraftContent } from '../draft';
import { DraftModel } from '../engine/model';
import { money, toDecimalString } from '../money';
import { getTemplate, unitPackOf } from '../regions';
import { requireRole, rowByLine, type TableRole, type Template } from '../template/types';
import { consolidate } from './consolidate';
import type { UnitBudget, UnitProfile } from './types';

/** A unit's content written by role, row and column (no pack's table ids in the test). */
function builder(template: Template) {
  const content: DraftContent = { rows: {}, cells: {} };
  const api = {
    content,
    set(role: TableRole, row: string, col: string, value: string) {
      const table = requireRole(template, role);
      if (table.rows.kind !== 'fixed' && row !== TOTAL_ROW) {
        const list = (content.rows[table.id] ??= []);
        if (!list.includes(row)) list.push(row);
      }
      content.cells[cellKey(table.id, row, col)] = value;
      return api;
    },
  };
  return api;
}

const profile = (code: string, name: string, nature: string): UnitProfile => ({ code, name, nature, rank: '正科级', funding: '财政拨款' });
const hebei = getTemplate('hebei-2024', 2025);
const m = (text: string) => money(text);

describe('a Hebei department of three units', () => {
  // 本级 pays 20 对附属单位补助 to the 事业单位, which pays 10 上解上级 back; a third unit stands apart.
  const office = builder(hebei)
    .set('income', '2010301', 'fiscal', '100')
    .set('income', '2010399', 'subordinate', '10')
    .set('spending', '2010301', 'basic', '90')
    .set('spending', '2010301', 'subsidy', '20')
    .set('generalSpending', '2010301', 'basic', '100')
    .set('threePublic', 'reception', 'general', '1.5')
    .set('assets', 'vehicles', 'quantity', '2')
    .set('assets', 'vehicles', 'value', '30.25');
  const office2 = office.set('projects', 'p1', 'name', '政务服务').set('projects', 'p1', 'functionCode', '2010301').set('projects', 'p1', 'fund', '一般公共预算');
  office2.set('projects', 'p1', 'fiscal', '0').set('indicators', 'i1', 'project', 'p1').set('indicators', 'i1', 'level3', '办件量');
  const institute = builder(hebei)
    .set('income', '2010301', 'superior', '20')
    .set('income', '2010399', 'business', '50')
    .set('spending', '2010301', 'basic', '20')
    .set('spending', '2010399', 'basic', '40')
    .set('spending', '2010399', 'remitted', '10')
    .set('threePublic', 'reception', 'general', '0.5')
    .set('assets', 'vehicles', 'quantity', '1')
    .set('assets', 'vehicles', 'value', '10');
  const centre = builder(hebei)
    .set('income', '2080501', 'fiscal', '30')
    .set('spending', '2080501', 'basic', '25')
    .set('generalSpending', '2080501', 'basic', '25')
    .set('projects', 'p1', 'name', '信息系统运维')
    .set('projects', 'p1', 'functionCode', '2080501')
    .set('projects', 'p1', 'fund', '一般公共预算')
    .set('projects', 'p1', 'fiscal', '5');
  const units: UnitBudget[] = [
    { profile: profile('001', '某局本级', '行政'), template: hebei, content: office.content },
    { profile: profile('002', '某局事务中心', '事业'), template: hebei, content: institute.content },
    { profile: profile('003', '某局信息中心', '事业'), template: hebei, content: centre.content },
  ];
  const result = consolidate(hebei, units);
  const income = requireRole(hebei, 'income').id;
  const spending = requireRole(hebei, 'spending').id;
  const v = (table: string, row: string, col: string) => result.model.value(table, row, col);

  it('sums code by code and column by column, with the transfers eliminated', () => {
    expect(v(income, '2010301', 'fiscal')).toBe(m('100'));
    expect(v(income, '2010301', 'superior')).toBeNull();
    expect(v(income, '2010399', 'business')).toBe(m('50'));
    expect(v(income, '2010399', 'subordinate')).toBeNull();
    expect(v(income, '2080501', 'fiscal')).toBe(m('30'));
    expect(v(income, TOTAL_ROW, 'total')).toBe(m('180'));
    expect(v(spending, '2010301', 'basic')).toBe(m('110'));
    expect(v(spending, '2010301', 'subsidy')).toBeNull();
    expect(v(spending, '2010399', 'remitted')).toBeNull();
    expect(v(spending, '2080501', 'project')).toBe(m('5'));
    expect(v(spending, TOTAL_ROW, 'total')).toBe(m('180'));
    // Parents are the department's own sums.
    expect(v(spending, '20103', 'basic')).toBe(m('150'));
    expect(v(spending, '201', 'total')).toBe(m('150'));
    expect(result.problems).toEqual([]);
  });

  it('shows each eliminated amount', () => {
    expect(result.eliminations.map((e) => [e.label, e.income, e.spending, e.eliminated, e.byCode])).toEqual([
      ['上级补助收入 ↔ 对附属单位补助支出', m('20'), m('20'), m('20'), [{ code: '2010301', amount: m('20') }]],
      ['附属单位上缴收入 ↔ 上解上级支出', m('10'), m('10'), m('10'), [{ code: '2010399', amount: m('10') }]],
    ]);
  });

  it('the summary and fiscal tables follow from the department’s own derivations', () => {
    const summary = requireRole(hebei, 'summary');
    // 一般公共预算拨款收入 comes from the 一般公共预算支出表 (100 + 25 + the project's 5), 单位资金 from the income table.
    expect(v(summary.id, rowByLine(summary, 'income:general')!.id, 'inAmount')).toBe(m('130'));
    expect(v(summary.id, rowByLine(summary, 'grandTotal')!.id, 'inAmount')).toBe(m('180'));
    expect(v(summary.id, rowByLine(summary, 'income:unitFunds')!.id, 'inAmount')).toBe(m('50'));
    expect(v(summary.id, rowByLine(summary, 'grandTotal')!.id, 'outAmount')).toBe(m('180'));
  });

  it('gathers 三公, assets, projects with their indicators, and builds 机构设置 from the units', () => {
    const three = requireRole(hebei, 'threePublic').id;
    expect(v(three, 'reception', 'total')).toBe(m('2'));
    const assets = requireRole(hebei, 'assets').id;
    expect(v(assets, 'vehicles', 'quantity')).toBe(m('3'));
    expect(v(assets, TOTAL_ROW, 'value')).toBe(m('40.25'));
    const projects = requireRole(hebei, 'projects').id;
    expect(result.model.rows(projects)).toEqual([TOTAL_ROW, 'u1-p1', 'u3-p1']);
    expect(result.model.text(projects, 'u3-p1', 'name')).toBe('信息系统运维');
    const indicators = requireRole(hebei, 'indicators').id;
    expect(result.model.rows(indicators)).toEqual(['u1-i1']);
    expect(result.model.text(indicators, 'u1-i1', 'project')).toBe('u1-p1');
    const org = requireRole(hebei, 'org').id;
    expect(result.model.rows(org).map((r) => result.model.text(org, r, 'name'))).toEqual(['某局本级', '某局事务中心', '某局信息中心']);
    expect(result.unitCount).toBe(3);
  });

  it('writes only entered cells of the department template', () => {
    const derived = Object.keys(result.content.cells).filter((k) => result.model.isDerived(k));
    expect(derived).toEqual([]);
  });

  it('gives the per-unit detail: units, their sum, the eliminations and the department', () => {
    const d = result.detail;
    expect(d.units.map((u) => [u.name, u.values.total])).toEqual([
      ['某局本级', m('110')],
      ['某局事务中心', m('70')],
      ['某局信息中心', m('30')],
    ]);
    expect(d.sum.total).toBe(m('210'));
    expect(d.eliminated).toMatchObject({ total: m('30'), subsidy: m('20'), remitted: m('10') });
    expect(d.department.total).toBe(m('180'));
    // Each unit's row is read from its entered figures (no model of the unit): the department's computed 合计 agrees.
    for (const { id } of d.columns) {
      expect((d.sum[id] ?? 0) - (d.eliminated[id] ?? 0), id).toBe(d.department[id] ?? 0);
      expect(d.department[id] ?? null, id).toBe(result.model.value(spending, TOTAL_ROW, id));
    }
  });

  it('reading the units’ stored figures gives what reading their computed models gives', () => {
    const computed = consolidate(hebei, units.map((u) => ({ ...u, model: new DraftModel(u.template, u.content) })));
    expect(computed.content).toEqual(result.content);
    expect(computed.detail).toEqual(result.detail);
    expect(computed.eliminations).toEqual(result.eliminations);
  });

  it('a unit’s changed figure changes the department’s', () => {
    const changed = { ...units[2], content: { rows: centre.content.rows, cells: { ...centre.content.cells, [cellKey(income, '2080501', 'fiscal')]: '31.5' } } };
    const again = consolidate(hebei, [units[0], units[1], changed]);
    expect(again.model.value(income, TOTAL_ROW, 'total')).toBe(m('181.5'));
  });

  it('income left over after elimination (a transfer from outside the department) stays', () => {
    const outside = builder(hebei).set('income', '2010301', 'superior', '8').set('spending', '2010301', 'basic', '8');
    const r = consolidate(hebei, [...units, { profile: profile('004', '另一单位', '事业'), template: hebei, content: outside.content }]);
    expect(r.model.value(income, '2010301', 'superior')).toBe(m('8'));
    expect(r.eliminations[0]).toMatchObject({ income: m('28'), spending: m('20'), eliminated: m('20'), remainingIncome: m('8'), remainingSpending: 0 });
  });

});

describe('the seed as a department of one unit', () => {
  it('consolidates to itself, every figure', () => {
    const seed = getSeed('juluxian-2024');
    const template = getTemplate(seed.meta.templateId, seed.meta.year);
    const own = new DraftModel(template, seed.content);
    const org = requireRole(template, 'org');
    const orgRow = seed.content.rows[org.id][0];
    const text = (col: string) => own.text(org.id, orgRow, col);
    const unit: UnitBudget = {
      profile: { code: seed.meta.unitCode, name: text('name'), nature: text('nature'), rank: text('rank'), funding: text('funding') },
      template,
      content: seed.content,
    };
    const result = consolidate(template, [unit], seed.content);
    expect(result.problems).toEqual([]);
    const rename = (table: string, row: string) => {
      const def = template.tables.find((t) => t.id === table)!;
      if (def.role === 'org') return 'u1';
      return def.rows.kind === 'list' && row !== TOTAL_ROW ? `u1-${row}` : row;
    };
    let compared = 0;
    for (const table of template.tables) {
      expect(result.model.rows(table.id).length, table.id).toBe(own.rows(table.id).length);
      for (const row of own.rows(table.id)) {
        for (const col of table.columns) {
          const theirs = rename(table.id, row);
          if (col.kind === 'money' || col.kind === 'quantity' || col.kind === 'percent') {
            const a = own.value(table.id, row, col.id);
            const b = result.model.value(table.id, theirs, col.id);
            expect(b === null ? null : toDecimalString(b), `${table.id} ${row} ${col.id}`).toBe(a === null ? null : toDecimalString(a));
            compared++;
          } else if (table.rows.kind !== 'fixed') {
            const t = own.text(table.id, row, col.id);
            const expected = table.parent?.col === col.id && t ? `u1-${t}` : t;
            expect(result.model.text(table.id, theirs, col.id), `${table.id} ${row} ${col.id}`).toBe(expected);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(result.eliminations).toEqual([]);
  });
});

describe('a 上海 department of two 上海 unit drafts', () => {
  const dept = getTemplate('shanghai-2026-department', 2026);
  const unitTemplate = getTemplate(unitPackOf('shanghai-2026-department').id, 2026);

  it('consolidates by role, code and column id: only the department’s entered cells are written', () => {
    expect(unitTemplate.id).toBe('shanghai-2026-unit');
    const a = builder(unitTemplate)
      .set('income', '2010301', 'fiscal', '1000000')
      .set('spending', '2010301', 'basic', '1000000')
      .set('generalSpending', '2010301', 'basic', '1000000')
      .set('basicEconomic', '30101', 'personnel', '600000')
      .set('basicEconomic', '30201', 'public', '400000')
      .set('summary', 'c201', 'outPersonnel', '600000')
      .set('summary', 'c201', 'outPublic', '400000')
      .set('threePublic', 'amount', 'reception', '1.2');
    const b = builder(unitTemplate)
      .set('income', '2010301', 'fiscal', '250000.5')
      .set('income', '2010350', 'business', '80000')
      .set('spending', '2010301', 'basic', '250000.5')
      .set('spending', '2010350', 'project', '80000')
      .set('generalSpending', '2010301', 'basic', '250000.5')
      .set('threePublic', 'amount', 'reception', '0.3')
      .set('threePublic', 'amount', 'vehicleRunning', '2');
    const result = consolidate(dept, [
      { profile: profile('101', '某局机关', '行政'), template: unitTemplate, content: a.content },
      { profile: profile('102', '某局事业单位', '事业'), template: unitTemplate, content: b.content },
    ]);
    const v = (role: TableRole, row: string, col: string) => result.model.value(requireRole(dept, role).id, row, col);
    expect(v('income', TOTAL_ROW, 'total')).toBe(m('1330000.5'));
    expect(v('income', '2010350', 'business')).toBe(m('80000'));
    expect(v('spending', TOTAL_ROW, 'basic')).toBe(m('1250000.5'));
    expect(v('spending', TOTAL_ROW, 'project')).toBe(m('80000'));
    // The department's 收支总表 has no 人员经费/公用经费 columns: it follows from its own derivations.
    const summary = requireRole(dept, 'summary');
    expect(v('summary', 'c201', 'outAmount')).toBe(m('1330000.5'));
    expect(v('summary', rowByLine(summary, 'grandTotal')!.id, 'inAmount')).toBe(m('1330000.5'));
    expect(Object.keys(result.content.cells).some((k) => k.startsWith(`${summary.id}!`))).toBe(false);
    expect(v('threePublic', 'amount', 'total')).toBe(m('3.5'));
    expect(v('basicEconomic', TOTAL_ROW, 'total')).toBe(m('1000000'));
    expect(result.eliminations).toEqual([]);
    expect(result.detail.units.map((u) => u.values.total)).toEqual([m('1000000'), m('330000.5')]);
    expect(result.problems).toEqual([]);
  });
});
