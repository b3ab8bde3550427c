import type { Dictionaries } from '../../shared/dictionary';
import { printedCode } from '../../shared/template/layout';
import { TOTAL_ROW } from '../../shared/draft';
import type { ColumnDef, TableDef, Template } from '../../shared/template/types';

/**
 * A row as a clerk recognises it, for messages about a workbook or a draft: "2010301 行政运行"
 * for a coded row, the item's label for a fixed row, the project's name for a project, the
 * project and indicator names for an indicator. Never an internal record id where a name exists.
 */

/** A cell's text in the source being named (a workbook's rows, a draft). */
export type TextOf = (table: string, row: string, col: string) => string;

export function rowName(template: Template, table: string, row: string, text: TextOf, options: { col?: string; dictionaries?: Dictionaries } = {}): string {
  const def = template.tables.find((t) => t.id === table);
  if (!def) return row;
  const rows = def.rows;
  if (row === TOTAL_ROW) return rows.kind === 'coded' ? rows.totalLabel : (rows.kind === 'list' && rows.totalRow?.label) || '合计';
  if (rows.kind === 'coded') {
    const nameCol = def.columns.find((c) => c.role === 'name');
    const dictionary = rows.scheme === 'function' ? options.dictionaries?.function : options.dictionaries?.economic;
    const name = (nameCol && text(table, row, nameCol.id)) || dictionary?.get(row)?.name || '';
    const code = printedCode(def, row);
    return name ? `${code} ${name}` : code;
  }
  if (rows.kind === 'fixed') {
    const fixed = rows.rows.find((r) => r.id === row);
    return (fixed && labelFor(def, fixed.labels, options.col)) || row;
  }
  const own = recordName(def, (col) => text(table, row, col));
  const parent = def.parent;
  if (parent) {
    const parentRow = text(table, row, parent.col);
    const parentDef = template.tables.find((t) => t.id === parent.table);
    const parentName = parentRow && parentDef ? recordName(parentDef, (col) => text(parent.table, parentRow, col)) : '';
    if (parentName || own) return [parentName, own].filter(Boolean).join('：');
  }
  return own || row;
}

/**
 * The label of a fixed row for a column: in a side-by-side table (收入 | 支出) the label
 * column nearest left of it, else the row's first label.
 */
function labelFor(def: TableDef, labels: Record<string, string>, col: string | undefined): string {
  const at = col ? def.columns.findIndex((c) => c.id === col) : -1;
  for (let i = at - 1; i >= 0; i--) {
    const label = labels[def.columns[i].id];
    if (label) return label;
  }
  return def.columns.map((c) => labels[c.id]).find((l) => l) ?? '';
}

/**
 * A record's name: its name column (项目名称, 单位名称, …), else the deepest filled level of
 * a tiered classification (一级指标 … 三级指标: the indicator itself).
 */
function recordName(def: TableDef, text: (col: string) => string): string {
  const named = def.columns.find((c) => c.role === 'name') ?? def.columns.find((c) => c.id === 'name') ?? def.columns.find((c) => lastHeader(c).endsWith('名称'));
  if (named && text(named.id)) return text(named.id);
  const levels = def.columns.filter((c) => /^[一二三四五六七八九]级/.test(lastHeader(c)));
  for (let i = levels.length - 1; i >= 0; i--) if (text(levels[i].id)) return text(levels[i].id);
  return '';
}

function lastHeader(c: ColumnDef): string {
  return c.header[c.header.length - 1] ?? '';
}
