import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import type { DepartmentUnits } from '../../shared/api/units';
import { TOTAL_ROW } from '../../shared/draft';
import { money, toDecimalString } from '../../shared/money';
import { draftNarrative } from '../../shared/narrative/draft';
import { templateOf } from '../../shared/regions';
import { requireRole, type TableRole } from '../../shared/template/types';
import { runCli } from '../cli/main';
import { cleanedAfterEach, seedDraft, tempApp, tempDir } from '../test-support/temp-app';

const { apps, dirs } = cleanedAfterEach();

function setup() {
  const app = tempApp();
  apps.push(app);
  const out = tempDir('budget-desk-units-');
  dirs.push(out);
  const call = async <T = unknown>(method: string, args: unknown): Promise<T> => {
    const r = await app.dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const refused = async (method: string, args: unknown) => {
    const r = await app.dispatch(method, args);
    if (r.ok) throw new Error(`${method} should have been refused`);
    return r.error;
  };
  return { app, out, call, refused };
}

type Setup = ReturnType<typeof setup>;
const HEBEI = 'hebei-2024';
const unit = (code: string, name: string, nature: string) => ({
  code,
  name,
  nature,
  rank: '正科级',
  funding: nature === '行政' ? '财政拨款' : '财政补助',
});

/** Cell edits by table role (no pack's table ids in the test), adding the codes they need. */
function edits(draft: { templateId: string; year: number }, figures: Array<[TableRole, string, string, string]>) {
  const template = templateOf(draft);
  const list = figures.map(([role, row, col, value]) => ({
    table: requireRole(template, role).id,
    row,
    col,
    value,
  }));
  const addCodes = list.filter((e) => templateOf(draft).tables.find((t) => t.id === e.table)!.rows.kind === 'coded').map((e) => ({ table: e.table, code: e.row }));
  return { edits: list, addCodes };
}

/** A Hebei department of three units: 本级 pays 20 对附属单位补助 to the 事务中心 (which has 事业收入 and pays 10 上解上级 back); a 信息中心 stands apart. */
async function threeUnits({ call }: Setup) {
  const dept = await call<{ id: string; templateId: string; year: number }>('drafts/create', {
    unitCode: '435',
    unitName: '某局',
    year: 2025,
    templateId: HEBEI,
  });
  await call('units/add', { departmentId: dept.id, unit: unit('435001', '某局本级', '行政') });
  await call('units/add', { departmentId: dept.id, unit: unit('435002', '某局事务中心', '事业') });
  let list = await call<DepartmentUnits>('units/add', {
    departmentId: dept.id,
    unit: unit('435003', '某局信息中心', '事业'),
  });
  expect(list.units.map((u) => u.status)).toEqual(['not-started', 'not-started', 'not-started']);
  for (const u of list.units) list = await call<DepartmentUnits>('units/start', { departmentId: dept.id, code: u.code });
  const [office, institute, centre] = list.units.map((u) => u.draftId!);
  const fill = (draftId: string, figures: Array<[TableRole, string, string, string]>) => call('cells/set', { draftId, ...edits(dept, figures) });
  await fill(office, [
    ['income', '2010301', 'fiscal', '100'],
    ['income', '2010399', 'subordinate', '10'],
    ['spending', '2010301', 'basic', '90'],
    ['spending', '2010301', 'subsidy', '20'],
  ]);
  await fill(institute, [
    ['income', '2010301', 'superior', '20'],
    ['income', '2010399', 'business', '50'],
    ['spending', '2010301', 'basic', '20'],
    ['spending', '2010399', 'basic', '40'],
    ['spending', '2010399', 'remitted', '10'],
  ]);
  await fill(centre, [
    ['income', '2080501', 'fiscal', '30'],
    ['spending', '2080501', 'basic', '30'],
  ]);
  return { dept, office, institute, centre };
}

describe('a department of three units in the app', () => {
  it('consolidates to the exact sums with the eliminations shown; a changed unit raises its state and changes the department', async () => {
    const s = setup();
    const { dept, centre } = await threeUnits(s);
    const list = await s.call<DepartmentUnits>('units/consolidate', { departmentId: dept.id });
    const template = templateOf(dept);
    const model = () => s.app.ctx.drafts.getModel(dept.id);
    const v = (role: TableRole, row: string, col: string) => {
      const x = model().value(requireRole(template, role).id, row, col);
      return x === null ? null : toDecimalString(x);
    };
    expect(v('income', TOTAL_ROW, 'total')).toBe('180');
    expect(v('income', '2010399', 'business')).toBe('50');
    expect(v('income', '2010301', 'superior')).toBeNull();
    expect(v('income', '2010399', 'subordinate')).toBeNull();
    expect(v('spending', '2010301', 'basic')).toBe('110');
    expect(v('spending', '2010301', 'subsidy')).toBeNull();
    expect(v('spending', '2010399', 'remitted')).toBeNull();
    expect(v('spending', TOTAL_ROW, 'total')).toBe('180');
    const org = requireRole(template, 'org');
    expect(
      model()
        .rows(org.id)
        .map((r) => model().text(org.id, r, 'name')),
    ).toEqual(['某局本级', '某局事务中心', '某局信息中心']);
    // The text counts the units from the list (情况说明 一、机构设置).
    const text = draftNarrative(model(), template).map((sec) => sec.text).join('\n');
    expect(text).toContain('纳入2025年部门预算编制范围的单位共3个：某局本级（行政');

    const c = list.consolidation!;
    expect(c.eliminations.map((e) => [e.label, e.eliminated, e.byCode])).toEqual([
      ['上级补助收入 ↔ 对附属单位补助支出', '20', [{ code: '2010301', amount: '20' }]],
      ['附属单位上缴收入 ↔ 上解上级支出', '10', [{ code: '2010399', amount: '10' }]],
    ]);
    expect(c.detail.units.map((u) => [u.name, u.values.total])).toEqual([
      ['某局本级', '110'],
      ['某局事务中心', '70'],
      ['某局信息中心', '30'],
    ]);
    expect([c.detail.sum.total, c.detail.eliminated.total, c.detail.department.total]).toEqual(['210', '30', '180']);
    expect(c.unsigned.map((u) => u.status)).toEqual(['editing', 'editing', 'editing']);
    expect(c.outdated).toBe(false);
    expect(list.units.map((u) => u.changedSinceConsolidation)).toEqual([false, false, false]);

    // The 信息中心 spends 5 more: its state says so, and the next consolidation carries it.
    await s.call('cells/set', { draftId: centre, ...edits(dept, [['spending', '2080501', 'basic', '35']]) });
    const after = await s.call<DepartmentUnits>('units/list', { departmentId: dept.id });
    expect(after.units.map((u) => u.changedSinceConsolidation)).toEqual([false, false, true]);
    expect(after.consolidation!.outdated).toBe(true);
    expect(v('spending', TOTAL_ROW, 'total')).toBe('180');
    const again = await s.call<DepartmentUnits>('units/consolidate', { departmentId: dept.id });
    expect(v('spending', TOTAL_ROW, 'total')).toBe('185');
    expect(again.units.map((u) => u.changedSinceConsolidation)).toEqual([false, false, false]);
    // One undo takes the department back to the first consolidation.
    await s.call('history/undo', { draftId: dept.id });
    expect(v('spending', TOTAL_ROW, 'total')).toBe('180');
  });

  it('a deleted unit draft leaves its unit not started; a deleted department takes its list of units with it', async () => {
    const s = setup();
    const { dept, centre } = await threeUnits(s);
    await s.call('units/consolidate', { departmentId: dept.id });
    await s.call('drafts/delete', { draftId: centre });
    const list = await s.call<DepartmentUnits>('units/list', { departmentId: dept.id });
    expect(list.units[2]).toMatchObject({ code: '435003', status: 'not-started', draftId: null, changedSinceConsolidation: true });
    expect(list.consolidation!.outdated).toBe(true);
    await s.call('drafts/delete', { draftId: dept.id });
    const left = (table: string) => s.app.ctx.db.prepare(`SELECT count(*) FROM ${table} WHERE department_id = ?`).pluck().get(dept.id);
    expect([left('department_units'), left('department_consolidations')]).toEqual([0, 0]);
  });

  it('names its units with code, name, 单位性质, 单位规格 and 经费保障形式, refusing what is missing or repeated', async () => {
    const s = setup();
    const dept = await s.call<{ id: string }>('drafts/create', {
      unitCode: '435',
      unitName: '某局',
      year: 2025,
      templateId: HEBEI,
    });
    await s.call('units/add', { departmentId: dept.id, unit: unit('001', '本级', '行政') });
    expect((await s.refused('units/add', { departmentId: dept.id, unit: unit('001', '另一单位', '事业') })).message).toContain('已在下属单位中');
    expect(
      (
        await s.refused('units/add', {
          departmentId: dept.id,
          unit: { ...unit('002', '中心', '事业'), rank: ' ' },
        })
      ).message,
    ).toBe('请填写单位规格');
    expect((await s.refused('units/add', { departmentId: dept.id, unit: unit('0 2', '中心', '事业') })).message).toContain('单位编码只能');
    // 单位性质 is one of the 机构设置 table's choices.
    expect((await s.refused('units/add', { departmentId: dept.id, unit: unit('002', '中心', '事业单位') })).message).toBe('单位性质“事业单位”不是可选的值，应为：行政、参公、事业、其他');
    const unitDraft = (await s.call<DepartmentUnits>('units/start', { departmentId: dept.id, code: '001' })).units[0].draftId!;
    expect((await s.refused('units/add', { departmentId: unitDraft, unit: unit('002', '中心', '事业') })).message).toContain('不能设置下属单位');
  });
});

describe('units from elsewhere are validated before they are taken in', () => {
  it('a tampered draft file, one of another year and a workbook of another unit are refused; nothing is taken in', async () => {
    const s = setup();
    const { dept, centre } = await threeUnits(s);
    await s.call('units/add', { departmentId: dept.id, unit: unit('435004', '某局培训中心', '事业') });
    const file = join(s.out, 'centre.budget.json');
    await s.call('draftFile/save', { draftId: centre, path: file });
    const drafts = (await s.call<unknown[]>('drafts/list', {})).length;

    const tampered = join(s.out, 'tampered.budget.json');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('"30"', '"300"'));
    expect(readFileSync(tampered, 'utf8')).not.toBe(readFileSync(file, 'utf8'));
    const refusedFile = await s.refused('units/takeIn', {
      departmentId: dept.id,
      code: '435004',
      source: { kind: 'draftFile', path: tampered },
    });
    expect(refusedFile).toMatchObject({ code: 'damaged' });
    expect(refusedFile.message).toContain('校验码不符');

    // The centre's own file is the centre's (code 435003), not the 培训中心's.
    const wrongUnit = await s.refused('units/takeIn', {
      departmentId: dept.id,
      code: '435004',
      source: { kind: 'draftFile', path: file },
    });
    expect(wrongUnit.message).toContain('单位编码是 435003');

    const lastYear = await s.call<{ id: string }>('drafts/create', {
      unitCode: '435004',
      unitName: '某局培训中心',
      year: 2024,
      templateId: HEBEI,
    });
    const oldFile = join(s.out, 'old.budget.json');
    await s.call('draftFile/save', { draftId: lastYear.id, path: oldFile });
    expect(
      (
        await s.refused('units/takeIn', {
          departmentId: dept.id,
          code: '435004',
          source: { kind: 'draftFile', path: oldFile },
        })
      ).message,
    ).toContain('2024 年预算');

    const book = join(s.out, 'centre.xlsx');
    await s.call('excel/export', { draftId: centre, path: book });
    const notAWorkbook = join(s.out, 'note.xlsx');
    writeFileSync(notAWorkbook, 'not a workbook');
    expect(
      (
        await s.refused('units/takeIn', {
          departmentId: dept.id,
          code: '435004',
          source: { kind: 'workbook', path: notAWorkbook },
        })
      ).code,
    ).toBe('bad-file');

    expect((await s.call<unknown[]>('drafts/list', {})).length).toBe(drafts + 1);
    const list = await s.call<DepartmentUnits>('units/list', { departmentId: dept.id });
    expect(list.units[3]).toMatchObject({ status: 'not-started', draftId: null });
  });

  it('a unit’s exported workbook is taken in as that unit’s draft and consolidates as the draft did', async () => {
    const s = setup();
    const { dept, centre } = await threeUnits(s);
    const first = await s.call<DepartmentUnits>('units/consolidate', { departmentId: dept.id });
    const book = join(s.out, 'centre.xlsx');
    await s.call('excel/export', { draftId: centre, path: book });
    const list = await s.call<DepartmentUnits>('units/takeIn', {
      departmentId: dept.id,
      code: '435003',
      source: { kind: 'workbook', path: book },
    });
    expect(list.units[2].draftId).not.toBe(centre);
    expect(list.units[2].changedSinceConsolidation).toBe(true);
    const again = await s.call<DepartmentUnits>('units/consolidate', { departmentId: dept.id });
    expect(again.consolidation!.detail).toEqual(first.consolidation!.detail);
  });
});

