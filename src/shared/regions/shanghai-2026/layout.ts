import type { BudgetScope, CellOperand, ColumnDef, Derivation, FixedRowDef, NarrativeSectionDef, TableDef, Template } from '../../template/types';
import { FUNCTION_CLASSES } from '../common/classes';
import { TEXT_FIGURES, textTableDerivations, textTables } from './text-tables';

/**
 * The 上海 district layout of 2026 (区级部门预算 and 单位预算, 普陀区's templates): nine tables
 * in 元 (the “三公” table in 万元), codes printed as 类 | 款 | 项 under a merged
 * 功能分类科目编码, 合计 rows at the bottom, and the text sheets around them. The 部门 and
 * 单位 versions differ in their wording (部门/预算单位, 编制部门/编制单位) and in the 收支总表,
 * whose 单位 version splits spending into 基本支出 (人员经费, 公用经费) and 项目支出.
 * Table ids equal their roles.
 */

/** Words that differ between the 部门 and the 单位 version. */
interface Wording {
  /** Who prepared the tables, on their information line: 编制部门 / 编制单位. */
  preparedBy: string;
  /** Before the table names in titles: 部门 / 预算单位. */
  titlePrefix: string;
  /** Before the sheet names: 部门 / 单位. */
  sheetPrefix: string;
  /** The 三公 table's title prefix: 部门 / 单位. */
  threePublicPrefix: string;
  /** The economic code header of the basic-spending table. */
  economicCode: string;
  economicName: string;
}

const WORDING: Record<BudgetScope, Wording> = {
  department: { preparedBy: '编制部门', titlePrefix: '部门', sheetPrefix: '部门', threePublicPrefix: '部门', economicCode: '部门预算经济分类科目编码', economicName: '经济分类科目名称' },
  unit: { preparedBy: '编制单位', titlePrefix: '预算单位', sheetPrefix: '单位', threePublicPrefix: '单位', economicCode: '经济分类科目编码', economicName: '部门经济分类科目名称' },
};

const FUNDS = ['一般公共预算', '政府性基金预算', '国有资本经营预算'] as const;
const SPENDING_KINDS = ['项目支出', '基本支出'] as const;
const INDICATOR_LEVEL1 = ['产出指标', '效益指标', '满意度指标'];
const INDICATOR_LEVEL2 = ['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标'];

const money = (id: string, header: string[], width = 16): ColumnDef => ({ id, header, kind: 'money', width });
const cell = (table: string, row: string, col: string): CellOperand => ({ cell: { table, row, col } });
const total = (table: string, col: string): CellOperand => ({ total: { table, col } });

const functionCode: ColumnDef = {
  id: 'code', header: ['项目', '功能分类科目编码'], kind: 'code', role: 'code', width: 14, splitLevels: ['类', '款', '项'],
};
const functionName: ColumnDef = { id: 'name', header: ['项目', '功能分类科目名称'], kind: 'text', role: 'name', width: 32 };
const functionRows = { kind: 'coded' as const, scheme: 'function' as const, levels: [3, 5, 7], totalLabel: '合计', totalAt: 'bottom' as const };

/** Spending by class on the right of the summary tables: one row per function 类, bare names (numbered in print). */
const classRows = (): FixedRowDef[] => FUNCTION_CLASSES.map(([code, name]) => ({ id: `c${code}`, labels: { outItem: name }, code }));

