import Decimal from 'decimal.js';
import { cellKey, parseCellKey, TOTAL_ROW } from '../draft';
import type { Dictionaries } from '../dictionary';
import type { Severity } from '../findings';
import { convertUnit, MICRO_PER_UNIT, roundMicro, toDecimalString, toFixedString, type Micro } from '../money';
import { fixedRowLabel } from '../template/layout';
import { rowUnit, tableByRole, type TableRole, type Template, type UnitOfMeasure } from '../template/types';
import type { ValueView } from '../validation/types';
import { narrativePackOf, narrativeTable, NEEDS_INPUT, sectionParts, textUnit } from './draft';
import { labelCell, hasExecutiveUnit, operandKey, priorYearRow } from './kit';
import { anyHit, buildLabels, findLabels, firstHit, hitAt, lastHit, type Label, type LabelHit } from './labels';
import { CLAUSE_END, escapeRegExp, foldText, FULL_STOP, SENTENCE_END } from './normalize';
import { boundaryBefore, decimalsOf, DECREASE, FLAT, fmt, INCREASE, micro, moneyTokens, NUMBER, partsOfCounts, RATE_DOWN, RATE_UP, sameAmount, signOf } from './scan';
import { emptyNotes, impossibleNumbers, presentNotes, items, itemAmounts, classAmounts, classItems, unitCount, goalProjects, procurementKinds, oldNames, pairChanges, punctuation, repeatedAmounts, scopeWording, years, type ItemAmount, type ReviewCheckId, type ReviewInput } from './review';
import type { NarrativePack } from './pack';

/**
 * Checks of the 情况说明 against the tables (rules 15 and 16, text side), for any pack: the
 * pack says which words name which figures (NarrativePack.words) and in which unit the text
 * states amounts. Every section is
 * read as printed (placeholders replaced), folded (see foldText), and scanned for figures
 * stated next to words the tables define. Each issue names the narrative cell the words
 * came from and the table cells they contradict.
 */

export type NarrativeCheckId =
  | 'figure'
  | 'change'
  | 'direction'
  | 'zeroBase'
  | 'percentSign'
  | 'unit'
  | 'placeholder'
  | 'operatingCost'
  | 'share'
  | 'points'
  | ReviewCheckId;

/** Default severities of the reviewers' checks (a pack may set its own: NarrativePack.review.severities). */
const REVIEW_SEVERITY: Record<ReviewCheckId, Severity> = {
  repeat: 'error',
  pairChange: 'error',
  year: 'error',
  oldName: 'warning',
  item: 'error',
  punctuation: 'warning',
  scope: 'warning',
  emptyNote: 'error',
  presentNote: 'warning',
  negative: 'error',
  unitCount: 'error',
  goals: 'error',
  procurementKind: 'error',
};

/** The severity of a reviewers' check in a pack. */
export function reviewSeverity(pack: NarrativePack | undefined, check: ReviewCheckId): Severity {
  return pack?.review.severities?.[check] ?? REVIEW_SEVERITY[check];
}

export interface TextIssue {
  check: NarrativeCheckId;
  severity: Severity;
  section: string;
  /** The narrative (or other text) cell the words came from. */
  textCell: string;
  /** Table cells the statement contradicts. */
  tableCells: string[];
  /** The words as found (folded). */
  snippet: string;
  message: string;
}

/** How a table cell is named in a message: the validation engine's words (Labels.describer), the one describer of cells. */
export type DescribeCell = (key: string) => string;

const DIRECTION = new RegExp(`(${[...INCREASE, ...DECREASE, ...FLAT, ...RATE_UP, ...RATE_DOWN].join('|')})`, 'g');
const ANY_DIRECTION = new RegExp(`${[...INCREASE, ...DECREASE, ...FLAT, ...RATE_UP, ...RATE_DOWN].join('|')}|新增|取消|节约`);
const AFTER_DIRECTION = new RegExp(`^(?:了|为|达到|达|额为|额|约|幅度为|幅度|比例为|比例|率为|率)?${NUMBER}(万元|亿元|元|%|个百分点)?`);
/** Last year's figures other than its budget, which the 上年对比 does not hold. */
const OTHER_BASE = /执行|决算|调整|实际支出|实际数|实际发生/;
/** Words making a figure named in a clause something the clause's subject is for or owes to ("主要是办公费增加"), not a subject. */
const ASIDE = /主要(?:是|为|用于)|用于|包括|原因/;
/** Words counting things after a number: a change of a count, not of an amount. */
const COUNTED = /^(?:个|人|名|辆|台|套|家|项|次|批|件|户|所|处|栋|天|平方米)/;
/** A change of an amount: "减少 89.27 万元". */
const MONEY_CHANGE = new RegExp(`(?:${[...INCREASE, ...DECREASE].join('|')})(?:了|为|额为|额|约)?${NUMBER}(?:万元|亿元|元)`);

const COMPARISON = /较|比|与|同比|相比|相较/;
/** A direction word right before a figure's words: the amount after them is the change ("压减公务接待费 3.50 万元"). */
const CHANGE_LEAD = new RegExp(`(?:${[...INCREASE, ...DECREASE].join('|')})了?$`);
/** The amount after the words of a figure a direction word leads. */
const AMOUNT_AHEAD = new RegExp(`^(?:预算|经费)?(?:共计|合计)?${NUMBER}(万元|亿元|元)`);
/** Words that make a count one to be bought, not one held ("拟购置车辆 1 辆"). */
const TO_BUY = /购置|购买|采购|新增|配置|配备|更新/;
/** A comparison with last year that leads a sentence and governs its clauses ("与上年相比，收、支总计各减少…"). */
const LAST_YEAR_LEAD = /(?:与|和|同|较|比)(?:上年|去年|上一年度?|\d{4}年)(?:预算)?(?:相比|比较|对比)?[,:]/;

/** Text that stands for a figure or a word the clerk has yet to fill in. */
const PLACEHOLDER_TEXT =
  /[XxＸｘ×*]{2,}|某某|增加\(减少\)|减少\(增加\)|增长\(下降\)|下降\(增长\)|增加\/减少|增\/减|□+|【[^】]*(?:请|填写|待定|XX)[^】]*】|【】|\{\{[^}]*\}\}|…+|\.{3,}|待填写|请填写|待补充|待定|TBD|TODO|(?:主要)?原因是[:：]?(?=[。;；]|$)/gi;