describe('signatures and the department', () => {
  it('the seed as a department of one unit consolidates to itself; the unit changed after the department was signed voids the signature', async () => {
    const s = setup();
    const seed = getSeed('juluxian-2024');
    const unitDraft = seedDraft(s.app);
    const dept = await s.call<{ id: string; templateId: string; year: number }>('drafts/create', {
      unitCode: '435',
      unitName: '巨鹿县行政审批局（部门）',
      year: seed.meta.year,
      templateId: seed.meta.templateId,
    });
    const template = templateOf(dept);
    const org = requireRole(template, 'org');
    const orgRow = seed.content.rows[org.id][0];
    const text = (col: string) => seed.content.cells[`${org.id}!${orgRow}!${col}`] ?? '';
    await s.call('units/add', {
      departmentId: dept.id,
      unit: {
        code: seed.meta.unitCode,
        name: text('name'),
        nature: text('nature'),
        rank: text('rank'),
        funding: text('funding'),
      },
    });
    await s.call('units/takeIn', {
      departmentId: dept.id,
      code: seed.meta.unitCode,
      source: { kind: 'draft', draftId: unitDraft.id },
    });
    await s.call('units/consolidate', { departmentId: dept.id });

    const own = s.app.ctx.drafts.getModel(unitDraft.id);
    const theirs = s.app.ctx.drafts.getModel(dept.id);
    let compared = 0;
    for (const table of template.tables) {
      if (table.role === 'narrative' || table.role === 'priorYear') continue;
      for (const row of own.rows(table.id)) {
        const mapped = table.role === 'org' ? 'u1' : table.rows.kind === 'list' && row !== TOTAL_ROW ? `u1-${row}` : row;
        for (const col of table.columns) {
          const a = own.value(table.id, row, col.id);
          const b = theirs.value(table.id, mapped, col.id);
          expect(b, `${table.id} ${row} ${col.id}`).toBe(a);
          if (a !== null) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);

    // The department's text is its own: the seed's.
    const narrative = requireRole(template, 'narrative').id;
    const texts = Object.entries(seed.content.cells).filter(([k]) => k.startsWith(`${narrative}!`));
    await s.call('cells/set', {
      draftId: dept.id,
      edits: texts.map(([k, value]) => ({
        table: narrative,
        row: k.split('!')[1],
        col: k.split('!')[2],
        value,
      })),
    });
    // Sign the department, then change the unit: the department's signature is void and it is 编制中 again.
    await s.call('accounts/create', { name: '张会计', role: 'clerk', password: 'clerk-pass' });
    await s.call('accounts/create', { name: '李局长', role: 'supervisor', password: 'boss-pass' });
    const login = (name: string, password: string) => s.call('accounts/login', { name, password });
    await login('张会计', 'clerk-pass');
    for (const f of s.app.ctx.drafts.getFindings(dept.id)) await s.call('findings/explain', { draftId: dept.id, findingId: f.id, text: '汇总数据，已核对' });
    await s.call('review/submit', { draftId: dept.id });
    await login('李局长', 'boss-pass');
    await s.call('review/sign', { draftId: dept.id, password: 'boss-pass' });
    await login('张会计', 'clerk-pass');
    expect(s.app.ctx.drafts.getMeta(dept.id).status).toBe('signed');
    // A unit's status moving is not a change of its figures.
    await s.call('review/submit', { draftId: unitDraft.id });
    await s.call('review/withdraw', { draftId: unitDraft.id });
    expect(s.app.ctx.drafts.getMeta(dept.id).status).toBe('signed');
    const spending = requireRole(template, 'spending').id;
    const code = own.rows(spending).find((r) => r.length === 7)!;
    await s.call('cells/set', {
      draftId: unitDraft.id,
      edits: [
        {
          table: spending,
          row: code,
          col: 'basic',
          value: toDecimalString((own.value(spending, code, 'basic') ?? 0) + money('1')),
        },
      ],
    });
    expect(s.app.ctx.drafts.getMeta(dept.id).status).toBe('editing');
    const signatures = await s.call<Array<{ state: string; voidReason: string | null }>>('signatures/list', {
      draftId: dept.id,
    });
    expect(signatures[0]).toMatchObject({ state: 'void' });
    expect(signatures[0].voidReason).toContain('下属单位');
    const list = await s.call<DepartmentUnits>('units/list', { departmentId: dept.id });
    expect(list.units[0].changedSinceConsolidation).toBe(true);
  }, 60_000);
});

describe('a 上海 department: units drafted in the 上海 单位 pack', () => {
  it('a unit started in the unit pack, saved as a draft file and taken in by another department consolidates the same', async () => {
    const s = setup();
    const department = () => s.call<{ id: string }>('drafts/create', { unitCode: '101', unitName: '某区某局', year: 2026, templateId: 'shanghai-2026-department' });
    const a = await department();
    await s.call('units/add', { departmentId: a.id, unit: unit('101001', '某局事务中心', '事业') });
    const started = await s.call<DepartmentUnits>('units/start', { departmentId: a.id, code: '101001' });
    expect(started.unitTemplateId).toBe('shanghai-2026-unit');
    const unitDraft = s.app.ctx.drafts.getMeta(started.units[0].draftId!);
    expect(unitDraft).toMatchObject({ templateId: 'shanghai-2026-unit', year: 2026, unitCode: '101001', unitName: '某局事务中心' });
    await s.call('cells/set', {
      draftId: unitDraft.id,
      ...edits(unitDraft, [
        ['income', '2010350', 'fiscal', '120000'],
        ['income', '2010350', 'business', '30000'],
        ['spending', '2010350', 'basic', '150000'],
        ['generalSpending', '2010350', 'basic', '120000'],
      ]),
    });
    const first = await s.call<DepartmentUnits>('units/consolidate', { departmentId: a.id });
    const file = join(s.out, 'unit.budget.json');
    await s.call('draftFile/save', { draftId: unitDraft.id, path: file });

    const b = await department();
    await s.call('units/add', { departmentId: b.id, unit: unit('101001', '某局事务中心', '事业') });
    // A department workbook is not a unit's.
    const deptBook = join(s.out, 'dept.xlsx');
    await s.call('excel/export', { draftId: a.id, path: deptBook });
    await s.refused('units/takeIn', { departmentId: b.id, code: '101001', source: { kind: 'workbook', path: deptBook } });
    // The department's own draft file is not a unit's either (部门 pack).
    const deptFile = join(s.out, 'dept.budget.json');
    await s.call('draftFile/save', { draftId: a.id, path: deptFile });
    expect((await s.refused('units/takeIn', { departmentId: b.id, code: '101001', source: { kind: 'draftFile', path: deptFile } })).message).toContain('应为“');
    await s.call('units/takeIn', { departmentId: b.id, code: '101001', source: { kind: 'draftFile', path: file } });
    const second = await s.call<DepartmentUnits>('units/consolidate', { departmentId: b.id });
    expect(second.consolidation!.detail).toEqual(first.consolidation!.detail);
    expect(first.consolidation!.detail.department.total).toBe('150000');
    const template = templateOf(s.app.ctx.drafts.getMeta(b.id));
    const income = requireRole(template, 'income').id;
    expect(s.app.ctx.drafts.getModel(b.id).value(income, '2010350', 'business')).toBe(money('30000'));

    // The same unit arriving as its exported workbook (the 上海 单位 layout) consolidates the same.
    const unitBook = join(s.out, 'unit.xlsx');
    await s.call('excel/export', { draftId: unitDraft.id, path: unitBook });
    const c = await department();
    await s.call('units/add', { departmentId: c.id, unit: unit('101001', '某局事务中心', '事业') });
    await s.call('units/takeIn', { departmentId: c.id, code: '101001', source: { kind: 'workbook', path: unitBook } });
    const third = await s.call<DepartmentUnits>('units/consolidate', { departmentId: c.id });
    expect(third.consolidation!.detail).toEqual(first.consolidation!.detail);
    expect(third.consolidation!.problems).toEqual(first.consolidation!.problems);
  }, 60_000);
});

describe('budget-desk check of a department workbook with its units’ workbooks', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('finds the department’s printed figures equal to its units’ consolidation, and lists where they are not', async () => {
    const s = setup();
    const { dept, office, institute, centre } = await threeUnits(s);
    await s.call('units/consolidate', { departmentId: dept.id });
    const book = (draftId: string, name: string) => s.call('excel/export', { draftId, path: join(s.out, name) }).then(() => join(s.out, name));
    const deptBook = await book(dept.id, 'dept.xlsx');
    const units = [await book(office, 'office.xlsx'), await book(institute, 'institute.xlsx'), await book(centre, 'centre.xlsx')];

    const same = await cli('check', deptBook, '--units', ...units, '--json');
    expect(same.code, same.err).toBe(0);
    const report = JSON.parse(same.out);
    expect(report.differences).toEqual([]);
    expect(report.units.map((u: { unit: string }) => u.unit)).toEqual(['435001 某局本级', '435002 某局事务中心', '435003 某局信息中心']);
    expect(report.eliminations).toEqual([
      { label: '上级补助收入 ↔ 对附属单位补助支出', eliminated: '20' },
      { label: '附属单位上缴收入 ↔ 上解上级支出', eliminated: '10' },
    ]);

    // The 信息中心 sends a later workbook: 5 more spending; the department's printed figures no longer match.
    await s.call('cells/set', { draftId: centre, ...edits(dept, [['spending', '2080501', 'basic', '35']]) });
    units[2] = await book(centre, 'centre-later.xlsx');
    const differ = await cli('check', deptBook, '--units', ...units);
    expect(differ.code, differ.err).toBe(1);
    expect(differ.out).toContain('处部门数字与下属单位汇总不一致');
    expect(differ.out).toMatch(/”2080501 [^（]+（基本支出）：部门表为 30，汇总应为 35/);
    expect(JSON.parse((await cli('check', deptBook, '--units', ...units, '--json')).out).differences).toContainEqual(
      expect.objectContaining({ row: '2080501', col: '基本支出', printed: '30', consolidated: '35' }),
    );

    const usage = await cli('check', deptBook, units[0], '--units');
    expect(usage.code).toBe(2);
    const unreadable = await cli('check', deptBook, '--units', join(s.out, 'missing.xlsx'));
    expect(unreadable.code).toBe(2);
  }, 120_000);
});
