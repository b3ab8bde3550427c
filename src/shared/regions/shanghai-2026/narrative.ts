import { cellKey } from '../../draft';
import { convertUnit, roundMicro, toFixedString, type Micro } from '../../money';
import { freeText, hasExecutiveUnit, NEEDS_INPUT, type DraftContext } from '../../narrative/kit';
import { changeRate, fiscalItems, type ItemLine } from '../../narrative/lines';
import type { NarrativePack } from '../../narrative/pack';
import { placeholder as ph } from '../../narrative/placeholders';
import { byId, tableUnit, type BudgetScope } from '../../template/types';
import { BLANK_TEXT } from './blank-text';
import { GLOSSARY_SHANGHAI } from './narrative-text';
import { VEHICLE_CATEGORIES } from './text-tables';

/**
 * The 上海 text (主要职能, 机构设置, 名词解释, 编制说明, 其他相关情况说明, and for a department
 * 项目经费情况说明): drafted from the figures as the 普陀区 templates word it, in 万元 (the
 * templates' text states 万元 while the tables are in 元), with the per-科目 lines of
 * 财政拨款支出 and their 逐条原因.
 */

interface Wording {
  /** "本部门" / "本单位". */
  self: string;
  /** "部门" / "单位" before 预算. */
  kind: string;
}

const WORDING: Record<BudgetScope, Wording> = {
  department: { self: '本部门', kind: '部门' },
  unit: { self: '本单位', kind: '单位' },
};

/** A typed text ends its sentence itself, or gets a full stop. */
const stop = (text: string) => (/[。！？；]$/.test(text.trim()) ? '' : '。');

/** "，比2025年预算增加 12.00万元" when last year's figure is entered. */
const versus = (c: DraftContext, name: string) => (c.priorEntered(name) ? `，比${c.year - 1}年预算${c.chg(name)}` : '');

/** "，主要原因是：…" when the clerk typed the reason of a key figure's change. */
const because = (c: DraftContext, name: string) => (c.priorEntered(name) ? c.reason(name, '，主要原因是') : '');

/** The levels of a 科目 code as the text names them: 类 (3 digits), 款 (5), 项 (7). */
const CODE_LEVELS: Array<[len: number, word: string]> = [
  [3, '类'],
  [5, '款'],
  [7, '项'],
];

/** One per-科目 line: “类名（204类）款名（06款）项名（01项）”x万元。主要用于：…。上年…，本年…，比上年增加 x%。主要原因是：…。 */
function itemSentence(c: DraftContext, code: string): string {
  return itemText(c, code, byCode(fiscalItems(c.view, c.template), code));
}

function byCode(items: ItemLine[], code: string): ItemLine | undefined {
  for (const item of items) if (item.code === code) return item;
  return undefined;
}

/**
 * The sentence of a per-科目 line whose fiscal figures are `item`. The section gives each of its
 * lines (finding the item again for each line read the fiscal tables once per line); loops, not
 * callbacks made per line.
 */
function itemText(c: DraftContext, code: string, item: ItemLine | undefined): string {
  let path = '';
  for (const [len, word] of CODE_LEVELS) path += `${c.codeName(code.slice(0, len)) || NEEDS_INPUT('科目名称')}（${code.slice(len === 3 ? 0 : len - 2, len)}${word}）`;
  const notes = c.table('lineNotes');
  const current = item ? textAmount(c, item.amount, item.cells[0].slice(0, item.cells[0].indexOf('!'))) : 0;
  // One table's cell follows the tables; a code in several fund tables prints their sum.
  const amount = item?.cells.length === 1 ? c.m(item.cells[0]) : `${toFixedString(current)}${c.unit}`;
  const use = c.text('lineNotes', code, 'use').trim();
  let text = `“${path}”${amount}。主要用于：${use ? `${ph(c.key('lineNotes', code, 'use'), 'join')}` : NEEDS_INPUT('主要用途')}。`;
  const priorRaw = notes ? c.value('lineNotes', code, 'prior') : null;
  if (priorRaw !== null && notes) {
    const prior = convertUnit(priorRaw, tableUnit(c.template, notes), c.unit).value;
    // The rate as a reader recomputes it from the two printed figures.
    const [p, n] = [roundMicro(prior, 2), roundMicro(current, 2)];
    const rate = changeRate(p, n);
    const change = p === 0 ? '本年新增' : n === p ? '与上年持平' : `比上年${n > p ? '增加' : '减少'}${rate!.replace('-', '')}%`;
    text += `上年${c.m(c.key('lineNotes', code, 'prior'))}，本年${amount}，${change}。`;
    const reason = c.text('lineNotes', code, 'reason').trim();
    if (reason) text += `主要原因是：${ph(c.key('lineNotes', code, 'reason'), 'join')}。`;
  }
  return text;
}

