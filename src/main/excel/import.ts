import type { ImportPlan, ImportPlanTable } from '../../shared/api/excel';
import type { Dictionaries } from '../../shared/dictionary';
import { cellKey, TOTAL_ROW } from '../../shared/draft';
import type { DraftModel } from '../../shared/engine/model';
import { narrativeImportEdits } from '../../shared/narrative/import';
import type { DraftContent } from '../../shared/draft';
import { toDecimalString } from '../../shared/money';
import { getTemplate, PACKS } from '../../shared/regions';
import type { Template } from '../../shared/template/types';
import { createFindingEngine, rulesFor } from '../../shared/validation';
import { rulesForWorkbook } from '../../shared/workbook/rules-for-workbook';
import { parseWorkbook } from '../../shared/workbook/parse';
import { enteredContent, mergeTables, NARRATIVE_TABLE, priorCells, recompute, statedView, type MergedTable, type StatedView } from '../../shared/workbook/plan';
import type { ImportedRow, ImportedTable, ImportedWorkbook } from '../../shared/workbook/types';
import { DEFAULT_LIMITS, type WorkbookLimits } from './guard';
import { normaliseOptionValues } from './option-values';
import { rowName, type TextOf } from './row-names';
import { readGridsFromFile } from './read';

/**
 * Import of a workbook: read and check the file, understand its tables, and work out what a
 * draft would receive. Nothing is written here; the caller commits the result.
 */

export interface ImportResult {
  plan: Omit<ImportPlan, 'previewId'>;
  workbook: ImportedWorkbook;
  /** The figures as printed (with the recomputed ones where the workbook prints none); null for a plain read. */
  stated: StatedView | null;
  /** Entered cells of a draft that reproduces the workbook. */
  content: DraftContent;
  /**
   * The workbook's 情况说明 for a draft of the same year: sections whose text is not what
   * the draft would draft itself, as narrative!sNN!text cells (empty when not verifying).
   */
  narrative: Record<string, string>;
  template: Template;
}

export interface ImportOptions {
  template?: Template;
  dictionaries: Dictionaries;
  limits?: WorkbookLimits;
  /**
   * Recompute the workbook's totals from its entries (differences, last year's figures for
   * 上年对比) and run the consistency rules on the figures as printed (default true). Off
   * for a plain read.
   */
  verify?: boolean;
}

/** The template for a workbook: the caller's, else the pack of the workbook's layout year, else the first. */
function chooseTemplate(year: number | null, wanted?: Template): Template {
  if (wanted) return wanted;
  const pack = PACKS.find((p) => p.layoutYear === year) ?? PACKS[0];
  return getTemplate(pack.id, year ?? pack.layoutYear);
}