const PERCENT_TRIGGER = new RegExp(`(占[^,.;:。\\n\\d]{0,12}?|比重为?|比例为?|增长率为?|增幅为?|降幅为?|率为|率达到|(?:${[...INCREASE, ...DECREASE].join('|')})(?:了|为)?)${NUMBER}`, 'g');
const UNIT_AFTER_NUMBER = /^(%|‰|个百分点)/;
/** A share: "占支出总额的 87.16%" (the whole's words, if any, then the rate). */
const SHARE_OF = new RegExp(`占([^,.;:。\\n\\d%]{0,12}?)${NUMBER}%`, 'g');
const OPEN_END = /^($|[,.;:。、)\n])/;
/** A change in 个百分点: "比上年下降 14.51 个百分点". */
const POINTS = new RegExp(`(${[...INCREASE, ...DECREASE, ...RATE_UP, ...RATE_DOWN].join('|')})(?:了|约|为|达到|达|幅度为|幅度)?${NUMBER}个百分点`, 'g');
/** Words that make a figure a share or a rate: its change is in 个百分点, and is not the figure's. */
const RATE_WORDS = /占|比重|比例|率|份额|百分比/;


export interface Folded {
  text: string;
  /** Folded ranges of the rendered parts and the cell each came from. */
  ranges: Array<{ start: number; end: number; cell: string }>;
  /** The text as printed (not folded: quotes and brackets as typed), with the same cells. */
  raw: string;
  rawRanges: Array<{ start: number; end: number; cell: string }>;
}

/** Tables whose text cells the clerk's words come from. */
const TEXT_SOURCES: TableRole[] = ['narrative', 'priorYear', 'projects', 'indicators', 'org', 'lineNotes'];

/**
 * Which text of a section is read: everything as printed, or only the clerk's own words
 * (a hand-written section, or the lead/tail words and reasons inside a drafted one). The
 * drafted words and figures agree with the tables by construction, so the rules of the
 * finding engine read only the clerk's words (fast on a department with hundreds of projects).
 */
export type CheckScope = 'printed' | 'clerk';

function foldSection(view: ValueView, template: Template, section: string, scope: CheckScope, dictionaries?: Dictionaries): Folded {
  const nt = narrativeTable(template) ?? 'narrative';
  const sectionCell = cellKey(nt, section, 'text');
  const stored = narrativeTable(template) ? view.text(nt, section, 'text') : '';
  let parts: Array<{ text: string; key?: string }>;
  let mode: 'drafted' | 'manual';
  if (scope === 'clerk' && !stored.trim()) {
    mode = 'drafted';
    const keys = [cellKey(nt, section, 'lead'), cellKey(nt, section, 'tail')];
    const py = tableByRole(template, 'priorYear');
    const pack = narrativePackOf(template);
    if (py) {
      for (const name of pack?.reasonsInSection?.[section] ?? []) {
        const row = priorYearRow(template, name);
        if (row) keys.push(cellKey(py.id, row, 'reason'));
      }
    }
    // The per-科目 lines' words (what the money is for, the reason of a change) where the section prints them.
    const notes = tableByRole(template, 'lineNotes');
    if (notes && pack?.items?.section === section) {
      for (const code of view.rows(notes.id)) if (code !== TOTAL_ROW) keys.push(cellKey(notes.id, code, 'use'), cellKey(notes.id, code, 'reason'));
    }
    // Each piece stands alone: a line break keeps sentences of different cells apart.
    parts = keys.flatMap((key) => {
      const { table, row, col } = parseCellKey(key);
      const text = view.text(table, row, col);
      return text.trim() ? [{ text, key }, { text: '\n' }] : [];
    });
    // Words only the clerk can write, still missing: the draft prints a 【请填写…】 there.
    const required = pack?.requiredLead?.[section];
    if (required && !view.text(nt, section, 'lead').trim()) parts.push({ text: NEEDS_INPUT(required), key: cellKey(nt, section, 'lead') });
  } else {
    ({ mode, parts } = sectionParts(view, template, section, dictionaries && ((code) => dictionaries.function.get(code)?.name)));
  }
  let text = '';
  let raw = '';
  const ranges: Folded['ranges'] = [];
  const rawRanges: Folded['rawRanges'] = [];
  for (const p of parts) {
    const f = foldText(p.text);
    // Words the clerk typed elsewhere (lead/tail, a reason) are attributed to their cell.
    const cell = mode === 'drafted' && p.key && isTextCell(template, p.key) ? p.key : sectionCell;
    ranges.push({ start: text.length, end: text.length + f.length, cell });
    rawRanges.push({ start: raw.length, end: raw.length + p.text.length, cell });
    text += f;
    raw += p.text;
  }
  return { text, ranges, raw, rawRanges };
}

const textColumns = new WeakMap<Template, Set<string>>();

function isTextCell(template: Template, key: string): boolean {
  let cols = textColumns.get(template);
  if (!cols) {
    cols = new Set(
      template.tables
        .filter((t) => t.role && TEXT_SOURCES.includes(t.role))
        .flatMap((t) => t.columns.filter((c) => c.kind === 'text').map((c) => `${t.id}!${c.id}`)),
    );
    textColumns.set(template, cols);
  }
  const { table, col } = parseCellKey(key);
  return cols.has(`${table}!${col}`);
}

/** Where each character of the folded text was in the text as typed (foldText drops some, maps the rest one to one). */
const typedAt = new WeakMap<Folded, number[]>();

/**
 * A snippet of the folded text (found at or before `pos`) as the clerk typed it: with its quotes
 * and full-width punctuation ("“三公”经费1.00万元，" rather than "三公经费1.00万元,").
 */
function asTyped(f: Folded, snippet: string, pos: number): string {
  let at = f.text.lastIndexOf(snippet, pos);
  if (at < 0) at = f.text.indexOf(snippet, pos);
  if (at < 0 || !snippet) return snippet;
  let map = typedAt.get(f);
  if (!map) {
    map = [];
    for (let i = 0; i < f.raw.length; i++) if (foldText(f.raw[i]) !== '') map.push(i);
    typedAt.set(f, map);
  }
  if (map.length !== f.text.length) return snippet; // not folded from raw as expected: keep the folded words
  let start = map[at];
  let end = map[at + snippet.length - 1] + 1;
  // Quotes the snippet opens or closes are taken whole ("“政务公开审批”科目…", not "政务公开审批”科目…").
  const balance = () => (f.raw.slice(start, end).match(OPENING) ?? []).length - (f.raw.slice(start, end).match(CLOSING) ?? []).length;
  while (start > 0 && '“‘「'.includes(f.raw[start - 1]) && balance() < 0) start--;
  while (end < f.raw.length && '”’」'.includes(f.raw[end]) && balance() > 0) end++;
  return f.raw.slice(start, end);
}

