import type { ColumnDef, CellOperand, Derivation, FixedRowDef, Operand, TableDef, Template } from '../../template/types';
import { FUNCTION_CLASSES, NUMERALS } from '../common/classes';

/**
 * The Hebei county-level standard set of 2024 (the layout of the seed disclosure):
 * twelve numbered tables, the 机构设置 table of the text, the project sheets, and the
 * 上年对比 figures the text needs. Column ids are stable across templates where the
 * meaning is the same, so rules and the text can be shared.
 */

const money = (id: string, header: string[], width = 14): ColumnDef => ({ id, header, kind: 'money', width });
const codeCol = (group: string): ColumnDef => ({ id: 'code', header: [group, '科目编码'], kind: 'code', role: 'code', width: 12 });
const nameCol = (group: string): ColumnDef => ({ id: 'name', header: [group, '科目名称'], kind: 'text', role: 'name', width: 30 });

const cell = (table: string, row: string, col: string) => ({ cell: { table, row, col } });
const total = (table: string, col: string) => ({ total: { table, col } });

// ---------------------------------------------------------------- table 1
const t01Rows: FixedRowDef[] = [];
const T1_INCOME = ['一、一般公共预算拨款收入', '二、政府性基金预算拨款收入', '三、国有资本经营预算拨款收入', '四、财政专户管理资金收入', '五、单位资金'];
/** The income line each of the first rows stands for (the row also carries a function 类 on the right). */
const T1_INCOME_LINES = ['income:general', 'income:fund', 'income:capital', 'income:specialAccount', 'income:unitFunds'];
FUNCTION_CLASSES.forEach(([code, name], i) => {
  const labels: Record<string, string> = { outItem: `${NUMERALS[i]}、${name}` };
  if (i < T1_INCOME.length) labels.inItem = T1_INCOME[i];
  t01Rows.push({ id: `c${code}`, labels, code, ...(i < T1_INCOME_LINES.length && { line: T1_INCOME_LINES[i] }) });
});
t01Rows.push(
  { id: 'yearTotal', labels: { inItem: '本年收入合计', outItem: '本年支出合计' }, isTotal: true, line: 'yearTotal' },
  { id: 'carry', labels: { inItem: '上年结转结余', outItem: '年终结转结余' }, line: 'carry' },
  { id: 'grandTotal', labels: { inItem: '收入总计', outItem: '支出总计' }, isTotal: true, line: 'grandTotal' },
);
const T1_INCOME_ROWS = t01Rows.slice(0, 5).map((r) => r.id);

const t01: TableDef = {
  id: 't01', role: 'summary', number: '1', title: '部门预算收支总表', shortName: '收支总表', hasSerial: true, published: true,
  columns: [
    { id: 'inItem', header: ['收入', '项目'], kind: 'text', role: 'label', width: 30 },
    money('inAmount', ['收入', '预算数']),
    { id: 'outItem', header: ['支出', '项目'], kind: 'text', role: 'label', width: 30 },
    money('outAmount', ['支出', '预算数']),
  ],
  rows: { kind: 'fixed', rows: t01Rows },
};

// ---------------------------------------------------------------- table 2
const T2_SOURCES = ['fiscal', 'specialAccount', 'business', 'operating', 'superior', 'subordinate', 'other'];
const t02: TableDef = {
  id: 't02', role: 'income', number: '2', title: '部门预算收入总表', shortName: '收入总表', hasSerial: true, published: true,
  columns: [
    codeCol('功能分类科目'), nameCol('功能分类科目'),
    money('total', ['合计']),
    money('subtotal', ['本年收入', '小计']),
    money('fiscal', ['本年收入', '财政拨款收入']),
    money('specialAccount', ['本年收入', '财政专户收入']),
    money('business', ['本年收入', '事业收入']),
    money('operating', ['本年收入', '经营收入']),
    money('superior', ['本年收入', '上级补助收入']),
    money('subordinate', ['本年收入', '附属单位上缴收入']),
    money('other', ['本年收入', '其他收入']),
    money('carryOver', ['上年结转']),
  ],
  rows: { kind: 'coded', scheme: 'function', levels: [3, 5, 7], totalLabel: '合计' },
};

