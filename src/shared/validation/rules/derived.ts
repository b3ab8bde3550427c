import { compileTemplate } from '../../engine/compiled';
import { tableRef } from '../../review/labels';
import { fixedRowLabel } from '../../template/layout';
import type { Derivation, Operand, TableDef, TableRole, Template, Term } from '../../template/types';
import type { RuleDef } from '../rule-types';

/**
 * Rules any template brings with it: every derivation of the template (a sum the draft
 * computes) is also an equality that stated figures (an imported workbook) must satisfy
 * (the compiled template's `equalities`), and every coded table's codes are checked
 * against the dictionary. A pack writes by hand only the relations that are not
 * derivations; a template without a hand-written rule set (another region's or year's) is
 * validated by these alone.
 */

/** The group of domain.md's consistency rules a derivation's equality belongs to (0: other sums). */
const GROUP_OF: Record<Derivation['kind'], number> = {
  rollup: 3,
  rowSum: 2,
  listTotal: 0,
  cell: 0,
  ratio: 0,
  byClass: 8,
  groupByCode: 11,
};
/** Cells of the 收支总表 (1), the 三公 table (5) and the 财政拨款收支总表 (10) have groups of their own. */
const GROUP_OF_TABLE: Partial<Record<TableRole, number>> = { summary: 1, threePublic: 5, fiscalSummary: 10 };

function groupOf(d: Derivation, template: Template): number {
  if (d.kind !== 'cell' && d.kind !== 'byClass') return GROUP_OF[d.kind];
  const role = template.tables.find((t) => t.id === d.table)?.role;
  const own = role && GROUP_OF_TABLE[role];
  return d.kind === 'byClass' ? (own === 10 ? 10 : GROUP_OF.byClass) : (own ?? GROUP_OF.cell);
}

/** Words for a template's tables, rows and columns in a rule's one-line title. */
class TitleWords {
  private readonly tables: Map<string, TableDef>;

  constructor(template: Template) {
    this.tables = new Map(template.tables.map((t) => [t.id, t]));
  }

  /** 表2, or the short name of an unnumbered table. */
  table(id: string): string {
    const t = this.tables.get(id);
    return t ? tableRef(t) : id;
  }

  column(table: string, col: string): string {
    const c = this.tables.get(table)?.columns.find((x) => x.id === col);
    return `“${c ? c.header[c.header.length - 1] : col}”`;
  }

  /** “本年支出合计”行, as printed beside the column; nothing for a row without a label. */
  row(table: string, row: string, col: string): string {
    const t = this.tables.get(table);
    const label = t ? fixedRowLabel(t, row, col) : row;
    return label ? `“${label}”行` : '';
  }

  /** How an operand reads: “本年支出合计”行“预算数”, 表5合计行“合计”, 表6 301 类“合计”. */
  operand(op: Operand, within: string): string {
    if ('cell' in op) {
      const { table, row, col } = op.cell;
      return `${table === within ? '' : this.table(table)}${this.row(table, row, col)}${this.column(table, col)}`;
    }
    if ('total' in op) return `${this.table(op.total.table)}合计行${this.column(op.total.table, op.total.col)}`;
    if ('code' in op) return `${this.table(op.code.table)} ${op.code.code}${this.column(op.code.table, op.code.col)}`;
    return `${this.listOf(op.list)}${this.column(op.list.table, op.list.col)}之和`;
  }

  /** The records a list sum counts: 表10中资金性质为“…”、支出类别不是“基本支出”的各行. */
  listOf(list: { table: string; where?: { col: string; equals: string }; except?: { col: string; equals: string } }): string {
    const filters = [
      list.where && `${this.column(list.table, list.where.col).slice(1, -1)}为“${list.where.equals}”`,
      list.except && `${this.column(list.table, list.except.col).slice(1, -1)}不是“${list.except.equals}”`,
    ].filter(Boolean);
    return `${this.table(list.table)}${filters.length ? `中${filters.join('、')}的` : ''}各行`;
  }

  terms(terms: readonly Term[], within: string): string {
    if (!terms.length) return '空（不填列）';
    return terms.map((t, i) => `${i === 0 ? (t.sign === -1 ? '− ' : '') : t.sign === -1 ? ' − ' : ' + '}${this.operand(t.of, within)}`).join('');
  }
}

