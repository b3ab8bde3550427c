import type { BudgetScope, Template } from '../../template/types';
import type { Equation, Operand, RuleDef, Term } from '../../validation/rule-types';
import { derivedRules } from '../../validation/rules/derived';
import { FUNCTION_CLASSES } from '../common/classes';

/**
 * The 上海 2026 rules: the equalities the template's derivations imply (generated), and
 * the relations between tables that are entered separately, written here.
 */

const cell = (table: string, row: string, col: string): Operand => ({ cell: { table, row, col } });
const total = (table: string, col: string): Operand => ({ total: { table, col } });
const code = (table: string, c: string, col: string): Operand => ({ code: { table, code: c, col } });
const plus = (...ops: Operand[]): Term[] => ops.map((of) => ({ of }));
const eq = (left: Operand, right: Term[], rightLabel?: string): Equation => ({ left: [{ of: left }], right, rightLabel });
const error = (id: string, group: number, title: string, check: RuleDef['check']): RuleDef => ({ id, group, severity: 'error', title, check });
const warning = (id: string, group: number, title: string, check: RuleDef['check']): RuleDef => ({ id, group, severity: 'warning', title, check });

const FISCAL_TABLES = ['generalSpending', 'fundSpending', 'capitalSpending'];

function ownRules(scope: BudgetScope): RuleDef[] {
  const spendingTotalCol = scope === 'unit' ? 'outTotal' : 'outAmount';
  return [
    error('sh01-summary-balance', 1, '财务收支预算总表：收入总计 = 支出总计', {
      kind: 'equal', equations: [eq(cell('summary', 'grandTotal', 'inAmount'), plus(cell('summary', 'grandTotal', spendingTotalCol)), '支出总计')],
    }),
    error('sh01-fiscal-balance', 1, '财政拨款收支预算总表：收入总计 = 支出总计', {
      kind: 'equal', equations: [eq(cell('fiscalSummary', 'grandTotal', 'inAmount'), plus(cell('fiscalSummary', 'grandTotal', 'outTotal')), '支出总计')],
    }),
    error('sh09-income-spending', 9, '收入预算总表与支出预算总表逐科目合计相等', {
      kind: 'codeByCode', left: { table: 'income', col: 'total' }, right: { table: 'spending', col: 'total' },
    }),
    error('sh10-fiscal-income', 10, '收入预算总表财政拨款收入合计 = 一般公共预算、政府性基金、国有资本经营预算支出表合计之和', {
      kind: 'equal', equations: [eq(total('income', 'fiscal'), plus(...FISCAL_TABLES.map((t) => total(t, 'total'))), '三张财政拨款支出表合计之和')],
    }),
    error('sh11-basic-economic', 11, '一般公共预算支出功能分类预算表基本支出合计 = 基本支出经济分类预算表合计', {
      kind: 'equal', equations: [eq(total('generalSpending', 'basic'), plus(total('basicEconomic', 'total')))],
    }),
    error('sh04-personnel', 4, '人员经费只列在 301、303 类', { kind: 'onlyOn', table: 'basicEconomic', col: 'personnel', prefixes: ['301', '303'], meaning: '人员经费' }),
    error('sh04-public', 4, '公用经费只列在 302、310 类', { kind: 'onlyOn', table: 'basicEconomic', col: 'public', prefixes: ['302', '310'], meaning: '公用经费' }),
    ...(scope === 'unit'
      ? [
          error('sh08-summary-basic', 8, '财务收支预算总表各类人员经费与公用经费之和 = 支出预算总表相应类的基本支出', {
            kind: 'equal',
            equations: FUNCTION_CLASSES.map(([c]) => ({
              left: plus(cell('summary', `c${c}`, 'outPersonnel'), cell('summary', `c${c}`, 'outPublic')),
              right: plus(code('spending', c, 'basic')),
            })),
          }),
        ]
      : []),
    warning('sh13-function-economic', 13, '经济分类与功能分类对应（社会保障缴费、住房公积金、离退休费）', {
      kind: 'equal',
      equations: (
        [
          [['30108'], ['2080505']],
          [['30109'], ['2080506']],
          [['30110'], ['2101101', '2101102']],
          [['30111'], ['2101103']],
          [['30112'], ['20827']],
          [['30113'], ['2210201']],
          [['30301', '30302'], ['2080501', '2080502']],
        ] as Array<[string[], string[]]>
      ).map(([economic, fn]) => ({ left: plus(...economic.map((c) => code('basicEconomic', c, 'total'))), right: plus(...fn.map((c) => code('generalSpending', c, 'basic'))) })),
    }),
    error('sh09-purchase-sme', 9, '面向中小企业预留的政府采购预算不超过政府采购预算合计，预留给小型和微型企业的不超过面向中小企业预留的', {
      kind: 'notGreater',
      pairs: [
        { part: cell('purchases', 'sme', 'amount'), whole: cell('purchases', 'total', 'amount') },
        { part: cell('purchases', 'smallMicro', 'amount'), whole: cell('purchases', 'sme', 'amount') },
      ],
      why: '预留份额是政府采购预算的一部分，不能超过它所属的金额。',
    }),
    error('sh06-project-code', 6, '项目的功能分类科目须为科目表中的 7 位项级科目', { kind: 'recordCode', table: 'projects', col: 'functionCode', scheme: 'function', length: 7 }),
    error('sh07-plan-order', 7, '资金支出计划累计进度不下降', { kind: 'planOrder', table: 'projects', columns: ['plan03', 'plan06', 'plan10', 'plan12'] }),
    error('sh07-plan-max', 7, '资金支出计划不超过 100%', { kind: 'planMax', table: 'projects', columns: ['plan03', 'plan06', 'plan10', 'plan12'], max: 100 }),
    error('sh07-plan-full', 7, '资金支出计划 12 月底达到 100%', { kind: 'planFull', table: 'projects', col: 'plan12', value: 100 }),
    error('sh07-indicator-levels', 7, '每个项目至少有一项产出、效益和满意度指标', {
      kind: 'childLevels', table: 'indicators', parentCol: 'project', levelCol: 'level1', required: ['产出指标', '效益指标', '满意度指标'], parent: 'projects',
    }),
    error('sh07-indicator-value', 7, '指标值由比较符、数值和计量单位组成', { kind: 'indicatorValue', table: 'indicators', col: 'value', parent: 'projects', parentCol: 'project' }),
  ];
}

/** The rules of a 上海 2026 template (部门 or 单位). */
export function shanghai2026Rules(template: Template): RuleDef[] {
  return [...derivedRules(template), ...ownRules(template.scope)];
}
