import Decimal from 'decimal.js';
import { cellKey, TOTAL_ROW } from '../draft';
import type { Dictionaries } from '../dictionary';
import { MICRO_PER_UNIT, roundMicro, type Micro } from '../money';
import { tableByRole, type TableDef, type TableRole, type Template, type UnitOfMeasure } from '../template/types';
import type { ValueView } from '../validation/types';
import { anyHit, type LabelHit } from './labels';
import { FUNCTION_CLASSES, NUMERALS } from '../regions/common/classes';
import { labelCell } from './kit';
import { FISCAL_ROLES, functionName } from './lines';
import { CLAUSE_END, foldText, FULL_STOP, SENTENCE_END } from './normalize';
import { OLD_CLASS_NAMES } from './old-names';
import type { NarrativePack } from './pack';
import { boundaryBefore, decimalsOf, DECREASE, FLAT, fmt, INCREASE, micro, moneyTokens, NUMBER, partsOfCounts, RATE_DOWN, RATE_UP, sameAmount, signOf } from './scan';

/**
 * The checks reviewers of published budgets make beyond the figures of the tables (issue
 * 17): text against text (one item, two amounts; a rate against the two figures of its
 * sentence; years; punctuation; 部门/单位 wording; leftovers of the template), and text
 * against tables (per-科目 items, old 科目 names, notes that a table is empty).
 */

export type ReviewCheckId =
  | 'repeat'
  | 'pairChange'
  | 'year'
  | 'oldName'
  | 'item'
  | 'punctuation'
  | 'scope'
  | 'emptyNote'
  | 'presentNote'
  | 'negative'
  | 'unitCount'
  | 'goals'
  | 'procurementKind';

export interface ReviewInput {
  view: ValueView;
  template: Template;
  pack: NarrativePack | undefined;
  section: string;
  unit: UnitOfMeasure;
  /** Folded text and the text as printed. */
  text: string;
  raw: string;
  hits: LabelHit[];
  dictionaries?: Dictionaries;
  /** A cell's figure in the text's unit. */
  valueOf: (key: string) => Micro | null;
  /** An issue at a position of the folded text. */
  issue: (check: ReviewCheckId, pos: number, snippet: string, tableCells: string[], message: string) => void;
  /** An issue at a position of the printed text. */
  rawIssue: (check: ReviewCheckId, pos: number, snippet: string, message: string) => void;
  /** Whether a position of the printed text is the clerk's words in a narrative cell. */
  narrativeAt: (pos: number) => boolean;
}

const SUBJECT_END = /(?:费|经费|资金|补助|补贴|支出|收入)$/;
const VERBS = /(?:预算|安排|共计|合计|总计|为|共|约|达到|达|是|计)+$/;

/** One item, two amounts: "培训费 12.00 万元 …… 培训费共安排 10.00 万元" (per paragraph). */
export function repeatedAmounts(r: ReviewInput): void {
  const seen = new Map<string, { amount: Micro; number: string }>();
  let paragraph = 0;
  for (const tok of moneyTokens(r.text)) {
    if (tok.unit !== r.unit) continue;
    const p = boundaryBefore(r.text, tok.start, /\n/);
    if (p !== paragraph) {
      paragraph = p;
      seen.clear();
    }
    const clause = boundaryBefore(r.text, tok.start, CLAUSE_END);
    const before = r.text.slice(clause, tok.start);
    if (before.includes('、') || /其中|分别|合计|共计|总计/.test(before)) continue;
    const subject = /([\u4e00-\u9fa5()]{2,16})$/.exec(before.replace(VERBS, ''))?.[1]?.replace(/^(?:其中|主要用于|用于|安排)/, '');
    if (!subject || !SUBJECT_END.test(subject)) continue;
    // Words the tables define are checked against the tables themselves.
    if (anyHit(r.hits, clause, tok.start, (h) => !!h.label.key)) continue;
    const amount = micro(tok.number);
    if (amount === null) continue;
    const before2 = seen.get(subject);
    if (before2 && !sameAmount(amount, before2.amount, decimalsOf(tok.number))) {
      r.issue('repeat', tok.start, r.text.slice(clause, tok.end), [], `同一段中“${subject}”写了两个金额：${fmt(before2.amount, r.unit)}和${fmt(amount, r.unit)}，请核对。`);
    } else if (!before2) seen.set(subject, { amount, number: tok.number });
  }
}

const DIRECTION_AFTER = new RegExp(`(${[...INCREASE, ...DECREASE, ...FLAT, ...RATE_UP, ...RATE_DOWN].join('|')})(?:了|为)?(?:${NUMBER}(%|${'万元|元'}))?`, 'g');

/**
 * A change stated beside both its figures: "上年 400 万元，本年 300 万元，增长 12.5%". The rate,
 * the amount and the direction word must follow from the two figures of the same sentence.
 * Returns the positions of the direction words it judged (the 上年对比 check leaves them).
 */
