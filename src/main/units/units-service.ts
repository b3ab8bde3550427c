import { ApiFailure, fail } from '../../shared/api/common';
import type { ConsolidationView, DepartmentUnits, EliminationView, UnitDetailView, UnitEntry, UnitSource } from '../../shared/api/units';
import { checkUnitProfile, consolidate, isConsolidated, type ConsolidationResult, type UnitBudget, type UnitProfile } from '../../shared/consolidation';
import type { DraftContent, DraftMeta } from '../../shared/draft';
import { toDecimalString, type Micro } from '../../shared/money';
import { getPack, templateOf, unitPackOf } from '../../shared/regions';
import type { AppContext } from '../api/context';
import { WorkbookFileError } from '../excel/guard';
import { importWorkbookFile, unusableReason } from '../excel/import';
import { contentHashOf } from '../review/fingerprint';
import { readDraftFile } from '../store/draft-file';
import { prepared } from '../store/statements';
import type { Db } from '../store/database';

interface UnitRow {
  code: string;
  name: string;
  nature: string;
  rank: string;
  funding: string;
  unit_draft_id: string | null;
}

/** What a consolidation used of each unit: its draft and a hash of its figures then. */
interface UsedUnit {
  code: string;
  draftId: string | null;
  hash: string | null;
}

interface ConsolidationRow {
  consolidated_at: string;
  user_name: string;
  units_json: string;
  result_json: string;
}

type StoredResult = Omit<ConsolidationView, 'outdated'>;

/** The figures of a meta's draft that a change of the unit is judged by (its status and revision aside). */
const figuresHash = (meta: DraftMeta, content: DraftContent) => contentHashOf(meta, content);

const EMPTY: DraftContent = { rows: {}, cells: {} };

/**
 * A department and its units: the list of units a department draft names (each with its own
 * draft in the region's unit pack), units taken in from elsewhere after validation, and the
 * consolidation (部门汇总) written into the department's draft as one undoable step. A unit
 * whose figures change after the department was signed voids the department's signature.
 */
