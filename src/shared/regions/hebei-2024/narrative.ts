import { TOTAL_ROW } from '../../draft';
import { freeText, hasExecutiveUnit, NEEDS_INPUT, parenNumeral, type DraftContext } from '../../narrative/kit';
import type { NarrativePack } from '../../narrative/pack';
import { placeholder as ph } from '../../narrative/placeholders';
import { GLOSSARY_HEBEI, NONE_OTHER, NONE_SPECIAL_FUNDS } from './narrative-text';

/**
 * The Hebei 情况说明 (eleven sections, s01–s11): how each is drafted from the figures, the
 * words of the text bound to the tables, and the settings of the text checks.
 */

/** Sections whose lead words the clerk must write (they cannot come from the figures). */
const REQUIRED_LEAD: Record<string, string> = { s01: '部门职责', s05: '部门整体绩效目标' };

function s01(c: DraftContext): string {
  const duties = c.filled('s01', 'lead') ? c.lead('s01') : NEEDS_INPUT(REQUIRED_LEAD.s01);
  const units = c.records('org');
  const unitText = units
    .map((r) => {
      const details = ['nature', 'rank', 'funding'].filter((col) => c.text('org', r, col).trim()).map((col) => ph(c.key('org', r, col)));
      return `${ph(c.key('org', r, 'name'))}${details.length ? `（${details.join('，')}）` : ''}`;
    })
    .join('、');
  const orgText = units.length
    ? `纳入${c.year}年部门预算编制范围的单位共${units.length}个：${unitText}。`
    : NEEDS_INPUT('机构设置（在“机构设置”表中录入单位）');
  return ['部门职责：', duties, '机构设置：', orgText, ...(c.filled('s01', 'tail') ? [c.tail('s01')] : [])].join('\n');
}

/**
 * Projects of basic spending are part of 基本支出, not listed under 项目支出. The per-project
 * drafting below loops instead of passing callbacks made per call: the export drafts the text
 * anew each time, and a callback takes its optimized code with it when it dies.
 */
function spendingProjects(c: DraftContext): string[] {
  const projects: string[] = [];
  for (const p of c.records('projects')) if (c.text('projects', p, 'spending').trim() !== '基本支出') projects.push(p);
  return projects;
}

function s02(c: DraftContext): string {
  const lines: string[] = [];
  if (c.filled('s02', 'lead')) lines.push(c.lead('s02'));
  const income = (line: string) => c.m(c.lineKey('summary', line, 'inAmount'));
  lines.push(
    '1、收入说明',
    `${c.year}年预算收入${c.mf('incomeTotal')}，其中：一般公共预算收入${income('income:general')}，` +
      `基金预算收入${income('income:fund')}，国有资本经营预算收入${income('income:capital')}，` +
      `财政专户核拨收入${income('income:specialAccount')}，单位资金收入${income('income:unitFunds')}，上年结转结余${income('carry')}。`,
    '2、支出说明',
  );
  const projects = spendingProjects(c);
  const listed: string[] = [];
  for (const p of projects) listed.push(`${ph(c.key('projects', p, 'name'))}${c.m(c.key('projects', p, 'amount'))}`);
  const projectList = listed.join('，');
  lines.push(
    `${c.year}年支出预算${c.mf('spendingTotal')}，其中基本支出${c.mf('basic')}，` +
      `包括人员经费${c.mf('personnel')}和日常公用经费${c.mf('public')}；` +
      `项目支出${c.mf('project')}${projects.length ? `，主要为${projectList}` : ''}。`,
    '3、比上年增减情况',
  );
  if (c.priorEntered('spendingTotal')) {
    // Only rows whose last-year figure is entered: a blank is not a zero to compare with.
    const part = (name: string, label: string, because: string) => (c.priorEntered(name) ? [`${label}${c.chg(name)}${c.reason(name, because)}`] : []);
    const parts = [
      ...part('basic', '基本支出', '，主要原因是'),
      ...part('personnel', '人员经费', '，主要原因是'),
      ...part('public', '日常公用经费', '，主要原因是'),
      ...part('project', '项目支出', '，主要为'),
    ];
    const head = `${c.year}年预算收支安排${c.mf('spendingTotal')}，比${c.year - 1}年预算${c.chg('spendingTotal')}${c.reason('spendingTotal', '，主要原因是')}`;
    lines.push(parts.length ? `${head}；其中：${parts.join('；')}。` : `${head}。`);
  } else {
    lines.push(`${c.year - 1}年预算数尚未录入（在“上年对比”表中录入上年预算数后自动生成本段）。`);
  }
  if (c.filled('s02', 'tail')) lines.push(c.tail('s02'));
  return lines.join('\n');
}

