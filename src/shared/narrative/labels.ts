import { cellKey, TOTAL_ROW } from '../draft';
import type { Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { foldText } from './normalize';

/**
 * The words the text uses for the tables' figures ("人员经费", "公务接待费", a project's
 * name, an economic 款 such as "职业年金缴费"), each bound to the cell that holds the figure
 * and, where the 上年对比 table has a row for it, to that row (for changes and rates).
 */
export interface Label {
  /** Folded form (see foldText), as matched against folded text. */
  text: string;
  /** Cell holding this year's figure; absent for words that only stop a shorter label from matching. */
  key?: string;
  /** Sections where the word means this figure (absent: everywhere). */
  sections?: string[];
  /** Row of the 上年对比 table (py) with the prior year, change and rate. */
  pyRow?: string;
  /** Rule 15's figure: checked by its own rule. */
  operatingCost?: boolean;
}

/** Words for the rows of the 上年对比 table, beyond its own row labels. */
const PY_ALIASES: Record<string, string[]> = {
  incomeTotal: ['收入总计', '预算收入', '收入预算', '总收入', '预算总收入'],
  spendingTotal: ['支出总计', '支出预算', '预算支出', '总支出', '预算收支安排', '收支预算', '预算总支出'],
  basic: ['基本支出'],
  personnel: ['人员经费'],
  public: ['日常公用经费', '公用经费'],
  project: ['项目支出'],
  threeTotal: ['三公经费', '财政拨款三公经费', '三公经费预算', '三公经费支出'],
  abroad: ['因公出国(境)费', '因公出国费', '出国(境)费', '因公出国(境)经费'],
  vehicle: ['公务用车购置及运维费', '公务用车购置及运行维护费', '公务用车购置和运维费'],
  vehiclePurchase: ['公务用车购置费', '公务车购置费'],
  vehicleRunning: ['公务用车运行维护费', '公务用车运维费', '公务用车运行费'],
  reception: ['公务接待费'],
  operating: ['机关运行经费'],
  procurement: ['政府采购预算', '政府采购预算总额'],
};

/** Income words of the text and the table-1 cell each stands for (Hebei layout row ids). */
const INCOME_WORDS: Array<[row: string, words: string[]]> = [
  ['c201', ['一般公共预算收入', '一般公共预算拨款收入', '一般公共预算拨款']],
  ['c202', ['基金预算收入', '政府性基金预算拨款收入', '政府性基金预算收入', '政府性基金预算拨款']],
  ['c203', ['国有资本经营预算收入', '国有资本经营预算拨款收入', '国有资本经营预算拨款']],
  ['c204', ['财政专户核拨收入', '财政专户管理资金收入', '财政专户收入']],
  ['c205', ['单位资金收入', '单位资金']],
  ['carry', ['上年结转结余', '上年结转']],
];

const ASSET_WORDS = ['资产总额', '固定资产金额', '固定资产原值'];

/** Longer phrases that contain a label but state another figure ("拟购置固定资产总额"). */
const STOP_WORDS = ['拟购置固定资产总额', '拟购置固定资产', '新增资产总额', '拟购置资产总额'];

/** Income words name table-1 figures only where the text explains income (section 二). */
const INCOME_SECTIONS = ['s02'];

function hasTable(template: Template, id: string): boolean {
  return template.tables.some((t) => t.id === id);
}

export function buildLabels(view: ValueView, template: Template): Label[] {
  const labels = new Map<string, Label>();
  const add = (word: string, label: Omit<Label, 'text'>) => {
    const text = foldText(word);
    if (text.length >= 2 && !labels.has(text)) labels.set(text, { text, ...label });
  };
  for (const w of STOP_WORDS) add(w, {});
  if (hasTable(template, 'py')) {
    for (const row of view.rows('py')) {
      const key = cellKey('py', row, 'current');
      const def = template.tables.find((t) => t.id === 'py')?.rows;
      const printed = def?.kind === 'fixed' ? Object.values(def.rows.find((r) => r.id === row)?.labels ?? {}) : [];
      const words = [...(PY_ALIASES[row] ?? []), ...printed];
      for (const w of words) if (w) add(w, { key, pyRow: row, operatingCost: row === 'operating' || undefined });
    }
  }
  if (hasTable(template, 't01')) {
    for (const [row, words] of INCOME_WORDS) for (const w of words) add(w, { key: cellKey('t01', row, 'inAmount'), sections: INCOME_SECTIONS });
  }
  if (hasTable(template, 't12')) for (const w of ASSET_WORDS) add(w, { key: cellKey('t12', 'total', 'value') });
  if (hasTable(template, 'projects')) {
    for (const row of view.rows('projects')) {
      if (row === TOTAL_ROW) continue;
      const name = view.text('projects', row, 'name');
      if (name) add(name, { key: cellKey('projects', row, 'amount') });
    }
  }
  // Economic 类/款 of table 6 by name, also without the trailing 缴费/支出 ("职业年金").
  if (hasTable(template, 't06')) {
    for (const row of view.rows('t06')) {
      if (row === TOTAL_ROW) continue;
      const name = view.text('t06', row, 'name');
      if (!name) continue;
      const key = cellKey('t06', row, 'total');
      add(name, { key });
      const short = name.replace(/(缴费|支出)$/, '');
      if (short !== name) add(short, { key });
    }
  }
  return [...labels.values()];
}

/** Every label occurrence in folded text, longest match first, without overlaps. */
export interface LabelHit {
  label: Label;
  start: number;
  end: number;
}

export function findLabels(folded: string, labels: Label[], section?: string): LabelHit[] {
  const byFirst = new Map<string, Label[]>();
  for (const l of labels) {
    if (l.sections && section && !l.sections.includes(section)) continue;
    const list = byFirst.get(l.text[0]) ?? [];
    list.push(l);
    byFirst.set(l.text[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  const hits: LabelHit[] = [];
  for (let i = 0; i < folded.length; ) {
    const match = byFirst.get(folded[i])?.find((l) => folded.startsWith(l.text, i));
    if (match) {
      hits.push({ label: match, start: i, end: i + match.text.length });
      i += match.text.length;
    } else i++;
  }
  return hits;
}
