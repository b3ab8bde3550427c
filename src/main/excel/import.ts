import type { ImportPlan, ImportPlanTable } from '../../shared/api/excel';
import type { Dictionaries } from '../../shared/dictionary';
import { cellKey, TOTAL_ROW } from '../../shared/draft';
import { compileTemplate } from '../../shared/engine/compiled';
import type { DraftModel } from '../../shared/engine/model';
import { narrativePackOf } from '../../shared/narrative/draft';
import { narrativeImportEdits } from '../../shared/narrative/import';
import { textSheetTable } from '../../shared/narrative/text-sheets';
import type { DraftContent } from '../../shared/draft';
import { toDecimalString } from '../../shared/money';
import type { Finding } from '../../shared/findings';
import { getPack, getTemplate, hasPack, PACKS } from '../../shared/regions';
import { tableUnit, type Template } from '../../shared/template/types';
import { createFindingEngine, rulesFor } from '../../shared/validation';
import { missingParts, presenceFindings } from '../../shared/validation/presence';
import { tableNoteFindings, type TableNote } from '../../shared/validation/table-notes';
import { derivedCheck } from '../../shared/workbook/derived';
import { rulesForWorkbook, tablesOfCheck } from '../../shared/workbook/rules-for-workbook';
import { blocksOf } from '../../shared/workbook/blocks';
import { parseWorkbook, recogniseTitles } from '../../shared/workbook/parse';
import { placesOf } from '../../shared/workbook/place';
import { enteredContent, mapContent, mergeTables, NARRATIVE_TABLE, priorCells, recompute, statedView, type MergedTable, type StatedView } from '../../shared/workbook/plan';
import type { ImportedRow, ImportedTable, ImportedWorkbook } from '../../shared/workbook/types';
import type { SheetGrid } from '../../shared/workbook/types';
import { DEFAULT_LIMITS, WorkbookFileError, type WorkbookLimits } from './guard';
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
  /**
   * The template of the draft that receives the figures. The workbook is read as the pack it
   * fits best; when that is another pack, its figures are carried over by table role, code
   * and column id (plan.ts mapContent).
   */
  template?: Template;
  /** Read the workbook as this template, whatever fits best (tests, bench). */
  readAs?: Template;
  dictionaries: Dictionaries;
  limits?: WorkbookLimits;
  /**
   * Recompute the workbook's totals from its entries (differences, last year's figures for
   * 上年对比) and run the consistency rules on the figures as printed (default true). Off
   * for a plain read.
   */
  verify?: boolean;
}

/**
 * The pack a workbook fits best: the one whose tables of figures it holds most of by title,
 * a table titled as the pack itself titles it counting half as much again (every pack knows
 * the others' titles as aliases: one title worded the district's own way, known to another
 * pack only, must not carry a workbook titled the pack's way over to that pack); then the
 * 部门 / 单位 wording of its titles; the preferred pack (the draft's) wins ties. Titles only:
 * the workbook is parsed once, with the winner.
 */
export function choosePack(grids: SheetGrid[], preferred?: string): Template {
  let best: { id: string; score: number } | null = null;
  for (const pack of PACKS) {
    const fit = recogniseTitles(getTemplate(pack.id), grids);
    const wording = pack.scope === 'unit' ? fit.unit - fit.department : fit.department - fit.unit;
    const score = fit.tables * 1000 + fit.ownTitles * 500 + Math.sign(wording) * 250 + (pack.id === preferred ? 1 : 0);
    if (!best || score > best.score) best = { id: pack.id, score };
  }
  return getTemplate(best!.id);
}

/** What a workbook yielded that makes a read or check meaningless: nothing recognised, or a 决算. */
export function unusableReason(plan: Omit<ImportPlan, 'previewId'>): string | null {
  if (plan.finalAccounts) return '这是决算（决算表）工作簿，不是预算工作簿，未按预算读取或检查';
  if (plan.tables.length === 0) {
    const skipped = plan.sheetsSkipped.map((s) => `“${s.sheet}”：${s.reason}`).slice(0, 6).join('；');
    return `没有识别出任何预算表（按“${plan.packName}”读取），未检查。${skipped ? `工作表：${skipped}` : ''}`;
  }
  return null;
}

export async function importWorkbookFile(file: string, options: ImportOptions): Promise<ImportResult> {
  const grids = await readGridsFromFile(file, options.limits ?? DEFAULT_LIMITS);
  return importGrids(file, grids, options);
}