function summaryTable(scope: BudgetScope, year: number, w: Wording): TableDef {
  const income: FixedRowDef[] = [
    { id: 'inFiscal', labels: { inItem: '一、财政拨款收入' }, line: 'income:fiscal' },
    { id: 'inGeneral', labels: { inItem: scope === 'unit' ? '1、一般公共预算' : '1. 一般公共预算' }, indent: 1, line: 'income:general' },
    { id: 'inFund', labels: { inItem: scope === 'unit' ? '2、政府性基金预算' : '2. 政府性基金预算' }, indent: 1, line: 'income:fund' },
    { id: 'inCapital', labels: { inItem: scope === 'unit' ? '3、国有资本经营预算' : '3. 国有资本经营预算' }, indent: 1, line: 'income:capital' },
    { id: 'inBusiness', labels: { inItem: '二、事业收入' }, line: 'income:business' },
    { id: 'inOperating', labels: { inItem: '三、事业单位经营收入' }, line: 'income:operating' },
    { id: 'inOther', labels: { inItem: '四、其他收入' }, line: 'income:other' },
  ];
  const out: ColumnDef[] =
    scope === 'unit'
      ? [
          money('outTotal', ['本年支出', '预算数', '合计']),
          money('outPersonnel', ['本年支出', '预算数', '基本支出', '人员经费']),
          money('outPublic', ['本年支出', '预算数', '基本支出', '公用经费']),
          money('outProject', ['本年支出', '预算数', '项目支出']),
        ]
      : [money('outAmount', ['本年支出', '预算数'])];
  return {
    id: 'summary', role: 'summary', number: '1', title: `${year}年${w.titlePrefix}财务收支预算总表`, sheetName: `${w.sheetPrefix}收支总表`,
    shortName: '财务收支总表', hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy },
    columns: [
      { id: 'inItem', header: ['本年收入', '项目'], kind: 'text', role: 'label', width: 28 },
      money('inAmount', ['本年收入', '预算数']),
      { id: 'outItem', header: ['本年支出', '项目'], kind: 'text', role: 'label', width: 30 },
      ...out,
    ],
    sideBySide: { left: ['inItem', 'inAmount'], right: ['outItem', ...out.map((c) => c.id)] },
    rows: {
      kind: 'fixed',
      rows: [...income, ...classRows(), { id: 'grandTotal', labels: { inItem: '收入总计', outItem: '支出总计' }, isTotal: true, line: 'grandTotal' }],
    },
  };
}

const fiscalSpending = (id: 'generalSpending' | 'fundSpending' | 'capitalSpending', number: string, fund: string, year: number, w: Wording, sheet: string): TableDef => ({
  id, role: id, number, title: `${year}年${w.titlePrefix}${fund}支出功能分类预算表`, sheetName: `${w.sheetPrefix}${sheet}`,
  shortName: `${fund}支出`, hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy },
  columns: [functionCode, functionName, money('total', [`${fund}支出`, '合计']), money('basic', [`${fund}支出`, '基本支出']), money('project', [`${fund}支出`, '项目支出'])],
  rows: functionRows,
});

