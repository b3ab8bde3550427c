import { hebei2024Narrative } from './narrative';
import { FUNDS } from './template';
import type { Equation, Operand, RuleDef, Term } from '../../validation/rule-types';

/**
 * The consistency rules (勾稽关系) of the Hebei 2024 tables, numbered as in domain.md.
 * Most hold by construction in a draft (the sums are derived) but are checked on any
 * ValueView: an imported workbook states its totals, and they can disagree.
 */

const cell = (table: string, row: string, col: string): Operand => ({ cell: { table, row, col } });
const total = (table: string, col: string): Operand => ({ total: { table, col } });
const code = (table: string, c: string, col: string): Operand => ({ code: { table, code: c, col } });
const plus = (...ops: Operand[]): Term[] => ops.map((of) => ({ of }));
const eq = (left: Operand, right: Term[], rightLabel?: string): Equation => ({ left: [{ of: left }], right, rightLabel });

const FUNCTION_CLASS_ROWS = [
  '201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213', '214', '215', '216',
  '217', '219', '220', '221', '222', '223', '224', '227', '229', '230', '231', '232', '233', '234', '999',
].map((c) => `c${c}`);
const T1_INCOME_ROWS = FUNCTION_CLASS_ROWS.slice(0, 5);
const T2_SOURCES = ['fiscal', 'specialAccount', 'business', 'operating', 'superior', 'subordinate', 'other'];
const CODED_TABLES = ['t02', 't03', 't05', 't06', 't07', 't08'];
const FISCAL = [
  { table: 't05', col: 'outGeneral', balance: 'balGeneral', income: 'c201', fund: FUNDS[0] },
  { table: 't07', col: 'outFund', balance: 'balFund', income: 'c202', fund: FUNDS[1] },
  { table: 't08', col: 'outCapital', balance: 'balCapital', income: 'c203', fund: FUNDS[2] },
];
const T4_OUT = ['outTotal', 'outGeneral', 'outFund', 'outCapital'];
const T9_COLS = ['total', 'general', 'fund', 'capital'];

const error = (id: string, group: number, title: string, check: RuleDef['check']): RuleDef => ({ id, group, severity: 'error', title, check });
const warning = (id: string, group: number, title: string, check: RuleDef['check']): RuleDef => ({ id, group, severity: 'warning', title, check });

