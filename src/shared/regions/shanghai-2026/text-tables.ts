import type { ColumnDef, Derivation, FixedRowDef, Operand, TableDef } from '../../template/types';

/**
 * The tables behind the 上海 text that the nine published tables do not hold: the
 * per-科目 lines of the 编制说明 (last year's figure, what the money is for, the reason of a
 * change: the 逐条原因 view edits them), and the figures of 其他相关情况说明 (政府采购 by
 * 货物/工程/服务, vehicles by the eight categories and equipment of 100 万元 or more).
 */

const money = (id: string, header: string[], width = 16): ColumnDef => ({ id, header, kind: 'money', width });
const count = (id: string, header: string[]): ColumnDef => ({ id, header, kind: 'quantity', width: 14 });
const cell = (table: string, row: string, col: string): Operand => ({ cell: { table, row, col } });

/** Per-科目 lines of 财政拨款支出 (one row per 项 code the fiscal tables hold). */
export const lineNotes: TableDef = {
  id: 'lineNotes', role: 'lineNotes', title: '财政拨款支出主要内容（逐条原因）', shortName: '逐条原因', hasSerial: false, published: false,
  columns: [
    { id: 'code', header: ['功能分类科目编码'], kind: 'code', role: 'code', width: 14 },
    { id: 'name', header: ['功能分类科目名称'], kind: 'text', role: 'name', width: 30 },
    money('prior', ['上年预算数']),
    { id: 'use', header: ['主要用于'], kind: 'text', width: 40, multiline: true },
    { id: 'reason', header: ['增减原因'], kind: 'text', width: 40, multiline: true },
  ],
  rows: { kind: 'coded', scheme: 'function', levels: [7], totalLabel: '合计', totalAt: 'bottom' },
};

const PURCHASE_ROWS: FixedRowDef[] = [
  { id: 'goods', labels: { item: '政府采购货物预算' } },
  { id: 'works', labels: { item: '政府采购工程预算' } },
  { id: 'services', labels: { item: '政府采购服务预算' } },
  { id: 'total', labels: { item: '政府采购预算合计' }, isTotal: true },
  { id: 'sme', labels: { item: '面向中小企业预留政府采购项目预算' } },
  { id: 'smallMicro', labels: { item: '其中：预留给小型和微型企业' }, indent: 1 },
];

/** 政府采购预算 by kind (其他相关情况说明 三). */
export const purchases: TableDef = {
  id: 'purchases', role: 'procurement', title: '政府采购预算（情况说明用）', shortName: '政府采购', hasSerial: false, published: false,
  columns: [{ id: 'item', header: ['项目'], kind: 'text', role: 'label', width: 36 }, money('amount', ['预算数'])],
  rows: { kind: 'fixed', rows: PURCHASE_ROWS },
};

/** The eight vehicle categories of the 上海 text, then equipment of 100 万元 or more. */
export const VEHICLE_CATEGORIES: Array<[id: string, label: string]> = [
  ['minister', '部级领导干部用车'],
  ['leader', '主要领导干部用车'],
  ['confidential', '机要通信用车'],
  ['emergency', '应急保障用车'],
  ['enforcement', '执法执勤用车'],
  ['special', '特种专业技术用车'],
  ['retired', '离退休干部用车'],
  ['other', '其他用车'],
];

/** Vehicles and large equipment held and to be bought (其他相关情况说明 五). */
export const assetCounts: TableDef = {
  id: 'assetCounts', role: 'assets', title: '车辆及大型设备（情况说明用）', shortName: '车辆及设备', hasSerial: false, published: false,
  columns: [
    { id: 'item', header: ['项目'], kind: 'text', role: 'label', width: 36 },
    count('held', ['现有（上年8月31日）']),
    count('planned', ['本年预算安排购置']),
  ],
  rows: {
    kind: 'fixed',
    rows: [
      { id: 'vehicles', labels: { item: '车辆合计' }, isTotal: true },
      ...VEHICLE_CATEGORIES.map(([id, label]) => ({ id, labels: { item: label }, indent: 1 })),
      { id: 'equipment', labels: { item: '单价100万元（含）以上设备（不含车辆）' } },
    ],
  },
};

export const textTables: TableDef[] = [lineNotes, purchases, assetCounts];

export const textTableDerivations: Derivation[] = [
  { kind: 'cell', table: 'purchases', row: 'total', col: 'amount', sum: ['goods', 'works', 'services'].map((r) => ({ of: cell('purchases', r, 'amount') })) },
  ...['held', 'planned'].map(
    (col): Derivation => ({ kind: 'cell', table: 'assetCounts', row: 'vehicles', col, sum: VEHICLE_CATEGORIES.map(([r]) => ({ of: cell('assetCounts', r, col) })) }),
  ),
];

/** Key figures the text states from these tables. */
export const TEXT_FIGURES: Record<string, Operand> = {
  procurement: cell('purchases', 'total', 'amount'),
};