/** An amount of a table in the text's unit. */
function textAmount(c: DraftContext, v: Micro, table: string): Micro {
  return convertUnit(v, tableUnit(c.template, byId(c.template.tables, table)!), c.unit).value;
}

function organisation(c: DraftContext, w: Wording): string {
  const units = c.records('org');
  if (c.template.scope === 'unit' || !units.length) {
    return c.filled('organisation', 'lead') ? c.withLeadTail('organisation', '') : NEEDS_INPUT(c.template.scope === 'unit' ? '单位内设机构' : '机构设置（在“机构设置”表中录入预算单位）');
  }
  const count = (nature: string) => units.filter((u) => c.text('org', u, 'nature').trim() === nature).length;
  const kinds = ([['行政', '行政单位'], ['参公', '参照公务员法管理的事业单位'], ['事业', '事业单位'], ['其他', '其他单位']] as const)
    .filter(([n]) => count(n) > 0)
    .map(([n, label]) => `${label}${count(n)}家`);
  const list = units.map((u, i) => `${i + 1}. ${ph(c.key('org', u, 'name'))}`);
  const body = [
    `${w.self}预算是包括本部及下属预算单位共${units.length}家单位的综合收支计划。${kinds.length ? `${w.self}中，${kinds.join('，')}，` : ''}具体包括：`,
    ...list,
  ].join('\n');
  return c.withLeadTail('organisation', body);
}

function explanation(c: DraftContext, w: Wording): string {
  const y = c.year;
  const lines: string[] = [];
  if (c.filled('explanation', 'lead')) lines.push(c.lead('explanation'));
  lines.push(
    `${y}年，${w.self}收入预算${c.mf('incomeTotal')}，其中：财政拨款收入${c.mf('fiscalIncome')}${versus(c, 'fiscalIncome')}；` +
      `事业收入${c.mf('businessIncome')}；事业单位经营收入${c.mf('operatingIncome')}；其他收入${c.mf('otherIncome')}。`,
    `支出预算${c.mf('spendingTotal')}，其中：财政拨款支出预算${c.mf('fiscalSpending')}${versus(c, 'fiscalSpending')}。` +
      `财政拨款支出预算中，一般公共预算拨款支出预算${c.mf('generalSpending')}${versus(c, 'generalSpending')}；` +
      `政府性基金拨款支出预算${c.mf('fundSpending')}${versus(c, 'fundSpending')}；` +
      `国有资本经营预算拨款支出预算${c.mf('capitalSpending')}${versus(c, 'capitalSpending')}。`,
  );
  const reasonOf = ['fiscalSpending', 'fiscalIncome'].find((n) => c.priorEntered(n) && c.reason(n, ''));
  if (reasonOf) lines.push(`财政拨款收入支出变化的主要原因是：${c.reason(reasonOf, '')}${stop(c.view.text('priorYear', reasonOf, 'reason'))}`);
  const items = fiscalItems(c.view, c.template);
  if (items.length) {
    lines.push('财政拨款支出主要内容如下：');
    for (let i = 0; i < items.length; i++) lines.push(`${i + 1}. ${itemText(c, items[i].code, items[i])}`);
  }
  if (c.filled('explanation', 'tail')) lines.push(c.tail('explanation'));
  return lines.join('\n');
}