function tables(scope: BudgetScope, year: number): TableDef[] {
  const w = WORDING[scope];
  const income: TableDef = {
    id: 'income', role: 'income', number: '2', title: `${year}年${w.titlePrefix}收入预算总表`, sheetName: `${w.sheetPrefix}收入总表`,
    shortName: '收入总表', hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy },
    columns: [
      functionCode, functionName,
      money('total', ['收入预算', '合计']),
      money('fiscal', ['收入预算', '财政拨款收入']),
      money('business', ['收入预算', '事业收入']),
      money('operating', ['收入预算', '事业单位经营收入']),
      money('other', ['收入预算', '其他收入']),
    ],
    rows: functionRows,
  };
  const spending: TableDef = {
    id: 'spending', role: 'spending', number: '3', title: `${year}年${w.titlePrefix}支出预算总表`, sheetName: `${w.sheetPrefix}支出总表`,
    shortName: '支出总表', hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy },
    columns: [functionCode, functionName, money('total', ['支出预算', '合计']), money('basic', ['支出预算', '基本支出']), money('project', ['支出预算', '项目支出'])],
    rows: functionRows,
  };
  const fiscalSummary: TableDef = {
    id: 'fiscalSummary', role: 'fiscalSummary', number: '4', title: `${year}年${w.titlePrefix}财政拨款收支预算总表`, sheetName: `${w.sheetPrefix}财政拨款收支总表`,
    shortName: '财政拨款收支总表', hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy },
    columns: [
      { id: 'inItem', header: ['财政拨款收入', '项目'], kind: 'text', role: 'label', width: 24 },
      money('inAmount', ['财政拨款收入', '预算数']),
      { id: 'outItem', header: ['财政拨款支出', '项目'], kind: 'text', role: 'label', width: 30 },
      money('outTotal', ['财政拨款支出', '合计']),
      money('outGeneral', ['财政拨款支出', '一般公共预算']),
      money('outFund', ['财政拨款支出', '政府性基金预算']),
      money('outCapital', ['财政拨款支出', '国有资本经营预算']),
    ],
    sideBySide: { left: ['inItem', 'inAmount'], right: ['outItem', 'outTotal', 'outGeneral', 'outFund', 'outCapital'] },
    rows: {
      kind: 'fixed',
      rows: [
        { id: 'inGeneral', labels: { inItem: '一、一般公共预算' }, line: 'income:general' },
        { id: 'inFund', labels: { inItem: '二、政府性基金预算' }, line: 'income:fund' },
        { id: 'inCapital', labels: { inItem: '三、国有资本经营预算' }, line: 'income:capital' },
        ...classRows(),
        { id: 'grandTotal', labels: { inItem: '收入总计', outItem: '支出总计' }, isTotal: true, line: 'grandTotal' },
      ],
    },
  };
  const basicEconomic: TableDef = {
    id: 'basicEconomic', role: 'basicEconomic', number: '8', title: `${year}年${w.titlePrefix}一般公共预算基本支出部门预算经济分类预算表`,
    sheetName: `${w.sheetPrefix}一般公共预算拨款基本支出明细表`, shortName: '基本支出经济分类', hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy },
    columns: [
      { id: 'code', header: ['项目', w.economicCode], kind: 'code', role: 'code', width: 12, splitLevels: ['类', '款'] },
      { id: 'name', header: ['项目', w.economicName], kind: 'text', role: 'name', width: 30 },
      money('total', ['一般公共预算基本支出', '合计']),
      money('personnel', ['一般公共预算基本支出', '人员经费']),
      money('public', ['一般公共预算基本支出', '公用经费']),
    ],
    rows: { kind: 'coded', scheme: 'economic', levels: [3, 5], totalLabel: '合计', totalAt: 'bottom' },
  };
  const threePublic: TableDef = {
    id: 'threePublic', role: 'threePublic', number: '9', title: `${year}年${w.threePublicPrefix}“三公”经费和机关运行经费预算表`,
    sheetName: `${w.sheetPrefix}“三公”经费和机关运行费预算表`, shortName: '“三公”经费', hasSerial: false, published: true, infoLine: { preparedBy: w.preparedBy }, unitOfMeasure: '万元',
    columns: [
      money('total', ['“三公”经费预算数', '合计'], 12),
      money('abroad', ['“三公”经费预算数', '因公出国(境)费'], 12),
      money('reception', ['“三公”经费预算数', '公务接待费'], 12),
      money('vehicle', ['“三公”经费预算数', '公务用车购置及运行费', '小计'], 12),
      money('vehiclePurchase', ['“三公”经费预算数', '公务用车购置及运行费', '购置费'], 12),
      money('vehicleRunning', ['“三公”经费预算数', '公务用车购置及运行费', '运行费'], 12),
      money('operatingCost', ['机关运行经费预算数'], 14),
    ],
    rows: { kind: 'fixed', rows: [{ id: 'amount', labels: {} }] },
  };
  const projects: TableDef = {
    id: 'projects', role: 'projects', title: '项目绩效目标', shortName: '项目及绩效目标', hasSerial: true, published: false,
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
      { id: 'level2', header: ['二级指标'], kind: 'text', width: 16, options: INDICATOR_LEVEL2 },
      { id: 'level3', header: ['三级指标'], kind: 'text', width: 20 },
      { id: 'description', header: ['绩效指标描述'], kind: 'text', width: 30, multiline: true },
      { id: 'value', header: ['指标值'], kind: 'text', width: 14 },
      { id: 'basis', header: ['指标值确定依据'], kind: 'text', width: 16 },
    ],
    rows: { kind: 'list' },
  };
  const org: TableDef = {
    // Printed as the text of 机构设置 (its own sheet has no table), so not a table of the workbook.
    id: 'org', role: 'org', title: scope === 'unit' ? '单位机构设置' : '部门机构设置', shortName: '机构设置', hasSerial: true, published: false,
    columns: [
      { id: 'name', header: ['单位名称'], kind: 'text', width: 30 },
      { id: 'nature', header: ['单位性质'], kind: 'text', width: 14, options: ['行政', '参公', '事业', '其他'] },
      { id: 'rank', header: ['单位规格'], kind: 'text', width: 12 },
      { id: 'funding', header: ['经费保障形式'], kind: 'text', width: 14, options: ['财政拨款', '财政补助', '经费自理'] },
    ],
    rows: { kind: 'list' },
  };
  const narrative: TableDef = {
    id: 'narrative', role: 'narrative', title: scope === 'unit' ? '单位预算说明' : '部门预算说明', shortName: '预算说明', hasSerial: false, published: true,
    columns: [
      { id: 'title', header: ['章节'], kind: 'text', role: 'label', width: 40 },
      { id: 'text', header: ['内容'], kind: 'text', width: 100, multiline: true },
      { id: 'lead', header: ['本节开头文字'], kind: 'text', width: 100, multiline: true },
      { id: 'tail', header: ['本节结尾文字'], kind: 'text', width: 100, multiline: true },
    ],
    rows: { kind: 'fixed', rows: sections(scope).map((s) => ({ id: s.id, labels: { title: s.title } })) },
  };
  const priorYear: TableDef = {
    id: 'priorYear', role: 'priorYear', title: '上年对比', shortName: '上年对比', hasSerial: false, published: false,
    columns: [
      { id: 'item', header: ['项目'], kind: 'text', role: 'label', width: 24 },
      money('prior', ['上年预算数']),
      money('current', ['本年预算数']),
      money('change', ['增减额']),
      { id: 'rate', header: ['增减率'], kind: 'percent', width: 10 },
      { id: 'reason', header: ['增减原因'], kind: 'text', width: 50, multiline: true },
    ],
    rows: { kind: 'fixed', rows: PRIOR_YEAR_ROWS.map((r) => ({ id: r.id, labels: { item: r.label }, ...(r.inTenThousand && { unitOfMeasure: '万元' as const }) })) },
  };
  return [
    summaryTable(scope, year, w), income, spending, fiscalSummary,
    fiscalSpending('generalSpending', '5', FUNDS[0], year, w, '一般公共预算拨款表'),
    fiscalSpending('fundSpending', '6', FUNDS[1], year, w, '政府性基金拨款表'),
    // The template's sheet name really ends with a space.
    fiscalSpending('capitalSpending', '7', FUNDS[2], year, w, '国有资本经营预算拨款表 '),
    basicEconomic, threePublic, projects, indicators, org, narrative, priorYear, ...textTables,
  ];
}

