import { cellKey, TOTAL_ROW } from '../draft';
import type { Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { placeholder as ph, renderParts, renderText, type RenderedPart } from './placeholders';
import { GLOSSARY_HEBEI, NONE_OTHER, NONE_SPECIAL_FUNDS } from './standard-text';

/**
 * The 情况说明 drafted from the figures. How a section is stored (narrative table cells):
 * - `narrative!sNN!text` empty: the section is drafted. Its draft is a source text whose
 *   figures are placeholders (see ./placeholders), so it follows every change of the tables;
 *   `lead` and `tail` hold the clerk's own words placed before and after the drafted part
 *   (部门职责, 总体绩效目标, 工作保障措施 …).
 * - `narrative!sNN!text` filled: the clerk's text of the whole section, as is. When the clerk
 *   starts editing a drafted section, the editor is given `editableSource()`: the draft with
 *   lead/tail inlined and the figures still as placeholders, so the figures stay tied. Text
 *   typed or imported without placeholders is checked (./checks) against the tables.
 * The export prints `text` of `draftNarrative()`: placeholders replaced by the figures.
 */

export type SectionMode = 'drafted' | 'manual';

export interface NarrativeSection {
  id: string;
  title: string;
  mode: SectionMode;
  /** Source with placeholders (drafted: the draft; manual: the stored text). */
  source: string;
  /** What is printed: the source with the current figures. */
  text: string;
}

export const NEEDS_INPUT = (what: string) => `【请填写${what}】`;

/** Sections whose lead words the clerk must write (they cannot come from the figures). */
export const REQUIRED_LEAD: Record<string, string> = { s01: '部门职责', s05: '部门整体绩效目标' };

interface Ctx {
  view: ValueView;
  template: Template;
  year: number;
  unit: string;
  /** Placeholder of a money figure with its unit. */
  m: (key: string) => string;
  chg: (pyRow: string) => string;
  has: (table: string) => boolean;
  lead: (section: string) => string;
  tail: (section: string) => string;
  filled: (section: string, col: 'lead' | 'tail') => boolean;
  priorEntered: (pyRow: string) => boolean;
  reason: (pyRow: string, prefix: string) => string;
  /** Indicator records of a project (grouped once). */
  indicatorsOf: (project: string) => string[];
}

function context(view: ValueView, template: Template): Ctx {
  const unit = template.unitOfMeasure;
  const has = (t: string) => template.tables.some((d) => d.id === t);
  let byProject: Map<string, string[]> | null = null;
  const indicatorsOf = (project: string) => {
    if (!byProject) {
      byProject = new Map();
      const parentCol = template.tables.find((t) => t.id === 'indicators')?.parent?.col ?? 'project';
      for (const r of has('indicators') ? records(view, 'indicators') : []) {
        const p = view.text('indicators', r, parentCol);
        const list = byProject.get(p);
        if (list) list.push(r);
        else byProject.set(p, [r]);
      }
    }
    return byProject.get(project) ?? [];
  };
  return {
    indicatorsOf,
    view,
    template,
    year: template.year,
    unit,
    m: (key) => `${ph(key)}${unit}`,
    chg: (row) => ph(cellKey('py', row, 'change'), 'chg'),
    has,
    lead: (s) => ph(cellKey('narrative', s, 'lead'), 'text'),
    tail: (s) => ph(cellKey('narrative', s, 'tail'), 'text'),
    filled: (s, col) => view.text('narrative', s, col).trim() !== '',
    priorEntered: (row) => has('py') && view.value('py', row, 'prior') !== null,
    reason: (row, prefix) => (has('py') && view.text('py', row, 'reason').trim() ? `${prefix}${ph(cellKey('py', row, 'reason'), 'text')}` : ''),
  };
}

const records = (view: ValueView, table: string) => view.rows(table).filter((r) => r !== TOTAL_ROW);

function s01(c: Ctx): string {
  const duties = c.filled('s01', 'lead') ? c.lead('s01') : NEEDS_INPUT(REQUIRED_LEAD.s01);
  const units = c.has('org') ? records(c.view, 'org') : [];
  const unitText = units
    .map((r) => {
      const details = ['nature', 'rank', 'funding'].filter((col) => c.view.text('org', r, col).trim()).map((col) => ph(cellKey('org', r, col)));
      return `${ph(cellKey('org', r, 'name'))}${details.length ? `（${details.join('，')}）` : ''}`;
    })
    .join('、');
  const orgText = units.length
    ? `纳入${c.year}年部门预算编制范围的单位共${units.length}个：${unitText}。`
    : NEEDS_INPUT('机构设置（在“机构设置”表中录入单位）');
  return ['部门职责：', duties, '机构设置：', orgText, ...(c.filled('s01', 'tail') ? [c.tail('s01')] : [])].join('\n');
}

function s02(c: Ctx): string {
  const lines: string[] = [];
  if (c.filled('s02', 'lead')) lines.push(c.lead('s02'));
  lines.push(
    '1、收入说明',
    `${c.year}年预算收入${c.m('py!incomeTotal!current')}，其中：一般公共预算收入${c.m('t01!c201!inAmount')}，` +
      `基金预算收入${c.m('t01!c202!inAmount')}，国有资本经营预算收入${c.m('t01!c203!inAmount')}，` +
      `财政专户核拨收入${c.m('t01!c204!inAmount')}，单位资金收入${c.m('t01!c205!inAmount')}，上年结转结余${c.m('t01!carry!inAmount')}。`,
    '2、支出说明',
  );
  // Projects of basic spending are part of 基本支出, not listed under 项目支出.
  const projects = c.has('projects') ? records(c.view, 'projects').filter((p) => c.view.text('projects', p, 'spending').trim() !== '基本支出') : [];
  const projectList = projects.map((p) => `${ph(cellKey('projects', p, 'name'))}${c.m(cellKey('projects', p, 'amount'))}`).join('，');
  lines.push(
    `${c.year}年支出预算${c.m('py!spendingTotal!current')}，其中基本支出${c.m('py!basic!current')}，` +
      `包括人员经费${c.m('py!personnel!current')}和日常公用经费${c.m('py!public!current')}；` +
      `项目支出${c.m('py!project!current')}${projects.length ? `，主要为${projectList}` : ''}。`,
    '3、比上年增减情况',
  );
  if (c.priorEntered('spendingTotal')) {
    // Only rows whose last-year figure is entered: a blank is not a zero to compare with.
    const part = (row: string, label: string, because: string) =>
      c.priorEntered(row) ? [`${label}${c.chg(row)}${c.reason(row, because)}`] : [];
    const parts = [
      ...part('basic', '基本支出', '，主要原因是'),
      ...part('personnel', '人员经费', '，主要原因是'),
      ...part('public', '日常公用经费', '，主要原因是'),
      ...part('project', '项目支出', '，主要为'),
    ];
    const head = `${c.year}年预算收支安排${c.m('py!spendingTotal!current')}，比${c.year - 1}年预算${c.chg('spendingTotal')}${c.reason('spendingTotal', '，主要原因是')}`;
    lines.push(parts.length ? `${head}；其中：${parts.join('；')}。` : `${head}。`);
  } else {
    lines.push(`${c.year - 1}年预算数尚未录入（在“上年对比”表中录入上年预算数后自动生成本段）。`);
  }
  if (c.filled('s02', 'tail')) lines.push(c.tail('s02'));
  return lines.join('\n');
}

function hasExecutiveUnit(c: Ctx): boolean {
  if (!c.has('org')) return true;
  const units = records(c.view, 'org');
  return units.length === 0 || units.some((r) => ['行政', '参公'].includes(c.view.text('org', r, 'nature').trim()));
}

function s03(c: Ctx): string {
  if (!hasExecutiveUnit(c)) return withLeadTail(c, 's03', '我部门所属单位均非行政单位或参照公务员法管理的单位，不涉及机关运行经费。');
  const uses = c.has('t06')
    ? records(c.view, 't06')
        .filter((r) => r.length > 3 && (c.view.value('t06', r, 'public') ?? 0) !== 0)
        .map((r) => c.view.text('t06', r, 'name').trim())
        .filter(Boolean)
    : [];
  const useText = uses.length ? `，主要用于${uses.join('、')}等日常运行支出` : '';
  return withLeadTail(c, 's03', `${c.year}年，我部门机关运行经费共计安排${c.m('py!operating!current')}${useText}。`);
}

function s04(c: Ctx): string {
  let text =
    `${c.year}年，我部门财政拨款“三公”经费预算安排${c.m('py!threeTotal!current')}，其中因公出国（境）费${c.m('py!abroad!current')}；` +
    `公务用车购置及运维费${c.m('py!vehicle!current')}（其中：公务用车购置费${c.m('py!vehiclePurchase!current')}，` +
    `公务用车运行维护费${c.m('py!vehicleRunning!current')}）；公务接待费${c.m('py!reception!current')}。`;
  if (c.priorEntered('threeTotal')) {
    text += `与${c.year - 1}年相比${c.chg('threeTotal')}${c.reason('threeTotal', '，增减变化的主要原因是')}。`;
  }
  return withLeadTail(c, 's04', text);
}

function indicatorLine(c: Ctx, project: string): string {
  const inds = c.indicatorsOf(project);
  const pick = [
    inds.find((i) => c.view.text('indicators', i, 'level2') === '质量指标'),
    inds.find((i) => c.view.text('indicators', i, 'level1') === '效益指标'),
  ].filter((i): i is string => i !== undefined);
  const chosen = pick.length ? pick : inds.slice(0, 2);
  return chosen.map((i) => `${ph(cellKey('indicators', i, 'level3'))}${ph(cellKey('indicators', i, 'value'))}`).join('，');
}

function goalsLine(c: Ctx, project: string): string {
  const goals = c.view.text('projects', project, 'goals').split('\n').map((g) => g.trim()).filter(Boolean);
  return goals.length ? `${ph(cellKey('projects', project, 'goals'), 'join')}。` : NEEDS_INPUT('绩效目标');
}

const PAREN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const parenNumeral = (i: number) => `(${PAREN_NUMERALS[i] ?? String(i + 1)})`;

function s05(c: Ctx): string {
  const lines = ['（一）总体绩效目标', c.filled('s05', 'lead') ? c.lead('s05') : NEEDS_INPUT(REQUIRED_LEAD.s05), '（二）分项绩效目标'];
  const projects = c.has('projects') ? records(c.view, 'projects') : [];
  if (!projects.length) lines.push('我部门本年无项目支出。');
  projects.forEach((p, i) => {
    lines.push(`${parenNumeral(i)}${ph(cellKey('projects', p, 'name'))}`, `绩效目标：${goalsLine(c, p)}`);
    const ind = indicatorLine(c, p);
    if (ind) lines.push(`绩效指标：${ind}。`);
  });
  if (c.filled('s05', 'tail')) lines.push('（三）工作保障措施', c.tail('s05'));
  return lines.join('\n');
}

function s07(c: Ctx): string {
  const projects = c.has('projects') ? records(c.view, 'projects') : [];
  if (!projects.length) return withLeadTail(c, 's07', `我部门${c.year}年无项目支出预算。`);
  const lines = [`我部门${c.year}年安排项目${projects.length}个，项目支出预算${c.m('projects!total!amount')}，各项目绩效目标表附后。`];
  projects.forEach((p, i) => {
    const k = (col: string) => cellKey('projects', p, col);
    const plan = ['plan03', 'plan06', 'plan10', 'plan12']
      .map((col, j) => `${['3月底', '6月底', '10月底', '12月底'][j]}${ph(k(col), 'qty')}%`)
      .join('，');
    lines.push(
      `${i + 1}、${ph(k('name'))}预算${c.m(k('amount'))}，其中财政资金${c.m(k('fiscal'))}，其他资金${c.m(k('otherFunds'))}。` +
        `${c.view.text('projects', p, 'use').trim() ? `资金用途：${ph(k('use'), 'join')}。` : ''}` +
        `资金支出计划（累计）：${plan}。`,
    );
  });
  return withLeadTail(c, 's07', lines.join('\n'));
}

function s08(c: Ctx): string {
  const rows = c.has('t11') ? records(c.view, 't11') : [];
  if (!rows.length || !c.view.value('t11', TOTAL_ROW, 'total')) return withLeadTail(c, 's08', `我部门${c.year}年无政府采购预算。`);
  const text =
    `${c.year}年，我部门政府采购预算${c.m('py!procurement!current')}，按资金来源分：一般公共预算${c.m('t11!total!general')}，` +
    `政府性基金预算${c.m('t11!total!fund')}，国有资本经营预算${c.m('t11!total!capital')}，财政专户核拨${c.m('t11!total!specialAccount')}，` +
    `单位自有资金${c.m('t11!total!unitFunds')}；预留中小微企业份额${c.m('t11!total!smeShare')}。`;
  return withLeadTail(c, 's08', text);
}

function s09(c: Ctx): string {
  if (!c.has('t12')) return withLeadTail(c, 's09', '');
  const qty = (row: string) => ph(cellKey('t12', row, 'quantity'), 'qty');
  const val = (row: string) => c.m(cellKey('t12', row, 'value'));
  const procurement = c.has('t11') ? `本年度拟购置固定资产总额为${c.m('py!procurement!current')}，已按要求列入政府采购预算，详见政府采购预算表。` : '';
  const text =
    `截至${c.year - 1}年12月31日，我部门（含所属单位）固定资产金额为${val('total')}，其中：` +
    `车辆${qty('vehicles')}辆，价值${val('vehicles')}；单价20万元以上的设备${qty('equipment')}台（套），价值${val('equipment')}。` +
    procurement;
  return withLeadTail(c, 's09', text);
}

function withLeadTail(c: Ctx, section: string, body: string): string {
  return [c.filled(section, 'lead') ? c.lead(section) : '', body, c.filled(section, 'tail') ? c.tail(section) : ''].filter(Boolean).join('\n');
}

/** A free-text section with a standard sentence when the clerk wrote nothing. */
const freeText = (fallback: string) => (c: Ctx, section: string) =>
  [c.filled(section, 'lead') ? c.lead(section) : fallback, c.filled(section, 'tail') ? c.tail(section) : ''].filter(Boolean).join('\n');

const DRAFTERS: Record<string, (c: Ctx, section: string) => string> = {
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
};

/** The drafted source of one section (placeholders for every figure). */
export function draftSource(view: ValueView, template: Template, sectionId: string): string {
  const c = context(view, template);
  const drafter = DRAFTERS[sectionId] ?? ((cx: Ctx, s: string) => withLeadTail(cx, s, ''));
  return drafter(c, sectionId);
}

function sectionSource(view: ValueView, template: Template, id: string): { mode: SectionMode; source: string } {
  const stored = template.tables.some((t) => t.id === 'narrative') ? view.text('narrative', id, 'text') : '';
  return stored.trim() ? { mode: 'manual', source: stored } : { mode: 'drafted', source: draftSource(view, template, id) };
}

/** Every section of the template's text, as it is printed now. */
export function draftNarrative(view: ValueView, template: Template, _content?: unknown): NarrativeSection[] {
  return template.narrative.map(({ id, title }) => {
    const { mode, source } = sectionSource(view, template, id);
    return { id, title, mode, source, text: renderText(source, view, template) };
  });
}

/** The rendered parts of a section (for the checks: which cell a piece of text came from). */
export function sectionParts(view: ValueView, template: Template, id: string): { mode: SectionMode; parts: RenderedPart[] } {
  const { mode, source } = sectionSource(view, template, id);
  return { mode, parts: renderParts(source, view, template) };
}

/**
 * What the editor starts from when the clerk edits a drafted section: the draft with the
 * clerk's own lead/tail words inlined and the figures left as placeholders.
 */
export function editableSource(view: ValueView, template: Template, sectionId: string): string {
  const draft = draftSource(view, template, sectionId);
  return draft.replace(/\{\{narrative!([A-Za-z0-9_]+)!(lead|tail)\|text\}\}/g, (_, s: string, col: string) => view.text('narrative', s, col));
}
