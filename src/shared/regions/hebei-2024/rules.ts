import { derivationRules } from '../../validation/rules/derived';
import type { Template } from '../../template/types';
import type { Equation, Operand, RuleDef, Term } from '../../validation/rule-types';
import { hebei2024Narrative } from './narrative';

/**
 * The consistency rules (勾稽关系) of the Hebei 2024 tables, numbered as in domain.md. The
 * equalities its derivations imply (sums, roll-ups, cross-table cells) are generated from the
 * template (validation/rules/derived); written here are only the relations that are not
 * derivations: balances, 勾稽 between tables entered separately, correspondences of codes,
 * the dictionary, the project sheets and the assets.
 */

const cell = (table: string, row: string, col: string): Operand => ({ cell: { table, row, col } });
const total = (table: string, col: string): Operand => ({ total: { table, col } });
const code = (table: string, c: string, col: string): Operand => ({ code: { table, code: c, col } });
const plus = (...ops: Operand[]): Term[] => ops.map((of) => ({ of }));
const eq = (left: Operand, right: Term[], rightLabel?: string): Equation => ({ left: [{ of: left }], right, rightLabel });

/**
 * The dictionary checks are written here rather than taken from the generated ones (d-code-*):
 * explanations of the r06-code-name warning in drafts refer to these ids.
 */
const CODED_TABLES = ['t02', 't03', 't05', 't06', 't07', 't08'];

const error = (id: string, group: number, title: string, check: RuleDef['check']): RuleDef => ({ id, group, severity: 'error', title, check });
const warning = (id: string, group: number, title: string, check: RuleDef['check']): RuleDef => ({ id, group, severity: 'warning', title, check });

/** The Hebei rules of a template year: the generated equalities and the relations written here. */
export function hebei2024Rules(template: Template): RuleDef[] {
  return [...derivationRules(template), ...hebei2024Relations];
}