const OPENING = /[“‘「]/g;
const CLOSING = /[”’」]/g;

function cellAt(f: Folded, pos: number, fallback: string): string {
  return f.ranges.find((r) => pos >= r.start && pos < r.end)?.cell ?? fallback;
}







/** A cell's figure in the text's unit. */
function valueOf(view: ValueView, template: Template, key: string, unit: UnitOfMeasure): Micro | null {
  const { table, row, col } = parseCellKey(key);
  const v = view.value(table, row, col);
  const def = template.tables.find((t) => t.id === table);
  return v === null || !def || def.columns.find((c) => c.id === col)?.kind !== 'money' ? v : convertUnit(v, rowUnit(template, def, row), unit).value;
}

/** 万元 in one 亿元. */
const YI_IN_WAN = 10_000;

/** An amount in 万元 as 亿元 (to the micro-unit of 亿元, 0.01 万元). */
function wanAsYi(value: Micro): Micro {
  return Math.round(value / YI_IN_WAN);
}

/** An amount in 元 as 万元 (exact to 0.01 元, the micro-unit of 万元). */
function yuanAsWan(value: Micro): Micro {
  return convertUnit(value, '元', '万元').value;
}

/**
 * An amount written in 元 in a budget in 万元 that means 万元: it is the named figure read as
 * 万元 (and not in 元), or too small to be an amount of a budget (under 10,000 元).
 */
function unitSlip(number: Micro, figure: Micro | null, written: string): boolean {
  if (figure !== null && sameAmount(roundMicro(yuanAsWan(number), 2), figure, 2)) return false;
  return (figure !== null && sameAmount(number, figure, decimalsOf(written))) || number < 10_000 * MICRO_PER_UNIT;
}

/** The figure with last year's, named right after a direction word at `from` ("压减公务接待费…"). */
function figureAhead(hits: LabelHit[], text: string, from: number): LabelHit | undefined {
  const h = hitAt(hits, text.startsWith('了', from) ? from + 1 : from);
  return h?.label.pyRow ? h : undefined;
}

/** Words of a cost no label binds, before its amount or its comparison ("运行费与上年持平", "车辆保险费为 1.00 万元"). */
const UNKNOWN_COST = /[\u4e00-\u9fa5](?:费|经费|资金)(?:预算数?|安排|共计|合计)?(?:为)?$/;
/** An amount of money. */
const AN_AMOUNT = new RegExp(`${NUMBER}(?:万元|亿元|元)`);

/**
 * Whether a clause's words before its comparison name a cost the labels do not know ("…，
 * 运行费与上年持平"): its change is that cost's, not the sentence's figure's.
 */
function ownWordsBefore(lead: string): boolean {
  const at = lead.search(COMPARISON);
  return UNKNOWN_COST.test(at >= 0 ? lead.slice(0, at) : lead);
}

/** The label a figure or a change is stated for: nearest label before `pos` in the clause. */
function labelBefore(hits: LabelHit[], pos: number, from: number): LabelHit | undefined {
  return lastHit(hits, pos, from);
}