export class UnitsService {
  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'drafts' | 'dictionaries' | 'currentUser'>,
    /** Voids a department's signature when it holds a valid one (the review domain). */
    private readonly voidSignature: (departmentId: string, reason: string) => void,
  ) {}

  list(departmentId: string): DepartmentUnits {
    const dept = this.department(departmentId);
    const rows = this.rows(departmentId);
    const stored = this.consolidationRow(departmentId);
    const used = new Map<string, UsedUnit>((stored ? (JSON.parse(stored.units_json) as UsedUnit[]) : []).map((u) => [u.code, u]));
    const units: UnitEntry[] = rows.map((row) => {
      const meta = this.unitMeta(row);
      const before = used.get(row.code);
      const changed = !before || before.draftId !== (meta?.id ?? null) || (meta !== null && before.hash !== this.hashOf(meta));
      return {
        ...profileOf(row),
        draftId: meta?.id ?? null,
        status: meta?.status ?? 'not-started',
        changedSinceConsolidation: changed,
      };
    });
    let consolidation: ConsolidationView | null = null;
    if (stored) {
      const result = JSON.parse(stored.result_json) as StoredResult;
      const outdated = units.some((u) => u.changedSinceConsolidation) || used.size !== units.length;
      consolidation = { ...result, outdated };
    }
    return { departmentId, unitTemplateId: unitPackOf(dept.templateId).id, units, consolidation };
  }

  add(departmentId: string, profile: UnitProfile): DepartmentUnits {
    const dept = this.editableDepartment(departmentId);
    const checked = checkUnitProfile(templateOf(dept), profile);
    if (!checked.ok) fail('invalid-value', checked.message);
    const unit = checked.profile;
    const rows = this.rows(departmentId);
    if (rows.some((r) => r.code === unit.code)) fail('conflict', `单位编码 ${unit.code} 已在下属单位中（${rows.find((r) => r.code === unit.code)!.name}）`);
    if (rows.some((r) => r.name === unit.name)) fail('conflict', `下属单位中已有“${unit.name}”`);
    this.sql(
      `INSERT INTO department_units (department_id, code, position, name, nature, rank, funding, unit_draft_id, added_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM department_units WHERE department_id = ?), ?, ?, ?, ?, NULL, ?)`,
    ).run(departmentId, unit.code, departmentId, unit.name, unit.nature, unit.rank, unit.funding, new Date().toISOString());
    return this.list(departmentId);
  }

  remove(departmentId: string, code: string): DepartmentUnits {
    this.editableDepartment(departmentId);
    this.row(departmentId, code);
    this.sql('DELETE FROM department_units WHERE department_id = ? AND code = ?').run(departmentId, code);
    return this.list(departmentId);
  }

  /** The unit's own draft, empty, in the unit pack of the department's region and year. */
  start(departmentId: string, code: string): DepartmentUnits {
    const dept = this.department(departmentId);
    const row = this.row(departmentId, code);
    if (this.unitMeta(row)) fail('conflict', `“${row.name}”已有预算草稿`);
    const meta = this.ctx.drafts.createDraft({
      unitCode: row.code,
      unitName: row.name,
      year: dept.year,
      templateId: unitPackOf(dept.templateId).id,
    });
    this.link(departmentId, code, meta.id);
    return this.list(departmentId);
  }

  /**
   * A unit's budget from elsewhere: a draft of this machine, a draft file (its checksum and
   * content checked) or a workbook in the unit pack's layout (read, its printed totals checked
   * against its entries). It must be the unit's (code), of the department's year, in the unit
   * pack; its content is checked in full before a draft is made of it.
   */
  async takeIn(departmentId: string, code: string, source: UnitSource): Promise<DepartmentUnits> {
    const dept = this.department(departmentId);
    const row = this.row(departmentId, code);
    const unitTemplateId = unitPackOf(dept.templateId).id;
    const expect = (what: { templateId: string; year: number | null; unitCode: string }, from: string) => {
      if (what.templateId !== unitTemplateId) {
        fail('bad-file', `${from}是“${packName(what.templateId)}”，下属单位“${row.name}”应为“${packName(unitTemplateId)}”，未导入`);
      }
      if (what.year !== null && what.year !== dept.year) fail('bad-file', `${from}是 ${what.year} 年预算，部门预算是 ${dept.year} 年，未导入`);
      if (what.unitCode.trim() && what.unitCode.trim() !== row.code) {
        fail('bad-file', `${from}的单位编码是 ${what.unitCode.trim()}，下属单位“${row.name}”的编码是 ${row.code}，未导入`);
      }
    };
    let draftId: string;
    if (source.kind === 'draft') {
      if (source.draftId === departmentId) fail('bad-request', '部门预算本身不能作为下属单位');
      const meta = this.ctx.drafts.getMeta(source.draftId);
      expect(meta, `草稿“${meta.unitName}”`);
      const other = this.sql('SELECT department_id, code FROM department_units WHERE unit_draft_id = ?').get(meta.id) as { department_id: string; code: string } | undefined;
      if (other && !(other.department_id === departmentId && other.code === code)) fail('conflict', `草稿“${meta.unitName}”已是另一下属单位的预算`);
      draftId = meta.id;
    } else if (source.kind === 'draftFile') {
      const file = readDraftFile(source.path);
      expect(file.meta, '草稿文件');
      draftId = this.ctx.drafts.createDraft({ ...file.meta, unitCode: row.code, unitName: row.name }, file.content, { prior: file.prior, explanations: file.explanations }).id;
    } else {
      const template = templateOf({ templateId: unitTemplateId, year: dept.year });
      let read;
      try {
        read = await importWorkbookFile(source.path, { dictionaries: this.ctx.dictionaries, template });
      } catch (e) {
        if (e instanceof WorkbookFileError) fail('bad-file', e.message);
        throw e;
      }
      const unusable = unusableReason(read.plan);
      if (unusable) fail('bad-file', unusable);
      expect(read.plan, '工作簿');
      const wrong = read.plan.differences;
      if (wrong.length) {
        const first = wrong[0];
        fail(
          'invalid-value',
          `工作簿中有 ${wrong.length} 处合计与明细不符，未导入。第一处：“${first.table}”${first.rowName} 印为 ${first.stated}，按明细应为 ${first.computed}`,
          wrong.slice(0, 50),
        );
      }
      draftId = this.ctx.drafts.createDraft({ unitCode: row.code, unitName: row.name, year: dept.year, templateId: unitTemplateId }, read.content).id;
    }
    this.link(departmentId, code, draftId);
    return this.list(departmentId);
  }

  /**
   * 部门汇总: the department's consolidated tables recomputed from its units' current figures
   * and written as one step, with what each unit was then recorded; not-started units count
   * as empty (they still appear in 机构设置), unsigned units are allowed and marked.
   */
  consolidate(departmentId: string): DepartmentUnits {
    const dept = this.department(departmentId);
    const rows = this.rows(departmentId);
    if (rows.length === 0) fail('bad-request', '尚未设置下属单位，无法汇总');
    const template = templateOf(dept);
    const unitTemplate = templateOf({ templateId: unitPackOf(dept.templateId).id, year: dept.year });
    const used: UsedUnit[] = [];
    const unsigned: ConsolidationView['unsigned'] = [];
    const budgets: UnitBudget[] = rows.map((row) => {
      const meta = this.unitMeta(row);
      const content = meta ? this.ctx.drafts.getSnapshot(meta.id).content : EMPTY;
      used.push({ code: row.code, draftId: meta?.id ?? null, hash: meta ? figuresHash(meta, content) : null });
      if (meta?.status !== 'signed') unsigned.push({ name: row.name, status: meta?.status ?? 'not-started' });
      return { profile: profileOf(row), template: meta ? templateOf(meta) : unitTemplate, content };
    });
    const own = this.ctx.drafts.getSnapshot(departmentId).content;
    const result = consolidate(template, budgets, own);
    const tables = new Set(template.tables.filter(isConsolidated).map((t) => t.id));
    const stored: StoredResult = {
      at: new Date().toISOString(),
      user: this.ctx.currentUser().name,
      unsigned,
      eliminations: result.eliminations.map(eliminationView),
      detail: detailView(result.detail),
      problems: result.problems,
    };
    this.ctx.db.transaction(() => {
      const meta = this.ctx.drafts.replaceTables(departmentId, tables, result.content, '汇总下属单位').meta;
      this.sql(
        `INSERT INTO department_consolidations (department_id, consolidated_at, user_name, department_revision, units_json, result_json)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (department_id) DO UPDATE SET consolidated_at = excluded.consolidated_at, user_name = excluded.user_name,
             department_revision = excluded.department_revision, units_json = excluded.units_json, result_json = excluded.result_json`,
      ).run(departmentId, stored.at, stored.user, meta.revision, JSON.stringify(used), JSON.stringify(stored));
    })();
    return this.list(departmentId);
  }

  /**
   * After any committed change: a unit whose figures moved away from what its department's
   * consolidation used, while that department is signed, voids the department's signature.
   */
  afterChange(meta: DraftMeta): void {
    if (!this.linkedUnits().has(meta.id)) return;
    const links = this.sql(
      `SELECT u.department_id, u.code, u.name, c.units_json FROM department_units u
         JOIN department_consolidations c ON c.department_id = u.department_id WHERE u.unit_draft_id = ?`,
    ).all(meta.id) as Array<{ department_id: string; code: string; name: string; units_json: string }>;
    for (const link of links) {
      const dept = this.ctx.drafts.getMeta(link.department_id);
      if (dept.status !== 'signed') continue;
      const before = (JSON.parse(link.units_json) as UsedUnit[]).find((u) => u.code === link.code);
      if (before?.hash === this.hashOf(meta)) continue;
      this.voidSignature(dept.id, `下属单位“${link.name}”在部门预算审签后发生变化，签名作废，请重新汇总并审签`);
    }
  }

  // ------------------------------------------------------------------ internals

  /** A statement of the open database, prepared once (the change hook runs on every edit). */
  private sql(text: string) {
    return prepared(this.ctx.db, text);
  }

  private department(departmentId: string): DraftMeta {
    const meta = this.ctx.drafts.getMeta(departmentId);
    const isUnit = getPack(meta.templateId).scope !== 'department' || this.sql('SELECT 1 FROM department_units WHERE unit_draft_id = ?').get(departmentId);
    if (isUnit) fail('bad-request', `“${meta.unitName}”是单位预算，不能设置下属单位`);
    return meta;
  }

  private editableDepartment(departmentId: string): DraftMeta {
    const meta = this.department(departmentId);
    if (meta.status === 'submitted' || meta.status === 'signed') {
      fail('read-only', `部门预算${meta.status === 'signed' ? '已审签' : '已提交审核'}，不能修改下属单位名单；如需修改请先${meta.status === 'signed' ? '重新编辑' : '撤回'}`);
    }
    return meta;
  }

  private rows(departmentId: string): UnitRow[] {
    return this.sql('SELECT code, name, nature, rank, funding, unit_draft_id FROM department_units WHERE department_id = ? ORDER BY position').all(departmentId) as UnitRow[];
  }

  private row(departmentId: string, code: string): UnitRow {
    const row = this.rows(departmentId).find((r) => r.code === code);
    if (!row) fail('not-found', `部门没有编码为 ${code} 的下属单位`);
    return row;
  }

  private link(departmentId: string, code: string, draftId: string): void {
    this.sql('UPDATE department_units SET unit_draft_id = ? WHERE department_id = ? AND code = ?').run(draftId, departmentId, code);
    this.linkedUnits().add(draftId);
  }

  /**
   * The drafts that are some department's unit, read once per database, so that the change
   * hook looks nothing up for any other draft: links are made only here (`link`); one
   * dropped since (a department or unit deleted) only costs that hook its lookup.
   */
  private linkedUnits(): Set<string> {
    const db = this.ctx.db;
    if (this.linked?.db !== db) {
      this.linked = { db, ids: new Set(this.sql('SELECT unit_draft_id FROM department_units WHERE unit_draft_id IS NOT NULL').pluck().all() as string[]) };
    }
    return this.linked.ids;
  }

  private linked: { db: Db; ids: Set<string> } | null = null;

  /** The unit's draft, or null when not started or deleted since. */
  private unitMeta(row: UnitRow): DraftMeta | null {
    if (!row.unit_draft_id) return null;
    try {
      return this.ctx.drafts.getMeta(row.unit_draft_id);
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'not-found') return null;
      throw e;
    }
  }

  private consolidationRow(departmentId: string): ConsolidationRow | undefined {
    return this.sql('SELECT consolidated_at, user_name, units_json, result_json FROM department_consolidations WHERE department_id = ?').get(departmentId) as
      ConsolidationRow | undefined;
  }

  private hashOf(meta: DraftMeta): string {
    return figuresHash(meta, this.ctx.drafts.getSnapshot(meta.id).content);
  }
}

function profileOf(row: UnitRow): UnitProfile {
  return { code: row.code, name: row.name, nature: row.nature, rank: row.rank, funding: row.funding };
}

function packName(templateId: string): string {
  try {
    return getPack(templateId).name;
  } catch {
    return templateId;
  }
}

const text = (v: Micro | null | undefined) => (v === null || v === undefined ? '' : toDecimalString(v));
const texts = (r: Record<string, Micro | null>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)]));

function eliminationView(e: ConsolidationResult['eliminations'][number]): EliminationView {
  return {
    label: e.label,
    income: text(e.income),
    spending: text(e.spending),
    eliminated: text(e.eliminated),
    remainingIncome: text(e.remainingIncome),
    remainingSpending: text(e.remainingSpending),
    byCode: e.byCode.map((c) => ({ code: c.code, amount: text(c.amount) })),
  };
}

function detailView(d: ConsolidationResult['detail']): UnitDetailView {
  return {
    columns: d.columns,
    units: d.units.map((u) => ({ code: u.code, name: u.name, values: texts(u.values) })),
    sum: texts(d.sum),
    eliminated: texts(d.eliminated),
    department: texts(d.department),
  };
}