/** The relations of the Hebei tables that no derivation implies. */
export const hebei2024Relations: RuleDef[] = [
  // ------------------------------------------------------------ 1. the balance of table 1
  error('r01-t01-balance', 1, '表1：收入总计 = 支出总计', {
    kind: 'equal',
    equations: [eq(cell('t01', 'grandTotal', 'inAmount'), plus(cell('t01', 'grandTotal', 'outAmount')), '支出总计')],
  }),

  // ------------------------------------------------------------ 4. table 6 人员经费 / 公用经费 by economic class
  error('r04-t06-personnel', 4, '表6：人员经费只列在 301、303 类', { kind: 'onlyOn', table: 't06', col: 'personnel', prefixes: ['301', '303'], meaning: '人员经费' }),
  error('r04-t06-public', 4, '表6：公用经费只列在 302、310 类', { kind: 'onlyOn', table: 't06', col: 'public', prefixes: ['302', '310'], meaning: '公用经费' }),

  // ------------------------------------------------------------ 6. dictionary
  error('r06-code-unknown', 6, '科目编码须在本年度科目表中', { kind: 'codeKnown', tables: CODED_TABLES }),
  warning('r06-code-name', 6, '科目名称应与科目表一致', { kind: 'codeName', tables: CODED_TABLES }),
  error('r06-code-parent', 6, '项级科目须列在其款、类之下', { kind: 'codeParent', tables: CODED_TABLES }),
  error('r06-project-code', 6, '项目的功能分类科目须为科目表中的 7 位项级科目', {
    kind: 'recordCode', table: 'projects', col: 'functionCode', scheme: 'function', length: 7,
  }),

  // ------------------------------------------------------------ 7. table 10: plan and indicators
  error('r07-plan-order', 7, '资金支出计划累计进度不下降', { kind: 'planOrder', table: 'projects', columns: ['plan03', 'plan06', 'plan10', 'plan12'] }),
  error('r07-plan-max', 7, '资金支出计划不超过 100%', { kind: 'planMax', table: 'projects', columns: ['plan03', 'plan06', 'plan10', 'plan12'], max: 100 }),
  error('r07-plan-full', 7, '资金支出计划 12 月底达到 100%', { kind: 'planFull', table: 'projects', col: 'plan12', value: 100 }),
  error('r07-indicator-levels', 7, '每个项目至少有一项产出、效益和满意度指标', {
    kind: 'childLevels', table: 'indicators', parentCol: 'project', levelCol: 'level1', required: ['产出指标', '效益指标', '满意度指标'], parent: 'projects',
  }),
  error('r07-indicator-value', 7, '指标值由比较符、数值和计量单位组成', {
    kind: 'indicatorValue', table: 'indicators', col: 'value', parent: 'projects', parentCol: 'project',
  }),

  // ------------------------------------------------------------ 8. table 1's fiscal income against table 2 (entered apart)
  error('r08-t01-income', 8, '表1三项财政拨款收入之和 = 表2财政拨款收入合计', {
    kind: 'equal',
    equations: [
      {
        left: plus(cell('t01', 'c201', 'inAmount'), cell('t01', 'c202', 'inAmount'), cell('t01', 'c203', 'inAmount')),
        right: plus(total('t02', 'fiscal')),
      },
    ],
  }),

  // ------------------------------------------------------------ 9. income by function = spending by function
  error('r09-t02-t03', 9, '表2与表3逐科目合计相等', { kind: 'codeByCode', left: { table: 't02', col: 'total' }, right: { table: 't03', col: 'total' } }),

  // ------------------------------------------------------------ 10. the balance of table 4
  error('r10-t04-balance', 10, '表4：收入总计 = 支出总计', {
    kind: 'equal', equations: [eq(cell('t04', 'grandTotal', 'inAmount'), plus(cell('t04', 'grandTotal', 'outTotal')), '支出总计')],
  }),

  // ------------------------------------------------------------ 11. table 5 against table 6 (entered apart)
  error('r11-t05-t06', 11, '表5基本支出合计 = 表6合计', { kind: 'equal', equations: [eq(total('t05', 'basic'), plus(total('t06', 'total')))] }),

  // ------------------------------------------------------------ 12. table 6 人员经费 and 公用经费 by class
  error('r12-t06-classes', 12, '表6：人员经费 = 301 + 303；公用经费 = 302 + 310', {
    kind: 'equal',
    equations: [
      eq(total('t06', 'personnel'), plus(code('t06', '301', 'total'), code('t06', '303', 'total'))),
      eq(total('t06', 'public'), plus(code('t06', '302', 'total'), code('t06', '310', 'total'))),
    ],
  }),

  // ------------------------------------------------------------ 13. function ↔ economic (提示)
  warning('r13-function-economic', 13, '经济分类与功能分类对应（社会保障缴费、住房公积金、离退休费）', {
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
    ).map(([economic, fn]) => ({
      left: plus(...economic.map((c) => code('t06', c, 'total'))),
      right: plus(...fn.map((c) => code('t05', c, 'basic'))),
    })),
  }),

  // ------------------------------------------------------------ 14. 三公 against economic codes (提示)
  // Table 6 is basic spending only: where the 三公 figure may include project spending (the
  // pack's text settings say so), each economic code is "not more than" its 三公 figure.
  ...threePublicAgainstEconomic(hebei2024Narrative.review.threePublicIncludesProjects),

  // 15. 机关运行经费 = 表6 公用经费合计 is the template's figure (generated: d-py-operating-current);
  // the text side is in ./narrative.

  // ------------------------------------------------------------ 政府采购: the 预留 share is part of the purchase
  error('r02-t11-sme', 2, '表11：预留中小微企业份额不超过该项采购的预算资金合计', {
    kind: 'rowNotGreater', table: 't11', part: 'smeShare', whole: 'total',
    why: '预留中小微企业份额是这项采购预算的一部分，不能超过其预算资金合计。',
  }),

  // ------------------------------------------------------------ 17. assets against car costs (提示)
  warning('r17-vehicles', 17, '没有公务用车却安排公务用车运行维护费', {
    kind: 'zeroImplies',
    when: cell('t12', 'vehicles', 'quantity'),
    then: cell('t09', 'vehicleRunning', 'total'),
    why: '没有车辆却安排了公务用车运行维护费，请核对车辆数或说明原因。',
  }),

  // ------------------------------------------------------------ assets
  error('r00-t12-offices', 0, '表12：办公用房不超过房屋', { kind: 'notGreater', pairs: [{ part: cell('t12', 'offices', 'quantity'), whole: cell('t12', 'buildings', 'quantity') }] }),
];

function threePublicAgainstEconomic(includesProjects: boolean): RuleDef[] {
  const pairs: Array<[row: string, economic: string]> = [
    ['vehicleRunning', '30231'],
    ['reception', '30217'],
    ['abroad', '30212'],
    ['vehiclePurchase', '31013'],
  ];
  const title = '表9“三公”经费与表6相应经济科目一致';
  if (!includesProjects) {
    return [warning('r14-t09-t06', 14, title, { kind: 'equal', equations: pairs.map(([row, c]) => eq(cell('t09', row, 'general'), plus(code('t06', c, 'total')))) })];
  }
  return [
    warning('r14-t09-t06', 14, `${title}（表6基本支出不超过“三公”经费：“三公”经费可含项目支出）`, {
      kind: 'notGreater',
      pairs: pairs.map(([row, c]) => ({ part: code('t06', c, 'total'), whole: cell('t09', row, 'general') })),
      why: '基本支出中的该经济科目不能超过“三公”经费（“三公”经费还可含项目支出安排的部分）。',
    }),
  ];
}