/** The import of grids already read (see importWorkbookFile). */
export function importGrids(file: string, grids: SheetGrid[], options: ImportOptions): ImportResult {
  const target = options.template;
  let template = options.readAs ?? (target && PACKS.length < 2 ? target : choosePack(grids, target?.id));
  if (target && template.id === target.id) template = target;
  let workbook = parseWorkbook(template, file, grids);
  // The pack's template for the workbook's own year (years printed in headers follow it).
  if (!options.readAs && template !== target && workbook.year && workbook.year !== template.year) {
    template = getTemplate(template.id, workbook.year);
    workbook = parseWorkbook(template, file, grids);
  }
  // Before anything reads the records: a project's 支出类别 decides the totals it feeds.
  const optionFindings = normaliseOptionValues(template, workbook);
  const merged = mergeTables(template, workbook);
  // Text printed on sheets of its own (上海's 编制说明, 其他相关情况说明 …): the narrative table's rows.
  const textSheets = textSheetTable(template, blocksOf(template, grids), narrativePackOf(template)?.blankTexts);
  if (textSheets && !merged.has(textSheets.table.tableId)) merged.set(textSheets.table.tableId, textSheets.table);
  const formulas = formulaCells(template, merged);
  const entered = enteredContent(template, merged);
  const verify = options.verify !== false;
  const stated = verify ? statedView(template, merged) : null;
  const checked = stated ? recompute(template, entered.content, stated) : null;
  if (stated && checked) stated.setFallback(checked.model);
  // Rules that read a table the workbook lacks say nothing about the workbook: left out.
  const present = new Set(merged.keys());
  const allRules = rulesFor(template);
  const rules = rulesForWorkbook(allRules, present);
  const allFindings = stated ? createFindingEngine(template, options.dictionaries, { rules }).full(stated) : [];
  const findings = allFindings.filter((f) => f.cells.every((c) => present.has(c.table))).map((f) => atFormula(f, formulas.cached));
  const titleOf = (id: string) => template.tables.find((t) => t.id === id)?.title ?? id;
  const kept = new Set(rules.map((r) => r.id));
  const rulesNotRun = allRules
    .filter((r) => !kept.has(r.id))
    .map((r) => ({ rule: `${r.id} ${r.title}`, missing: [...tablesOfCheck(r.check)].filter((t) => !present.has(t)).map(titleOf) }));

  const textRead = new Set(textSheets && merged.get(textSheets.table.tableId) === textSheets.table ? textSheets.sheets : []);
  const tables: ImportPlanTable[] = [];
  for (const [tableId, m] of merged) {
    const def = template.tables.find((t) => t.id === tableId)!;
    const parts = tablesWithId(workbook.tables, tableId);
    const statedUnit = parts.find((p) => p.unitOfMeasure !== tableUnit(template, def))?.unitOfMeasure;
    tables.push({
      tableId,
      title: def.title,
      sheets: [...new Set([...placesOf(parts), ...(m === textSheets?.table ? textSheets.sheets : [])])],
      rows: m.rows.length,
      cells: valueCount(m.rows),
      columns: parts[0]?.columns ?? [],
      skipped: [...skippedOnSheets(parts), ...m.skipped, ...ungrouped(template, tableId, m.rows, parts)],
      ...(statedUnit ? { convertedFrom: statedUnit } : {}),
    });
  }
  // Every table and section of the text the pack publishes: what the workbook lacks.
  const parts = { tables: present, sections: new Set([...(textSheets?.sections ?? []), ...(merged.get(NARRATIVE_TABLE)?.rows.map((r) => r.rowId) ?? [])]) };
  const missingTables = missingParts(template, parts).tables.map((t) => ({ tableId: t.id, title: t.title }));
  const text = (v: number | null) => (v === null ? '' : toDecimalString(v));
  const workbookText = mergedText(merged);
  const plan: Omit<ImportPlan, 'previewId'> = {
    file,
    templateId: template.id,
    packName: hasPack(template.id) ? getPack(template.id).name : template.name,
    finalAccounts: workbook.finalAccounts,
    rulesNotRun,
    unitCode: workbook.unitCode,
    unitName: workbook.unitName,
    year: workbook.year,
    unitOfMeasure: workbook.unitOfMeasure,
    unitStated: workbook.unitStated,
    tables,
    missingTables,
    // A sheet of text read into the 情况说明 is not a sheet left unread.
    sheetsSkipped: workbook.sheetsSkipped.filter((s) => !textRead.has(s.sheet)),
    orphans: entered.orphans.map((o) => ({ ...o, name: rowName(template, o.table, o.code, workbookText, { dictionaries: options.dictionaries }) })),
    verified: verify,
    differences: (checked?.differences ?? []).map((d) => {
      const [table, row, col] = d.key.split('!');
      const rowLabel = rowName(template, table, row, workbookText, { col, dictionaries: options.dictionaries });
      const formulaAt = formulas.cached.get(d.key);
      return { table, row, rowName: rowLabel, col, stated: text(d.stated), computed: text(d.computed), ...(formulaAt ? { formulaAt } : {}) };
    }),
    findings: [...findings, ...optionFindings, ...presenceFindings(template, parts), ...(stated ? tableNoteFindings(template, notesOf(workbook), stated) : [])],
    rulesOnMissingTables: allRules.length - rules.length,
    findingsOnMissingTables: allFindings.length - findings.length,
    enteredCells: entered.cellCount,
    prior: checked ? priorCells(target ?? template, checked.model) : {},
  };
  // Another pack's workbook feeding this pack's draft: by table role, code and column id.
  if (target && target.id !== template.id) {
    plan.targetTemplateId = target.id;
    return { plan, workbook, stated, content: mapContent(template, target, entered.content), narrative: {}, template };
  }
  return { plan, workbook, stated, content: entered.content, narrative: checked ? narrativeCells(template, merged, checked.model) : {}, template };
}

