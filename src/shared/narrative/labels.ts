import { cellKey, TOTAL_ROW } from '../draft';
import { rowByLine, tableByRole, type Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { narrativePackOf } from './draft';
import { labelCell, priorYearRow } from './kit';
import { ECONOMIC_CLASSES, FUNCTION_CLASSES } from '../regions/common/classes';
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
  /** Row of the 上年对比 table with the prior year, change and rate. */
  pyRow?: string;
  /** Rule 15's figure: checked by its own rule. */
  operatingCost?: boolean;
  /**
   * A figure of the basic-spending table that words of the whole budget name too ("工资福利支出":
   * 基本支出's, or with the projects' in "按支出经济分类…"): taken as the table's only in a sentence
   * that speaks of 基本支出.
   */
  ofBasic?: boolean;
  /** A 类 of the function classification by its name (code): its amount and share are the 类 check's (review.ts classAmounts). */
  functionClass?: string;
}

/**
 * Common words for the key figures (Template.figures) in any region's text, beyond the
 * printed labels of the 上年对比 rows; a pack adds its own (NarrativePack.words.figures).
 */
export const FIGURE_WORDS: Record<string, string[]> = {
  incomeTotal: ['收入总计', '预算收入', '收入预算', '总收入', '预算总收入', '收入总额'],
  spendingTotal: ['支出总计', '支出预算', '预算支出', '总支出', '预算收支安排', '收支预算', '预算总支出', '支出总额', '收支总预算', '收支总计', '收、支总计'],
  basic: ['基本支出'],
  personnel: ['人员经费'],
  public: ['日常公用经费', '公用经费'],
  project: ['项目支出'],
  threeTotal: ['三公经费', '财政拨款三公经费', '三公经费预算', '三公经费支出'],
  abroad: ['因公出国(境)费', '因公出国费', '出国(境)费', '因公出国(境)经费'],
  vehicle: ['公务用车购置及运维费', '公务用车购置及运行维护费', '公务用车购置和运维费', '公务用车购置及运行费'],
  vehiclePurchase: ['公务用车购置费', '公务车购置费'],
  vehicleRunning: ['公务用车运行维护费', '公务用车运维费', '公务用车运行费'],
  reception: ['公务接待费'],
  operating: ['机关运行经费'],
  procurement: ['政府采购预算', '政府采购预算总额'],
};

/**
 * An income word of a 拨款 with 当年 ("一般公共预算拨款收入" → "一般公共预算当年拨款收入"): the
 * year's own 拨款, which a budget's income lines are (上年结转 has its own line). Not for
 * spending or totals of 收支: the year's spending may be paid from 上年结转 too.
 */
function currentYearWords(word: string): string | undefined {
  return /拨款/.test(word) && !/支|当年/.test(word) ? word.replace(/(?:财政)?拨款/, '当年$&') : undefined;
}

/** The economic 类 by code whose names no function 类 shares. */
const ECONOMIC_CLASS_NAMES = new Map(ECONOMIC_CLASSES.filter(([, name]) => !FUNCTION_CLASSES.some(([, f]) => f === name)));