/** Levels of a coded table as 类 = Σ 款 = Σ 项. */
function rollupWords(table: TableDef | undefined): string {
  const names = ['类', '款', '项'];
  const levels = table?.rows.kind === 'coded' ? table.rows.levels.length : 0;
  const chain = levels >= 2 && levels <= 3 ? names.slice(0, levels).join(' = Σ ') : '上级科目 = Σ 下级科目';
  return `${chain}，合计 = Σ 类`;
}

function titleOf(d: Derivation, template: Template, w: TitleWords): string {
  switch (d.kind) {
    case 'rollup':
      return `${w.table(d.table)}：${rollupWords(template.tables.find((t) => t.id === d.table))}`;
    case 'rowSum': {
      const parts = d.parts.map((p, i) => (typeof p === 'string' ? `${i ? ' + ' : ''}${w.column(d.table, p)}` : ` − ${w.column(d.table, p.col)}`));
      return `${w.table(d.table)}：${w.column(d.table, d.target)}栏 = ${parts.join('')}`;
    }
    case 'listTotal':
      return `${w.table(d.table)}：合计行 = 各行之和（${d.columns.map((c) => w.column(d.table, c)).join('、')}）`;
    case 'cell':
      return `${w.table(d.table)}：${w.row(d.table, d.row, d.col)}${w.column(d.table, d.col)} = ${d.label ?? w.terms(d.sum, d.table)}`;
    case 'ratio':
      return `${w.table(d.table)}：${w.row(d.table, d.row, d.col)}${w.column(d.table, d.col)}为计算比率`;
    case 'byClass':
      return `${w.table(d.table)}${w.column(d.table, d.col)}栏各类 = ${w.table(d.source.table)}相应类的${w.column(d.source.table, d.source.col)}`;
    case 'groupByCode':
      return `${w.table(d.target.table)}${w.column(d.target.table, d.target.col)}合计 = ${w.listOf({ table: d.source, where: d.where, except: d.except })}${w.column(d.source, d.valueCol)}之和`;
  }
}

/**
 * A readable id that stays the same when other derivations are added or reordered: the table
 * and what is derived (d-t02-subtotal, d-t02-rollup, d-t01-grandTotal-outAmount).
 */
function idOf(d: Derivation): string {
  switch (d.kind) {
    case 'rollup':
      return `d-${d.table}-rollup`;
    case 'rowSum':
      return `d-${d.table}-${d.target}`;
    case 'listTotal':
      return `d-${d.table}-list-total`;
    case 'cell':
    case 'ratio':
      return `d-${d.table}-${d.row}-${d.col}`;
    case 'byClass':
      return `d-${d.table}-${d.col}-by-class`;
    case 'groupByCode':
      return `d-${d.target.table}-${d.target.col}-from-${d.source}`;
  }
}

/** The equalities a template's derivations imply, one rule per derivation. */
export function derivationRules(template: Template): RuleDef[] {
  const words = new TitleWords(template);
  const taken = new Map<string, number>();
  return compileTemplate(template).equalities.map(({ derivation: d, check }) => {
    const base = idOf(d);
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return { id: n > 1 ? `${base}-${n}` : base, group: groupOf(d, template), severity: 'error', title: titleOf(d, template, words), check };
  });
}

/** Every coded table's codes against the year's code list. */
function codeRules(template: Template): RuleDef[] {
  const coded = template.tables.filter((t) => t.rows.kind === 'coded').map((t) => t.id);
  if (!coded.length) return [];
  return [
    { id: 'd-code-unknown', group: 6, severity: 'error', title: '科目编码须在本年度科目表中', check: { kind: 'codeKnown', tables: coded } },
    { id: 'd-code-name', group: 6, severity: 'warning', title: '科目名称应与科目表一致', check: { kind: 'codeName', tables: coded } },
    { id: 'd-code-parent', group: 6, severity: 'error', title: '下级科目须列在其上级科目之下', check: { kind: 'codeParent', tables: coded } },
  ];
}

export function derivedRules(template: Template): RuleDef[] {
  return [...derivationRules(template), ...codeRules(template)];
}