function s03(c: DraftContext): string {
  if (!hasExecutiveUnit(c.view, c.template)) return c.withLeadTail('s03', '我部门所属单位均非行政单位或参照公务员法管理的单位，不涉及机关运行经费。');
  const uses = c
    .records('basicEconomic')
    .filter((r) => r.length > 3 && (c.value('basicEconomic', r, 'public') ?? 0) !== 0)
    .map((r) => c.text('basicEconomic', r, 'name').trim())
    .filter(Boolean);
  const useText = uses.length ? `，主要用于${uses.join('、')}等日常运行支出` : '';
  return c.withLeadTail('s03', `${c.year}年，我部门机关运行经费共计安排${c.mf('operating')}${useText}。`);
}

function s04(c: DraftContext): string {
  let text =
    `${c.year}年，我部门财政拨款“三公”经费预算安排${c.mf('threeTotal')}，其中因公出国（境）费${c.mf('abroad')}；` +
    `公务用车购置及运维费${c.mf('vehicle')}（其中：公务用车购置费${c.mf('vehiclePurchase')}，` +
    `公务用车运行维护费${c.mf('vehicleRunning')}）；公务接待费${c.mf('reception')}。`;
  if (c.priorEntered('threeTotal')) text += `与${c.year - 1}年相比${c.chg('threeTotal')}${c.reason('threeTotal', '，增减变化的主要原因是')}。`;
  return c.withLeadTail('s04', text);
}

/** The first indicator of a project whose `col` is `text`. */
function indicatorWith(c: DraftContext, inds: string[], col: string, text: string): string | undefined {
  for (const i of inds) if (c.text('indicators', i, col) === text) return i;
  return undefined;
}

function indicatorLine(c: DraftContext, project: string): string {
  const inds = c.indicatorsOf(project);
  const pick: string[] = [];
  const quality = indicatorWith(c, inds, 'level2', '质量指标');
  if (quality !== undefined) pick.push(quality);
  const benefit = indicatorWith(c, inds, 'level1', '效益指标');
  if (benefit !== undefined) pick.push(benefit);
  const chosen = pick.length ? pick : inds.slice(0, 2);
  const parts: string[] = [];
  for (const i of chosen) parts.push(`${ph(c.key('indicators', i, 'level3'))}${ph(c.key('indicators', i, 'value'))}`);
  return parts.join('，');
}

function goalsLine(c: DraftContext, project: string): string {
  const hasGoal = c.text('projects', project, 'goals').split('\n').some(isNotBlank);
  return hasGoal ? `${ph(c.key('projects', project, 'goals'), 'join')}。` : NEEDS_INPUT('绩效目标');
}

function isNotBlank(text: string): boolean {
  return text.trim() !== '';
}

function s05(c: DraftContext): string {
  const lines = ['（一）总体绩效目标', c.filled('s05', 'lead') ? c.lead('s05') : NEEDS_INPUT(REQUIRED_LEAD.s05), '（二）分项绩效目标'];
  const projects = c.records('projects');
  if (!projects.length) lines.push('我部门本年无项目支出。');
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    lines.push(`${parenNumeral(i)}${ph(c.key('projects', p, 'name'))}`, `绩效目标：${goalsLine(c, p)}`);
    const ind = indicatorLine(c, p);
    if (ind) lines.push(`绩效指标：${ind}。`);
  }
  if (c.filled('s05', 'tail')) lines.push('（三）工作保障措施', c.tail('s05'));
  return lines.join('\n');
}

function s07(c: DraftContext): string {
  const projects = c.records('projects');
  if (!projects.length) return c.withLeadTail('s07', `我部门${c.year}年无项目支出预算。`);
  const lines = [`我部门${c.year}年安排项目${projects.length}个，项目支出预算${c.m(c.key('projects', TOTAL_ROW, 'amount'))}，各项目绩效目标表附后。`];
  for (let i = 0; i < projects.length; i++) lines.push(projectLine(c, projects[i], i));
  return c.withLeadTail('s07', lines.join('\n'));
}