/** The labels of a budget's text: the pack's words bound to cells (see WordBindings). */
export function buildLabels(view: ValueView, template: Template): Label[] {
  const pack = narrativePackOf(template);
  const words = pack?.words ?? {};
  const labels = new Map<string, Label>();
  const put = (word: string, label: Omit<Label, 'text'>) => {
    const text = foldText(word);
    if (text.length >= 2 && !labels.has(text)) labels.set(text, { text, ...label });
  };
  const add = (word: string, label: Omit<Label, 'text'>) => {
    put(word, label);
    const current = currentYearWords(word);
    if (current) put(current, label);
  };
  for (const w of words.stopWords ?? []) add(w, {});
  // Key figures: bound to the figure's own cell in the tables it comes from (a workbook without
  // the unpublished 上年对比 still has it), with their 上年对比 row where there is one (for
  // changes and rates).
  const py = tableByRole(template, 'priorYear');
  const names = new Set([...(py?.rows.kind === 'fixed' ? py.rows.rows.map((r) => r.line ?? r.id) : []), ...Object.keys(template.figures)]);
  for (const name of names) {
    const key = labelCell(template, name);
    if (!key) continue;
    const pyRow = priorYearRow(template, name);
    const printed = py?.rows.kind === 'fixed' && pyRow ? Object.values(py.rows.rows.find((r) => r.id === pyRow)?.labels ?? {}) : [];
    for (const w of [...(words.figures?.[name] ?? []), ...(FIGURE_WORDS[name] ?? []), ...printed]) {
      if (w) add(w, { key, pyRow, operatingCost: name === 'operating' || undefined });
    }
  }
  for (const b of words.lines ?? []) {
    const t = tableByRole(template, b.role);
    const row = t && rowByLine(t, b.line);
    if (t && row) for (const w of b.words) add(w, { key: cellKey(t.id, row.id, b.col), sections: b.sections });
  }
  for (const b of words.rows ?? []) {
    const t = tableByRole(template, b.role);
    if (t) for (const w of b.words) add(w, { key: cellKey(t.id, b.row, b.col) });
  }
  // Projects by name.
  const projects = tableByRole(template, 'projects');
  if (projects) {
    for (const row of view.rows(projects.id)) {
      if (row === TOTAL_ROW) continue;
      const name = view.text(projects.id, row, 'name');
      if (name) add(name, { key: cellKey(projects.id, row, 'amount') });
    }
  }
  // Economic 类/款 of the basic-spending table by name, also without the trailing 缴费/支出 ("职业年金").
  // A 类 row carries no name of its own: the national name, where no function 类 has it too ("其他支出"),
  // a figure of 基本支出 only where the sentence says so (see Label.ofBasic).
  const economic = tableByRole(template, 'basicEconomic');
  if (economic) {
    for (const row of view.rows(economic.id)) {
      if (row === TOTAL_ROW) continue;
      const key = cellKey(economic.id, row, 'total');
      const name = view.text(economic.id, row, 'name');
      const className = !name && ECONOMIC_CLASS_NAMES.get(row);
      if (className) add(className, { key, ofBasic: true });
      if (!name) continue;
      add(name, { key });
      const short = name.replace(/(缴费|支出)$/, '');
      if (short !== name) add(short, { key });
    }
  }
  // The 类 names bound to nothing: "一般公共服务支出预算为…" is the 类's amount (checked by its
  // own check), not 支出预算 (the total) in longer words.
  for (const [code, name] of FUNCTION_CLASSES) add(name, { functionClass: code });
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

/**
 * The last hit that ends at or before `pos` and starts at or after `from` and passes `test`.
 * Hits are in text order without overlaps (findLabels), so their ends are ordered too: found by
 * halving, not by a scan, which would take time in the square of a long text's length.
 */
export function lastHit(hits: LabelHit[], pos: number, from = 0, test: (h: LabelHit) => boolean = () => true): LabelHit | undefined {
  for (let i = firstEndingAfter(hits, pos) - 1; i >= 0 && hits[i].start >= from; i--) if (test(hits[i])) return hits[i];
  return undefined;
}

/** The first hit that starts after `from` and ends by `to` and passes `test`. */
export function firstHit(hits: LabelHit[], from: number, to: number, test: (h: LabelHit) => boolean = () => true): LabelHit | undefined {
  for (let i = firstEndingAfter(hits, from); i < hits.length && hits[i].start < to; i++) {
    if (hits[i].start > from && hits[i].end <= to && test(hits[i])) return hits[i];
  }
  return undefined;
}

/** Whether a hit that passes `test` lies (even in part) between `from` and `to`. */
export function anyHit(hits: LabelHit[], from: number, to: number, test: (h: LabelHit) => boolean): boolean {
  for (let i = firstEndingAfter(hits, from); i < hits.length && hits[i].start < to; i++) if (test(hits[i])) return true;
  return false;
}

/** The hit that starts at `pos`, if any. */
export function hitAt(hits: LabelHit[], pos: number): LabelHit | undefined {
  const h = hits[firstEndingAfter(hits, pos)];
  return h?.start === pos ? h : undefined;
}

/** Index of the first hit ending after `pos` (hits.length when none does). */
function firstEndingAfter(hits: LabelHit[], pos: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