export function pairChanges(r: ReviewInput, year: number): Set<number> {
  const judged = new Set<number>();
  const priorWords = new RegExp(`上年|去年|上年度|上一年|${year - 1}年`);
  const currentWords = new RegExp(`本年|今年|本年度|${year}年`);
  const tokens = moneyTokens(r.text).filter((t) => t.unit === r.unit);
  for (const m of r.text.matchAll(DIRECTION_AFTER)) {
    const pos = m.index;
    const sentence = boundaryBefore(r.text, pos, SENTENCE_END);
    let prior: { v: Micro; n: string } | undefined;
    let current: { v: Micro; n: string } | undefined;
    for (const t of tokens) {
      if (t.start < sentence || t.end > pos) continue;
      const clause = r.text.slice(boundaryBefore(r.text, t.start, CLAUSE_END), t.start);
      const v = micro(t.number);
      if (v === null) continue;
      if (priorWords.test(clause) && !/比|较|与/.test(clause)) prior = { v, n: t.number };
      else if (currentWords.test(clause) || (prior && !current)) current = { v, n: t.number };
    }
    if (!prior || !current) continue;
    judged.add(pos);
    const word = m[1];
    const change = roundMicro(current.v - prior.v, 2);
    // A rate's noun states a rate ("降幅 25%"), not a change of its own.
    const noun = RATE_UP.includes(word) || RATE_DOWN.includes(word);
    if (noun && m[3] !== '%') continue;
    const sign = signOf(word);
    const snippet = r.text.slice(sentence, pos + m[0].length);
    const actual = change === 0 ? '持平' : change > 0 ? '增加' : '减少';
    const facts = `上年 ${fmt(prior.v, r.unit)}，本年 ${fmt(current.v, r.unit)}，实际${actual}${change ? ` ${fmt(Math.abs(change), r.unit)}` : ''}`;
    if (sign !== Math.sign(change)) {
      r.issue('pairChange', pos, snippet, [], `${facts}，应写“${noun && change ? (change > 0 ? '增幅' : '降幅') : actual}”。`);
      continue;
    }
    if (!m[2] || sign === 0) continue;
    const stated = micro(m[2]);
    if (stated === null) continue;
    if (m[3] === '%') {
      if (prior.v === 0) {
        r.issue('pairChange', pos, snippet, [], `上年为零，增长率无从计算（${facts}）。`);
        continue;
      }
      const rate = new Decimal(current.v - prior.v).times(100).div(prior.v).abs();
      if (!rate.toDecimalPlaces(decimalsOf(m[2]), Decimal.ROUND_HALF_UP).times(MICRO_PER_UNIT).eq(stated)) {
        r.issue('pairChange', pos, snippet, [], `${facts}，变动率为 ${rate.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%，文中为 ${m[2]}%。`);
      }
    } else if (m[3] === r.unit && !sameAmount(stated, Math.abs(change), decimalsOf(m[2]))) {
      r.issue('pairChange', pos, snippet, [], `${facts}，文中为 ${fmt(stated, r.unit)}。`);
    }
  }
  return judged;
}

const COMPARED_YEAR = /(?:比|较|与|同比|相较于?|对比)(\d{4})年/g;
const BUDGET_YEAR = /(\d{4})年度?(?:部门|单位)?(?:预算|收入预算|支出预算)/g;
const AS_OF_YEAR = /截至(\d{4})年/g;