export const hebei2024Rules: RuleDef[] = [
  // ------------------------------------------------------------ 1. table 1 totals
  error('r01-t01-sums', 1, '表1：本年收入合计 = 各项收入之和；本年支出合计 = 各类支出之和；总计 = 本年合计 + 结转结余', {
    kind: 'equal',
    equations: [
      eq(cell('t01', 'yearTotal', 'inAmount'), plus(...T1_INCOME_ROWS.map((r) => cell('t01', r, 'inAmount'))), '各项收入之和'),
      eq(cell('t01', 'yearTotal', 'outAmount'), plus(...FUNCTION_CLASS_ROWS.map((r) => cell('t01', r, 'outAmount'))), '各类支出之和'),
      eq(cell('t01', 'grandTotal', 'inAmount'), plus(cell('t01', 'yearTotal', 'inAmount'), cell('t01', 'carry', 'inAmount'))),
      eq(cell('t01', 'grandTotal', 'outAmount'), plus(cell('t01', 'yearTotal', 'outAmount'), cell('t01', 'carry', 'outAmount'))),
    ],
  }),
  error('r01-t01-balance', 1, '表1：收入总计 = 支出总计', {
    kind: 'equal',
    equations: [eq(cell('t01', 'grandTotal', 'inAmount'), plus(cell('t01', 'grandTotal', 'outAmount')), '支出总计')],
  }),

  // ------------------------------------------------------------ 2. 合计 columns
  error('r02-t02-subtotal', 2, '表2：本年收入小计 = 七项收入之和', { kind: 'rowSum', table: 't02', target: 'subtotal', parts: T2_SOURCES }),
  error('r02-t02-total', 2, '表2：合计 = 本年收入小计 + 上年结转', { kind: 'rowSum', table: 't02', target: 'total', parts: ['subtotal', 'carryOver'] }),
  error('r02-t03-total', 2, '表3：合计 = 基本支出 + 项目支出 + 经营支出 + 上解上级支出 + 对附属单位补助支出', {
    kind: 'rowSum', table: 't03', target: 'total', parts: ['basic', 'project', 'operating', 'remitted', 'subsidy'],
  }),
  ...['t05', 't07', 't08'].map((t) =>
    error(`r02-${t}-total`, 2, `表${t.slice(2)}：合计 = 基本支出 + 项目支出`, { kind: 'rowSum', table: t, target: 'total', parts: ['basic', 'project'] }),
  ),
  error('r02-t06-total', 2, '表6：合计 = 人员经费 + 公用经费', { kind: 'rowSum', table: 't06', target: 'total', parts: ['personnel', 'public'] }),
  error('r02-t04-total', 2, '表4：支出合计 = 三类财政拨款之和', {
    kind: 'rowSum', table: 't04', target: 'outTotal', parts: ['outGeneral', 'outFund', 'outCapital'],
    rows: [...FUNCTION_CLASS_ROWS, 'yearTotal', 'balanceHead', 'balGeneral', 'balFund', 'balCapital', 'grandTotal'],
  }),
  error('r02-t09-total', 2, '表9：合计 = 三类资金之和', { kind: 'rowSum', table: 't09', target: 'total', parts: ['general', 'fund', 'capital'] }),
  error('r02-t11-total', 2, '表11：预算资金合计 = 各类资金之和', {
    kind: 'rowSum', table: 't11', target: 'total', parts: ['general', 'fund', 'capital', 'specialAccount', 'unitFunds'],
  }),
  error('r02-projects-amount', 2, '表10：项目预算数合计 = 财政资金 + 其他资金', { kind: 'rowSum', table: 'projects', target: 'amount', parts: ['fiscal', 'otherFunds'] }),

  // ------------------------------------------------------------ 3. 类 = Σ 款 = Σ 项, 合计 = Σ 类
  ...(
    [
      ['t02', ['total', 'subtotal', ...T2_SOURCES, 'carryOver']],
      ['t03', ['total', 'basic', 'project', 'operating', 'remitted', 'subsidy']],
      ['t05', ['total', 'basic', 'project']],
      ['t06', ['total', 'personnel', 'public']],
      ['t07', ['total', 'basic', 'project']],
      ['t08', ['total', 'basic', 'project']],
    ] as Array<[string, string[]]>
  ).map(([t, columns]) => error(`r03-${t}`, 3, `表${t.slice(2)}：类 = Σ 款 = Σ 项，合计 = Σ 类`, { kind: 'rollup', table: t, columns })),

  // ------------------------------------------------------------ 4. table 6 人员经费 / 公用经费 by economic class
  error('r04-t06-personnel', 4, '表6：人员经费只列在 301、303 类', { kind: 'onlyOn', table: 't06', col: 'personnel', prefixes: ['301', '303'], meaning: '人员经费' }),
  error('r04-t06-public', 4, '表6：公用经费只列在 302、310 类', { kind: 'onlyOn', table: 't06', col: 'public', prefixes: ['302', '310'], meaning: '公用经费' }),

  // ------------------------------------------------------------ 5. table 9
  error('r05-t09', 5, '表9：合计 = “三公”小计 = 出国 + 车 + 接待；出国 = 教学科研 + 其他；车 = 购置 + 运行维护', {
    kind: 'equal',
    equations: T9_COLS.flatMap((col) => [
      eq(cell('t09', 'total', col), plus(cell('t09', 'threeTotal', col))),
      eq(cell('t09', 'threeTotal', col), plus(cell('t09', 'abroad', col), cell('t09', 'vehicle', col), cell('t09', 'reception', col))),
      eq(cell('t09', 'abroad', col), plus(cell('t09', 'abroadResearch', col), cell('t09', 'abroadOther', col))),
      eq(cell('t09', 'vehicle', col), plus(cell('t09', 'vehiclePurchase', col), cell('t09', 'vehicleRunning', col))),
    ]),
  }),

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

  // ------------------------------------------------------------ 8. table 1 against table 2 and table 3
  error('r08-t01-income', 8, '表1收入各行 = 表2相应收入栏的合计', {
    kind: 'equal',
    equations: [
      {
        left: plus(cell('t01', 'c201', 'inAmount'), cell('t01', 'c202', 'inAmount'), cell('t01', 'c203', 'inAmount')),
        right: plus(total('t02', 'fiscal')),
      },
      eq(cell('t01', 'c204', 'inAmount'), plus(total('t02', 'specialAccount'))),
      eq(cell('t01', 'c205', 'inAmount'), plus(...['business', 'operating', 'superior', 'subordinate', 'other'].map((c) => total('t02', c))), '表2合计行事业收入、经营收入、上级补助收入、附属单位上缴收入、其他收入之和'),
      eq(cell('t01', 'carry', 'inAmount'), plus(total('t02', 'carryOver'))),
    ],
  }),
  error('r08-t01-spending', 8, '表1支出各类 = 表3相应类的合计', { kind: 'classRows', table: 't01', col: 'outAmount', source: { table: 't03', col: 'total' } }),
  error('r08-t01-spending-total', 8, '表1本年支出合计 = 表3合计', {
    kind: 'equal', equations: [eq(cell('t01', 'yearTotal', 'outAmount'), plus(total('t03', 'total')))],
  }),

  // ------------------------------------------------------------ 9. income by function = spending by function
  error('r09-t02-t03', 9, '表2与表3逐科目合计相等', { kind: 'codeByCode', left: { table: 't02', col: 'total' }, right: { table: 't03', col: 'total' } }),

  // ------------------------------------------------------------ 10. table 4
  ...FISCAL.map((f) =>
    error(`r10-t04-${f.table}`, 10, `表4“${f.fund}”栏各类 = 表${f.table.slice(2)}相应类的合计`, {
      kind: 'classRows', table: 't04', col: f.col, source: { table: f.table, col: 'total' },
    }),
  ),
  error('r10-t04-fiscal-totals', 10, '表4本年支出合计各栏 = 表5、7、8的合计', {
    kind: 'equal', equations: FISCAL.map((f) => eq(cell('t04', 'yearTotal', f.col), plus(total(f.table, 'total')))),
  }),
  error('r10-t04-income', 10, '表4收入各行 = 表1相应收入行', {
    kind: 'equal', equations: FISCAL.map((f) => eq(cell('t04', f.income, 'inAmount'), plus(cell('t01', f.income, 'inAmount')))),
  }),
  error('r10-t04-sums', 10, '表4：本年合计、结转结余与总计', {
    kind: 'equal',
    equations: [
      eq(cell('t04', 'yearTotal', 'inAmount'), plus(...FISCAL.map((f) => cell('t04', f.income, 'inAmount'))), '三项财政拨款收入之和'),
      eq(cell('t04', 'balanceHead', 'inAmount'), plus(...FISCAL.map((f) => cell('t04', f.balance, 'inAmount')))),
      eq(cell('t04', 'grandTotal', 'inAmount'), plus(cell('t04', 'yearTotal', 'inAmount'), cell('t04', 'balanceHead', 'inAmount'))),
      ...T4_OUT.flatMap((col) => [
        eq(cell('t04', 'yearTotal', col), plus(...FUNCTION_CLASS_ROWS.map((r) => cell('t04', r, col))), '各类支出之和'),
        eq(cell('t04', 'balanceHead', col), plus(...FISCAL.map((f) => cell('t04', f.balance, col)))),
        eq(cell('t04', 'grandTotal', col), plus(cell('t04', 'yearTotal', col), cell('t04', 'balanceHead', col))),
      ]),
      // 年末 = 年初 + 本年拨款 − 本年支出, by fund.
      ...FISCAL.map((f) => ({
        left: plus(cell('t04', f.balance, f.col)),
        right: [{ of: cell('t04', f.balance, 'inAmount') }, { of: cell('t04', f.income, 'inAmount') }, { of: cell('t04', 'yearTotal', f.col), sign: -1 as const }],
        rightLabel: '年初结转结余加本年拨款收入减本年支出',
      })),
    ],
  }),
  error('r10-t04-balance', 10, '表4：收入总计 = 支出总计', {
    kind: 'equal', equations: [eq(cell('t04', 'grandTotal', 'inAmount'), plus(cell('t04', 'grandTotal', 'outTotal')), '支出总计')],
  }),

  // ------------------------------------------------------------ 11. table 5 against table 6 and the projects
  error('r11-t05-t06', 11, '表5基本支出合计 = 表6合计', { kind: 'equal', equations: [eq(total('t05', 'basic'), plus(total('t06', 'total')))] }),
  ...FISCAL.map((f) =>
    error(`r11-${f.table}-projects`, 11, `表${f.table.slice(2)}项目支出合计 = ${f.fund}项目的财政资金之和`, {
      kind: 'equal',
      equations: [eq(total(f.table, 'project'), [{ of: { list: { table: 'projects', col: 'fiscal', where: { col: 'fund', equals: f.fund }, except: { col: 'spending', equals: '基本支出' } } } }])],
    }),
  ),

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

  // ------------------------------------------------------------ 15. 机关运行经费 (table side; the text side is in ./narrative)
  error('r15-operating', 15, '机关运行经费 = 表6公用经费合计', {
    kind: 'equal', equations: [eq(cell('py', 'operating', 'current'), plus(total('t06', 'public')))],
  }),

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

  // ------------------------------------------------------------ other in-table sums
  error('r00-list-totals', 0, '表10、表11的合计行 = 各行之和', {
    kind: 'equal',
    equations: [
      ...['amount', 'fiscal', 'otherFunds'].map((col) => eq(total('projects', col), [{ of: { list: { table: 'projects', col } } }], '各项目之和')),
      ...['total', 'general', 'fund', 'capital', 'specialAccount', 'unitFunds', 'carryOver', 'smeShare'].map((col) =>
        eq(total('t11', col), [{ of: { list: { table: 't11', col } } }], '各采购项目之和'),
      ),
    ],
  }),
  error('r00-t12-total', 0, '表12：资产总额 = 房屋 + 车辆 + 设备 + 其他固定资产', {
    kind: 'equal',
    equations: [eq(cell('t12', 'total', 'value'), plus(...['buildings', 'vehicles', 'equipment', 'otherAssets'].map((r) => cell('t12', r, 'value'))))],
  }),
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