// ---------------------------------------------------------------- table 3
const t03: TableDef = {
  id: 't03', role: 'spending', number: '3', title: '部门预算支出总表', shortName: '支出总表', hasSerial: true, published: true,
  columns: [
    codeCol('功能分类科目'), nameCol('功能分类科目'),
    money('total', ['合计']),
    money('basic', ['基本支出']),
    money('project', ['项目支出']),
    money('operating', ['经营支出']),
    money('remitted', ['上解上级支出']),
    money('subsidy', ['对附属单位补助支出']),
  ],
  rows: { kind: 'coded', scheme: 'function', levels: [3, 5, 7], totalLabel: '合计' },
};

// ---------------------------------------------------------------- table 4
const t04Rows: FixedRowDef[] = [];
const T4_INCOME = ['一、一般公共预算拨款', '二、政府性基金预算拨款', '三、国有资本经营预算拨款'];
FUNCTION_CLASSES.forEach(([code, name], i) => {
  const labels: Record<string, string> = { outItem: `${NUMERALS[i]}、${name}` };
  if (i < T4_INCOME.length) labels.inItem = T4_INCOME[i];
  t04Rows.push({ id: `c${code}`, labels, code, ...(i < 3 && { line: T1_INCOME_LINES[i] }) });
});
t04Rows.push(
  { id: 'yearTotal', labels: { inItem: '本年收入合计', outItem: '本年支出合计' }, isTotal: true, line: 'yearTotal' },
  { id: 'balanceHead', labels: { inItem: '年初财政拨款结转和结余', outItem: '年末财政拨款结转和结余' }, line: 'carry' },
  { id: 'balGeneral', labels: { inItem: '一、一般公共预算拨款', outItem: '一、一般公共预算拨款' }, indent: 1, line: 'carry:general' },
  { id: 'balFund', labels: { inItem: '二、政府性基金预算拨款', outItem: '二、政府性基金预算拨款' }, indent: 1, line: 'carry:fund' },
  { id: 'balCapital', labels: { inItem: '三、国有资本经营预算拨款', outItem: '三、国有资本经营预算拨款' }, indent: 1, line: 'carry:capital' },
  { id: 'grandTotal', labels: { inItem: '收入总计', outItem: '支出总计' }, isTotal: true, line: 'grandTotal' },
);
const t04: TableDef = {
  id: 't04', role: 'fiscalSummary', number: '4', title: '部门预算财政拨款收支总表', shortName: '财政拨款收支总表', hasSerial: true, published: true,
  columns: [
    { id: 'inItem', header: ['收入', '项目'], kind: 'text', role: 'label', width: 28 },
    money('inAmount', ['收入', '金额']),
    { id: 'outItem', header: ['支出', '项目'], kind: 'text', role: 'label', width: 28 },
    money('outTotal', ['支出', '合计']),
    money('outGeneral', ['支出', '一般公共预算财政拨款']),
    money('outFund', ['支出', '政府性基金预算财政拨款']),
    money('outCapital', ['支出', '国有资本经营预算财政拨款']),
  ],
  rows: { kind: 'fixed', rows: t04Rows },
};

// ---------------------------------------------------------------- tables 5, 7, 8
const fiscalSpending = (id: string, role: TableDef['role'], number: string, title: string, shortName: string, emptyNote?: string): TableDef => ({
  id, role, number, title, shortName, hasSerial: true, published: true, emptyNote,
  columns: [codeCol('功能分类科目'), nameCol('功能分类科目'), money('total', ['合计']), money('basic', ['基本支出']), money('project', ['项目支出'])],
  rows: { kind: 'coded', scheme: 'function', levels: [3, 5, 7], totalLabel: '合计' },
});
const t05 = fiscalSpending('t05', 'generalSpending', '5', '部门预算一般公共预算财政拨款支出表', '一般公共预算支出表');
const t07 = fiscalSpending('t07', 'fundSpending', '7', '部门预算政府性基金预算财政拨款支出表', '政府性基金支出表', '注：无政府基金预算财政拨款预算，空表列示。');
const t08 = fiscalSpending('t08', 'capitalSpending', '8', '部门预算国有资本经营预算财政拨款支出表', '国有资本经营支出表', '注：无国有资本经营预算财政拨款预算，空表列示。');

