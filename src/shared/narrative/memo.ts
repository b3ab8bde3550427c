import type { Micro } from '../money';
import type { Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { checkSection, type DescribeCell, type TextIssue } from './checks';
import { buildLabels, type Label } from './labels';

/**
 * The text's issues kept between checks of one budget: each section remembers what it read
 * (cells and row lists, with what they held) and is checked again only when one of them now
 * holds something else. A keystroke in a table moves a few figures; the sections that do not
 * state them are not folded, scanned or matched against the labels again. The labels (every
 * table word the text may name) are kept the same way, and a section that matched them is
 * checked again when they change.
 */
export class NarrativeMemo {
  private sections = new Map<string, { issues: TextIssue[]; reads: Reads; usedLabels: boolean }>();
  private labels: { value: Label[]; reads: Reads } | null = null;
  private view: ValueView | null = null;

  constructor(
    private readonly template: Template,
    /** How a table cell is named in a message, reading the view it is given. */
    private readonly describe: (view: ValueView) => DescribeCell,
  ) {}

  /** Every section's issues (as checkNarrative's, scope 'clerk'), checking again only what changed. */
  issues(view: ValueView): TextIssue[] {
    if (view !== this.view) {
      this.sections.clear();
      this.labels = null;
      this.view = view;
    }
    let labelsChecked = false;
    let labelsChanged = false;
    const labels = (): Label[] => {
      if (!labelsChecked && (!this.labels || !this.labels.reads.hold(view))) {
        const recorder = new Recorder(view);
        this.labels = { value: buildLabels(recorder, this.template), reads: recorder.reads };
        labelsChanged = true;
      }
      labelsChecked = true;
      return this.labels!.value;
    };
    const out: TextIssue[] = [];
    for (const { id } of this.template.narrative) {
      let entry = this.sections.get(id);
      // Labels read before the section decides: a section that matched them sees a change of them.
      if (entry?.usedLabels) labels();
      if (!entry || !entry.reads.hold(view) || (entry.usedLabels && labelsChanged)) {
        const recorder = new Recorder(view);
        let usedLabels = false;
        const issues = checkSection(recorder, this.template, id, this.describe(recorder), () => ((usedLabels = true), labels()), 'clerk');
        entry = { issues, reads: recorder.reads, usedLabels };
        this.sections.set(id, entry);
      }
      out.push(...entry.issues);
    }
    return out;
  }
}

/** What a check read of a view, with what it found. */
class Reads {
  readonly values: Array<[table: string, row: string, col: string, value: Micro | null]> = [];
  readonly texts: Array<[table: string, row: string, col: string, text: string]> = [];
  readonly rows: Array<[table: string, rows: string[]]> = [];

  /** Whether the view still holds what was read. */
  hold(view: ValueView): boolean {
    for (const [t, r, c, v] of this.values) if (view.value(t, r, c) !== v) return false;
    for (const [t, r, c, s] of this.texts) if (view.text(t, r, c) !== s) return false;
    for (const [t, rows] of this.rows) if (!sameList(view.rows(t), rows)) return false;
    return true;
  }
}

/** A view that notes every read into `reads`. */
class Recorder implements ValueView {
  readonly reads = new Reads();

  constructor(private readonly view: ValueView) {}

  rows(table: string): string[] {
    const rows = this.view.rows(table);
    this.reads.rows.push([table, rows.slice()]);
    return rows;
  }

  value(table: string, row: string, col: string): Micro | null {
    const v = this.view.value(table, row, col);
    this.reads.values.push([table, row, col, v]);
    return v;
  }

  text(table: string, row: string, col: string): string {
    const s = this.view.text(table, row, col);
    this.reads.texts.push([table, row, col, s]);
    return s;
  }
}

function sameList(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
