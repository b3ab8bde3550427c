import type { ColumnDef, TableDef, Template } from '../template/types';
import { getPack, hasPack } from '../regions';
import type { ImportVocabulary } from '../regions/types';
import { foldLabel, foldText } from './text';

/**
 * Finding a template's tables and columns in a workbook laid out by someone else: titles
 * vary by region and year, headers by wording and order. Matching is by folded text
 * against the template's own labels plus the synonyms below.
 */

const NO_VOCABULARY: ImportVocabulary = { titles: {}, headers: {} };

/** The import vocabulary of a template's pack (titles, header words, row labels). */
export function vocabularyOf(template: Template): ImportVocabulary {
  return hasPack(template.id) ? getPack(template.id).vocabulary : NO_VOCABULARY;
}

/**
 * A title as compared: folded, without its numbering (表3, 附表1-2), a year (2026年度), a
 * trailing remark in brackets ((草稿), (修订稿), (调整)), the scope words 部门 / 单位 / 预算单位
 * (the 单位预算 set titles the same tables 预算单位… or 单位…) and 区级 / 本级.
 */
export function titleKey(text: string): string {
  let s = foldLabel(text);
  for (let i = 0; i < 3; i++) {
    const next = s.replace(/(?:\([^()]{0,16}\)|\[[^[\]]{0,16}\]|【[^【】]{0,16}】)$/, '').replace(/^\d{4}年度?/, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/预算单位|部门|单位|区级|本级|市级|县级/g, '');
}

export interface TitleMatch {
  tableId: string;
  /** How closely the text matched: 2 exact title, 1 alias contained in the text. */
  score: number;
  /** The text names the table by the template's own title, not by another region's alias. */
  own: boolean;
  /** The title names a 决算 (final accounts) table, not a budget table. */
  finalAccounts?: boolean;
}

type TitleKey = { tableId: string; key: string; own: boolean };

const titleIndex = new WeakMap<Template, TitleKey[]>();

function titlesOf(template: Template): TitleKey[] {
  let list = titleIndex.get(template);
  if (!list) {
    const vocabulary = vocabularyOf(template).titles;
    list = [];
    for (const table of template.tables) {
      const ownKey = titleKey(table.title);
      const keys = new Set([table.title, ...(vocabulary[table.id] ?? [])].map(titleKey).filter((k) => k.length >= 2));
      for (const key of keys) list.push({ tableId: table.id, key, own: key === ownKey });
    }
    titleIndex.set(template, list);
  }
  return list;
}

const titleEnds = new WeakMap<Template, Set<string>>();

/**
 * Whether a text, by its title key, may name one of the template's tables: its titles end with
 * a table's name, so a key ending in another character names none (a 决算 title is read as the
 * budget one's). A cheap test for the many rows of text that are not titles.
 */
export function mayBeTitle(template: Template, key: string): boolean {
  let ends = titleEnds.get(template);
  if (!ends) titleEnds.set(template, (ends = new Set(titlesOf(template).map((t) => t.key[t.key.length - 1]))));
  return ends.has(key[key.length - 1]) || key.includes('决算');
}

/** Title cells repeat across sheets and packs (merged titles, the pack chosen by titles): each text matched once per template. */
const matchCache = new WeakMap<Template, Map<string, TitleMatch | null>>();
const MATCH_CACHE_SIZE = 5_000;

/** Which table of the template a title cell names, preferring the longest matching name. */
export function matchTitle(template: Template, text: unknown): TitleMatch | null {
  const raw = String(text ?? '');
  if (raw.length > 80) return null;
  let cache = matchCache.get(template);
  if (!cache) matchCache.set(template, (cache = new Map()));
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const found = matchTitleUncached(template, raw);
  if (cache.size >= MATCH_CACHE_SIZE) cache.clear();
  cache.set(raw, found);
  return found;
}

function matchTitleUncached(template: Template, raw: string): TitleMatch | null {
  const key = titleKey(raw);
  if (key.length < 3 || key.length > 60) return null;
  const found = bestTitle(template, key);
  if (found || !key.includes('决算')) return found;
  // A 决算 workbook titles the same tables 收入决算表, 一般公共预算财政拨款支出决算表 …:
  // recognised, and said so.
  const asBudget = bestTitle(template, key.replace(/决算/g, '预算')) ?? bestTitle(template, key.replace(/决算/g, ''));
  return asBudget ? { ...asBudget, finalAccounts: true } : null;
}

function bestTitle(template: Template, key: string): TitleMatch | null {
  let best: { tableId: string; score: number; len: number; own: boolean } | null = null;
  for (const { tableId, key: name, own } of titlesOf(template)) {
    const exact = key === name;
    // The title may carry a unit's name or year before it; it must end with the table name.
    const contained = !exact && name.length >= 4 && key.endsWith(name);
    if (!exact && !contained) continue;
    const score = exact ? 2 : 1;
    if (!best || score > best.score || (score === best.score && (name.length > best.len || (name.length === best.len && own && !best.own)))) {
      best = { tableId, score, len: name.length, own };
    }
  }
  return best ? { tableId: best.tableId, score: best.score, own: best.own } : null;
}

function labelVariants(label: string, synonyms: Record<string, string[]>): string[] {
  const folded = foldLabel(label);
  return [folded, ...(synonyms[folded] ?? [])];
}

/**
 * How well a workbook column's header path fits a template column: 0 is no match.
 * The leaf label must match (or a synonym); each group label that also matches adds weight.
 */
export function headerScore(path: string[], column: ColumnDef, synonyms: Record<string, string[]> = {}): number {
  // A column without header text (many are) scores nothing: answered before any array is made.
  if (path.length === 0) return 0;
  const folded = path.map(headerKey).filter(isFilled);
  if (folded.length === 0) return 0;
  const leaf = folded[folded.length - 1];
  const want = column.header.map(headerKey);
  const wantLeaf = want[want.length - 1];
  let score: number;
  if (leaf === wantLeaf) score = 10;
  else if (labelVariants(wantLeaf, synonyms).includes(leaf) || labelVariants(leaf, synonyms).includes(wantLeaf)) score = 6;
  else return 0;
  const groups = new Set(folded.slice(0, -1));
  const wantGroups = want.slice(0, -1);
  for (const g of wantGroups) if (groups.has(g)) score += 3;
  // A group the template does not have for this column (e.g. 支出 over 项目 vs 收入) counts against it.
  for (const g of groups) if (!wantGroups.includes(g) && !sharesGroup(g, wantGroups)) score -= 2;
  if (folded.length === want.length) score += 1;
  return Math.max(score, 1);
}

/** A header label folded, without a leading year (2024年预留中小微企业份额 is the same column in 2025). */
function headerKey(label: string): string {
  return foldLabel(label).replace(/^\d{4}年度?/, '');
}

function isFilled(text: string): boolean {
  return text !== '';
}

function sharesGroup(group: string, wanted: string[]): boolean {
  for (const w of wanted) if (w.includes(group) || group.includes(w)) return true;
  return false;
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
 * Assign workbook columns to the template's columns, best fits first, each used once; the
 * columns the workbook shows before those it hides (`hidden`), so that a hidden column (an
 * old copy, a helper) is read only where no shown one gives the same template column.
 * Columns of fixed tables with two sides (T1/T4) are told apart by their group label.
 */
export function assignColumns(table: TableDef, paths: string[][], synonyms: Record<string, string[]> = {}, hidden: (index: number) => boolean = () => false): ColumnAssignment[] {
  const candidates: Array<ColumnAssignment & { hidden: boolean }> = [];
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index];
    if (codePartOf(path)) continue;
    const isHidden = hidden(index);
    for (const column of table.columns) {
      const score = headerScore(path, column, synonyms);
      if (score > 0) candidates.push({ index, colId: column.id, score, hidden: isHidden });
    }
  }
  candidates.sort((a, b) => Number(a.hidden) - Number(b.hidden) || byScoreThenIndex(a, b));
  const usedIndex = new Set<number>();
  const usedCol = new Set<string>();
  const out: ColumnAssignment[] = [];
  for (const { index, colId, score } of candidates) {
    if (usedIndex.has(index) || usedCol.has(colId)) continue;
    usedIndex.add(index);
    usedCol.add(colId);
    out.push({ index, colId, score });
  }
  return out.sort(byIndex);
}