// ---------------------------------------------------------------- table 6
const t06: TableDef = {
  id: 't06', role: 'basicEconomic', number: '6', title: '部门预算一般公共预算财政拨款基本支出表', shortName: '基本支出表', hasSerial: true, published: true,
  columns: [
    { id: 'code', header: ['支出部门经济分类科目', '科目编码'], kind: 'code', role: 'code', width: 12 },
    { id: 'name', header: ['支出部门经济分类科目', '科目名称'], kind: 'text', role: 'name', width: 30 },
    money('total', ['一般公共预算基本支出', '合计']),
    money('personnel', ['一般公共预算基本支出', '人员经费']),
    money('public', ['一般公共预算基本支出', '公用经费']),
  ],
  rows: { kind: 'coded', scheme: 'economic', levels: [3, 5], totalLabel: '合计' },
};

// ---------------------------------------------------------------- table 9
const t09: TableDef = {
  id: 't09', role: 'threePublic', number: '9', title: '部门预算财政拨款“三公”经费支出表', shortName: '“三公”经费表', hasSerial: true, published: true,
  columns: [
    { id: 'item', header: ['项目'], kind: 'text', role: 'label', width: 34 },
    money('total', ['资金性质', '合计']),
    money('general', ['资金性质', '一般公共预算财政拨款']),
    money('fund', ['资金性质', '政府性基金预算拨款']),
    money('capital', ['资金性质', '国有资本经营预算财政拨款']),
  ],
  rows: {
    kind: 'fixed',
    rows: [
      { id: 'total', labels: { item: '合计' }, isTotal: true },
      { id: 'threeTotal', labels: { item: '“三公”经费小计' }, isTotal: true },
      { id: 'abroad', labels: { item: '一、因公出国（境）费' } },
      { id: 'abroadResearch', labels: { item: '其中：教学科研人员因公出国（境）费' }, indent: 1 },
      { id: 'abroadOther', labels: { item: '其他因公出国（境）费' }, indent: 1 },
      { id: 'vehicle', labels: { item: '二、公务用车购置及运维费' } },
      { id: 'vehiclePurchase', labels: { item: '其中：公务用车购置费' }, indent: 1 },
      { id: 'vehicleRunning', labels: { item: '公务用车运行维护费' }, indent: 1 },
      { id: 'reception', labels: { item: '三、公务接待费' } },
    ],
  },
};