/** The sections of the text, in the published order (the tables come between 编制说明 and 其他相关情况说明). */
export function sections(scope: BudgetScope): NarrativeSectionDef[] {
  const who = scope === 'unit' ? '单位' : '部门';
  // Sheet names as the templates have them (the 单位 one says 单位职能).
  return [
    { id: 'functions', title: `${who}主要职能`, sheetName: scope === 'unit' ? '单位职能' : '部门主要职能' },
    { id: 'organisation', title: `${who}机构设置`, sheetName: `${who}机构设置` },
    { id: 'glossary', title: '名词解释', sheetName: '名词解释' },
    { id: 'explanation', title: `${who}预算编制说明`, sheetName: `${who}编制说明`, titleWithYear: true },
    { id: 'other', title: '其他相关情况说明', sheetName: '其他相关情况说明' },
    ...(scope === 'department' ? [{ id: 'projectsText', title: '项目经费情况说明', sheetName: '项目经费情况说明' }] : []),
  ];
}

/** The key figures by name (see Template.figures). The “三公” figures and 机关运行经费 are in 万元, as their table. */
const FIGURES: Record<string, CellOperand> = {
  incomeTotal: cell('summary', 'grandTotal', 'inAmount'),
  spendingTotal: total('spending', 'total'),
  fiscalIncome: cell('summary', 'inFiscal', 'inAmount'),
  generalIncome: cell('summary', 'inGeneral', 'inAmount'),
  fundIncome: cell('summary', 'inFund', 'inAmount'),
  capitalIncome: cell('summary', 'inCapital', 'inAmount'),
  businessIncome: cell('summary', 'inBusiness', 'inAmount'),
  operatingIncome: cell('summary', 'inOperating', 'inAmount'),
  otherIncome: cell('summary', 'inOther', 'inAmount'),
  basic: total('spending', 'basic'),
  project: total('spending', 'project'),
  generalSpending: total('generalSpending', 'total'),
  personnel: total('basicEconomic', 'personnel'),
  public: total('basicEconomic', 'public'),
  threeTotal: cell('threePublic', 'amount', 'total'),
  abroad: cell('threePublic', 'amount', 'abroad'),
  reception: cell('threePublic', 'amount', 'reception'),
  vehicle: cell('threePublic', 'amount', 'vehicle'),
  vehiclePurchase: cell('threePublic', 'amount', 'vehiclePurchase'),
  vehicleRunning: cell('threePublic', 'amount', 'vehicleRunning'),
  operating: cell('threePublic', 'amount', 'operatingCost'),
  fiscalSpending: cell('fiscalSummary', 'grandTotal', 'outTotal'),
  fundSpending: total('fundSpending', 'total'),
  capitalSpending: total('capitalSpending', 'total'),
  ...TEXT_FIGURES,
};