/**
 * Formula cells of the workbook: those with a saved result, by cell key (their address, for
 * naming a stale formula); those without one are fine where the app derives the cell itself,
 * and refused, with the list of cells, where an entered figure would be missing.
 */
function formulaCells(template: Template, merged: Map<string, MergedTable>): { cached: Map<string, string> } {
  const isDerived = derivedCheck(template);
  const cached = new Map<string, string>();
  const missing: string[] = [];
  for (const [tableId, m] of merged) {
    for (const row of m.rows) {
      for (const [col, f] of Object.entries(row.formulas ?? {})) {
        if (f.cached) cached.set(cellKey(tableId, row.rowId, col), f.at);
        else if (!isDerived(tableId, row.rowId, col)) missing.push(f.at);
      }
    }
  }
  if (missing.length) {
    throw new WorkbookFileError(
      'formula',
      `有 ${missing.length} 个需要填写的数字是公式但没有保存计算结果：${missing.slice(0, 8).join('、')}${missing.length > 8 ? ' 等' : ''}。` +
        '合计等由本软件计算的单元格不受影响；请在 Excel 或 WPS 中打开、重新计算并保存后再导入。',
    );
  }
  return { cached };
}

/** A finding at a formula cell says so: its saved result may not have been recalculated. */
function atFormula(f: Finding, cached: Map<string, string>): Finding {
  const at = f.cells.map((c) => cached.get(cellKey(c.table, c.row, c.col))).filter((a): a is string => !!a);
  if (!at.length) return f;
  return { ...f, message: `${f.message}（${at.join('、')} 是公式，工作簿中保存的结果可能未重新计算）` };
}

/*
 * Helpers of the plan's tables: functions of the module rather than callbacks made per table,
 * whose optimized code would die with them after each import (see parse.ts's RowReader).
 */

function tablesWithId(tables: ImportedTable[], tableId: string): ImportedTable[] {
  const out: ImportedTable[] = [];
  for (const t of tables) if (t.tableId === tableId) out.push(t);
  return out;
}

function valueCount(rows: ImportedRow[]): number {
  let n = 0;
  for (const r of rows) for (const _ in r.values) n++;
  return n;
}

function skippedOnSheets(parts: ImportedTable[]): ImportPlanTable['skipped'] {
  const out: ImportPlanTable['skipped'] = [];
  for (const p of parts) for (const s of p.skipped) out.push({ sheet: p.sheet, ...s });
  return out;
}

/**
 * Records whose amounts the template sums into a coded table by a code they lack (a project
 * without its 功能分类科目编码): imported, but their amounts reach no table: say so.
 */
function ungrouped(template: Template, tableId: string, rows: ImportedRow[], parts: ImportedTable[]): ImportPlanTable['skipped'] {
  const out: ImportPlanTable['skipped'] = [];
  const source = template.tables.find((t) => t.id === tableId)!;
  for (const d of compileTemplate(template).groupings) {
    if (d.source !== tableId) continue;
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

/**
 * The printed 情况说明 (a sheet of sections, or a sheet per section) as narrative cells:
 * drafted-alike sections stay drafted (their figures stay tied).
 */
function narrativeCells(template: Template, merged: Map<string, MergedTable>, model: DraftModel): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const row of merged.get(NARRATIVE_TABLE)?.rows ?? []) if (row.values.text !== undefined) texts[row.rowId] = row.values.text;
  const out: Record<string, string> = {};
  for (const e of narrativeImportEdits(model, template, texts)) if (e.value) out[cellKey(e.table, e.row, e.col)] = e.value;
  return out;
}

/** The notes printed under the workbook's tables. */
function notesOf(workbook: ImportedWorkbook): TableNote[] {
  return workbook.tables.flatMap((t) => t.skipped.flatMap((s) => (s.note ? [{ table: t.tableId, sheet: t.sheet, sheetRow: s.sheetRow, text: s.note }] : [])));
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