// ---------------------------------------------------------------- table 10: projects and their indicators
export const FUNDS = ['一般公共预算', '政府性基金预算', '国有资本经营预算'] as const;
/** A project's spending category: 项目支出 (the default) feeds 项目支出; 基本支出 projects are already in 基本支出. */
export const SPENDING_KINDS = ['项目支出', '基本支出'] as const;
const BASIC_PROJECTS = { col: 'spending', equals: SPENDING_KINDS[1] };
export const INDICATOR_LEVEL1 = ['产出指标', '效益指标', '满意度指标'];
export const INDICATOR_LEVEL2: Record<string, string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};
const projects: TableDef = {
  id: 'projects', role: 'projects', number: '10', title: '项目绩效目标表', shortName: '项目及绩效目标', hasSerial: true, published: true,
  columns: [
    { id: 'code', header: ['项目编码'], kind: 'text', width: 24 },
    { id: 'name', header: ['项目名称'], kind: 'text', width: 30 },
    { id: 'functionCode', header: ['功能分类科目编码'], kind: 'code', width: 12 },
    { id: 'fund', header: ['资金性质'], kind: 'text', width: 16, options: [...FUNDS] },
    { id: 'spending', header: ['支出类别'], kind: 'text', width: 10, options: [...SPENDING_KINDS], blankMeans: SPENDING_KINDS[0] },
    money('amount', ['预算数', '合计']),
    money('fiscal', ['预算数', '其中：财政资金']),
    money('otherFunds', ['预算数', '其他资金']),
    { id: 'use', header: ['资金用途'], kind: 'text', width: 40, multiline: true },
    { id: 'plan03', header: ['资金支出计划（累计）', '3月底'], kind: 'percent', width: 9 },
    { id: 'plan06', header: ['资金支出计划（累计）', '6月底'], kind: 'percent', width: 9 },
    { id: 'plan10', header: ['资金支出计划（累计）', '10月底'], kind: 'percent', width: 9 },
    { id: 'plan12', header: ['资金支出计划（累计）', '12月底'], kind: 'percent', width: 9 },
    { id: 'goals', header: ['绩效目标'], kind: 'text', width: 50, multiline: true },
  ],
  rows: { kind: 'list', totalRow: { label: '合计', labelColumn: 'name' } },
};
const indicators: TableDef = {
  id: 'indicators', role: 'indicators', title: '项目绩效指标', shortName: '绩效指标', hasSerial: true, published: false, hiddenTab: true,
  parent: { table: 'projects', col: 'project' },
  columns: [
    { id: 'project', header: ['所属项目'], kind: 'text', width: 10 },
    { id: 'level1', header: ['一级指标'], kind: 'text', width: 12, options: INDICATOR_LEVEL1 },
    { id: 'level2', header: ['二级指标'], kind: 'text', width: 16, options: Object.values(INDICATOR_LEVEL2).flat() },
    { id: 'level3', header: ['三级指标'], kind: 'text', width: 20 },
    { id: 'description', header: ['绩效指标描述'], kind: 'text', width: 30, multiline: true },
    { id: 'value', header: ['指标值'], kind: 'text', width: 14 },
    { id: 'basis', header: ['指标值确定依据'], kind: 'text', width: 16 },
  ],
  rows: { kind: 'list' },
};

// ---------------------------------------------------------------- table 11
const t11 = (year: number): TableDef => ({
  id: 't11', role: 'procurement', number: '11', title: '部门政府采购预算', shortName: '政府采购预算', hasSerial: true, published: true,
  emptyNote: '注：无政府采购预算，空表列示。',
  footNote: '注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。',
  columns: [
    { id: 'project', header: ['政府采购项目来源', '项目名称'], kind: 'text', width: 24 },
    { id: 'item', header: ['采购物品名称'], kind: 'text', width: 20 },
    { id: 'catalog', header: ['政府采购目录序号'], kind: 'text', width: 12 },
    { id: 'measure', header: ['计量单位'], kind: 'text', width: 8 },
    { id: 'quantity', header: ['数量'], kind: 'quantity', width: 8 },
    money('unitPrice', ['单价'], 10),
    money('total', ['政府采购金额（当年部门预算安排资金）', '预算资金合计']),
    money('general', ['政府采购金额（当年部门预算安排资金）', '一般公共预算拨款']),
    money('fund', ['政府采购金额（当年部门预算安排资金）', '基金预算拨款']),
    money('capital', ['政府采购金额（当年部门预算安排资金）', '国有资本经营预算拨款']),
    money('specialAccount', ['政府采购金额（当年部门预算安排资金）', '财政专户核拨']),
    money('unitFunds', ['政府采购金额（当年部门预算安排资金）', '单位资金']),
    money('carryOver', ['政府采购金额（当年部门预算安排资金）', '上年结转结余']),
    money('smeShare', [`${year}年预留中小微企业份额`]),
  ],
  rows: { kind: 'list', totalRow: { label: '合计', labelColumn: 'project' } },
});

// ---------------------------------------------------------------- table 12
const t12: TableDef = {
  id: 't12', role: 'assets', number: '12', title: '部门固定资产占用情况表', shortName: '固定资产占用', hasSerial: false, published: true,
  infoLine: 'asOf',
  columns: [
    { id: 'item', header: ['项目'], kind: 'text', role: 'label', width: 34 },
    { id: 'quantity', header: ['数量'], kind: 'quantity', width: 12 },
    money('value', ['价值']),
  ],
  rows: {
    kind: 'fixed',
    rows: [
      { id: 'total', labels: { item: '资产总额' }, isTotal: true },
      { id: 'buildings', labels: { item: '1、房屋（平方米）' } },
      { id: 'offices', labels: { item: '其中：办公用房（平方米）' }, indent: 1 },
      { id: 'vehicles', labels: { item: '2、车辆（台、辆）' } },
      { id: 'equipment', labels: { item: '3、单价在 20 万元以上的设备' } },
      { id: 'otherAssets', labels: { item: '4、其他固定资产' } },
    ],
  },
};

