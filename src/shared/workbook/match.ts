import type { ColumnDef, TableDef, Template } from '../template/types';
import { foldLabel, foldText } from './text';

/**
 * Finding a template's tables and columns in a workbook laid out by someone else: titles
 * vary by region and year, headers by wording and order. Matching is by folded text
 * against the template's own labels plus the synonyms below.
 */

/** Other titles the same table is published under (other regions, other years). */
const TITLE_ALIASES: Record<string, string[]> = {
  t01: ['部门财务收支预算总表', '财务收支预算总表', '部门收支预算总表', '收支预算总表', '部门收支总表', '收支总表'],
  t02: ['部门收入预算总表', '收入预算总表', '部门收入总表', '收入总表'],
  t03: ['部门支出预算总表', '支出预算总表', '部门支出总表', '支出总表'],
  t04: ['部门财政拨款收支预算总表', '财政拨款收支预算总表', '财政拨款收支总表'],
  t05: ['一般公共预算支出功能分类预算表', '一般公共预算财政拨款支出表', '一般公共预算支出表'],
  t06: ['一般公共预算基本支出部门预算经济分类预算表', '一般公共预算财政拨款基本支出表', '一般公共预算基本支出表', '基本支出表'],
  t07: ['政府性基金预算支出功能分类预算表', '政府性基金预算财政拨款支出表', '政府性基金预算支出表'],
  t08: ['国有资本经营预算支出功能分类预算表', '国有资本经营预算财政拨款支出表', '国有资本经营预算支出表'],
  t09: ['"三公"经费和机关运行经费预算表', '财政拨款"三公"经费支出表', '"三公"经费支出表', '"三公"经费预算表'],
  projects: ['项目支出绩效目标表', '绩效目标表'],
  t11: ['部门政府采购预算表', '政府采购预算表', '政府采购预算明细表', '政府采购预算'],
  t12: ['部门固定资产占用情况表', '固定资产占用情况表', '国有资产占用情况表'],
  org: ['部门机构设置情况', '机构设置情况', '机构设置'],
  narrative: ['部门预算情况说明', '情况说明'],
};

/** Header words that mean the same column. Keys and values are folded labels. */
const HEADER_SYNONYMS: Record<string, string[]> = {
  合计: ['总计', '合计数', '金额合计', '预算数合计'],
  科目编码: ['编码', '科目代码', '代码', '功能分类科目编码', '经济分类科目编码', '科目编号'],
  科目名称: ['名称', '功能分类科目名称', '经济分类科目名称', '项目'],
  预算数: ['金额', '预算金额', '本年预算数', '预算'],
  金额: ['预算数', '预算金额'],
  财政拨款收入: ['财政拨款', '一般公共预算拨款收入'],
  财政专户收入: ['财政专户管理资金收入', '财政专户核拨'],
  经营收入: ['事业单位经营收入'],
  上年结转: ['上年结转结余', '上年结转收入', '年初结转和结余'],
  基本支出: ['基本支出合计'],
  项目支出: ['项目支出合计'],
  公用经费: ['日常公用经费', '商品和服务支出'],
  一般公共预算财政拨款: ['一般公共预算', '一般公共预算拨款'],
  政府性基金预算财政拨款: ['政府性基金预算', '政府性基金预算拨款'],
  政府性基金预算拨款: ['政府性基金预算', '政府性基金预算财政拨款'],
  国有资本经营预算财政拨款: ['国有资本经营预算', '国有资本经营预算拨款'],
  价值: ['金额', '价值(金额单位:万元)', '账面价值'],
};

/** Table titles are compared without the department's own prefix ("部门预算", year). */
function titleKey(text: string): string {
  return foldLabel(text).replace(/^\d{4}年度?/, '');
}

export interface TitleMatch {
  tableId: string;
  /** How closely the text matched: 2 exact title, 1 alias contained in the text. */
  score: number;
}