/** The spending plan's columns and what the text calls each. */
const PLAN = [
  { col: 'plan03', label: '3月底' },
  { col: 'plan06', label: '6月底' },
  { col: 'plan10', label: '10月底' },
  { col: 'plan12', label: '12月底' },
];

/** The i-th project of 七: its budget, funds, use and spending plan. */
function projectLine(c: DraftContext, p: string, i: number): string {
  const plan: string[] = [];
  for (const { col, label } of PLAN) plan.push(`${label}${ph(c.key('projects', p, col), 'qty')}%`);
  return (
    `${i + 1}、${ph(c.key('projects', p, 'name'))}预算${c.m(c.key('projects', p, 'amount'))}，` +
    `其中财政资金${c.m(c.key('projects', p, 'fiscal'))}，其他资金${c.m(c.key('projects', p, 'otherFunds'))}。` +
    `${c.text('projects', p, 'use').trim() ? `资金用途：${ph(c.key('projects', p, 'use'), 'join')}。` : ''}` +
    `资金支出计划（累计）：${plan.join('，')}。`
  );
}

function s08(c: DraftContext): string {
  const rows = c.records('procurement');
  if (!rows.length || !c.value('procurement', TOTAL_ROW, 'total')) return c.withLeadTail('s08', `我部门${c.year}年无政府采购预算。`);
  const t = (col: string) => c.m(c.key('procurement', TOTAL_ROW, col));
  const text =
    `${c.year}年，我部门政府采购预算${c.mf('procurement')}，按资金来源分：一般公共预算${t('general')}，` +
    `政府性基金预算${t('fund')}，国有资本经营预算${t('capital')}，财政专户核拨${t('specialAccount')}，` +
    `单位自有资金${t('unitFunds')}；预留中小微企业份额${t('smeShare')}。`;
  return c.withLeadTail('s08', text);
}

function s09(c: DraftContext): string {
  if (!c.has('assets')) return c.withLeadTail('s09', '');
  const qty = (row: string) => ph(c.key('assets', row, 'quantity'), 'qty');
  const val = (row: string) => c.m(c.key('assets', row, 'value'));
  // Only a procurement budget with figures is "已按要求列入": an empty one would contradict 八.
  const bought = c.has('procurement') ? `本年度拟购置固定资产总额为${c.mf('procurement')}` : '';
  const procurement = !bought ? '' : c.value('procurement', TOTAL_ROW, 'total') ? `${bought}，已按要求列入政府采购预算，详见政府采购预算表。` : `${bought}。`;
  const text =
    `截至${c.year - 1}年12月31日，我部门（含所属单位）固定资产金额为${val('total')}，其中：` +
    `车辆${qty('vehicles')}辆，价值${val('vehicles')}；单价20万元以上的设备${qty('equipment')}台（套），价值${val('equipment')}。` +
    procurement;
  return c.withLeadTail('s09', text);
}