export function checkSection(
  view: ValueView,
  template: Template,
  section: string,
  describe: DescribeCell,
  labels?: Label[] | (() => Label[]),
  scope: CheckScope = 'printed',
  dictionaries?: Dictionaries,
): TextIssue[] {
  const unit = textUnit(template);
  const pack = narrativePackOf(template);
  const py = tableByRole(template, 'priorYear');
  const pyId = py?.id ?? '';
  const operatingOp = template.figures.operating;
  const title = template.narrative.find((s) => s.id === section)?.title ?? section;
  const where = `情况说明“${title}”`;
  const f = foldSection(view, template, section, scope, dictionaries);
  const text = f.text;
  if (!text.trim()) return []; // nothing written (yet): nothing stated
  const sectionCell = cellKey(narrativeTable(template) ?? 'narrative', section, 'text');
  // Words without a figure or a direction word state nothing the labels could contradict.
  const needsLabels = /\d/.test(text) || ANY_DIRECTION.test(text);
  const hits = needsLabels ? findLabels(text, typeof labels === 'function' ? labels() : (labels ?? buildLabels(view, template)), section) : [];
  const issues: TextIssue[] = [];
  const issue = (check: NarrativeCheckId, severity: Severity, pos: number, snippet: string, tableCells: string[], message: string) => {
    const typed = asTyped(f, snippet, pos);
    issues.push({ check, severity, section, textCell: cellAt(f, pos, sectionCell), tableCells, snippet: typed, message: `${where}写“${typed}”：${message}` });
  };
  let executive: boolean | undefined;
  const severityOf = (check: ReviewCheckId) => reviewSeverity(pack, check);
  const rawCell = (pos: number) => f.rawRanges.find((r) => pos >= r.start && pos < r.end)?.cell ?? sectionCell;
  const nt = narrativeTable(template);
  const review: ReviewInput = {
    view,
    template,
    pack,
    section,
    unit,
    text,
    raw: f.raw,
    hits,
    dictionaries,
    valueOf: (key) => valueOf(view, template, key, unit),
    issue: (check, pos, snippet, cells, message) => issue(check, severityOf(check), pos, snippet, cells, message),
    rawIssue: (check, pos, snippet, message) =>
      issues.push({ check, severity: severityOf(check), section, textCell: rawCell(pos), tableCells: [], snippet, message: `${where}写“${snippet}”：${message}` }),
    narrativeAt: (pos) => parseCellKey(rawCell(pos)).table === nt,
  };
  const judged = pairChanges(review, template.year);
  /** Words that make a figure last year's: "上年", "2023年" in a 2024 budget; not a date at its end ("截至2023年12月31日", "上年末"), the assets' own. */
  const lastYear = new RegExp(`(?:上年|去年|${template.year - 1}年)(?![末底]|\\d{1,2}月)`);
  /** Last year's figure stated in a comparison: "较上年的 44.37 万元", "比2023年预算数25.00万元". */
  const priorInComparison = new RegExp(`(?:比|较|与|同)(?:上年|去年|上一年|${template.year - 1}年)度?(?:年初)?(?:预算数?)?的?${NUMBER}(万元|元)`);
  /** Where the figures checked against their words start (a last year's figure there is not checked again as the comparison's). */
  const figuresChecked = new Set<number>();

  // Whether the sentence (to its 。) holding `pos` speaks of 基本支出: a figure of the basic-spending
  // table named in words of the whole budget is that table's there (Label.ofBasic).
  const basicKey = labelCell(template, 'basic');
  const aboutBasic = (pos: number) => {
    const from = boundaryBefore(text, pos, FULL_STOP);
    const end = text.slice(pos).search(FULL_STOP);
    return !!basicKey && anyHit(hits, from, end < 0 ? text.length : pos + end, (h) => h.label.key === basicKey);
  };

  // Figures stated for a label: "职业年金 887.36 万元", "机关运行经费共计安排 46.80 万元",
  // also in 元 where the budget is in 万元 ("基本支出 4583000 元": 458.30 万元).
  for (const tok of moneyTokens(text)) {
    const inYuan = tok.unit === '元' && unit === '万元';
    const inYi = tok.unit === '亿元' && unit === '万元';
    if (tok.unit !== unit && !inYuan && !inYi) continue;
    const clause = boundaryBefore(text, tok.start, CLAUSE_END);
    const h = labelBefore(hits, tok.start, clause);
    if (!h || !h.label.key || (h.label.ofBasic && !aboutBasic(h.start))) continue;
    const gap = text.slice(h.end, tok.start);
    if (/\d/.test(gap) || gap.length > 12) continue;
    if (ANY_DIRECTION.test(gap) || CHANGE_LEAD.test(text.slice(clause, h.start))) continue; // a change, checked below
    if (gap.includes('等') || text.slice(clause, h.start).includes('、')) continue; // a sum over a list
    if (OTHER_BASE.test(text.slice(clause, tok.start))) continue; // "2023年“三公”经费决算数为…": not a budget's figure
    const number = micro(tok.number);
    if (number === null) continue;
    // Last year's figure ("2023年基本支出 554.07 万元"): against the 上年对比's, where it is known;
    // this year's figure under last year's number is a slip of the year (the year check's).
    const thisYear = valueOf(view, template, h.label.key, unit) ?? 0;
    const ofLastYear = (lastYear.test(text.slice(clause, h.start)) || lastYear.test(gap)) && !sameAmount(number, thisYear, decimalsOf(tok.number));
    const key = ofLastYear ? (h.label.pyRow && py ? cellKey(pyId, h.label.pyRow, 'prior') : null) : h.label.key;
    const actual = ofLastYear && key !== null ? valueOf(view, template, key, unit) : thisYear;
    if (key === null || actual === null) continue;
    figuresChecked.add(tok.start);
    if (inYuan && unitSlip(number, actual, tok.number)) continue; // 万元 written as 元: the unit check says so
    const stated = inYuan ? yuanAsWan(number) : inYi ? number * YI_IN_WAN : number;
    // 亿元 are written rounded ("12.35亿元", "约1.2亿元"): the figure to the places written.
    const places = Math.min(6, decimalsOf(tok.number));
    if (inYi ? number === roundMicro(wanAsYi(actual), places) : inYuan ? sameAmount(roundMicro(stated, 2), actual, 2) : sameAmount(stated, actual, decimalsOf(tok.number))) continue;
    const snippet = text.slice(h.start, tok.end);
    const diff = inYi ? `以亿元写到 ${places} 位小数应为 ${toFixedString(wanAsYi(actual), places)} 亿元` : `相差 ${fmt(Math.abs(stated - actual), unit)}`;
    const said = inYuan ? `${tok.number} 元（即 ${fmt(stated, unit)}）` : inYi ? `${tok.number} 亿元` : fmt(stated, unit);
    if (h.label.operatingCost && !ofLastYear) {
      if (!(executive ??= hasExecutiveUnit(view, template))) continue;
      const source = operatingOp ? operandKey(operatingOp) : h.label.key;
      issue('operatingCost', 'error', tok.start, snippet, [...new Set([h.label.key, source])],
        `机关运行经费应等于${describe(source)} ${fmt(actual, unit)}（行政、参公单位），文中为 ${said}，${diff}。`);
    } else {
      issue('figure', 'error', tok.start, snippet, [key], `${describe(key)}为 ${fmt(actual, unit)}，文中为 ${said}，${diff}。`);
    }
  }

  // Changes: the direction word, the amount and the rate against the 上年对比 table.
  // The figure a sentence's change is of: one with last year's figure, or a 类, a project or another figure of the
  // tables ("培训费 4.00 万元，比上年增加…"), whose last year is not known.
  // Not a figure named as what the money is for or the reason without a change of its own ("主要是新增信用体系建设经费 5 万元").
  const ownSubject = (h: LabelHit) => {
    if (!h.label.pyRow && !h.label.functionClass && !h.label.key) return false;
    const from = boundaryBefore(text, h.start, CLAUSE_END);
    if (!ASIDE.test(text.slice(from, h.start))) return true;
    const to = text.slice(h.end).search(CLAUSE_END);
    return MONEY_CHANGE.test(text.slice(from, to < 0 ? text.length : h.end + to));
  };
  // Whether the clause nearest before `clause` (back to `from`) that states an amount states it for a cost no label binds.
  const unknownCostBefore = (from: number, clause: number) => {
    for (let end = clause; end > from; ) {
      const start = Math.max(from, boundaryBefore(text, end - 1, CLAUSE_END));
      const words = text.slice(start, end);
      end = start;
      const at = words.search(AN_AMOUNT);
      if (at < 0) continue;
      return UNKNOWN_COST.test(words.slice(0, at)) && !anyHit(hits, start, start + at, (h) => !!h.label.key || !!h.label.functionClass);
    }
    return false;
  };
  for (const m of text.matchAll(DIRECTION)) {
    const word = m[1];
    const pos = m.index;
    if (judged.has(pos)) continue; // stated beside both its figures: judged by them
    // The words of the figure changed may come between the word and its amount ("压减公务接待费 3.50 万元").
    const ahead = figureAhead(hits, text, pos + word.length);
    const afterAt = ahead?.end ?? pos + word.length;
    const after = (ahead ? AMOUNT_AHEAD : AFTER_DIRECTION).exec(text.slice(afterAt));
    const noun = RATE_UP.includes(word) || RATE_DOWN.includes(word);
    if (noun && after?.[2] !== '%') continue; // "增幅较大": no rate stated
    if (after?.[2] === '个百分点') continue; // a change of a share or a rate (the points check's where it is an amount's)
    // A change of a count ("在职人员比上年减少 3 人", "项目个数增加 2 个"): not of a figure of the tables.
    if (after && !after[2] && COUNTED.test(text.slice(afterAt + after[0].length))) continue;
    const clause = boundaryBefore(text, pos, CLAUSE_END);
    // Compared in its clause, or by a comparison leading the sentence where an amount or rate follows.
    // Or by the comparison of the clause before, where this one goes on with a rate or an amount ("比上年减少 89.27 万元，下降 14.51%").
    const sentence = boundaryBefore(text, pos, SENTENCE_END);
    const before = clause > sentence ? text.slice(boundaryBefore(text, clause - 1, CLAUSE_END), clause) : '';
    const compared =
      COMPARISON.test(text.slice(clause, pos)) ||
      (!!after?.[2] &&
        (LAST_YEAR_LEAD.test(text.slice(sentence, clause)) ||
          (MONEY_CHANGE.test(before) && (COMPARISON.test(before) || anyHit(hits, clause - before.length, clause, (h) => !!h.label.pyRow)))));
    if (!after && !compared) continue;
    // Compared with last year's 执行数, 调整预算 or 实际支出 ("比 2023 年执行数减少…，下降…"): not the 上年预算数 the 上年对比 holds.
    if (OTHER_BASE.test(text.slice(clause, pos)) || (!COMPARISON.test(text.slice(clause, pos)) && OTHER_BASE.test(before))) continue;
    let subject = ahead && after ? ahead : labelBefore(hits, pos, clause);
    if (subject && !subject.label.pyRow) continue; // a project or an item without last year's figure
    if (!subject && !compared) continue;
    if (!subject && ownWordsBefore(text.slice(clause, pos))) continue;
    let pyRow = subject?.label.pyRow;
    if (!pyRow) {
      subject = lastHit(hits, pos, sentence, ownSubject);
      // The whole of a share ("人员经费…，占基本支出的 89.79%，比上年减少…"): the change is the part's.
      const ofShare = subject && boundaryBefore(text, subject.start, CLAUSE_END);
      if (subject && ofShare !== undefined && /占/.test(text.slice(ofShare, subject.start))) {
        subject = lastHit(hits, ofShare, sentence, ownSubject);
      }
      // A 类's, a project's or an item's change ("…信用体系建设经费 5 万元，比上年增加 1 万元"): its last year is not known.
      if (subject && !subject.label.pyRow) continue;
      // A cost the labels do not know, stated nearer ("…，其中车辆保险费 1.00 万元，比上年增加…"): its change.
      if (unknownCostBefore(subject?.end ?? sentence, clause)) continue;
      const fallback = pack?.defaultSubject?.[section];
      pyRow = subject?.label.pyRow ?? (fallback ? priorYearRow(template, fallback) : undefined);
    }
    // "基本支出占比比上年提高", "占支出总额的比重同比下降 2.1%": a change of the figure's share, not of the figure.
    if (RATE_WORDS.test(text.slice(subject && subject.start >= clause ? subject.end : clause, pos))) continue;
    if (!pyRow || !py) continue;
    // A blank last-year figure is unknown, not zero: nothing to compare with.
    const prior = valueOf(view, template, cellKey(pyId, pyRow, 'prior'), unit);
    if (prior === null) continue;
    const current = valueOf(view, template, cellKey(pyId, pyRow, 'current'), unit) ?? 0;
    const change = roundMicro(current - prior, 2);
    const item = fixedRowLabel(py, pyRow) ?? pyRow;
    const start = subject && subject.start >= clause ? Math.min(subject.start, pos) : pos;
    const end = after ? afterAt + after[0].length : pos + word.length;
    const snippet = text.slice(start, end);
    const cells = [cellKey(pyId, pyRow, 'prior'), cellKey(pyId, pyRow, 'current')];
    // Last year's figure stated in the comparison ("较上年的 44.37 万元增加…"), where its words did not name it (the figure check's then).
    const base = priorInComparison.exec(text.slice(clause, pos));
    const baseAt = base ? clause + base.index + base[0].length - base[1].length - base[2].length : -1;
    const baseStated = base && base[2] === unit && !figuresChecked.has(baseAt) ? micro(base[1]) : null;
    if (base && baseStated !== null && !sameAmount(baseStated, prior, decimalsOf(base[1]))) {
      issue('figure', 'error', clause + base.index, base[0], [cells[0]], `${describe(cells[0])}为 ${fmt(prior, unit)}，文中为 ${fmt(baseStated, unit)}，相差 ${fmt(Math.abs(baseStated - prior), unit)}。`);
    }
    const actualWords = change === 0 ? '持平' : `${change > 0 ? '增加' : '减少'} ${fmt(Math.abs(change), unit)}`;
    const facts = `上年${item} ${fmt(prior, unit)}，本年 ${fmt(current, unit)}，实际${actualWords}`;
    const sign = signOf(word);
    const isRate = after?.[2] === '%';
    if (isRate && prior === 0) {
      issue('zeroBase', 'error', pos, snippet, cells, `上年${item}为零，增长率无从计算（${facts}），应写明增加的金额。`);
      continue;
    }
    if (sign !== Math.sign(change)) {
      const severity: Severity = change === 0 ? 'warning' : 'error';
      const right = change === 0 ? '持平' : noun ? (change > 0 ? '增幅' : '降幅') : change > 0 ? '增加' : '减少';
      issue('direction', severity, pos, snippet, cells, `${facts}，应写“${right}”。`);
      continue;
    }
    if (!after || sign === 0) continue;
    const [, number, statedUnit] = [after[0], after[1], after[2] ?? ''];
    const stated = micro(number);
    if (stated === null) continue;
    if (isRate) {
      const rate = new Decimal(current - prior).times(100).div(prior).abs();
      const want = rate.toDecimalPlaces(decimalsOf(number), Decimal.ROUND_HALF_UP);
      if (!want.times(MICRO_PER_UNIT).eq(stated)) {
        issue('change', 'error', pos, snippet, [...cells, cellKey(pyId, pyRow, 'rate')], `${facts}，变动率为 ${rate.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%，文中为 ${number}%。`);
      }
    } else if (statedUnit === unit && !sameAmount(stated, Math.abs(change), decimalsOf(number)) && !(after[0].startsWith('为') && sameAmount(stated, current, decimalsOf(number)))) {
      // "减少为 458.30 万元": this year's figure, reduced to.
      issue('change', 'error', pos, snippet, [...cells, cellKey(pyId, pyRow, 'change')], `${facts}，文中为 ${fmt(stated, unit)}。`);
    } else if (statedUnit === '亿元' && unit === '万元' && stated !== roundMicro(wanAsYi(Math.abs(change)), Math.min(6, decimalsOf(number)))) {
      issue('change', 'error', pos, snippet, [...cells, cellKey(pyId, pyRow, 'change')], `${facts}，文中为 ${number} 亿元。`);
    }
  }

  // Shares: "基本支出 458.30 万元，占支出总额的 87.16%": the figure named before 占 over the
  // whole named after it. Written to two places or more, one unit off its rounding is allowed
  // (shares are often evened to add up to 100%); to fewer, it is the share cut or rounded
  // either way ("87%" or "88%" for 87.16%, not "86%"). A 类 with its amount ("一般公共服务支出
  // 409.30 万元，占 77.84%") is a share of the total of the table its amount is from, where the
  // sentence names no whole.
  for (const m of text.matchAll(SHARE_OF)) {
    const pos = m.index;
    // "占支出总额的比重比上年下降 2.1%": a change of the share, not a share.
    if (ANY_DIRECTION.test(m[1])) continue;
    const sentence = boundaryBefore(text, pos, SENTENCE_END);
    // A per-科目 item with its amount just before ("“…行政运行（01项）”115.00 万元，占财政拨款支出的 79.31%"), else a figure named.
    const item = lastItemBefore(review, sentence, pos);
    const part = item
      ? undefined
      : lastHit(
          hits,
          pos,
          sentence,
          (h) => (!!h.label.key || !!h.label.functionClass) && !ASIDE.test(text.slice(boundaryBefore(text, h.start, CLAUSE_END), h.start)),
        );
    if (!item && !part) continue;
    const partStart = item?.start ?? part!.start;
    const wholeEnd = pos + 1 + m[1].length;
    // The whole named after 占, or the figure a 其中 breaks down: "支出 525.80 万元，其中：基本支出 458.30 万元，占 87.16%",
    // its list going on past a ；("…；项目支出 67.50 万元，占 12.84%").
    // A 其中 that opens its sentence breaks down the figure the sentence before is about, its first
    // ("“三公”经费预算数为 6.75 万元，比上年减少…。其中：因公出国（境）费 1.50 万元，占 22.22%").
    const within = text.lastIndexOf('其中', partStart);
    const listStart = boundaryBefore(text, pos, FULL_STOP);
    const keyed = (h: LabelHit) => !!h.label.key;
    const opening = within === listStart && within > 0 ? boundaryBefore(text, within - 1, FULL_STOP) : -1;
    const named =
      firstHit(hits, pos, wholeEnd, keyed) ??
      (within >= listStart ? (lastHit(hits, within, listStart, keyed) ?? (opening >= 0 ? firstHit(hits, opening - 1, within, keyed) : undefined)) : undefined);
    // Last year's share ("上年基本支出…占…", "占上年支出的…"): not this year's figures.
    if (lastYear.test(text.slice(boundaryBefore(text, partStart, CLAUSE_END), item ? partStart : part!.end)) || lastYear.test(m[1])) continue;
    const namedKey = named?.label.key;
    const namedValue = namedKey ? valueOf(view, template, namedKey, unit) : null;
    let share: Share | undefined;
    if (item) {
      // Its share of the whole named; a wrong amount is the item check's finding.
      if (namedKey && namedValue !== null && sameAmount(item.stated, item.value, decimalsOf(item.number)) && item.keys.length) {
        share = { partWords: wordsOf(item.keys, item.words, describe), part: item.keys, partValue: item.value, wholeWords: describe(namedKey), whole: [namedKey], wholeValue: namedValue };
      }
    } else if (part?.label.functionClass) {
      share = classShare(review, part.start, pos, namedKey && namedValue !== null ? { words: describe(namedKey), key: namedKey, value: namedValue } : undefined, describe);
    } else if (part?.label.key && namedKey && part.label.key !== namedKey && (!part.label.ofBasic || aboutBasic(part.start))) {
      const partValue = valueOf(view, template, part.label.key, unit);
      if (partValue !== null && namedValue !== null) {
        share = { partWords: describe(part.label.key), part: [part.label.key], partValue, wholeWords: describe(namedKey), whole: [namedKey], wholeValue: namedValue };
      }
    }
    if (!share || !share.wholeValue) continue;
    const number = m[2];
    if (new Decimal(number).gt(100)) continue; // over 100 %: the reviewers' check says so
    const places = decimalsOf(number);
    const ratio = new Decimal(share.partValue).times(100).div(share.wholeValue);
    const step = new Decimal(10).pow(-places);
    if (places >= 2 ? ratio.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).minus(number).abs().lte(step) : ratio.minus(number).abs().lt(step)) continue;
    issue('share', 'error', pos, text.slice(partStart, pos + m[0].length), [...share.part, ...share.whole],
      `${share.partWords}为 ${fmt(share.partValue, unit)}，${share.wholeWords}为 ${fmt(share.wholeValue, unit)}，占 ${ratio.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%，文中为 ${number}%。`);
  }

  // A change of an amount in 个百分点 ("支出总计 525.80 万元，比上年下降 14.51 个百分点"):
  // 个百分点 are a share's or a rate's; an amount's change is a rate, in %. The figure compared is
  // what the nearest clause (this one first) that speaks of a figure speaks of: a share or a rate
  // ("占比比上年提高 2.1 个百分点", "…占 87.16%，比上年提高 2.1 个百分点") or an amount.
  for (const m of text.matchAll(POINTS)) {
    const pos = m.index;
    const sentence = boundaryBefore(text, pos, SENTENCE_END);
    let amount: { subject?: LabelHit; from: number } | undefined;
    for (let end = pos; end > sentence; ) {
      const from = boundaryBefore(text, end - 1, CLAUSE_END);
      const words = text.slice(from, end);
      end = from;
      if (RATE_WORDS.test(words) || words.includes('%')) break;
      const subject = lastHit(hits, from + words.length, from, (h) => !!h.label.key || !!h.label.functionClass);
      if (subject || moneyTokens(words).some((t) => t.unit === unit || t.unit === '元' || t.unit === '亿元')) {
        amount = { subject, from };
        break;
      }
    }
    if (!amount) continue;
    const [, word, number] = m;
    const start = amount.subject && amount.from >= boundaryBefore(text, pos, CLAUSE_END) ? amount.subject.start : pos;
    // The figure whose rate it is: the one named there, else the sentence's ("财政拨款支出预算 145.00 万元，比上年增加 5.00 万元，增长…").
    const subject = amount.subject?.label.pyRow ? amount.subject : amount.subject ? undefined : lastHit(hits, pos, sentence, (h) => !!h.label.pyRow || !!h.label.functionClass);
    // Compared with last year's 执行数 and the like, the 上年对比 does not give the rate.
    const pyRow = OTHER_BASE.test(text.slice(sentence, pos)) ? undefined : subject?.label.pyRow;
    const prior = pyRow && py ? valueOf(view, template, cellKey(pyId, pyRow, 'prior'), unit) : null;
    const current = pyRow && py ? (valueOf(view, template, cellKey(pyId, pyRow, 'current'), unit) ?? 0) : null;
    // What the figures give where last year's figure is known (a rate, or 持平); else the number written as a rate.
    const places = Math.max(2, decimalsOf(number));
    const change = prior && current !== null ? roundMicro(current - prior, 2) : null;
    const right =
      change === null
        ? `${word}${number}%`
        : change === 0
          ? '持平'
          : `${Math.sign(change) === signOf(word) ? word : change > 0 ? '增长' : '下降'}${new Decimal(change).times(100).div(prior!).abs().toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places)}%`;
    const item = pyRow && py ? (fixedRowLabel(py, pyRow) ?? pyRow) : undefined;
    const facts = item && prior !== null && current !== null ? `（上年${item} ${fmt(prior, unit)}，本年 ${fmt(current, unit)}）` : '';
    issue('points', 'warning', pos, text.slice(start, pos + m[0].length), pyRow && prior !== null ? [cellKey(pyId, pyRow, 'prior'), cellKey(pyId, pyRow, 'current')] : [],
      `比较的是金额${item ? `（${item}）` : ''}，金额的增减幅度用“%”表示，应写“${right}”${facts}；“个百分点”只用于占比、比率的增减。`);
  }

  // Counts stated in the text: "车辆 2 辆" where the assets table says 1. A count to be bought
  // ("拟购置车辆 1 辆") is the pack's planned count where it has one, and not the count held.
  const counts = pack?.words.counts;
  const countTable = counts && tableByRole(template, counts.role);
  if (counts && countTable) {
    const rowOf = new Map(Object.entries(counts.words).map(([w, row]) => [foldText(w), row]));
    const alternatives = (list: Iterable<string>) => [...list].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    // Not across a closing bracket: "设备（不含车辆）0 台" counts the 设备.
    const statement = new RegExp(`(${alternatives(rowOf.keys())})([^,;:。\\d)]{0,6}?)${NUMBER}(${alternatives(counts.units.map(foldText))})`, 'g');
    // "共有车辆 2 辆，其中：一般公务用车 1 辆、执法执勤用车 1 辆": kinds of the row, not the row.
    const isPart = partsOfCounts(text);
    for (const m of text.matchAll(statement)) {
      const toBuy = TO_BUY.test(text.slice(boundaryBefore(text, m.index, CLAUSE_END), m.index) + m[2]);
      const col = toBuy ? counts.planned : counts.col;
      const row = rowOf.get(m[1]);
      const stated = micro(m[3]);
      if (!col || !row || stated === null) continue;
      if (isPart(row, m.index, m.index + m[0].length)) continue;
      const actual = view.value(countTable.id, row, col) ?? 0;
      if (stated === actual) continue;
      const key = cellKey(countTable.id, row, col);
      issue('figure', 'error', m.index, m[0], [key], `${describe(key)}为 ${toDecimalString(actual)}，文中为 ${m[3]}。`);
    }
  }

  // A percentage without %: "占 76.23", "增长 12".
  for (const m of text.matchAll(PERCENT_TRIGGER)) {
    const end = m.index + m[0].length;
    const rest = text.slice(end);
    if (UNIT_AFTER_NUMBER.test(rest) || !OPEN_END.test(rest)) continue;
    issue('percentSign', 'warning', m.index, m[0], [], `数字 ${m[2]} 后缺少单位，比率应写作“${m[2]}%”，金额应写明“${unit}”。`);
  }

  // 元 written where the budget is in 万元: an amount in 元 ("4583000 元", said as its 万元),
  // or a slip of the unit ("3.58 元" for 3.58 万元: a labelled figure it is in 万元, or too
  // small to be an amount of a budget in 元).
  if (unit === '万元') {
    for (const tok of moneyTokens(text)) {
      if (tok.unit !== '元') continue;
      const number = micro(tok.number);
      if (number === null) continue;
      const clause = boundaryBefore(text, tok.start, CLAUSE_END);
      const snippet = text.slice(Math.max(clause, tok.start - 12), tok.end);
      const h = labelBefore(hits, tok.start, clause);
      const figure = h?.label.key ? valueOf(view, template, h.label.key, unit) : null;
      const slip = unitSlip(number, figure, tok.number);
      const asWan = yuanAsWan(number);
      // The amount in 万元 is offered only where it is the figure (or no figure is named).
      const offer = figure === null || sameAmount(roundMicro(asWan, 2), figure, 2) ? `说明中宜写作“${toFixedString(asWan)}万元”` : '说明中的金额宜以万元写';
      issue('unit', 'warning', tok.start, snippet, [], slip
        ? `本预算的金额单位是万元，“${tok.number}元”是否应为“${tok.number}万元”？`
        : `“${tok.number}元”即 ${toFixedString(asWan)} 万元；本预算的金额单位是万元，${offer}。`);
    }
  }

  // Leftover placeholders: "XX", "增加（减少）", 【请填写…】, an unknown {{…}}.
  // Words only the clerk can write, still missing (see foldSection): reported as the pack says.
  const required = pack?.requiredLead?.[section];
  const missingLead = required ? foldText(NEEDS_INPUT(required)) : null;
  for (const m of text.matchAll(PLACEHOLDER_TEXT)) {
    if (m[0] === missingLead) issue('placeholder', pack?.requiredLeadSeverity ?? 'error', m.index, m[0], [], `这段文字只能由编制人填写，请写明${required}。`);
    else issue('placeholder', 'error', m.index, m[0], [], /原因是/.test(m[0]) ? '“原因是”后没有写原因。' : '这是未替换的占位文字，请改为实际内容。');
  }

  // What reviewers mark beyond the figures (./review).
  repeatedAmounts(review);
  years(review, template.year);
  items(review);
  classItems(review);
  unitCount(review);
  goalProjects(review);
  procurementKinds(review);
  oldNames(review);
  punctuation(review);
  scopeWording(review);
  emptyNotes(review);
  presentNotes(review);
  impossibleNumbers(review);
  return issues;
}