function other(c: DraftContext, w: Wording): string {
  const y = c.year;
  const f = (name: string) => `${c.mf(name)}${versus(c, name)}${because(c, name)}`;
  const lines = [
    `一、${y}年“三公”经费预算情况说明`,
    `${y}年“三公”经费预算数为${f('threeTotal')}。其中：`,
    `（一）因公出国（境）费${f('abroad')}。`,
    `（二）公务用车购置及运行费${f('vehicle')}。其中：公务用车购置费${f('vehiclePurchase')}；公务用车运行费${f('vehicleRunning')}。`,
    `（三）公务接待费${f('reception')}。`,
    '二、机关运行经费预算',
  ];
  if (!hasExecutiveUnit(c.view, c.template)) lines.push(`${w.self}无机关运行经费。`);
  else lines.push(`${y}年${w.self}财政拨款的机关运行经费预算为${f('operating')}。`);
  lines.push('三、政府采购预算情况');
  const buy = (row: string) => c.m(cellKey('purchases', row, 'amount'));
  if (c.view.value('purchases', 'total', 'amount')) {
    lines.push(`${y}年${w.self}政府采购预算${buy('total')}，其中：政府采购货物预算${buy('goods')}、政府采购工程预算${buy('works')}、政府采购服务预算${buy('services')}。`);
    if (c.view.value('purchases', 'sme', 'amount')) {
      lines.push(`${y}年${w.self}面向中小企业预留政府采购项目预算金额${buy('sme')}，其中，预留给小型和微型企业的政府采购项目预算为${buy('smallMicro')}。`);
    }
  } else lines.push(`${y}年${w.self}未安排政府采购预算。`);
  lines.push('四、绩效目标设置情况');
  const withGoals = c.records('projects').filter((p) => c.text('projects', p, 'goals').trim());
  const projectsUnit = tableUnit(c.template, c.table('projects')!);
  const amount = withGoals.reduce((sum, p) => sum + (c.value('projects', p, 'amount') ?? 0), 0);
  lines.push(
    withGoals.length
      ? `${y}年，${w.self}编报绩效目标的项目共${withGoals.length}个，涉及项目预算资金${toFixedString(convertUnit(amount, projectsUnit, c.unit).value)}${c.unit}。`
      : `${y}年，${w.self}无编报绩效目标的项目。`,
  );
  lines.push('五、国有资产占有使用情况');
  const qty = (row: string, col: string) => ph(cellKey('assetCounts', row, col), 'qty');
  const categories = (col: string) => {
    const held = VEHICLE_CATEGORIES.filter(([row]) => c.view.value('assetCounts', row, col));
    return held.length ? `，其中：${held.map(([row, label]) => `${label}${qty(row, col)}辆`).join('、')}` : '';
  };
  lines.push(
    `截至${y - 1}年8月31日，${w.self}共有车辆${qty('vehicles', 'held')}辆${categories('held')}；单价100万元（含）以上设备（不含车辆）${qty('equipment', 'held')}台（套）。`,
    `${y}年${w.kind}预算安排购置车辆${qty('vehicles', 'planned')}辆${categories('planned')}；${w.kind}预算安排购置单价100万元（含）以上设备（不含车辆）${qty('equipment', 'planned')}台（套）。`,
  );
  return c.withLeadTail('other', lines.join('\n'));
}

function projectsText(c: DraftContext): string {
  const projects = c.records('projects');
  if (!projects.length) return c.withLeadTail('projectsText', `本部门${c.year}年无项目经费。`);
  const lines: string[] = [];
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    const use = c.text('projects', p, 'use').trim();
    const goals = c.text('projects', p, 'goals').trim();
    lines.push(
      `${i + 1}. ${ph(c.key('projects', p, 'name'))}`,
      `年度预算安排：${c.year}年安排预算${c.m(c.key('projects', p, 'amount'))}，其中财政资金${c.m(c.key('projects', p, 'fiscal'))}，其他资金${c.m(c.key('projects', p, 'otherFunds'))}。`,
      `资金用途：${use ? `${ph(c.key('projects', p, 'use'), 'join')}。` : NEEDS_INPUT('资金用途')}`,
      `绩效目标：${goals ? `${ph(c.key('projects', p, 'goals'), 'join')}。` : NEEDS_INPUT('绩效目标')}`,
    );
  }
  return c.withLeadTail('projectsText', lines.join('\n'));
}