const PRIOR_YEAR_ROWS: Array<{ id: string; label: string; inTenThousand?: boolean }> = [
  { id: 'incomeTotal', label: '收入预算' },
  { id: 'fiscalIncome', label: '财政拨款收入' },
  { id: 'spendingTotal', label: '支出预算' },
  { id: 'fiscalSpending', label: '财政拨款支出' },
  { id: 'generalSpending', label: '一般公共预算支出' },
  { id: 'fundSpending', label: '政府性基金支出' },
  { id: 'capitalSpending', label: '国有资本经营预算支出' },
  { id: 'basic', label: '基本支出' },
  { id: 'project', label: '项目支出' },
  { id: 'threeTotal', label: '“三公”经费', inTenThousand: true },
  { id: 'abroad', label: '因公出国（境）费', inTenThousand: true },
  { id: 'reception', label: '公务接待费', inTenThousand: true },
  { id: 'vehicle', label: '公务用车购置及运行费', inTenThousand: true },
  { id: 'vehiclePurchase', label: '公务用车购置费', inTenThousand: true },
  { id: 'vehicleRunning', label: '公务用车运行费', inTenThousand: true },
  { id: 'operating', label: '机关运行经费', inTenThousand: true },
];

const CLASS_ROW_IDS = FUNCTION_CLASSES.map(([code]) => `c${code}`);
const sumOf = (table: string, rows: string[], col: string) => rows.map((r) => ({ of: cell(table, r, col) }));