// ---------------------------------------------------------------- 机构设置, 上年对比
const org: TableDef = {
  id: 'org', role: 'org', title: '机构设置', shortName: '机构设置', hasSerial: true, published: true,
  columns: [
    { id: 'name', header: ['单位名称'], kind: 'text', width: 30 },
    { id: 'nature', header: ['单位性质'], kind: 'text', width: 14, options: ['行政', '参公', '事业', '其他'] },
    { id: 'rank', header: ['单位规格'], kind: 'text', width: 12 },
    { id: 'funding', header: ['经费保障形式'], kind: 'text', width: 14, options: ['财政拨款', '财政补助', '经费自理'] },
  ],
  rows: { kind: 'list' },
};

/** The key figures of the budget by name (see Template.figures). */
const FIGURES: Record<string, CellOperand> = {
  incomeTotal: cell('t01', 'grandTotal', 'inAmount'),
  spendingTotal: cell('t01', 'grandTotal', 'outAmount'),
  basic: total('t03', 'basic'),
  personnel: total('t06', 'personnel'),
  public: total('t06', 'public'),
  project: total('t03', 'project'),
  threeTotal: cell('t09', 'threeTotal', 'total'),
  abroad: cell('t09', 'abroad', 'total'),
  vehicle: cell('t09', 'vehicle', 'total'),
  vehiclePurchase: cell('t09', 'vehiclePurchase', 'total'),
  vehicleRunning: cell('t09', 'vehicleRunning', 'total'),
  reception: cell('t09', 'reception', 'total'),
  operating: total('t06', 'public'),
  procurement: total('t11', 'total'),
};

/** Rows of the year-on-year comparison: each a key figure, with its printed label. */
const PRIOR_YEAR_ROWS: Array<{ id: string; label: string; source: Operand }> = (
  [
    ['incomeTotal', '收入总计'],
    ['spendingTotal', '支出总计'],
    ['basic', '基本支出'],
    ['personnel', '人员经费'],
    ['public', '日常公用经费'],
    ['project', '项目支出'],
    ['threeTotal', '“三公”经费'],
    ['abroad', '因公出国（境）费'],
    ['vehicle', '公务用车购置及运维费'],
    ['vehiclePurchase', '公务用车购置费'],
    ['vehicleRunning', '公务用车运行维护费'],
    ['reception', '公务接待费'],
    ['operating', '机关运行经费'],
    ['procurement', '政府采购预算'],
  ] as const
).map(([id, label]) => ({ id, label, source: FIGURES[id] }));
const py: TableDef = {
  id: 'py', role: 'priorYear', title: '上年对比', shortName: '上年对比', hasSerial: false, published: false,
  columns: [
    { id: 'item', header: ['项目'], kind: 'text', role: 'label', width: 24 },
    money('prior', ['上年预算数']),
    money('current', ['本年预算数']),
    money('change', ['增减额']),
    { id: 'rate', header: ['增减率'], kind: 'percent', width: 10 },
    { id: 'reason', header: ['增减原因'], kind: 'text', width: 50, multiline: true },
    { id: 'reasonBasis', header: ['原因所依据的增减额'], kind: 'text', hidden: true },
  ],
  rows: { kind: 'fixed', rows: PRIOR_YEAR_ROWS.map((r) => ({ id: r.id, labels: { item: r.label } })) },
};

