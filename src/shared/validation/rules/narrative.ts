import { parseCellKey, type CellRef } from '../../draft';
import type { Severity } from '../../findings';
import { checkSection, missingReasons, type NarrativeCheckId, type TextIssue } from '../../narrative/checks';
import type { Template } from '../../template/types';
import type { CustomInstance, FindingBody, RuleContext, RuleDef } from '../rule-types';
import type { ValueView } from '../types';

/**
 * Rules 15 (text side) and 16: the figures of the 情况说明 against the tables. Each rule is
 * checked per section (the anchor); a section with several defects of one kind gives one
 * finding that lists them. The checks themselves are in src/shared/narrative/checks.ts.
 */

/** Tables whose cells the text is drafted from or checked against. */
const READ_TABLES: Array<[table: string, cols: string[] | 'all']> = [
  ['narrative', ['text', 'lead', 'tail']],
  ['py', 'all'],
  ['t01', ['inAmount']],
  ['t06', ['name', 'total', 'personnel', 'public']],
  ['t09', ['total']],
  ['t11', ['total', 'general', 'fund', 'capital', 'specialAccount', 'unitFunds', 'smeShare']],
  ['t12', 'all'],
  ['org', 'all'],
  ['projects', 'all'],
];

function readsOf(view: ValueView, template: Template, section: string): CellRef[] {
  const refs: CellRef[] = [];
  const tables = section === 's05' ? [...READ_TABLES, ['indicators', 'all'] as [string, 'all']] : READ_TABLES;
  for (const [table, cols] of tables) {
    const def = template.tables.find((t) => t.id === table);
    if (!def) continue;
    const columns = cols === 'all' ? def.columns.map((c) => c.id) : cols.filter((c) => def.columns.some((d) => d.id === c));
    const rows = table === 'narrative' ? [section] : view.rows(table);
    for (const row of rows) for (const col of columns) refs.push({ table, row, col });
  }
  return refs;
}

/**
 * The issues of a section, shared by the rules that read it: computed once per state of the
 * cells the section reads (the rules of one section are evaluated one after another).
 */
const cache = new WeakMap<ValueView, Map<string, { fingerprint: string; issues: TextIssue[] }>>();

function issuesOf(view: ValueView, ctx: RuleContext, section: string, reads: CellRef[]): TextIssue[] {
  let perView = cache.get(view);
  if (!perView) cache.set(view, (perView = new Map()));
  const fingerprint = reads.map((r) => `${view.value(r.table, r.row, r.col) ?? ''}|${view.text(r.table, r.row, r.col)}`).join('\u0001');
  const hit = perView.get(section);
  if (hit && hit.fingerprint === fingerprint) return hit.issues;
  const describe = (key: string) => {
    const { table, row, col } = parseCellKey(key);
    return ctx.labels.cell(view, table, row, col);
  };
  const issues = checkSection(view, ctx.template, section, describe);
  perView.set(section, { fingerprint, issues });
  return issues;
}

function body(issues: TextIssue[]): FindingBody | null {
  if (!issues.length) return null;
  const keys = [...new Set(issues.flatMap((i) => [i.textCell, ...i.tableCells]))];
  return {
    cells: keys.map(parseCellKey),
    message: issues.length === 1 ? issues[0].message : `共 ${issues.length} 处：${issues.map((i) => i.message).join('；')}`,
    actual: issues.map((i) => i.snippet).join('；'),
  };
}

function textRule(id: string, group: number, severity: Severity, check: NarrativeCheckId, title: string): RuleDef {
  return {
    id,
    group,
    severity,
    title,
    check: {
      kind: 'custom',
      instances: (view, ctx): CustomInstance[] => {
        if (!ctx.template.tables.some((t) => t.id === 'narrative')) return [];
        return ctx.template.narrative.map(({ id: section }) => {
          const reads = readsOf(view, ctx.template, section);
          return {
            anchor: section,
            reads,
            evaluate: (v) => body(issuesOf(v, ctx, section, reads).filter((i) => i.check === check && i.severity === severity)),
          };
        });
      },
    },
  };
}

function reasonRule(): RuleDef {
  return {
    id: 'r16-text-reason',
    group: 16,
    severity: 'warning',
    title: '预算比上年有增减的，应说明增减原因',
    check: {
      kind: 'custom',
      instances: (view, ctx): CustomInstance[] => {
        if (!ctx.template.tables.some((t) => t.id === 'py')) return [];
        return (['spendingTotal', 'threeTotal'] as const).map((row) => ({
          anchor: row,
          reads: ['spendingTotal', 'basic', 'personnel', 'public', 'project', 'threeTotal'].flatMap((r) =>
            ['prior', 'current', 'reason'].map((col) => ({ table: 'py', row: r, col })),
          ),
          evaluate: (v) => {
            const missing = missingReasons(v, ctx.template, row);
            return missing ? { cells: missing.cells.map(parseCellKey), message: missing.message } : null;
          },
        }));
      },
    },
  };
}

export const narrativeRules: RuleDef[] = [
  textRule('r15-text-operating', 15, 'error', 'operatingCost', '情况说明中的机关运行经费 = 表6 公用经费合计（行政、参公单位）'),
  textRule('r16-text-figure', 16, 'error', 'figure', '情况说明中写明的金额与表中数字一致'),
  textRule('r16-text-change', 16, 'error', 'change', '情况说明中的增减额、增减率与上年、本年数字相符'),
  textRule('r16-text-direction', 16, 'error', 'direction', '情况说明中的“增加”“减少”与实际增减方向一致'),
  textRule('r16-text-flat', 16, 'warning', 'direction', '与上年持平时写“持平”，不写“增加（减少）0.00 万元”'),
  textRule('r16-text-zero-base', 16, 'error', 'zeroBase', '上年为零时不写增长率'),
  textRule('r16-text-percent', 16, 'warning', 'percentSign', '比率写明百分号（%）'),
  textRule('r16-text-unit', 16, 'warning', 'unit', '金额单位与报表一致（万元）'),
  textRule('r16-text-placeholder', 16, 'error', 'placeholder', '情况说明中没有未替换的占位文字（XX、增加（减少）、【请填写】）'),
  reasonRule(),
];