function byScoreThenIndex(a: ColumnAssignment, b: ColumnAssignment): number {
  return b.score - a.score || a.index - b.index;
}

function byIndex(a: ColumnAssignment, b: ColumnAssignment): number {
  return a.index - b.index;
}

/** Fold a fixed row's label for matching ("一、一般公共服务支出" ≡ "一般公共服务支出"). */
export function rowLabelKey(label: unknown): string {
  return foldLabel(label);
}

/** Whether a cell reads as the 合计 (total) row label. */
export function isTotalLabel(label: unknown): boolean {
  const k = foldLabel(label);
  return k === '合计' || k === '总计' || k === '合计数' || k === '收入总计' || k === '支出总计' || k === '本年合计';
}

export function isNoteText(text: unknown): boolean {
  return /^(注|说明|备注|附注)\d*[:：]/.test(foldText(text));
}

/** A signature line under a table: 单位负责人：  财务负责人：  制表人：  填报日期： */
export function isSignatureText(text: unknown): boolean {
  return /(负责人|审核人|制表人|填报人|填表人|经办人|复核人|联系人|联系电话|制表日期|填报日期|填表日期|报送日期|签字|签章|盖章)[:：]?/.test(foldText(text));
}

/** Page furniture: 第 1 页, 共 3 页, 第1页/共3页, - 2 -. */
export function isPageText(text: unknown): boolean {
  return /^第\d+页(?:[/,，]?共\d+页)?$|^共\d+页$|^-\d+-$/.test(foldText(text));
}

/** The template's placeholder rows: …, ……, ... (a blank template's 示意行). */
export function isEllipsisText(text: unknown): boolean {
  return /^(?:…+|\.{3,}|⋯+|x+|X+)$/.test(foldText(text));
}
