import { consolidate, isConsolidated, type UnitBudget } from '../../shared/consolidation';
import type { Dictionaries } from '../../shared/dictionary';
import { parseCellKey, TOTAL_ROW } from '../../shared/draft';
import { toDecimalString, type Micro } from '../../shared/money';
import { getTemplate, unitPackOf } from '../../shared/regions';
import { importWorkbookFile, unusableReason, type ImportResult } from '../excel/import';
import { headerOf, printedRowName } from './main';

/** A figure the department's workbook prints otherwise than its units' workbooks consolidate to. */
export interface ConsolidationDifference {
  table: string;
  row: string;
  rowName: string;
  col: string;
  /** Decimal text in the department's unit of measure; '' where blank. */
  printed: string;
  consolidated: string;
}

export interface UnitsCheckReport {
  department: string;
  units: Array<{ file: string; unit: string }>;
  eliminations: Array<{ label: string; eliminated: string }>;
  differences: ConsolidationDifference[];
  problems: string[];
}

/** A workbook read for checking; refused (thrown) when nothing in it can be used. */
async function readBook(file: string, dictionaries: Dictionaries, template?: ReturnType<typeof getTemplate>): Promise<ImportResult> {
  const result = await importWorkbookFile(file, { dictionaries, verify: true, ...(template ? { template } : {}) });
  const problem = unusableReason(result.plan);
  if (problem) throw new Error(`${file}：${problem}`);
  return result;
}

/**
 * `check 部门.xlsx --units 单位1.xlsx …`: the units' workbooks (read in the department pack's
 * unit pack) consolidated as the app consolidates them, compared figure by figure with what
 * the department's workbook prints in its consolidated tables (lists by their 合计 only: their
 * records are the units'). Every difference is listed, in the department's unit of measure.
 */
export async function checkDepartmentWithUnits(departmentFile: string, unitFiles: string[], dictionaries: Dictionaries): Promise<UnitsCheckReport> {
  const dept = await readBook(departmentFile, dictionaries);
  const template = dept.template;
  const unitTemplate = getTemplate(unitPackOf(template.id).id, dept.plan.year ?? undefined);
  const units: UnitBudget[] = [];
  const read: UnitsCheckReport['units'] = [];
  for (const file of unitFiles) {
    const book = await readBook(file, dictionaries, unitTemplate);
    const { unitCode, unitName } = book.plan;
    read.push({ file, unit: [unitCode, unitName].filter(Boolean).join(' ') });
    units.push({ profile: { code: unitCode, name: unitName || file, nature: '', rank: '', funding: '' }, template: unitTemplate, content: book.content });
  }
  const result = consolidate(template, units, dept.content);
  const printed = dept.stated;
  const differences: ConsolidationDifference[] = [];
  if (printed) {
    const compared = new Set(template.tables.filter((t) => isConsolidated(t) && t.role !== 'org').map((t) => t.id));
    const keys = new Set<string>();
    for (const key of printed.numericKeys()) keys.add(key);
    for (const key of result.model.numericKeys()) keys.add(key);
    const printedTables = new Set([...printed.numericKeys()].map((k) => k.slice(0, k.indexOf('!'))));
    for (const key of [...keys].sort()) {
      const { table, row, col } = parseCellKey(key);
      const def = template.tables.find((t) => t.id === table);
      if (!def || !compared.has(table) || !printedTables.has(table)) continue;
      if (def.rows.kind === 'list' && row !== TOTAL_ROW) continue;
      const a = printed.value(table, row, col);
      const b = result.model.value(table, row, col);
      if ((a ?? 0) === (b ?? 0)) continue;
      const text = (c: string) => printed.text(table, row, c) || result.model.text(table, row, c);
      const name = printedRowName(template, table, row, text);
      const rowName = def.rows.kind === 'coded' && row !== TOTAL_ROW ? `${row} ${name}` : name;
      differences.push({ table: def.title, row, rowName, col: headerOf(template, table, col), printed: figure(a), consolidated: figure(b) });
    }
  }
  return {
    department: [dept.plan.unitCode, dept.plan.unitName].filter(Boolean).join(' '),
    units: read,
    eliminations: result.eliminations.map((e) => ({ label: e.label, eliminated: toDecimalString(e.eliminated) })),
    differences,
    problems: result.problems,
  };
}

const figure = (v: Micro | null) => (v === null ? '' : toDecimalString(v));

export function unitsCheckText(file: string, r: UnitsCheckReport): string {
  const lines = [`${file}（${r.department || '部门'}）与 ${r.units.length} 个下属单位的工作簿汇总核对：`];
  for (const u of r.units) lines.push(`  单位：${u.unit || '（未识别单位名称）'}  ${u.file}`);
  for (const e of r.eliminations) lines.push(`  单位间抵消 ${e.label}：${e.eliminated}`);
  for (const p of r.problems) lines.push(`  注意：${p}`);
  if (r.differences.length === 0) lines.push('  部门工作簿的数字与下属单位汇总一致。');
  else {
    lines.push(`  有 ${r.differences.length} 处部门数字与下属单位汇总不一致：`);
    for (const d of r.differences) lines.push(`  “${d.table}”${d.rowName}（${d.col}）：部门表为 ${d.printed || '空'}，汇总应为 ${d.consolidated || '空'}`);
  }
  return lines.join('\n');
}