// ---------------------------------------------------------------- derivations
const fiscalTables = ['t05', 't07', 't08'];
const derivations: Derivation[] = [
  // Table 2: 小计 = seven sources, 合计 = 小计 + 上年结转; parents and the 合计 row roll up.
  { kind: 'rowSum', table: 't02', target: 'subtotal', parts: T2_SOURCES },
  { kind: 'rowSum', table: 't02', target: 'total', parts: ['subtotal', 'carryOver'] },
  { kind: 'rollup', table: 't02', columns: [...T2_SOURCES, 'carryOver'] },
  // Table 3.
  { kind: 'rowSum', table: 't03', target: 'total', parts: ['basic', 'project', 'operating', 'remitted', 'subsidy'] },
  { kind: 'rollup', table: 't03', columns: ['basic', 'project', 'operating', 'remitted', 'subsidy'] },
  // Tables 5, 7, 8: 项目支出 comes from the projects paid from that fund.
  ...fiscalTables.flatMap((t, i): Derivation[] => [
    { kind: 'rowSum', table: t, target: 'total', parts: ['basic', 'project'] },
    { kind: 'rollup', table: t, columns: ['basic', 'project'] },
    { kind: 'groupByCode', source: 'projects', codeCol: 'functionCode', valueCol: 'fiscal', where: { col: 'fund', equals: FUNDS[i] }, except: BASIC_PROJECTS, target: { table: t, col: 'project' } },
  ]),
  // Table 3's 项目支出 holds every project, whatever its funds.
  { kind: 'groupByCode', source: 'projects', codeCol: 'functionCode', valueCol: 'amount', except: BASIC_PROJECTS, target: { table: 't03', col: 'project' } },
  // Table 6.
  { kind: 'rowSum', table: 't06', target: 'total', parts: ['personnel', 'public'] },
  { kind: 'rollup', table: 't06', columns: ['personnel', 'public'] },
  // Table 1: income from the fiscal tables and table 2, expenditure from table 3.
  { kind: 'cell', table: 't01', row: T1_INCOME_ROWS[0], col: 'inAmount', sum: [{ of: total('t05', 'total') }] },
  { kind: 'cell', table: 't01', row: T1_INCOME_ROWS[1], col: 'inAmount', sum: [{ of: total('t07', 'total') }] },
  { kind: 'cell', table: 't01', row: T1_INCOME_ROWS[2], col: 'inAmount', sum: [{ of: total('t08', 'total') }] },
  { kind: 'cell', table: 't01', row: T1_INCOME_ROWS[3], col: 'inAmount', sum: [{ of: total('t02', 'specialAccount') }] },
  {
    kind: 'cell', table: 't01', row: T1_INCOME_ROWS[4], col: 'inAmount',
    sum: ['business', 'operating', 'superior', 'subordinate', 'other'].map((c) => ({ of: total('t02', c) })),
  },
  { kind: 'cell', table: 't01', row: 'yearTotal', col: 'inAmount', sum: T1_INCOME_ROWS.map((r) => ({ of: cell('t01', r, 'inAmount') })) },
  { kind: 'cell', table: 't01', row: 'carry', col: 'inAmount', sum: [{ of: total('t02', 'carryOver') }] },
  { kind: 'cell', table: 't01', row: 'grandTotal', col: 'inAmount', sum: [{ of: cell('t01', 'yearTotal', 'inAmount') }, { of: cell('t01', 'carry', 'inAmount') }] },
  { kind: 'byClass', table: 't01', col: 'outAmount', source: { table: 't03', col: 'total' } },
  { kind: 'cell', table: 't01', row: 'yearTotal', col: 'outAmount', sum: [{ of: total('t03', 'total') }] },
  {
    kind: 'cell', table: 't01', row: 'carry', col: 'outAmount',
    sum: [{ of: cell('t01', 'grandTotal', 'inAmount') }, { of: cell('t01', 'yearTotal', 'outAmount'), sign: -1 }],
  },
  { kind: 'cell', table: 't01', row: 'grandTotal', col: 'outAmount', sum: [{ of: cell('t01', 'yearTotal', 'outAmount') }, { of: cell('t01', 'carry', 'outAmount') }] },
  // Table 4: fiscal appropriations only; the opening balances by fund are entered (inAmount of the bal* rows).
  { kind: 'cell', table: 't04', row: 'c201', col: 'inAmount', sum: [{ of: total('t05', 'total') }] },
  { kind: 'cell', table: 't04', row: 'c202', col: 'inAmount', sum: [{ of: total('t07', 'total') }] },
  { kind: 'cell', table: 't04', row: 'c203', col: 'inAmount', sum: [{ of: total('t08', 'total') }] },
  { kind: 'cell', table: 't04', row: 'yearTotal', col: 'inAmount', sum: ['c201', 'c202', 'c203'].map((r) => ({ of: cell('t04', r, 'inAmount') })) },
  { kind: 'cell', table: 't04', row: 'balanceHead', col: 'inAmount', sum: ['balGeneral', 'balFund', 'balCapital'].map((r) => ({ of: cell('t04', r, 'inAmount') })) },
  { kind: 'cell', table: 't04', row: 'grandTotal', col: 'inAmount', sum: [{ of: cell('t04', 'yearTotal', 'inAmount') }, { of: cell('t04', 'balanceHead', 'inAmount') }] },
  { kind: 'byClass', table: 't04', col: 'outGeneral', source: { table: 't05', col: 'total' } },
  { kind: 'byClass', table: 't04', col: 'outFund', source: { table: 't07', col: 'total' } },
  { kind: 'byClass', table: 't04', col: 'outCapital', source: { table: 't08', col: 'total' } },
  ...(['outGeneral', 'outFund', 'outCapital'] as const).flatMap((col, i): Derivation[] => {
    const fiscalTable = fiscalTables[i];
    const balanceRow = ['balGeneral', 'balFund', 'balCapital'][i];
    const incomeRow = ['c201', 'c202', 'c203'][i];
    return [
      { kind: 'cell', table: 't04', row: 'yearTotal', col, sum: [{ of: total(fiscalTable, 'total') }] },
      // 年末 = 年初 + this year's appropriation − this year's spending, by fund.
      {
        kind: 'cell', table: 't04', row: balanceRow, col,
        sum: [{ of: cell('t04', balanceRow, 'inAmount') }, { of: cell('t04', incomeRow, 'inAmount') }, { of: cell('t04', 'yearTotal', col), sign: -1 }],
        label: '年初结转结余加本年拨款收入减本年支出',
      },
      {
        kind: 'cell', table: 't04', row: 'balanceHead', col,
        sum: [{ of: cell('t04', balanceRow, col) }],
      },
      { kind: 'cell', table: 't04', row: 'grandTotal', col, sum: [{ of: cell('t04', 'yearTotal', col) }, { of: cell('t04', balanceRow, col) }] },
    ];
  }),
  // The 年末 rows of one fund are blank (and read-only) in the other funds' columns.
  ...(['balGeneral', 'balFund', 'balCapital'] as const).flatMap((row, i): Derivation[] =>
    (['outGeneral', 'outFund', 'outCapital'] as const)
      .filter((_, k) => k !== i)
      .map((col): Derivation => ({ kind: 'cell', table: 't04', row, col, sum: [] })),
  ),
  {
    kind: 'rowSum', table: 't04', target: 'outTotal', parts: ['outGeneral', 'outFund', 'outCapital'],
    rows: [...FUNCTION_CLASSES.map(([code]) => `c${code}`), 'yearTotal', 'balanceHead', 'balGeneral', 'balFund', 'balCapital', 'grandTotal'],
  },
  // Table 9: 合计 column and the group rows.
  { kind: 'rowSum', table: 't09', target: 'total', parts: ['general', 'fund', 'capital'], rows: ['abroadResearch', 'abroadOther', 'vehiclePurchase', 'vehicleRunning', 'reception'] },
  ...(['total', 'general', 'fund', 'capital'] as const).flatMap((col): Derivation[] => [
    { kind: 'cell', table: 't09', row: 'abroad', col, sum: [{ of: cell('t09', 'abroadResearch', col) }, { of: cell('t09', 'abroadOther', col) }] },
    { kind: 'cell', table: 't09', row: 'vehicle', col, sum: [{ of: cell('t09', 'vehiclePurchase', col) }, { of: cell('t09', 'vehicleRunning', col) }] },
    {
      kind: 'cell', table: 't09', row: 'threeTotal', col,
      sum: [{ of: cell('t09', 'abroad', col) }, { of: cell('t09', 'vehicle', col) }, { of: cell('t09', 'reception', col) }],
    },
    { kind: 'cell', table: 't09', row: 'total', col, sum: [{ of: cell('t09', 'threeTotal', col) }] },
  ]),
  // Table 10: a project's budget = 财政资金 + 其他资金; the list total.
  { kind: 'rowSum', table: 'projects', target: 'amount', parts: ['fiscal', 'otherFunds'] },
  { kind: 'listTotal', table: 'projects', columns: ['amount', 'fiscal', 'otherFunds'] },
  // Table 11.
  { kind: 'rowSum', table: 't11', target: 'total', parts: ['general', 'fund', 'capital', 'specialAccount', 'unitFunds'] },
  { kind: 'listTotal', table: 't11', columns: ['total', 'general', 'fund', 'capital', 'specialAccount', 'unitFunds', 'carryOver', 'smeShare'] },
  // Table 12: 资产总额 = the four kinds of assets (办公用房 is part of 房屋).
  {
    kind: 'cell', table: 't12', row: 'total', col: 'value',
    sum: ['buildings', 'vehicles', 'equipment', 'otherAssets'].map((r) => ({ of: cell('t12', r, 'value') })),
  },
  // 上年对比: this year's figure from the tables, the change and its rate.
  ...PRIOR_YEAR_ROWS.flatMap((r): Derivation[] => [
    { kind: 'cell', table: 'py', row: r.id, col: 'current', sum: [{ of: r.source }] },
    { kind: 'cell', table: 'py', row: r.id, col: 'change', sum: [{ of: cell('py', r.id, 'current') }, { of: cell('py', r.id, 'prior'), sign: -1 }] },
    { kind: 'ratio', table: 'py', row: r.id, col: 'rate', numerator: cell('py', r.id, 'change'), denominator: cell('py', r.id, 'prior'), decimals: 2 },
  ]),
];