export const hebei2024Narrative: NarrativePack = {
  unit: '万元',
  drafters: {
    s01,
    s02,
    s03,
    s04,
    s05,
    s06: freeText(NONE_SPECIAL_FUNDS),
    s07,
    s08,
    s09,
    s10: freeText(GLOSSARY_HEBEI),
    s11: freeText(NONE_OTHER),
  },
  requiredLead: REQUIRED_LEAD,
  heading: (unitName, year) => `${unitName} ${year} 年部门预算信息公开情况说明`,
  preface: (unitName, year) =>
    `按照《中华人民共和国预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规定，现将${unitName}${year}年部门预算公开如下：`,
  words: {
    // Income words name the 收支总表's income lines only where the text explains income (section 二).
    lines: [
      { role: 'summary', line: 'income:general', col: 'inAmount', words: ['一般公共预算收入', '一般公共预算拨款收入', '一般公共预算拨款', '一般公共预算财政拨款收入'], sections: ['s02'] },
      { role: 'summary', line: 'income:fund', col: 'inAmount', words: ['基金预算收入', '政府性基金预算拨款收入', '政府性基金预算收入', '政府性基金预算拨款', '政府性基金预算财政拨款收入'], sections: ['s02'] },
      { role: 'summary', line: 'income:capital', col: 'inAmount', words: ['国有资本经营预算收入', '国有资本经营预算拨款收入', '国有资本经营预算拨款', '国有资本经营预算财政拨款收入'], sections: ['s02'] },
      { role: 'summary', line: 'income:specialAccount', col: 'inAmount', words: ['财政专户核拨收入', '财政专户管理资金收入', '财政专户收入'], sections: ['s02'] },
      { role: 'summary', line: 'income:unitFunds', col: 'inAmount', words: ['单位资金收入', '单位资金'], sections: ['s02'] },
      { role: 'summary', line: 'carry', col: 'inAmount', words: ['上年结转结余', '上年结转'], sections: ['s02'] },
      // The 收支总表's lines of this year (without 上年结转), as printed.
      { role: 'summary', line: 'yearTotal', col: 'inAmount', words: ['本年收入合计'] },
      { role: 'summary', line: 'yearTotal', col: 'outAmount', words: ['本年支出合计'] },
      { role: 'fiscalSummary', line: 'grandTotal', col: 'inAmount', words: ['财政拨款收支总预算', '财政拨款收支预算总额', '财政拨款收支总计'] },
    ],
    rows: [
      { role: 'assets', row: 'total', col: 'value', words: ['资产总额', '固定资产金额', '固定资产原值'] },
      // 表5, 7, 8's totals: the longer words also keep "一般公共预算财政拨款基本支出" and
      // "一般公共预算支出总额" from reading as all funds' 基本支出 and 支出.
      { role: 'generalSpending', row: 'total', col: 'total', words: ['一般公共预算财政拨款支出', '一般公共预算财政拨款支出预算', '一般公共预算支出'] },
      { role: 'fundSpending', row: 'total', col: 'total', words: ['政府性基金预算财政拨款支出', '政府性基金预算支出'] },
      { role: 'capitalSpending', row: 'total', col: 'total', words: ['国有资本经营预算财政拨款支出', '国有资本经营预算支出'] },
      { role: 'generalSpending', row: 'total', col: 'basic', words: ['一般公共预算财政拨款基本支出'] },
      { role: 'generalSpending', row: 'total', col: 'project', words: ['一般公共预算财政拨款项目支出'] },
      // 表11's last column, as 政府采购 paragraphs name it.
      { role: 'procurement', row: 'total', col: 'smeShare', words: ['预留中小微企业份额', '预留中小企业份额', '面向中小企业预留', '为中小企业预留', '预留给中小企业的政府采购预算', '面向中小企业预留政府采购项目预算金额', '面向中小企业预留的政府采购预算'] },
    ],
    counts: {
      role: 'assets',
      col: 'quantity',
      // 表12's equipment row by its own threshold (20 万元), not the 50 or 100 万元 of other layouts.
      words: { 车辆: 'vehicles', 公务用车: 'vehicles', 房屋: 'buildings', 办公用房: 'offices', 单价20万元以上的设备: 'equipment', 单价在20万元以上的设备: 'equipment', 单价20万元以上设备: 'equipment' },
      units: ['辆', '台', '套', '平方米', '㎡'],
    },
    // Longer words a label is inside of, for figures the tables do not hold: assets to be bought, the small and micro firms' part of the 中小企业 share.
    stopWords: ['拟购置固定资产总额', '拟购置固定资产', '新增资产总额', '拟购置资产总额', '小微企业的政府采购预算', '微型企业的政府采购预算'],
  },
  defaultSubject: { s02: 'spendingTotal', s03: 'operating', s04: 'threeTotal' },
  reasonsInSection: { s02: ['spendingTotal', 'basic', 'personnel', 'public', 'project'], s04: ['threeTotal'] },
  review: {
    version: 'hebei-2024/text-1',
    reasonThreshold: 10,
    // The Hebei text explains the change of the total (by any of its parts) and of the 三公 total.
    reasonLines: ['threeTotal', 'operating'],
    threePublicIncludesProjects: true,
    emptyStatements: [
      { words: ['无政府采购预算'], role: 'procurement', col: 'total' },
      { words: ['无政府性基金预算', '无政府基金预算'], role: 'fundSpending', col: 'total' },
      { words: ['无国有资本经营预算'], role: 'capitalSpending', col: 'total' },
      { words: ['无项目支出'], role: 'projects', col: 'amount' },
    ],
    procurementKinds: { col: 'catalog', prefixes: { 货物: 'A', 工程: 'B', 服务: 'C' } },
    presentStatements: [{ words: ['已按要求列入政府采购预算', '已列入政府采购预算'], role: 'procurement', col: 'total' }],
    scopeWords: { department: ['我部门', '本部门'], unit: ['我单位', '本单位'] },
  },
};
