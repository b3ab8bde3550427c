import { formatMoney, toDecimalString } from '../money';
import { TOTAL_ROW } from '../draft';
import type { TableDef } from '../template/types';
import { PLAN_LABELS, PLAN_TITLE, PROJECT_LABELS, splitGoals } from '../workbook/project-sheet';
import type { PrintView } from './cells';
import { esc } from './html';

/**
 * Each project's 绩效目标表 as published: the form (编码, 名称, 预算数 and its sources, 资金用途,
 * 资金支出计划, 绩效目标) above the indicator grid, whose header repeats when it runs over a
 * page; 一级指标 merged down over its group. The labels are the workbook's (PROJECT_LABELS).
 */

const LABEL = Object.fromEntries(PROJECT_LABELS.map((l) => [l.col, l.label]));
const BUDGET_AND_USE = '预算规模及资金用途';
const GRID_HEAD = '<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th colspan="2">绩效指标描述</th><th>指标值</th><th>指标值确定依据</th></tr>';

export interface ProjectSheetsInput {
  view: PrintView;
  projects: TableDef;
  indicators?: TableDef;
  unitOfMeasure: string;
  /** What a blank 支出类别 counts as (项目支出). */
  blankSpending?: string;
  /** HTML id of the first sheet (the 目录 links to it). */
  anchor?: string;
}

export function projectSheetsHtml(input: ProjectSheetsInput): string {
  const { view, projects, indicators } = input;
  const byProject = new Map<string, string[]>();
  if (indicators?.parent) {
    for (const ind of view.rows(indicators.id)) {
      const project = view.text(indicators.id, ind, indicators.parent.col);
      byProject.set(project, [...(byProject.get(project) ?? []), ind]);
    }
  }
  return view
    .rows(projects.id)
    .filter((r) => r !== TOTAL_ROW)
    .map((project, i) => sheetHtml(input, project, i + 1, byProject.get(project) ?? [], i === 0 ? input.anchor : undefined))
    .join('\n');
}

function sheetHtml(input: ProjectSheetsInput, project: string, ordinal: number, indicators: string[], anchor?: string): string {
  const { view, projects } = input;
  const has = (col: string) => projects.columns.some((c) => c.id === col);
  const text = (col: string) => esc(has(col) ? view.text(projects.id, project, col) : '');
  const money = (col: string) => {
    const v = has(col) ? view.value(projects.id, project, col) : null;
    return v === null || v === 0 ? '' : formatMoney(v);
  };
  const th = (label: string, span = 1, rows = 1) => `<th${span > 1 ? ` colspan="${span}"` : ''}${rows > 1 ? ` rowspan="${rows}"` : ''}>${esc(label)}</th>`;
  const td = (html: string, span = 1, cls = '') => `<td${span > 1 ? ` colspan="${span}"` : ''}${cls ? ` class="${cls}"` : ''}>${html}</td>`;
  const form: string[] = [];
  form.push(`<tr>${th(LABEL.code)}${td(text('code'), 2)}${th(LABEL.name)}${td(text('name'), 3)}</tr>`);
  if (has('functionCode') || has('fund')) {
    const spending = has('spending') ? `${th(LABEL.spending)}${td(text('spending') || esc(input.blankSpending ?? ''))}` : '';
    form.push(`<tr>${th(LABEL.functionCode)}${td(text('functionCode'), 2)}${th(LABEL.fund)}${td(text('fund'), spending ? 1 : 3)}${spending}</tr>`);
  }
  // 预算规模及资金用途: the amount and its sources above the use, under one label (as published).
  form.push(`<tr>${th(BUDGET_AND_USE, 1, 2)}${th(LABEL.amount)}${td(money('amount'), 1, 'num')}${th(LABEL.fiscal)}${td(money('fiscal'), 1, 'num')}${th(LABEL.otherFunds)}${td(money('otherFunds'), 1, 'num')}</tr>`);
  form.push(`<tr>${td(text('use'), 6)}</tr>`);
  const plan = PLAN_LABELS.map((p) => {
    const v = has(p.col) ? view.value(projects.id, project, p.col) : null;
    return td(v === null ? '' : `${toDecimalString(v)}%`, 1, 'center');
  });
  form.push(`<tr>${th(PLAN_TITLE, 1, 2)}${PLAN_LABELS.map((p) => th(p.label)).join('')}${td('', 2)}</tr>`);
  form.push(`<tr>${plan.join('')}${td('', 2)}</tr>`);
  const goals = splitGoals(view.text(projects.id, project, 'goals'));
  form.push(`<tr>${th(LABEL.goals)}${td(goals.map((g, i) => `${i + 1}.${esc(g)}`).join('<br>'), 6)}</tr>`);

  const grid: string[] = [];
  const ind = input.indicators;
  indicators.forEach((id, k) => {
    const t = (col: string) => (ind ? view.text(ind.id, id, col) : '');
    const level1 = t('level1');
    const first = k === 0 || (ind && view.text(ind.id, indicators[k - 1], 'level1') !== level1);
    let span = 1;
    while (ind && k + span < indicators.length && view.text(ind.id, indicators[k + span], 'level1') === level1) span++;
    const lead = first ? `<td${span > 1 ? ` rowspan="${span}"` : ''}>${esc(level1)}</td>` : '';
    grid.push(`<tr>${lead}<td>${esc(t('level2'))}</td><td>${esc(t('level3'))}</td><td colspan="2">${esc(t('description'))}</td><td>${esc(t('value'))}</td><td>${esc(t('basis'))}</td></tr>`);
  });
  const name = view.text(projects.id, project, 'name');
  const cols = '<colgroup><col style="width:11%"><col style="width:15%"><col style="width:16%"><col style="width:13%"><col style="width:13%"><col style="width:12%"><col style="width:20%"></colgroup>';
  return [
    `<section class="block new-page project-sheet"${anchor ? ` id="${anchor}"` : ''} style="font-size:10pt">`,
    `<h3 class="inline-title">${ordinal}、${esc(name)}绩效目标表</h3>`,
    `<p class="plain" style="text-align:right">单位：${esc(input.unitOfMeasure)}</p>`,
    `<table class="grid">${cols}<tbody>${form.join('\n')}</tbody></table>`,
    `<table class="grid" style="margin-top:-0.6pt">${cols}<thead>${GRID_HEAD}</thead><tbody>${grid.join('\n') || '<tr><td colspan="7">&nbsp;</td></tr>'}</tbody></table>`,
    '</section>',
  ].join('\n');
}