export const NARRATIVE_SECTIONS = [
  { id: 's01', title: '一、部门职责及机构设置情况' },
  { id: 's02', title: '二、部门预算安排的总体情况' },
  { id: 's03', title: '三、机关运行经费安排情况' },
  { id: 's04', title: '四、财政拨款“三公”经费预算情况及增减变化原因' },
  { id: 's05', title: '五、部门整体绩效目标' },
  { id: 's06', title: '六、部门主管专项资金预算安排情况及绩效目标' },
  { id: 's07', title: '七、部门项目预算安排情况及绩效目标' },
  { id: 's08', title: '八、政府采购预算情况' },
  { id: 's09', title: '九、国有资产信息' },
  { id: 's10', title: '十、名词解释' },
  { id: 's11', title: '十一、其他需要说明的事项' },
];

const narrative: TableDef = {
  id: 'narrative', role: 'narrative', title: '情况说明', shortName: '情况说明', hasSerial: false, published: true,
  columns: [
    { id: 'title', header: ['章节'], kind: 'text', role: 'label', width: 40 },
    { id: 'text', header: ['内容'], kind: 'text', width: 100, multiline: true },
    // The clerk's own words around the drafted part (部门职责, 总体绩效目标, 工作保障措施 …);
    // an empty `text` means the section is drafted from the figures (see src/shared/narrative).
    { id: 'lead', header: ['本节开头文字'], kind: 'text', width: 100, multiline: true },
    { id: 'tail', header: ['本节结尾文字'], kind: 'text', width: 100, multiline: true },
  ],
  rows: { kind: 'fixed', rows: NARRATIVE_SECTIONS.map((s) => ({ id: s.id, labels: { title: s.title } })) },
};

/** The Hebei 2024 layout built for a budget year (the year is printed where the layout prints one). */
export function hebei2024Template(year: number): Template {
  return {
    id: 'hebei-2024',
    name: '河北省县级部门预算公开表（2024 版式）',
    region: '河北',
    scope: 'department',
    year,
    unitOfMeasure: '万元',
    tables: [t01, t02, t03, t04, t05, t06, t07, t08, t09, projects, indicators, t11(year), t12, org, narrative, py],
    derivations,
    narrative: NARRATIVE_SECTIONS,
    figures: FIGURES,
  };
}