/** A share the text states: the part and the whole, with their cells and figures and how a message names them. */
interface Share {
  partWords: string;
  part: string[];
  partValue: Micro;
  wholeWords: string;
  whole: string[];
  wholeValue: Micro;
}

/**
 * What may stand between a 类's amount and the 占 of its share: "一般公共服务支出 409.30 万元，占…",
 * "…，约占…", "…，所占比重为…", "…（占…）", its change ("…，比上年增加 10.00 万元，增长 2.50%，占…").
 */
const CLASS_SHARE_GAP = new RegExp(`^(?:,(?:(?:比|较|同比|与)[^,]*|(?:${[...INCREASE, ...DECREASE, ...RATE_UP, ...RATE_DOWN].join('|')})[^,]*))*[,(]?(?:约|共|所)?$`);

/**
 * The share of a 类 whose name starts at `start` and whose 占 is at `pos`, as the 类 check read
 * its amount (review.ts classAmounts): over the whole named (`named`), or, with none named, over
 * the total of the table its amount is from. Nothing where the amount is none of the 类's
 * figures (the 类 check's finding), where the share is not said of the amount ("一般公共服务支出
 * 中，行政运行 300.00 万元，占…"), or where the tables the amount may be from give different
 * shares: the whole is ambiguous.
 */
