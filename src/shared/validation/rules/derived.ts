import { compileTemplate } from '../../engine/compiled';
import type { Derivation, Template } from '../../template/types';
import type { RuleDef } from '../rule-types';

/**
 * Rules any template brings with it: every derivation of the template (a sum the draft
 * computes) is also an equality that stated figures (an imported workbook) must satisfy
 * (the compiled template's `equalities`), and every coded table's codes are checked
 * against the dictionary. A template without a
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

function titleOf(d: Derivation, template: Template): string {
  const title = (t: string) => template.tables.find((x) => x.id === t)?.title ?? t;
  switch (d.kind) {
    case 'rollup':
      return `${title(d.table)}：上级科目 = 下级科目之和，合计 = 各类之和`;
    case 'rowSum':
      return `${title(d.table)}：合计栏 = 各分栏之和`;
    case 'listTotal':
      return `${title(d.table)}：合计行 = 各行之和`;
    case 'cell':
    case 'ratio':
      return `${title(d.table)}：计算单元格`;
    case 'byClass':
      return `${title(d.table)}：各类 = ${title(d.source.table)}相应类的合计`;
    case 'groupByCode':
      return `${title(d.target.table)}：合计 = ${title(d.source)}相应记录之和`;
  }
}

export function derivedRules(template: Template): RuleDef[] {
  const coded = template.tables.filter((t) => t.rows.kind === 'coded').map((t) => t.id);
  const rules: RuleDef[] = [];
  for (const { derivation: d, index, check } of compileTemplate(template).equalities) {
    rules.push({ id: `d${String(index + 1).padStart(3, '0')}-${d.kind}`, group: GROUP_OF[d.kind], severity: 'error', title: titleOf(d, template), check });
  }
  if (coded.length) {
    rules.push(
      { id: 'd-code-unknown', group: 6, severity: 'error', title: '科目编码须在本年度科目表中', check: { kind: 'codeKnown', tables: coded } },
      { id: 'd-code-name', group: 6, severity: 'warning', title: '科目名称应与科目表一致', check: { kind: 'codeName', tables: coded } },
      { id: 'd-code-parent', group: 6, severity: 'error', title: '下级科目须列在其上级科目之下', check: { kind: 'codeParent', tables: coded } },
    );
  }
  return rules;
}
