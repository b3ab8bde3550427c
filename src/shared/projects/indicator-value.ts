/**
 * 指标值 of a performance indicator, parsed into comparator, number and unit:
 * "≥95%", "≤4 万元", "12 月底前", "不低于 90%". Pure text handling, no floats: the number
 * is kept as its decimal text.
 */

export type Comparator = '≥' | '≤' | '>' | '<' | '=';

export interface IndicatorValue {
  comparator: Comparator | null;
  /** Decimal text of the number ("95", "1.5"), null when there is none. */
  number: string | null;
  /** Unit as written ("%", "万元", "个月", "月底"), '' when there is none. */
  unit: string;
}

export interface IndicatorValueParse {
  value: IndicatorValue;
  /** Chinese descriptions of what is missing or unreadable; empty when complete. */
  problems: string[];
}

const SYMBOLS: Array<[RegExp, Comparator]> = [
  [/^(≥|≧|>=|大于等于|大于或等于|不低于|不少于|不小于|至少|达到)/, '≥'],
  [/^(≤|≦|<=|小于等于|小于或等于|不高于|不超过|不大于|不多于|至多|控制在)/, '≤'],
  [/^(>|大于|高于|超过)/, '>'],
  [/^(<|小于|低于)/, '<'],
  [/^(=|等于)/, '='],
];

/** Units that state a deadline ("12 月底前", "6 月 30 日前"): the value is "no later than". */
const DEADLINE = /(前|之前|以前)$/;

function foldWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

export function parseIndicatorValue(input: string): IndicatorValueParse {
  const problems: string[] = [];
  let text = foldWidth(input ?? '');
  const value: IndicatorValue = { comparator: null, number: null, unit: '' };
  if (text === '') return { value, problems: ['指标值为空'] };

  for (const [pattern, comparator] of SYMBOLS) {
    const m = pattern.exec(text);
    if (m) {
      value.comparator = comparator;
      text = text.slice(m[0].length).trim();
      break;
    }
  }
  const num = /^[+-]?(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)/.exec(text);
  if (num) {
    value.number = num[0].replace(/,/g, '').replace(/^\+/, '');
    text = text.slice(num[0].length).trim();
  }
  value.unit = text;
  if (value.comparator === null && DEADLINE.test(value.unit)) {
    value.comparator = '≤';
    value.unit = value.unit.replace(DEADLINE, '');
  }

  if (value.number === null) problems.push('缺少数值');
  if (value.comparator === null) problems.push('缺少比较符（≥、≤、＝ 等）');
  if (value.unit === '') problems.push('缺少计量单位（如 %、万元、个）');
  else if (/\d/.test(value.unit)) problems.push(`无法识别“${input.trim()}”，应写成“≥95%”“≤4 万元”这样的形式`);
  if (value.unit === '%' && value.number !== null && Number(value.number) > 100 && value.comparator !== '≤' && value.comparator !== '<') {
    problems.push(`百分比 ${value.number}% 超过 100%`);
  }
  return { value, problems };
}

/** The parsed value as one normal form ("≥ 95 %"), for display beside the entered text. */
export function describeIndicatorValue(v: IndicatorValue): string {
  return [v.comparator ?? '？', v.number ?? '？', v.unit || '？'].join(' ');
}

/** The comparator in words, as the text of section 五 uses it ("大于等于"). */
export const COMPARATOR_WORDS: Record<Comparator, string> = {
  '≥': '大于等于',
  '≤': '小于等于',
  '>': '大于',
  '<': '小于',
  '=': '等于',
};
