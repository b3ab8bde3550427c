import { cellKey } from '../../shared/draft';
import { compileTemplate } from '../../shared/engine/compiled';
import type { Finding } from '../../shared/findings';
import type { ColumnDef, Template } from '../../shared/template/types';
import { foldLabel } from '../../shared/workbook/text';
import type { ImportedWorkbook } from '../../shared/workbook/types';

/**
 * Values that decide which totals a record feeds (a project's 资金性质, its 支出类别): the
 * template's derivations pick records by them, so a value the workbook spells differently
 * ("基本", "基本支出类") is read as its option, and one that is no option is reported, never
 * guessed: it is left out (blank) and the preview says what that means for the totals. The
 * option a blank counts as (项目支出) is kept blank, as a draft keeps it.
 */

export const OPTION_RULE_ID = 'import-option';

/** A column whose option picks records: `except` leaves out records holding that value. */
interface DecidingColumn {
  table: string;
  col: ColumnDef & { options: string[] };
  except?: string;
}

export function decidingColumns(template: Template): DecidingColumn[] {
  const out: DecidingColumn[] = [];
  const add = (table: string, colId: string, except?: string) => {
    const col = template.tables.find((t) => t.id === table)?.columns.find((c) => c.id === colId);
    if (!col?.options?.length) return;
    const known = out.find((d) => d.table === table && d.col.id === colId);
    if (known) known.except ??= except;
    else out.push({ table, col: col as DecidingColumn['col'], except });
  };
  for (const d of compileTemplate(template).groupings) {
    if (d.where) add(d.source, d.where.col);
    if (d.except) add(d.source, d.except.col, d.except.equals);
  }
  return out;
}

/** Words people add to an option (基本支出类, 一般公共预算资金) or leave off it (基本, 政府性基金). */
const EXTRA = /(?:类|项目|资金|拨款)$/;
const OPTIONAL = /(?:支出|预算)$/;

/** The option a workbook's text means, or null when it names none or more than one. */
export function matchOption(options: readonly string[], text: string): string | null {
  const value = foldLabel(text);
  const exact = options.find((o) => foldLabel(o) === value);
  if (exact) return exact;
  // The text, then with one added word after another taken off its end (项目支出类 → 项目支出).
  const forms = [value];
  for (let f = value.replace(EXTRA, ''); f && f !== forms[forms.length - 1]; f = f.replace(EXTRA, '')) forms.push(f);
  const hits = options.filter((o) => {
    const folded = foldLabel(o);
    return forms.some((f) => f === folded || f === folded.replace(OPTIONAL, ''));
  });
  return hits.length === 1 ? hits[0] : null;
}

/**
 * Rewrite the workbook's deciding values as their options (in place) and report those that
 * match none; the reported values are removed, so the draft holds only valid options.
 */
export function normaliseOptionValues(template: Template, workbook: ImportedWorkbook): Finding[] {
  const findings: Finding[] = [];
  for (const deciding of decidingColumns(template)) {
    const def = template.tables.find((t) => t.id === deciding.table)!;
    const { col } = deciding;
    const header = col.header.join('/');
    const blank = blankOption(deciding);
    for (const part of workbook.tables) {
      if (part.tableId !== deciding.table) continue;
      for (const row of part.rows) {
        const raw = row.values[col.id];
        if (raw === undefined) continue;
        const option = matchOption(col.options, raw);
        if (option && option === blank) {
          // Printed alike, stored as blank: a draft's own blank reads back unchanged (and so does its signed fingerprint).
          delete row.values[col.id];
          continue;
        }
        if (option) {
          row.values[col.id] = option;
          continue;
        }
        delete row.values[col.id];
        const name = row.values.name ? `“${row.values.name}”` : `第 ${row.sheetRow} 行`;
        findings.push({
          id: `${OPTION_RULE_ID}:${cellKey(deciding.table, row.rowId, col.id)}`,
          ruleId: OPTION_RULE_ID,
          severity: 'error',
          table: deciding.table,
          cells: [{ table: deciding.table, row: row.rowId, col: col.id }],
          message: `${def.title}${name}（工作表“${part.sheet}”）：${header}“${raw}”无法识别，应为${col.options.map((o) => `“${o}”`).join('或')}；此值未导入，${blankMeans(deciding)}，请导入后核对填写。`,
          expected: col.options.join('、'),
          actual: raw,
        });
      }
    }
  }
  return findings;
}

/**
 * The option a blank cell counts as: the column's `blankMeans`, else for a column whose one
 * value leaves records out (支出类别 = 基本支出) the only other option (项目支出); else none.
 */
export function blankCountsAs(template: Template, table: string, col: string): string | null {
  const d = decidingColumns(template).find((x) => x.table === table && x.col.id === col);
  return d ? blankOption(d) : null;
}

function blankOption(d: DecidingColumn): string | null {
  if (d.col.blankMeans) return d.col.blankMeans; // as the template says
  if (d.except === undefined) return null;
  const others = d.col.options.filter((o) => o !== d.except);
  return others.length === 1 ? others[0] : null;
}

/** What a blank value does to the totals, in the clerk's words. */
function blankMeans(d: DecidingColumn): string {
  const header = d.col.header.join('/');
  if (d.except !== undefined) {
    const blank = blankOption(d);
    return blank ? `导入后按“${blank}”计算` : `导入后按非“${d.except}”计算`;
  }
  return `导入后${header}为空，金额不计入按${header}分列的报表`;
}