function classShare(
  r: ReviewInput,
  start: number,
  pos: number,
  named: { words: string; key: string; value: Micro } | undefined,
  describe: DescribeCell,
): Share | undefined {
  const stated = classAmounts(r).find((c) => c.start === start);
  if (!stated || !stated.sources.length || !CLASS_SHARE_GAP.test(r.text.slice(stated.end, pos))) return undefined;
  if (named) {
    // The tables whose total is the whole named, else any: the 类's figure must be one.
    const over = stated.sources.filter((s) => s.wholeValue === named.value);
    const sources = over.length ? over : stated.sources;
    if (new Set(sources.map((s) => s.partValue)).size !== 1) return undefined;
    const [s] = sources;
    return { partWords: wordsOf(s.part, s.words, describe), part: s.part, partValue: s.partValue, wholeWords: named.words, whole: [named.key], wholeValue: named.value };
  }
  const [s, ...others] = stated.sources;
  if (others.some((o) => o.partValue !== s.partValue || o.wholeValue !== s.wholeValue)) return undefined;
  return { partWords: wordsOf(s.part, s.words, describe), part: s.part, partValue: s.partValue, wholeWords: wordsOf(s.whole, s.wholeWords, describe), whole: s.whole, wholeValue: s.wholeValue };
}

/** The per-科目 item (review.ts itemAmounts) whose amount a share at `pos` is said of: the last in the sentence, its change at most between. */
function lastItemBefore(r: ReviewInput, sentence: number, pos: number): ItemAmount | undefined {
  let last: ItemAmount | undefined;
  for (const i of itemAmounts(r)) if (i.start >= sentence && i.end <= pos) last = i;
  return last && CLASS_SHARE_GAP.test(r.text.slice(last.end, pos)) ? last : undefined;
}

