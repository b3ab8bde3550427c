import type { MoneyUnit } from '../money';

/**
 * Text folding for reading workbooks made by people: full-width characters, stray spaces,
 * line breaks inside header cells, curly or straight quotes, list numbering.
 */

/** Characters foldText changes: full-width ASCII, quote variants, full-width brackets and colon. */
const FOLDED = /[\uff01-\uff5e“”„‟「」『』"‘’‚‛']/g;
const SPACES = /[\s\u3000\u00a0\u200b]+/g;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return '"';
}

/** Fold full-width ASCII, ideographic spaces and quote variants; drop all whitespace. */
export function foldText(input: unknown): string {
  if (input === null || input === undefined) return '';
  // Full-width （ ） ： and ＂ are in the full-width ASCII block: ( ) : and ".
  return String(input).replace(FOLDED, foldChar).replace(SPACES, '');
}

/** Leading list numbering: 一、 (一) 1、 1. 1) 表1 附表1-2 其中： */
const NUMBERING = /^(?:附?表\s*\d+(?:[-－—]\d+)*[:.、]?|[一二三四五六七八九十百]+、|\([一二三四五六七八九十]+\)|\d+(?:\.\d+)*[、.)](?!\d)|其中:)+/;

/** Labels repeat across rows and sheets (项目编码, 合计 …): fold each distinct text once. */
const labelCache = new Map<string, string>();
const LABEL_CACHE_SIZE = 20_000;

/** A label folded and stripped of its numbering, for matching row and column labels. */
export function foldLabel(input: unknown): string {
  const key = input === null || input === undefined ? '' : String(input);
  const cached = labelCache.get(key);
  if (cached !== undefined) return cached;
  const out = foldLabelUncached(key);
  if (labelCache.size >= LABEL_CACHE_SIZE) labelCache.clear();
  labelCache.set(key, out);
  return out;
}

function foldLabelUncached(input: string): string {
  let s = foldText(input);
  for (let i = 0; i < 3; i++) {
    const next = s.replace(NUMBERING, '');
    if (next === s) break;
    s = next;
  }
  // Units printed inside header labels: 合计（万元）, 价值(金额单位:万元).
  return s.replace(/\((?:金额)?(?:单位:)?(?:人民币)?(?:万元|千元|元|%|％)\)$/, '');
}

/** The unit a workbook's figures are printed in (the draft's unit is one of 元 / 万元; 千元 is read and converted). */
/** A unit of measure a workbook states (单位：万元). */
export type UnitOfMeasure = MoneyUnit;

/** The unit of measure a cell states anywhere in it (单位：元 / 金额单位：万元 / （单位：千元） / 单位：人民币元), or null. */
export function statedUnit(input: unknown): UnitOfMeasure | null {
  // Most cells are figures or names: only text with 位 can state a unit (folding keeps CJK as is).
  if (typeof input !== 'string' || !input.includes('位')) return null;
  const m = /(?:计量|金额)?单位[:为]?(?:人民币)?(万元|千元|元)/.exec(foldText(input));
  return m ? (m[1] as UnitOfMeasure) : null;
}

/** A budget year stated in a cell (预算年度：2024, 2024年…, 上海市普陀区2026年区级部门预算), or null. */
export function statedYear(input: unknown): number | null {
  // Every form below has 年 (folding keeps CJK as is).
  if (typeof input !== 'string' || !input.includes('年')) return null;
  const s = foldText(input);
  const m =
    /预算年度:(\d{4})/.exec(s) ?? /^(?:附?表\d+(?:-\d+)*[:.、]?)?(\d{4})年/.exec(s) ?? /(\d{4})年度?.{0,8}?(?:部门|单位)/.exec(s) ?? /(\d{4})年度?.{0,12}?预算/.exec(s);
  const year = m ? Number(m[1]) : null;
  return year !== null && year >= 1990 && year <= 2200 ? year : null;
}

/** The words that introduce the unit's name: 编制部门 / 编制单位 / 单位名称 / 预算主管部门 / 预算单位 / 部门名称. */
const UNIT_LABEL = /^(?:编制部门|编制单位|单位名称|部门名称|预算主管部门|主管部门|预算单位|预算部门|填报单位|单位)[:：]\s*(?:(\d+)\s+)?(\S.*?)\s*$/;

/** "435 巨鹿县行政审批局" or "单位名称：巨鹿县行政审批局" or "编制部门：上海市普陀区XX局" → code and name. */
export function statedUnitName(input: unknown): { code: string; name: string } | null {
  if (input === null || input === undefined) return null;
  const raw = String(input).replace(/\u3000/g, ' ').trim();
  const labelled = UNIT_LABEL.exec(raw);
  if (labelled) {
    // An information line in one cell: "编制单位：XX局    2024年    单位：元" — the name ends where
    // a wide gap, the year or the unit of measure begins.
    const name = labelled[2]
      .split(/\s{2,}/)[0]
      .replace(/\s*[(（]?\s*(?:金额|计量)?单位[:：].*$/, '')
      .replace(/\s*(?:预算年度[:：]?\s*)?\d{4}\s*年度?.*$/, '')
      .trim();
    if (name && !/^(?:人民币)?(?:万元|千元|元)$/.test(name)) return { code: labelled[1] ?? '', name };
    return null;
  }
  const coded = /^(\d{2,})\s+(\S.*)$/.exec(raw);
  return coded ? { code: coded[1], name: coded[2].trim() } : null;
}

/** A text of the information line above a table's header: the unit of measure, the year, the unit, 截止时间. */
export function isInfoText(t: string): boolean {
  return Boolean(statedUnit(t) || statedYear(t) || statedUnitName(t) || /截止时间/.test(t));
}
