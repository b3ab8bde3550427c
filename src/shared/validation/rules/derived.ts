import type { Derivation, Operand as TemplateOperand, Template } from '../../template/types';
import type { Operand, RuleDef, Term } from '../rule-types';

/**
 * Rules any template brings with it: every derivation of the template (a sum the draft
 * computes) is also an equality that stated figures (an imported workbook) must satisfy,
 * and every coded table's codes are checked against the dictionary. A template without a
 * hand-written rule set (another region's or year's) is validated by these.
 */

const GROUP_OF: Record<Derivation['kind'], number> = {
  rollup: 3,
  rowSum: 2,
  listTotal: 0,
  cell: 0,
  ratio: 0,
  byClass: 8,
  groupByCode: 11,
};

function operand(op: TemplateOperand): Operand {
  if ('cell' in op) return { cell: { ...op.cell } };
  if ('total' in op) return { total: { ...op.total } };
  return { code: { ...op.code } };
}

function ruleOf(d: Derivation, template: Template, index: number): RuleDef | null {
  const title = (t: string) => template.tables.find((x) => x.id === t)?.title ?? t;
  const base = { id: `d${String(index + 1).padStart(3, '0')}-${d.kind}`, group: GROUP_OF[d.kind], severity: 'error' as const };
  switch (d.kind) {
    case 'rollup': {
      // The 合计 columns of the table roll up too: include the targets of its row sums.
      const targets = template.derivations.filter((x) => x.kind === 'rowSum' && x.table === d.table).map((x) => (x as { target: string }).target);
      return { ...base, title: `${title(d.table)}：上级科目 = 下级科目之和，合计 = 各类之和`, check: { kind: 'rollup', table: d.table, columns: [...new Set([...targets, ...d.columns])] } };
    }
    case 'rowSum': {
      if (d.parts.some((p) => typeof p !== 'string')) return null;
      return { ...base, title: `${title(d.table)}：合计栏 = 各分栏之和`, check: { kind: 'rowSum', table: d.table, target: d.target, parts: d.parts as string[], rows: d.rows } };
    }
    case 'listTotal':
      return {
        ...base,
        title: `${title(d.table)}：合计行 = 各行之和`,
        check: { kind: 'equal', equations: d.columns.map((col) => ({ left: [{ of: { total: { table: d.table, col } } }], right: [{ of: { list: { table: d.table, col } } }], rightLabel: '各行之和' })) },
      };
    case 'cell':
      return {
        ...base,
        title: `${title(d.table)}：计算单元格`,
        check: { kind: 'equal', equations: [{ left: [{ of: { cell: { table: d.table, row: d.row, col: d.col } } }], right: d.sum.map((t): Term => ({ of: operand(t.of), sign: t.sign })) }] },
      };
    case 'byClass':
      return { ...base, title: `${title(d.table)}：各类 = ${title(d.source.table)}相应类的合计`, check: { kind: 'classRows', table: d.table, col: d.col, source: { ...d.source } } };
    case 'groupByCode':
      return {
        ...base,
        title: `${title(d.target.table)}：合计 = ${title(d.source)}相应记录之和`,
        check: {
          kind: 'equal',
          equations: [{ left: [{ of: { total: { table: d.target.table, col: d.target.col } } }], right: [{ of: { list: { table: d.source, col: d.valueCol, where: d.where } } }] }],
        },
      };
    case 'ratio':
      return null; // a rate is rounded: no equality to hold
  }
}

export function derivedRules(template: Template): RuleDef[] {
  const coded = template.tables.filter((t) => t.rows.kind === 'coded').map((t) => t.id);
  const rules: RuleDef[] = [];
  template.derivations.forEach((d, i) => {
    const rule = ruleOf(d, template, i);
    if (rule) rules.push(rule);
  });
  if (coded.length) {
    rules.push(
      { id: 'd-code-unknown', group: 6, severity: 'error', title: '科目编码须在本年度科目表中', check: { kind: 'codeKnown', tables: coded } },
      { id: 'd-code-name', group: 6, severity: 'warning', title: '科目名称应与科目表一致', check: { kind: 'codeName', tables: coded } },
      { id: 'd-code-parent', group: 6, severity: 'error', title: '下级科目须列在其上级科目之下', check: { kind: 'codeParent', tables: coded } },
    );
  }
  return rules;
}