/** Years: the budget's own year, last year for comparisons and for the 截至 date. */
export function years(r: ReviewInput, year: number): void {
  const compared = new Set<number>();
  for (const m of r.text.matchAll(COMPARED_YEAR)) {
    compared.add(m.index + m[0].length - m[1].length - 1);
    if (Number(m[1]) !== year - 1) r.issue('year', m.index, m[0], [], `这是${year}年预算，比较的应是上年（${year - 1}年），文中为${m[1]}年。`);
  }
  for (const m of r.text.matchAll(BUDGET_YEAR)) {
    if (compared.has(m.index) || /(?:比|较|与|上年|对比|于|\()$/.test(r.text.slice(Math.max(0, m.index - 3), m.index))) continue;
    if (Number(m[1]) !== year) r.issue('year', m.index, m[0], [], `这是${year}年预算，文中写成${m[1]}年。`);
  }
  for (const m of r.text.matchAll(AS_OF_YEAR)) {
    if (Number(m[1]) !== year - 1) r.issue('year', m.index, m[0], [], `${year}年预算的资产截至日期应在${year - 1}年，文中为${m[1]}年。`);
  }
}

/** A 科目 name as compared: folded, without the 支出/预算 suffix. */
const bareName = (name: string) => foldText(name).replace(/[()（）“”"、，,]/g, '').replace(/(?:支出|预算)+$/, '');

/** A name of a 类/款/项 as the text writes it, "(室)" included ("政府办公厅（室）及相关机构事务"). */
const ITEM_NAME = String.raw`((?:[\u4e00-\u9fa5]|\(室\)){2,30}?)`;
const CODED_ITEM = new RegExp(String.raw`${ITEM_NAME}\((\d{3})类\)(?:${ITEM_NAME}\((\d{2})款\))?(?:${ITEM_NAME}\((\d{2})项\))?(?:科目)?(?:为|安排|预算)?`, 'g');
const NAMED_ITEM = /([\u4e00-\u9fa5]{2,30})科目(?:为|安排|预算)?/g;

/**
 * Per-科目 items ("“公共安全支出（204类）司法（06款）行政运行（01项）”12.34万元", "“行政运行”科目
 * 12.34万元") against 财政拨款支出 of the code (the fiscal tables together), with the names the
 * tables (or the code list) give.
 */
export function items(r: ReviewInput): void {
  const general = tableByRole(r.template, 'generalSpending');
  if (!general) return;
  const nameOf = (code: string) => functionName(r.view, r.template, code, (c) => r.dictionaries?.function.get(c)?.name);
  for (const m of r.text.matchAll(CODED_ITEM)) {
    const levels: Array<[name: string | undefined, code: string]> = [[m[1], m[2]]];
    if (m[4]) levels.push([m[3], m[2] + m[4]]);
    if (m[4] && m[6]) levels.push([m[5], m[2] + m[4] + m[6]]);
    for (const [name, code] of levels) {
      const known = nameOf(code);
      if (name && known && bareName(name) !== bareName(known)) {
        r.issue('oldName', m.index, m[0], [], `${code} 的科目名称是“${known}”，文中写作“${name}”。`);
      }
    }
  }
  for (const item of itemAmounts(r)) {
    if (sameAmount(item.stated, item.value, decimalsOf(item.number))) continue;
    r.issue('item', item.start, r.text.slice(item.start, item.end), item.keys.length ? item.keys : [cellKey(general.id, item.code, 'total')],
      `${item.words}为 ${fmt(item.value, r.unit)}，文中为 ${fmt(item.stated, r.unit)}。`);
  }
}

/** A per-科目 item with its amount as the text states it, and its 财政拨款支出 in the tables. */
export interface ItemAmount {
  code: string;
  /** Where the item's words start and its amount ends, in the folded text. */
  start: number;
  end: number;
  stated: Micro;
  number: string;
  /** The code's cells in the fiscal tables, and their sum. */
  keys: string[];
  value: Micro;
  /** What the figure is, in a message ("一般公共预算支出表中 2040601 行政运行"). */
  words: string;
}

/** What `find` gives for a section's check, found once however many checks read it. */
function oncePerCheck<T extends object>(find: (r: ReviewInput) => T): (r: ReviewInput) => T {
  const found = new WeakMap<ReviewInput, T>();
  return (r) => {
    let value = found.get(r);
    if (!value) found.set(r, (value = find(r)));
    return value;
  };
}

/** The per-科目 items of a text with their amounts (see items). */
export const itemAmounts = oncePerCheck(findItemAmounts);

function findItemAmounts(r: ReviewInput): ItemAmount[] {
  const general = tableByRole(r.template, 'generalSpending');
  if (!general) return [];
  const tables = FISCAL_ROLES.map((role) => tableByRole(r.template, role)).filter((t) => t !== undefined);
  const nameOf = (code: string) => functionName(r.view, r.template, code, (c) => r.dictionaries?.function.get(c)?.name);
  const amountAt = (end: number) => new RegExp(`^${NUMBER}(万元|元)`).exec(r.text.slice(end));
  const out: ItemAmount[] = [];
  const add = (end: number, code: string, start: number) => {
    const a = amountAt(end);
    if (!a || a[2] !== r.unit) return;
    const stated = micro(a[1]);
    if (stated === null) return;
    const keys = tables.filter((t) => r.view.value(t.id, code, 'total') !== null).map((t) => cellKey(t.id, code, 'total'));
    const value = keys.reduce((sum, key) => sum + (r.valueOf(key) ?? 0), 0);
    const where = keys.length === 1 ? tables.find((t) => keys[0].startsWith(`${t.id}!`))! : general;
    const words = `${keys.length > 1 ? '财政拨款支出' : titleOf(where)}中 ${code} ${nameOf(code)}`;
    out.push({ code, start, end: end + a[0].length, stated, number: a[1], keys, value, words });
  };
  for (const m of r.text.matchAll(CODED_ITEM)) {
    const code = m[2] + (m[4] ?? '') + (m[4] && m[6] ? m[6] : '');
    add(m.index + m[0].length, code, m.index);
  }
  // "其中“行政运行”科目": the name is the longest row name the words before 科目 end with.
  let named: Array<{ row: string; name: string }> | undefined;
  for (const m of r.text.matchAll(NAMED_ITEM)) {
    named ??= r.view
      .rows(general.id)
      .filter((row) => row !== TOTAL_ROW)
      .map((row) => ({ row, name: bareName(r.view.text(general.id, row, 'name')) }))
      .filter((n) => n.name.length >= 2);
    const words = bareName(m[1]);
    const longest = Math.max(0, ...named.filter((n) => words.endsWith(n.name)).map((n) => n.name.length));
    const rows = named.filter((n) => n.name.length === longest && words.endsWith(n.name));
    if (rows.length === 1) {
      const start = m.index + m[1].length - rows[0].name.length;
      add(m.index + m[0].length, rows[0].row, start);
    }
  }
  return out;
}

/**
 * A 类 by its name with an amount ("按支出功能分类，一般公共服务支出 409.30 万元"), as the text
 * states it: where the name and the amount are, and which tables' figure of the 类 the amount
 * is. The amount may be the 类's in the budget as a whole (the spending table) or in 财政拨款
 * (the fiscal tables, or the general budget alone), as the sentence may speak of either.
 * Names a longer row name contains ("其他一般公共服务支出") or an economic class shares
 * ("其他支出"), and last year's amounts, are not taken as the 类's.
 */
export interface ClassAmount {
  code: string;
  /** The 类's name as the tables (or the code list) give it, folded. */
  name: string;
  /** Where the name starts, and where the amount ends, in the folded text. */
  start: number;
  end: number;
  /** The amount as written, in micro-units of the text's unit. */
  stated: Micro;
  number: string;
  /** The 类's cell in the spending table, and the fiscal tables' cells of it. */
  spendingKey: string;
  fiscalKeys: string[];
  /** The 类's figure in the spending table, and in the fiscal tables together. */
  spending: Micro;
  fiscal: Micro;
  /** The 类's 基本支出 and 项目支出 where the sentence speaks of them. */
  kinds: Array<{ key: string; words: string; value: Micro }>;
  /** The tables whose figure of the 类 the amount is (none: the amount is wrong), each with its whole: the table's total. */
  sources: ClassSource[];
}

export interface ClassSource {
  /** What the figure is, in a message ("部门预算支出总表中 201 一般公共服务支出"). */
  words: string;
  part: string[];
  partValue: Micro;
  /** The total of the table(s): 支出总计, 财政拨款支出 or 一般公共预算支出. */
  wholeWords: string;
  whole: string[];
  wholeValue: Micro;
}

/** The spending table's columns of 基本支出 and 项目支出, with the figures whose words name them. */
const KIND_COLUMNS = [
  { col: 'basic', figure: 'basic', words: '基本支出' },
  { col: 'project', figure: 'project', words: '项目支出' },
];

/** What may stand between a 类's name and its amount: "一般公共服务支出预算为 409.30 万元", "一般公共服务支出（类）409.30 万元". */
const CLASS_AMOUNT = new RegExp(`^(?:\\(类\\))?(?:预算数?|安排|合计|共计)?(?:为|是)?${NUMBER}(万元|元)`);

/** The 类 amounts of a text (the 类 check and the share check read them). */
export const classAmounts = oncePerCheck(findClassAmounts);

function findClassAmounts(r: ReviewInput): ClassAmount[] {
  const spending = tableByRole(r.template, 'spending');
  if (!spending || spending.rows.kind !== 'coded' || !spending.columns.some((c) => c.id === 'total')) return [];
  // The tables are read only for the 类 whose standard name is in the text (a text check re-runs
  // when what it read changes, and a department's tables have thousands of rows).
  const named = FUNCTION_CLASSES.filter(([, name]) => r.text.includes(foldText(name)));
  if (!named.length) return [];
  const general = tableByRole(r.template, 'generalSpending');
  const fiscal = FISCAL_ROLES.map((role) => tableByRole(r.template, role)).filter((t) => t !== undefined);
  const nameOf = (code: string) => foldText(functionName(r.view, r.template, code, (c) => r.dictionaries?.function.get(c)?.name));
  const economic = tableByRole(r.template, 'basicEconomic');
  const economicNames = new Set(economic ? r.view.rows(economic.id).map((row) => foldText(r.view.text(economic.id, row, 'name'))) : []);
  let rowNames: string[] | undefined;
  const lastYear = new RegExp(`上年|去年|${r.template.year - 1}年`);
  // The cells of 基本支出 and 项目支出 as the labels bind them, and whether a sentence (to its 。) names one.
  const kindKeys = new Map(KIND_COLUMNS.map(({ figure }) => [figure, labelCell(r.template, figure)]));
  const speaksOf = (pos: number, key: string) => {
    const end = r.text.slice(pos).search(FULL_STOP);
    return anyHit(r.hits, boundaryBefore(r.text, pos, FULL_STOP), end < 0 ? r.text.length : pos + end, (h) => h.label.key === key);
  };
  const out: ClassAmount[] = [];
  for (const [code] of named) {
    const spendingKey = cellKey(spending.id, code, 'total');
    const whole = r.valueOf(spendingKey);
    const name = nameOf(code);
    if (whole === null || economicNames.has(name)) continue; // not in the budget, or an economic class's name too
    rowNames ??= [...new Set([spending, general].flatMap((t) => (t ? r.view.rows(t.id).map(nameOf) : [])))];
    const containing = rowNames.filter((n) => n !== name && n.endsWith(name));
    for (let i = r.text.indexOf(name); i >= 0; i = r.text.indexOf(name, i + name.length)) {
      // Every 类 has its "其他…支出" 款, in the code list if not among the rows.
      if (r.text.slice(Math.max(0, i - 2), i) === '其他' || containing.some((n) => r.text.slice(Math.max(0, i - n.length + name.length), i + name.length) === n)) continue;
      const a = CLASS_AMOUNT.exec(r.text.slice(i + name.length));
      // Last year's amount ("2023年一般公共服务支出 …") is not this budget's.
      if (!a || a[2] !== r.unit || lastYear.test(r.text.slice(boundaryBefore(r.text, i, CLAUSE_END), i))) continue;
      const stated = micro(a[1]);
      if (stated === null) continue;
      const fiscalKeys = fiscal.filter((t) => r.view.value(t.id, code, 'total') !== null).map((t) => cellKey(t.id, code, 'total'));
      const ofFiscal = fiscalKeys.reduce((sum, key) => sum + (r.valueOf(key) ?? 0), 0);
      const generalKey = general && cellKey(general.id, code, 'total');
      const ofGeneral = generalKey ? r.valueOf(generalKey) : null;
      const same = (v: Micro | null) => v !== null && sameAmount(stated, v, decimalsOf(a[1]));
      const sources: ClassSource[] = [];
      if (same(whole)) sources.push(classSource(r, `${titleOf(spending)}中 ${code} ${name}`, [spendingKey], whole, [spending], `${titleOf(spending)}合计`));
      if (fiscalKeys.length > 0 && same(ofFiscal)) {
        const one = fiscalKeys.length === 1 ? fiscal.find((t) => fiscalKeys[0].startsWith(`${t.id}!`)) : undefined;
        sources.push(classSource(r, `${one ? titleOf(one) : '财政拨款支出'}中 ${code} ${name}`, fiscalKeys, ofFiscal, fiscal, '财政拨款支出合计'));
      }
      if (general && generalKey && ofGeneral !== null && same(ofGeneral)) {
        sources.push(classSource(r, `${titleOf(general)}中 ${code} ${name}`, [generalKey], ofGeneral, [general], `${titleOf(general)}合计`));
      }
      // In a sentence about 基本支出 or 项目支出 ("基本支出…，其中：一般公共服务支出 341.80 万元"), the 类's part of it.
      const kinds: ClassAmount['kinds'] = [];
      for (const { col, figure, words } of KIND_COLUMNS) {
        const figureKey = kindKeys.get(figure);
        if (!figureKey || !spending.columns.some((c) => c.id === col) || !speaksOf(i, figureKey)) continue;
        const key = cellKey(spending.id, code, col);
        const value = r.valueOf(key);
        if (value === null) continue;
        kinds.push({ key, words, value });
        if (!same(value)) continue;
        const total = cellKey(spending.id, TOTAL_ROW, col);
        sources.push({ words: `${titleOf(spending)}中 ${code} ${name}的${words}`, part: [key], partValue: value, wholeWords: `${titleOf(spending)}${words}合计`, whole: [total], wholeValue: r.valueOf(total) ?? 0 });
      }
      out.push({ code, name, start: i, end: i + name.length + a[0].length, stated, number: a[1], spendingKey, fiscalKeys, spending: whole, fiscal: ofFiscal, kinds, sources });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** A table as a message names it. */
const titleOf = (t: TableDef) => t.shortName ?? t.title;
/** A table named as a table (机构设置表), whether or not its short name already says 表. */
const tableNamed = (t: TableDef) => titleOf(t).replace(/表?$/, '表');

/** A figure of a 类 (its cells, summed) as the source of its amount, over the total of the tables it is from. */
function classSource(r: ReviewInput, words: string, part: string[], partValue: Micro, tables: TableDef[], wholeWords: string): ClassSource {
  const whole = tables.map((t) => cellKey(t.id, TOTAL_ROW, 'total'));
  return { words, part, partValue, wholeWords, whole, wholeValue: whole.reduce((sum, key) => sum + (r.valueOf(key) ?? 0), 0) };
}

/** A 类's amount stated in the text that is none of its figures (see classAmounts): named with both. */
export function classItems(r: ReviewInput): void {
  const spending = tableByRole(r.template, 'spending');
  if (!spending) return;
  for (const c of classAmounts(r)) {
    if (c.sources.length) continue;
    const fiscalWords = c.fiscalKeys.length && c.fiscal !== c.spending ? `，其中财政拨款 ${fmt(c.fiscal, r.unit)}` : '';
    const kindWords = c.kinds.map((k) => `，其中${k.words} ${fmt(k.value, r.unit)}`).join('');
    r.issue('item', c.start, r.text.slice(c.start, c.end), [c.spendingKey, ...c.fiscalKeys, ...c.kinds.map((k) => k.key)],
      `${titleOf(spending)}中 ${c.code} ${c.name}为 ${fmt(c.spending, r.unit)}${fiscalWords}${kindWords}，文中为 ${fmt(c.stated, r.unit)}。`);
  }
}

/** Old names of 科目 that were renamed (the code list holds the current ones). */
export function oldNames(r: ReviewInput): void {
  for (const { code, old, current } of OLD_CLASS_NAMES) {
    const folded = foldText(old);
    for (let i = r.text.indexOf(folded); i >= 0; i = r.text.indexOf(folded, i + folded.length)) {
      r.issue('oldName', i, folded, [], `“${old}”是旧的科目名称，${code} 类现为“${current}”。`);
    }
  }
}

const BRACKETS: Array<[open: string, close: string]> = [['（', '）'], ['《', '》'], ['【', '】']];
const DOUBLE_MARK = /([。，；、：！？])\1|。，|，。/g;
const DOUBLE_WORD = /([\u4e00-\u9fa5]{2,4})\1|(的|了|和|与|及|在|是|对|将|按)\2/g;
const HEADING = /^(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]|第[一二三四五六七八九十]+)/;

/** Punctuation a reviewer marks: 。。, a paragraph without its full stop, unbalanced quotes or brackets, a word twice. */
export function punctuation(r: ReviewInput): void {
  let offset = 0;
  for (const line of r.raw.split('\n')) {
    const at = offset;
    offset += line.length + 1;
    // Straight quotes are the same character open and closed: balanced when even.
    const count = (ch: string) => [...line].filter((c) => c === ch).length;
    if (count('"') % 2 !== 0 || count('“') !== count('”')) r.rawIssue('punctuation', at, clip(line), `引号不成对（“ ${count('“')} 个，” ${count('”')} 个）。`);
    const wide = line.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\[/g, '【').replace(/\]/g, '】');
    for (const [open, close] of BRACKETS) {
      const opens = [...wide].filter((ch) => ch === open).length;
      const closes = [...wide].filter((ch) => ch === close).length;
      if (opens !== closes) r.rawIssue('punctuation', at, clip(line), `括号不成对（${open} ${opens} 个，${close} ${closes} 个）。`);
    }
    for (const m of line.matchAll(DOUBLE_MARK)) r.rawIssue('punctuation', at + m.index, around(line, m.index), `标点“${m[0]}”重复。`);
    for (const m of line.matchAll(DOUBLE_WORD)) r.rawIssue('punctuation', at + m.index, around(line, m.index), `“${m[1] ?? m[2]}”连写了两次。`);
    const trimmed = line.trim();
    if (
      trimmed.length >= 20 &&
      /[，,；;。]/.test(trimmed) &&
      !HEADING.test(trimmed) &&
      !/[。！？；：:;!?…”」）)]$/.test(trimmed) &&
      r.narrativeAt(at + line.indexOf(trimmed) + trimmed.length - 1)
    ) {
      r.rawIssue('punctuation', at + line.indexOf(trimmed) + trimmed.length - 1, clip(trimmed, true), '段末缺少句号。');
    }
  }
}

const clip = (s: string, end = false) => (s.length <= 24 ? s : end ? `…${s.slice(-20)}` : `${s.slice(0, 20)}…`);
const around = (s: string, i: number) => s.slice(Math.max(0, i - 8), i + 8);

/** 部门 wording in a 单位 report and the reverse. */
export function scopeWording(r: ReviewInput): void {
  const words = r.pack?.review.scopeWords;
  if (!words) return;
  const wrong = r.template.scope === 'unit' ? words.department : words.unit;
  const right = r.template.scope === 'unit' ? words.unit[0] : words.department[0];
  const kind = r.template.scope === 'unit' ? '单位预算' : '部门预算';
  for (const w of wrong) {
    for (let i = r.text.indexOf(w); i >= 0; i = r.text.indexOf(w, i + w.length)) {
      r.issue('scope', i, w, [], `这是${kind}，应写“${right}”。`);
    }
  }
}

/** Notes that a table is empty ("无政府采购预算", the table's own 空表 note) where it has figures. */
export function emptyNotes(r: ReviewInput): void {
  const statements = r.pack?.review.emptyStatements ?? [];
  const notes = [
    ...statements,
    ...r.template.tables.filter((t) => t.emptyNote && t.role).map((t) => ({ words: [t.emptyNote!.replace(/^注[:：]/, '')], role: t.role!, col: 'total' })),
  ];
  for (const { table, key, i, words } of statementsIn(r, notes)) {
    const v = r.valueOf(key);
    if (v) r.issue('emptyNote', i, words, [key], `${titleOf(table)}合计为 ${fmt(v, r.unit)}，不是空表。`);
  }
}

/**
 * Statements that a table has figures ("已按要求列入政府采购预算") where it is empty: they
 * contradict the table and the section that says it is empty (九 against 八).
 */
export function presentNotes(r: ReviewInput): void {
  for (const { table, key, i, words } of statementsIn(r, r.pack?.review.presentStatements ?? [])) {
    if (r.valueOf(key)) continue;
    const name = titleOf(table);
    r.issue('presentNote', i, words, [key], `${name}合计为 0（本年无${name}），与“${words}”矛盾：请删去这句，或填写${tableNamed(table)}。`);
  }
}

/** Where the text makes one of these statements, with the total cell of the table it speaks of. */
function* statementsIn(r: ReviewInput, statements: Array<{ words: string[]; role: TableRole; col: string }>) {
  for (const n of statements) {
    const table = tableByRole(r.template, n.role);
    if (!table) continue;
    for (const w of n.words) {
      const words = foldText(w).replace(/。$/, '');
      const i = r.text.indexOf(words);
      if (i >= 0) yield { table, key: cellKey(table.id, TOTAL_ROW, n.col), i, words };
    }
  }
}

const NEGATIVE = new RegExp(`(?:^|[^\\d.a-zA-Z])-${NUMBER}(万元|元|%)`, 'g');
const SHARE = new RegExp(`(?:占比|占|比重|比例)[^,;。\\n\\d]{0,12}?${NUMBER}%`, 'g');

/** Negative amounts, and shares above 100 %. */
export function impossibleNumbers(r: ReviewInput): void {
  for (const m of r.text.matchAll(NEGATIVE)) {
    const start = m.index + m[0].indexOf('-');
    r.issue('negative', start, r.text.slice(start, m.index + m[0].length), [], `金额、比率不写负数：减少应写“减少${m[1]}${m[2]}”。`);
  }
  for (const m of r.text.matchAll(SHARE)) {
    const v = micro(m[1]);
    if (v !== null && v > 100 * MICRO_PER_UNIT) r.issue('negative', m.index, m[0], [], `占比不能超过 100%，文中为 ${m[1]}%。`);
  }
}

/** A small count as written: 3, 两, 十二 (the numerals the packs number 类 with, to 三十一). */
function countOf(written: string): number | null {
  if (/^\d+$/.test(written)) return Number(written);
  const n = NUMERALS.indexOf(written === '两' ? '二' : written) + 1;
  return n > 0 ? n : null;
}

/** "编制范围的单位共3个", "共三家单位", "所属事业单位共2个", "行政单位1家": a count of the units the budget covers. */
const UNIT_COUNT = new RegExp(
  [
    '(行政|参公|事业)?(?:预算)?单位(?:共有|共计|共|总数为|数为|数量为)(N)(?:个|家)',
    '共(?:有|计)?(N)(?:个|家)(行政|参公|事业)?(?:预算)?单位',
    '(行政|参公|事业)(?:预算)?单位(N)(?:个|家)',
  ].join('|').replaceAll('N', '[0-9]+|[一二两三四五六七八九十]{1,3}'),
  'g',
);

/**
 * The number of units stated against the 机构设置 table, which lists the department's own unit
 * with those below it: all its units, those of a nature ("事业单位共2个"), or, said of the
 * units below the department alone ("下属单位共2个"), all but one.
 */
export function unitCount(r: ReviewInput): void {
  const org = tableByRole(r.template, 'org');
  if (!org) return;
  // The table is read only where the text states a count (a text check re-runs when what it read changes).
  let listed: string[] | undefined;
  for (const m of r.text.matchAll(UNIT_COUNT)) {
    const stated = countOf(m[2] ?? m[3] ?? m[6]);
    if (stated === null) continue;
    const rows = (listed ??= r.view.rows(org.id).filter((row) => row !== TOTAL_ROW && r.view.text(org.id, row, 'name').trim()));
    if (!rows.length) return;
    const nature = m[1] ?? m[4] ?? m[5];
    const clause = r.text.slice(boundaryBefore(r.text, m.index, CLAUSE_END), m.index);
    const natures = rows.map((row) => r.view.text(org.id, row, 'nature').trim());
    if (nature && natures.some((n) => !n)) continue; // natures not all given: nothing to count by
    const counted = nature ? natures.filter((n) => n === nature).length : rows.length;
    // The units below the department alone ("下属单位共2个"): the table lists the department's own too.
    const below = !nature && /下属|所属|二级|附属/.test(clause) && !/本部|本级|机关/.test(clause) ? counted - 1 : counted;
    if (stated === counted || stated === below) continue;
    const what = nature ? `单位性质为“${nature}”的单位` : '单位';
    r.issue('unitCount', m.index, m[0], rows.map((row) => cellKey(org.id, row, nature ? 'nature' : 'name')),
      `${tableNamed(org)}列出${what} ${counted} 个，文中为 ${stated} 个。`);
  }
}

/** Whether the sentence holding `pos` has these words. */
function sentenceSays(text: string, pos: number, words: string): boolean {
  const start = boundaryBefore(text, pos, SENTENCE_END);
  const end = text.slice(pos).search(SENTENCE_END);
  return text.slice(start, end < 0 ? undefined : pos + end).includes(words);
}

/**
 * "编报绩效目标的项目共3个", "实行绩效目标管理的项目3个", "3个项目", and "涉及项目预算资金 15.00 万元",
 * "金额合计 15.00 万元", in a sentence about 绩效目标.
 */
const GOAL_COUNT = /项目(?:共有|共计|共)?([0-9]+|[一二两三四五六七八九十]{1,3})个|([0-9]+|[一二两三四五六七八九十]{1,3})个项目/g;
const GOAL_AMOUNT = new RegExp(`(?:(?:涉及|对应|安排)(?:项目)?(?:预算)?(?:资金|金额)(?:共计|合计|为)?|(?:预算)?(?:资金|金额)(?:共计|合计|总计))${NUMBER}(万元|元)`, 'g');

/**
 * The projects with 绩效目标 (their goals written in the projects table), as a sentence about
 * 绩效目标 counts them and sums their amounts.
 */
export function goalProjects(r: ReviewInput): void {
  const projects = tableByRole(r.template, 'projects');
  if (!projects || !projects.columns.some((c) => c.id === 'goals') || !projects.columns.some((c) => c.id === 'amount')) return;
  const aboutGoals = (pos: number) => sentenceSays(r.text, pos, '绩效目标');
  const counts = [...r.text.matchAll(GOAL_COUNT)].filter((m) => aboutGoals(m.index));
  const amounts = [...r.text.matchAll(GOAL_AMOUNT)].filter((m) => m[2] === r.unit && aboutGoals(m.index));
  if (!counts.length && !amounts.length) return; // the projects are read only where the text speaks of them
  const all = r.view.rows(projects.id).filter((row) => row !== TOTAL_ROW);
  const withGoals = all.filter((row) => r.view.text(projects.id, row, 'goals').trim());
  const amountOf = (rows: string[]) => rows.reduce((total, row) => total + (r.valueOf(cellKey(projects.id, row, 'amount')) ?? 0), 0);
  const goalCells = (col: string) => (withGoals.length ? withGoals : all).map((row) => cellKey(projects.id, row, col));
  // Said of all the projects ("共5个项目，均编报了绩效目标"), the whole list is right too.
  // "项目共8个，其中3个项目为新增项目，重点项目2个": some of the projects counted before.
  const isPart = partsOfCounts(r.text);
  for (const m of counts) {
    if (isPart('projects', m.index, m.index + m[0].length)) continue;
    const stated = countOf(m[1] ?? m[2]);
    if (stated === null || stated === withGoals.length || stated === all.length) continue;
    r.issue('goals', m.index, m[0], goalCells('goals'), `${titleOf(projects)}中填有绩效目标的项目共 ${withGoals.length} 个，文中为 ${stated} 个。`);
  }
  for (const m of amounts) {
    const stated = micro(m[1]);
    if (stated === null) continue;
    const sum = amountOf(withGoals);
    if (sameAmount(stated, sum, decimalsOf(m[1])) || sameAmount(stated, amountOf(all), decimalsOf(m[1]))) continue;
    r.issue('goals', m.index, m[0], goalCells('amount'), `${titleOf(projects)}中填有绩效目标的项目金额合计 ${fmt(sum, r.unit)}，文中为 ${fmt(stated, r.unit)}。`);
  }
}

/** "政府采购货物预算 8.00 万元", "其中：货物类 8.00 万元、服务类 12.00 万元" (not "政府购买服务"), in a sentence about 政府采购. */
const PROCUREMENT_KIND = new RegExp(`(?<=^|[,:;、\\n]|其中|政府采购)(货物|工程|服务)类?(?:采购)?(?:预算)?(?:金额)?(?:为|共计|合计)?${NUMBER}(万元|元)`, 'g');

/**
 * The amounts of 货物, 工程 and 服务 a 政府采购 paragraph states, against the procurement
 * table's rows of each kind (by their catalog codes, NarrativePack.review.procurementKinds);
 * not judged where a row with an amount has no code of a known kind.
 */
export function procurementKinds(r: ReviewInput): void {
  const kinds = r.pack?.review.procurementKinds;
  const table = tableByRole(r.template, 'procurement');
  if (!kinds || !table) return;
  const stated = [...r.text.matchAll(PROCUREMENT_KIND)].filter((m) => m[3] === r.unit && sentenceSays(r.text, m.index, '政府采购'));
  if (!stated.length) return; // the table is read only where the text speaks of the kinds
  const amountKey = (row: string) => cellKey(table.id, row, 'total');
  const kindOf = (row: string) => {
    const code = r.view.text(table.id, row, kinds.col).trim().toUpperCase();
    return Object.keys(kinds.prefixes).find((kind) => code.startsWith(kinds.prefixes[kind]));
  };
  const rows = r.view.rows(table.id).filter((row) => row !== TOTAL_ROW && r.valueOf(amountKey(row)));
  if (rows.some((row) => !kindOf(row))) return;
  for (const m of stated) {
    const [, kind, number] = m;
    const amount = micro(number);
    if (amount === null) continue;
    const keys = rows.filter((row) => kindOf(row) === kind).map(amountKey);
    const value = keys.reduce((sum, key) => sum + (r.valueOf(key) ?? 0), 0);
    if (sameAmount(amount, value, decimalsOf(number))) continue;
    r.issue('procurementKind', m.index, m[0], keys.length ? keys : [amountKey(TOTAL_ROW)],
      `${tableNamed(table)}中${kind}类采购（目录序号 ${kinds.prefixes[kind]} 开头）合计 ${fmt(value, r.unit)}，文中为 ${fmt(amount, r.unit)}。`);
  }
}