export async function importWorkbookFile(file: string, options: ImportOptions): Promise<ImportResult> {
  const grids = await readGridsFromFile(file, options.limits ?? DEFAULT_LIMITS);
  let template = chooseTemplate(null, options.template);
  let workbook = parseWorkbook(template, file, grids);
  const better = chooseTemplate(workbook.year, options.template);
  if (better !== template) {
    template = better;
    workbook = parseWorkbook(template, file, grids);
  }
  // Before anything reads the records: a project's 支出类别 decides the totals it feeds.
  const optionFindings = normaliseOptionValues(template, workbook);
  const merged = mergeTables(template, workbook);
  const entered = enteredContent(template, merged);
  const verify = options.verify !== false;
  const stated = verify ? statedView(template, merged) : null;
  const checked = stated ? recompute(template, entered.content, stated) : null;
  if (stated && checked) stated.setFallback(checked.model);
  // Rules that read a table the workbook lacks say nothing about the workbook: left out.
  const present = new Set(merged.keys());
  const rules = rulesForWorkbook(rulesFor(template), present);
  const allFindings = stated ? createFindingEngine(template, options.dictionaries, { rules }).full(stated) : [];
  const findings = allFindings.filter((f) => f.cells.every((c) => present.has(c.table)));

  const tables: ImportPlanTable[] = [];
  for (const [tableId, m] of merged) {
    const def = template.tables.find((t) => t.id === tableId)!;
    const parts = workbook.tables.filter((t) => t.tableId === tableId);
    tables.push({
      tableId,
      title: def.title,
      sheets: [...new Set(parts.map((p) => p.sheet))],
      rows: m.rows.length,
      cells: m.rows.reduce((n, r) => {
        for (const _ in r.values) n++;
        return n;
      }, 0),
      columns: parts[0]?.columns ?? [],
      skipped: [...parts.flatMap((p) => p.skipped.map((s) => ({ sheet: p.sheet, ...s }))), ...m.skipped, ...ungrouped(template, tableId, m.rows, parts)],
    });
  }
  const missingTables = template.tables
    .filter((t) => t.published && !merged.has(t.id) && t.id !== 'narrative')
    .map((t) => ({ tableId: t.id, title: t.title }));
  const text = (v: number | null) => (v === null ? '' : toDecimalString(v));
  const workbookText = mergedText(merged);
  const plan: Omit<ImportPlan, 'previewId'> = {
    file,
    templateId: template.id,
    unitCode: workbook.unitCode,
    unitName: workbook.unitName,
    year: workbook.year,
    unitOfMeasure: workbook.unitOfMeasure,
    unitStated: workbook.unitStated,
    tables,
    missingTables,
    sheetsSkipped: workbook.sheetsSkipped,
    orphans: entered.orphans.map((o) => ({ ...o, name: rowName(template, o.table, o.code, workbookText, { dictionaries: options.dictionaries }) })),
    verified: verify,
    differences: (checked?.differences ?? []).map((d) => {
      const [table, row, col] = d.key.split('!');
      const rowLabel = rowName(template, table, row, workbookText, { col, dictionaries: options.dictionaries });
      return { table, row, rowName: rowLabel, col, stated: text(d.stated), computed: text(d.computed) };
    }),
    findings: [...findings, ...optionFindings],
    rulesOnMissingTables: rulesFor(template).length - rules.length,
    findingsOnMissingTables: allFindings.length - findings.length,
    enteredCells: Object.keys(entered.content.cells).length,
    prior: checked ? priorCells(template, checked.model) : {},
  };
  return { plan, workbook, stated, content: entered.content, narrative: checked ? narrativeCells(template, merged, checked.model) : {}, template };
}

/**
 * Records whose amounts the template sums into a coded table by a code they lack (a project
 * without its 功能分类科目编码): imported, but their amounts reach no table: say so.
 */
function ungrouped(template: Template, tableId: string, rows: ImportedRow[], parts: ImportedTable[]): ImportPlanTable['skipped'] {
  const out: ImportPlanTable['skipped'] = [];
  const source = template.tables.find((t) => t.id === tableId)!;
  for (const d of template.derivations) {
    if (d.kind !== 'groupByCode' || d.source !== tableId) continue;
    const header = source.columns.find((c) => c.id === d.codeCol)?.header.join('/') ?? d.codeCol;
    const target = template.tables.find((t) => t.id === d.target.table)?.title ?? d.target.table;
    for (const row of rows) {
      if (row.rowId === TOTAL_ROW || row.values[d.codeCol] || !row.values[d.valueCol]) continue;
      const sheet = parts.find((p) => p.rows.includes(row))?.sheet ?? '';
      if (out.some((o) => o.sheet === sheet && o.sheetRow === row.sheetRow)) continue;
      out.push({ sheet, sheetRow: row.sheetRow, reason: `缺少“${header}”，金额无法归入“${target}”等表，请导入后补填` });
    }
  }
  return out;
}

/** The printed 情况说明 as narrative cells: drafted-alike sections stay drafted (their figures stay tied). */
function narrativeCells(template: Template, merged: Map<string, MergedTable>, model: DraftModel): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const row of merged.get(NARRATIVE_TABLE)?.rows ?? []) if (row.values.text !== undefined) texts[row.rowId] = row.values.text;
  const out: Record<string, string> = {};
  for (const e of narrativeImportEdits(model, template, texts)) if (e.value) out[cellKey(e.table, e.row, e.col)] = e.value;
  return out;
}

/** A cell's text as the workbook gives it (the merged tables), for naming rows. */
function mergedText(merged: Map<string, MergedTable>): TextOf {
  const index = new Map<string, Map<string, Record<string, string>>>();
  return (table, row, col) => {
    let rows = index.get(table);
    if (!rows) index.set(table, (rows = new Map((merged.get(table)?.rows ?? []).map((r) => [r.rowId, r.values]))));
    return rows.get(row)?.[col] ?? '';
  };
}