function derivations(scope: BudgetScope): Derivation[] {
  const fiscal: Array<[table: string, row: string, col: string]> = [
    ['generalSpending', 'inGeneral', 'outGeneral'],
    ['fundSpending', 'inFund', 'outFund'],
    ['capitalSpending', 'inCapital', 'outCapital'],
  ];
  const summaryOut =
    scope === 'unit'
      ? ([
          { kind: 'byClass', table: 'summary', col: 'outProject', source: { table: 'spending', col: 'project' } },
          { kind: 'rowSum', table: 'summary', target: 'outTotal', parts: ['outPersonnel', 'outPublic', 'outProject'], rows: CLASS_ROW_IDS },
          ...['outTotal', 'outPersonnel', 'outPublic', 'outProject'].map(
            (col): Derivation => ({ kind: 'cell', table: 'summary', row: 'grandTotal', col, sum: sumOf('summary', CLASS_ROW_IDS, col) }),
          ),
        ] satisfies Derivation[])
      : ([
          { kind: 'byClass', table: 'summary', col: 'outAmount', source: { table: 'spending', col: 'total' } },
          { kind: 'cell', table: 'summary', row: 'grandTotal', col: 'outAmount', sum: [{ of: total('spending', 'total') }] },
        ] satisfies Derivation[]);
  return [
    // 收入总表 and 支出总表: 合计 = the parts; parents and the 合计 row roll up.
    { kind: 'rowSum', table: 'income', target: 'total', parts: ['fiscal', 'business', 'operating', 'other'] },
    { kind: 'rollup', table: 'income', columns: ['fiscal', 'business', 'operating', 'other'] },
    { kind: 'rowSum', table: 'spending', target: 'total', parts: ['basic', 'project'] },
    { kind: 'rollup', table: 'spending', columns: ['basic', 'project'] },
    ...fiscal.flatMap(([table]): Derivation[] => [
      { kind: 'rowSum', table, target: 'total', parts: ['basic', 'project'] },
      { kind: 'rollup', table, columns: ['basic', 'project'] },
    ]),
    { kind: 'rowSum', table: 'basicEconomic', target: 'total', parts: ['personnel', 'public'] },
    { kind: 'rollup', table: 'basicEconomic', columns: ['personnel', 'public'] },
    // 财务收支预算总表: income lines from the fiscal tables and 收入总表, spending by class from 支出总表.
    ...fiscal.map(([table, row]): Derivation => ({ kind: 'cell', table: 'summary', row, col: 'inAmount', sum: [{ of: total(table, 'total') }] })),
    { kind: 'cell', table: 'summary', row: 'inFiscal', col: 'inAmount', sum: sumOf('summary', ['inGeneral', 'inFund', 'inCapital'], 'inAmount') },
    { kind: 'cell', table: 'summary', row: 'inBusiness', col: 'inAmount', sum: [{ of: total('income', 'business') }] },
    { kind: 'cell', table: 'summary', row: 'inOperating', col: 'inAmount', sum: [{ of: total('income', 'operating') }] },
    { kind: 'cell', table: 'summary', row: 'inOther', col: 'inAmount', sum: [{ of: total('income', 'other') }] },
    { kind: 'cell', table: 'summary', row: 'grandTotal', col: 'inAmount', sum: sumOf('summary', ['inFiscal', 'inBusiness', 'inOperating', 'inOther'], 'inAmount') },
    ...summaryOut,
    // 财政拨款收支预算总表.
    ...fiscal.flatMap(([table, row, col]): Derivation[] => [
      { kind: 'cell', table: 'fiscalSummary', row, col: 'inAmount', sum: [{ of: total(table, 'total') }] },
      { kind: 'byClass', table: 'fiscalSummary', col, source: { table, col: 'total' } },
      { kind: 'cell', table: 'fiscalSummary', row: 'grandTotal', col, sum: [{ of: total(table, 'total') }] },
    ]),
    { kind: 'cell', table: 'fiscalSummary', row: 'grandTotal', col: 'inAmount', sum: sumOf('fiscalSummary', ['inGeneral', 'inFund', 'inCapital'], 'inAmount') },
    { kind: 'rowSum', table: 'fiscalSummary', target: 'outTotal', parts: ['outGeneral', 'outFund', 'outCapital'], rows: [...CLASS_ROW_IDS, 'grandTotal'] },
    // “三公”: 小计 = 购置 + 运行, 合计 = 出国 + 接待 + 车.
    { kind: 'rowSum', table: 'threePublic', target: 'vehicle', parts: ['vehiclePurchase', 'vehicleRunning'] },
    { kind: 'rowSum', table: 'threePublic', target: 'total', parts: ['abroad', 'reception', 'vehicle'] },
    // Projects: budget = 财政资金 + 其他资金; the list total.
    { kind: 'rowSum', table: 'projects', target: 'amount', parts: ['fiscal', 'otherFunds'] },
    ...textTableDerivations,
    { kind: 'listTotal', table: 'projects', columns: ['amount', 'fiscal', 'otherFunds'] },
    // 上年对比: this year's figure from the tables, the change and its rate.
    ...PRIOR_YEAR_ROWS.flatMap((r): Derivation[] => [
      { kind: 'cell', table: 'priorYear', row: r.id, col: 'current', sum: [{ of: FIGURES[r.id] }] },
      { kind: 'cell', table: 'priorYear', row: r.id, col: 'change', sum: [{ of: cell('priorYear', r.id, 'current') }, { of: cell('priorYear', r.id, 'prior'), sign: -1 }] },
      { kind: 'ratio', table: 'priorYear', row: r.id, col: 'rate', numerator: cell('priorYear', r.id, 'change'), denominator: cell('priorYear', r.id, 'prior'), decimals: 2 },
    ]),
  ];
}

export function shanghai2026Template(scope: BudgetScope, year: number): Template {
  return {
    id: scope === 'unit' ? 'shanghai-2026-unit' : 'shanghai-2026-department',
    name: scope === 'unit' ? '上海市区级单位预算（2026 版式）' : '上海市区级部门预算（2026 版式）',
    region: '上海',
    scope,
    year,
    unitOfMeasure: '元',
    tables: tables(scope, year),
    derivations: derivations(scope),
    narrative: sections(scope),
    figures: FIGURES,
  };
}