/** A figure of one cell as the validation engine names it; of several (财政拨款 across the fiscal tables), by the words given. */
const wordsOf = (keys: string[], words: string, describe: DescribeCell) => (keys.length === 1 ? describe(keys[0]) : words);

/** Every section's issues. */
export function checkNarrative(view: ValueView, template: Template, describe: DescribeCell, scope: CheckScope = 'printed', dictionaries?: Dictionaries): TextIssue[] {
  let labels: Label[] | undefined;
  // The labels (every table word the text may name) are built only when some words need them.
  const lazyLabels = () => (labels ??= buildLabels(view, template));
  return template.narrative.flatMap((s) => checkSection(view, template, s.id, describe, lazyLabels, scope, dictionaries));
}

/** Key figures whose reason explains a change of the total. */
const TOTAL_REASON_ROWS = ['spendingTotal', 'basic', 'personnel', 'public', 'project'];

export interface MissingReason {
  pyRow: string;
  cells: string[];
  message: string;
}

/**
 * A change needs a reason (rule 16): the 三公 total, whose section is titled 增减变化原因, and
 * the total, explained by any of its parts' reasons. Only when last year's figure is entered.
 */
export function missingReasons(view: ValueView, template: Template, name: 'threeTotal' | 'spendingTotal'): MissingReason | null {
  const py = tableByRole(template, 'priorYear');
  const pyRow = priorYearRow(template, name);
  if (!py || !pyRow) return null;
  const unit = textUnit(template);
  const prior = valueOf(view, template, cellKey(py.id, pyRow, 'prior'), unit);
  if (prior === null) return null;
  const change = roundMicro((valueOf(view, template, cellKey(py.id, pyRow, 'current'), unit) ?? 0) - prior, 2);
  if (change === 0) return null;
  const names = name === 'spendingTotal' ? TOTAL_REASON_ROWS : [name];
  const rows = names.map((n) => priorYearRow(template, n)).filter((r): r is string => r !== undefined);
  if (rows.some((r) => view.text(py.id, r, 'reason').trim())) return null;
  const item = fixedRowLabel(py, pyRow) ?? pyRow;
  const words = `${change > 0 ? '增加' : '减少'} ${fmt(Math.abs(change), unit)}`;
  return {
    pyRow,
    cells: [cellKey(py.id, pyRow, 'reason'), cellKey(py.id, pyRow, 'prior'), cellKey(py.id, pyRow, 'current')],
    message: `${item}比上年${words}，未说明增减原因：请在“${py.shortName ?? py.title}”表的${item}一行填写增减原因。`,
  };
}
