import type { Dictionaries } from '../dictionary';
import { cellKey, parseCellKey, TOTAL_ROW } from '../draft';
import { formatMoney, type Micro } from '../money';
import { fixedRowLabel, printedCode } from '../template/layout';
import type { TableDef, Template } from '../template/types';
import type { ValueView } from './types';

/**
 * Words for cells as the printed tables name them: table by number and title, row by code
 * and dictionary name (coded), label (fixed) or the record's name (lists), column by its
 * header. Coded rows are named from the dictionary so that a finding's words do not depend
 * on the typed name (which a rule of its own checks).
 */

/** Which text column names a record of a list table. */
const LIST_LABEL_COLUMNS = ['name', 'item', 'level3', 'project', 'title'];
/** How a record of a list table is called in a sentence (项目“工作经费”). */
const RECORD_WORDS: Record<string, string> = { projects: '项目', indicators: '指标', org: '单位' };

export class Labels {
  private readonly tables = new Map<string, TableDef>();

  constructor(
    readonly template: Template,
    private readonly dictionaries: Dictionaries,
    private readonly key: (table: string, row: string, col: string) => string = cellKey,
  ) {
    for (const t of template.tables) this.tables.set(t.id, t);
  }

  tableDef(id: string): TableDef | undefined {
    return this.tables.get(id);
  }

  /** 表2“部门预算收入总表”. */
  table(id: string): string {
    const t = this.tables.get(id);
    if (!t) return id;
    return t.number ? `表${t.number}“${t.title}”` : `“${t.title}”`;
  }

  column(table: string, col: string): string {
    const c = this.tables.get(table)?.columns.find((x) => x.id === col);
    return c ? c.header[c.header.length - 1] : col;
  }

  /** The text column that names a list table's records. */
  listLabelColumn(table: string): string | undefined {
    const t = this.tables.get(table);
    if (!t || t.rows.kind !== 'list') return undefined;
    if (t.rows.totalRow) return t.rows.totalRow.labelColumn;
    const ids = new Set(t.columns.filter((c) => c.kind === 'text').map((c) => c.id));
    return LIST_LABEL_COLUMNS.find((id) => ids.has(id));
  }

  /** Cell keys a row's label is read from (list records: their name), so that renames re-check. */
  labelKeys(table: string, row: string): string[] {
    const col = row === TOTAL_ROW ? undefined : this.listLabelColumn(table);
    return col ? [this.key(table, row, col)] : [];
  }

  /** The row as printed: “2010306 政务公开审批”, “收入总计”, “工作经费”. */
  row(view: ValueView, table: string, row: string, col?: string): string {
    const t = this.tables.get(table);
    if (!t) return row;
    const model = t.rows;
    if (model.kind === 'coded') {
      if (row === TOTAL_ROW) return model.totalLabel;
      const name = this.dictionaries[model.scheme].get(row)?.name;
      const code = printedCode(t, row);
      return name ? `${code} ${name}` : code;
    }
    // A table of one unlabelled line (上海's “三公” table) has no row to name.
    if (model.kind === 'fixed') return fixedRowLabel(t, row, col) ?? '';
    if (row === TOTAL_ROW && model.totalRow) return model.totalRow.label;
    const labelCol = this.listLabelColumn(table);
    const text = labelCol ? view.text(table, row, labelCol).trim() : '';
    if (text) return text;
    const index = view.rows(table).filter((r) => r !== TOTAL_ROW).indexOf(row);
    return index >= 0 ? `第 ${index + 1} 行` : row;
  }

  /** 表2“部门预算收入总表”“201 一般公共服务支出”行“财政拨款收入”栏. */
  cell(view: ValueView, table: string, row: string, col: string): string {
    return `${this.table(table)}${this.rowPhrase(view, table, row, col)}“${this.column(table, col)}”栏`;
  }

  /** Names cells by their keys, reading record names from `view` (the text checks' DescribeCell). */
  describer(view: ValueView): (key: string) => string {
    return (key) => {
      const { table, row, col } = parseCellKey(key);
      return this.cell(view, table, row, col);
    };
  }

  /** “201 一般公共服务支出”行 or 项目“工作经费” (nothing for a table's one unlabelled line). */
  rowPhrase(view: ValueView, table: string, row: string, col?: string): string {
    const t = this.tables.get(table);
    const label = this.row(view, table, row, col);
    if (!label) return '';
    const word = t?.rows.kind === 'list' && row !== TOTAL_ROW ? RECORD_WORDS[table] : undefined;
    if (word) return `${word}“${label}”`;
    return `“${label}”行`;
  }

  /** Money in the template's unit: “409.30 万元”. */
  money(value: Micro, decimals = 2): string {
    return `${formatMoney(value, decimals)} ${this.template.unitOfMeasure}`;
  }
}