/** Which table of the template a title cell names, preferring the longest matching name. */
export function matchTitle(template: Template, text: unknown): TitleMatch | null {
  const key = titleKey(String(text ?? ''));
  if (key.length < 3 || key.length > 60) return null;
  let best: { tableId: string; score: number; len: number } | null = null;
  for (const table of template.tables) {
    const names = [table.title, ...(TITLE_ALIASES[table.id] ?? [])].map(titleKey);
    for (const name of names) {
      const exact = key === name;
      // The title may carry a unit's name or year before it; it must end with the table name.
      const contained = !exact && name.length >= 4 && key.endsWith(name);
      if (!exact && !contained) continue;
      const score = exact ? 2 : 1;
      if (!best || score > best.score || (score === best.score && name.length > best.len)) {
        best = { tableId: table.id, score, len: name.length };
      }
    }
  }
  return best ? { tableId: best.tableId, score: best.score } : null;
}

function labelVariants(label: string): string[] {
  const folded = foldLabel(label);
  return [folded, ...(HEADER_SYNONYMS[folded] ?? [])];
}

/**
 * How well a workbook column's header path fits a template column: 0 is no match.
 * The leaf label must match (or a synonym); each group label that also matches adds weight.
 */
export function headerScore(path: string[], column: ColumnDef): number {
  const folded = path.map(headerKey).filter((p) => p !== '');
  if (folded.length === 0) return 0;
  const leaf = folded[folded.length - 1];
  const want = column.header.map(headerKey);
  const wantLeaf = want[want.length - 1];
  let score: number;
  if (leaf === wantLeaf) score = 10;
  else if (labelVariants(wantLeaf).includes(leaf) || labelVariants(leaf).includes(wantLeaf)) score = 6;
  else return 0;
  const groups = new Set(folded.slice(0, -1));
  const wantGroups = want.slice(0, -1);
  for (const g of wantGroups) if (groups.has(g)) score += 3;
  // A group the template does not have for this column (e.g. 支出 over 项目 vs 收入) counts against it.
  for (const g of groups) if (!wantGroups.includes(g) && !sharesGroup(g, wantGroups)) score -= 2;
  if (folded.length === want.length) score += 1;
  return score;
}

/** A header label folded, without a leading year (2024年预留中小微企业份额 is the same column in 2025). */
function headerKey(label: string): string {
  return foldLabel(label).replace(/^\d{4}年度?/, '');
}

function sharesGroup(group: string, wanted: string[]): boolean {
  return wanted.some((w) => w.includes(group) || group.includes(w));
}

/** Split-code columns (上海: 类 / 款 / 项 under 科目编码). */
export type CodePart = 'class' | 'section' | 'item';

export function codePartOf(path: string[]): CodePart | null {
  const leaf = foldLabel(path[path.length - 1] ?? '');
  if (leaf === '类') return 'class';
  if (leaf === '款') return 'section';
  if (leaf === '项') return 'item';
  return null;
}

export interface ColumnAssignment {
  /** Index of the workbook column (0-based within the header block). */
  index: number;
  colId: string;
  score: number;
}

/**
 * Assign workbook columns to the template's columns, best fits first, each used once.
 * Columns of fixed tables with two sides (T1/T4) are told apart by their group label.
 */
export function assignColumns(table: TableDef, paths: string[][]): ColumnAssignment[] {
  const candidates: ColumnAssignment[] = [];
  paths.forEach((path, index) => {
    if (codePartOf(path)) return;
    for (const column of table.columns) {
      const score = headerScore(path, column);
      if (score > 0) candidates.push({ index, colId: column.id, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  const usedIndex = new Set<number>();
  const usedCol = new Set<string>();
  const out: ColumnAssignment[] = [];
  for (const c of candidates) {
    if (usedIndex.has(c.index) || usedCol.has(c.colId)) continue;
    usedIndex.add(c.index);
    usedCol.add(c.colId);
    out.push(c);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Fold a fixed row's label for matching ("一、一般公共服务支出" ≡ "一般公共服务支出"). */
export function rowLabelKey(label: unknown): string {
  return foldLabel(label);
}

/** Whether a cell reads as the 合计 (total) row label. */
export function isTotalLabel(label: unknown): boolean {
  const k = foldText(label);
  return k === '合计' || k === '总计' || k === '合计数';
}

export function isNoteText(text: unknown): boolean {
  return /^(注|说明)[:：]/.test(foldText(text));
}