const duties = (who: string) => (c: DraftContext, section: string) => (c.filled(section, 'lead') ? c.withLeadTail(section, '') : NEEDS_INPUT(`${who}主要职能`));

export function shanghai2026Narrative(scope: BudgetScope): NarrativePack {
  const w = WORDING[scope];
  return {
    unit: '万元',
    drafters: {
      functions: duties(w.kind),
      organisation: (c) => organisation(c, w),
      glossary: freeText(GLOSSARY_SHANGHAI),
      explanation: (c) => explanation(c, w),
      other: (c) => other(c, w),
      projectsText,
    },
    // Words only the clerk can write: missing, they are a 提示, so that a blank 上海 draft (and a
    // blank template read by `check`) has no 强制 finding, yet nothing goes out unremarked.
    requiredLead: { functions: `${w.kind}主要职能`, ...(scope === 'unit' ? { organisation: '单位内设机构' } : {}) },
    requiredLeadSeverity: 'warning',
    items: { section: 'explanation', sentence: itemSentence },
    blankTexts: Object.values(BLANK_TEXT[scope]),
    heading: (unitName, year) => `${unitName}${year}年${w.kind}预算`,
    words: {
      figures: {
        fiscalSpending: ['财政拨款支出预算', '财政拨款支出'],
        generalSpending: ['一般公共预算拨款支出预算', '一般公共预算拨款支出', '一般公共预算支出'],
        fundSpending: ['政府性基金拨款支出预算', '政府性基金拨款支出', '政府性基金预算支出'],
        capitalSpending: ['国有资本经营预算拨款支出预算', '国有资本经营预算拨款支出'],
        vehicle: ['公务用车购置及运行费'],
        procurement: ['政府采购预算'],
      },
      lines: [
        { role: 'summary', line: 'income:business', col: 'inAmount', words: ['事业收入'], sections: ['explanation'] },
        { role: 'summary', line: 'income:operating', col: 'inAmount', words: ['事业单位经营收入'], sections: ['explanation'] },
        { role: 'summary', line: 'income:other', col: 'inAmount', words: ['其他收入'], sections: ['explanation'] },
      ],
      rows: [
        { role: 'procurement', row: 'goods', col: 'amount', words: ['政府采购货物预算'] },
        { role: 'procurement', row: 'works', col: 'amount', words: ['政府采购工程预算'] },
        { role: 'procurement', row: 'services', col: 'amount', words: ['政府采购服务预算'] },
        { role: 'procurement', row: 'sme', col: 'amount', words: ['面向中小企业预留政府采购项目预算金额', '面向中小企业预留政府采购项目预算'] },
        { role: 'procurement', row: 'smallMicro', col: 'amount', words: ['预留给小型和微型企业的政府采购项目预算'] },
      ],
      counts: {
        role: 'assets',
        col: 'held',
        planned: 'planned',
        words: { 车辆: 'vehicles', ...Object.fromEntries(VEHICLE_CATEGORIES.map(([row, label]) => [label, row])), 以上设备: 'equipment' },
        units: ['辆', '台（套）', '台', '套'],
      },
      // The amount of the projects with 绩效目标 (checked by itself), not 项目支出.
      stopWords: ['涉及项目预算资金'],
    },
    defaultSubject: { other: 'threeTotal' },
    reasonsInSection: {
      explanation: ['fiscalIncome', 'fiscalSpending'],
      other: ['threeTotal', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception', 'operating'],
    },
    review: {
      version: 'shanghai-2026/text-1',
      reasonThreshold: 10,
      reasonLines: ['fiscalSpending', 'abroad', 'vehicle', 'reception', 'operating'],
      // 上海's “三公” table counts the 财政拨款 “三公” of basic and project spending alike.
      threePublicIncludesProjects: true,
      scopeWords: { department: ['本部门', '我部门', '部门预算安排'], unit: ['本单位', '我单位', '单位预算安排'] },
    },
  };
}
