import type { ChangeResult, OpenedDraft } from '../../../../shared/api';
import { refKey, type DraftMeta } from '../../../../shared/draft';
import { DraftReplica, type ComputedDelta } from '../../../../shared/engine/replica';
import type { Explanation, Finding, FindingsDelta, Severity } from '../../../../shared/findings';
import type { Template } from '../../../../shared/template/types';
import { findingSections, listingOrder, type FindingSection } from '../../../../shared/validation/problems';

/**
 * The renderer's copy of an open draft: main's computed view, the live findings and the
 * marks they put on cells. Changes come only from the store's ChangeResults, which carry the
 * figures main computed: the window applies them and computes none. React subscribes.
 */
export class DraftSession {
  meta: DraftMeta;
  readonly model: DraftReplica;
  canUndo: boolean;
  canRedo: boolean;
  version = 0;
  /** Tables whose row list changed in the last apply (grids refresh their rows). */
  lastStructural = new Set<string>();
  /** Cell keys whose value or finding marks changed in the last apply; null means everything. */
  lastTouched: Set<string> | null = null;
  /** Increases when any table's row list changes. */
  rowsVersion = 0;
  private findingsById = new Map<string, Finding>();
  private marks = new Map<string, Finding[]>();
  private findingsCache: Finding[] | null = null;
  /** Written explanations (说明) of warnings, by finding id. */
  explanations: ReadonlyMap<string, Explanation> = new Map();
  private readonly listeners = new Set<() => void>();
  /** The tables held while the draft is open in part (its first table), or null once whole. */
  part: ReadonlySet<string> | null;
  /** Resolves once the window has painted the draft's first table, or no longer shows it. */
  readonly shown: Promise<void>;
  /** The first table has been painted (or the view is gone): what waited for it may start. */
  readonly markShown: () => void;

  constructor(
    readonly template: Template,
    snapshot: OpenedDraft,
  ) {
    this.meta = snapshot.meta;
    this.model = new DraftReplica(template, snapshot.content, snapshot.computed);
    this.canUndo = snapshot.canUndo;
    this.canRedo = snapshot.canRedo;
    this.part = snapshot.part ? new Set(snapshot.part) : null;
    let resolve = () => {};
    this.shown = new Promise((ok) => (resolve = ok));
    this.markShown = resolve;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  getRowsVersion = (): number => this.rowsVersion;

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private readonly beforeApply = new Set<() => void>();

  /**
   * Run `fn` as the next change arrives, before it is applied: a move the grid held for the answer
   * goes first, while the page is still as it was painted (the focus costs little then), and the
   * change then shows in the same frame.
   */
  beforeNextApply(fn: () => void): void {
    this.beforeApply.add(fn);
  }

  /** Changes sent to main by this window and not answered yet. */
  private awaiting = 0;

  /** A change was sent to main (DraftWindow.change); `answered` follows its answer or failure. */
  sent(): void {
    this.awaiting++;
  }

  /** How many changes are still on their way. */
  answered(): number {
    return --this.awaiting;
  }

  /** A change shown before main committed it (applyAhead), with what undoes it in the window. */
  private ahead: { change: ChangeResult; undo: ChangeResult } | null = null;

  /**
   * Show main's preview of a change (cells/preview) before the change's own answer: `before`
   * runs first (it sends the change and moves the cursor). Only when the preview was computed on
   * the draft as shown and nothing else is on its way, so that what main answers next is this
   * change; the answer then confirms it (apply) or takes its place.
   */
  applyAhead(change: ChangeResult, before: () => void): boolean {
    if (this.ahead || this.awaiting > 0 || change.meta.revision !== this.meta.revision) return false;
    before();
    this.ahead = { change, undo: this.undoOf(change) };
    this.show(change);
    return true;
  }

  /** The change shown ahead was not committed (refused, or the call failed): the draft shows as it was. */
  dropAhead(): void {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead) this.show(ahead.undo);
  }

  /** Apply a committed change: entered cells, row lists and main's computed figures, then findings. */
  apply(change: ChangeResult): void {
    const before = [...this.beforeApply];
    this.beforeApply.clear();
    for (const fn of before) fn();
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead && sameOutcome(ahead.change, change)) {
      this.lastStructural = new Set();
      this.lastTouched = new Set();
      this.setState(change);
      this.emit();
      return;
    }
    if (!ahead) return this.show(change);
    // Another outcome than the one shown (rare: the draft changed meanwhile): it takes its place.
    this.show(ahead.undo, false);
    const undone = this.lastStructural;
    this.show(change, false);
    this.lastStructural = new Set([...undone, ...this.lastStructural]);
    this.lastTouched = null;
    this.emit();
  }

  /** What puts the window back as it is before `change`: the cells, figures, rows and findings it replaces. */
  private undoOf(change: ChangeResult): ChangeResult {
    const cells: Record<string, string | null> = {};
    for (const key of Object.keys(change.cells)) cells[key] = this.model.content.cells[key] ?? null;
    const rows: Record<string, string[]> = {};
    for (const table of Object.keys(change.rows)) rows[table] = this.model.content.rows[table] ?? [];
    const computed: ComputedDelta = { shown: {}, values: {} };
    for (const key of Object.keys(change.computed.values)) computed.values[key] = this.model.valueByKey(key);
    for (const table of Object.keys(change.computed.shown)) computed.shown[table] = this.model.rows(table);
    const replaced = [...change.findings.resolved, ...change.findings.added.map((f) => f.id)];
    const added = [...new Set(replaced)].flatMap((id) => this.findingsById.get(id) ?? []);
    const findings = { added, resolved: change.findings.added.map((f) => f.id) };
    return { meta: this.meta, cells, rows, computed, rejected: [], canUndo: this.canUndo, canRedo: this.canRedo, findings };
  }

  private setState(change: ChangeResult): void {
    this.meta = change.meta;
    this.canUndo = change.canUndo;
    this.canRedo = change.canRedo;
  }

  /** Show a change: its cells, rows, figures and findings, and the marks of the cells it touched. */
  private show(change: ChangeResult, emit = true): void {
    this.model.apply(change.cells, change.rows, change.computed);
    const touched = new Set<string>([...Object.keys(change.cells), ...Object.keys(change.computed.values)]);
    this.lastStructural = new Set([...Object.keys(change.rows), ...Object.keys(change.computed.shown)]);
    for (const id of change.findings.resolved) for (const c of this.findingsById.get(id)?.cells ?? []) touched.add(refKey(c));
    for (const f of change.findings.added) for (const c of f.cells) touched.add(refKey(c));
    this.lastTouched = this.lastStructural.size ? null : touched;
    if (this.lastStructural.size) this.rowsVersion++;
    this.setState(change);
    this.applyFindings(change.findings, false);
    if (emit) this.emit();
  }

  /** The whole draft, after it was opened in part: taken in place of the part (it is as new as any change applied since). */
  fill(whole: OpenedDraft): void {
    this.model.fill(whole.content, whole.computed);
    this.meta = whole.meta;
    this.canUndo = whole.canUndo;
    this.canRedo = whole.canRedo;
    this.part = null;
    this.lastStructural = new Set(this.template.tables.map((t) => t.id));
    this.lastTouched = null;
    this.rowsVersion++;
    this.emit();
  }

  /** Whether the findings have arrived (they are computed after the draft opens), or why they could not be. */
  findingsState: 'checking' | 'ready' | { error: string } = 'checking';

  /** The findings could not be computed: say so where they would be listed. */
  setFindingsError(message: string): void {
    this.findingsState = { error: message };
    this.emit();
  }

  setFindings(list: Finding[]): void {
    this.findingsState = 'ready';
    this.lastTouched = null;
    this.findingsById = new Map(list.map((f) => [f.id, f]));
    this.reindex();
    this.emit();
  }

  setExplanations(list: Explanation[]): void {
    this.lastTouched = new Set();
    this.explanations = new Map(list.map((x) => [x.findingId, x]));
    this.emit();
  }

  private applyFindings(delta: FindingsDelta, emit = true): void {
    if (!delta.added.length && !delta.resolved.length) return;
    for (const id of delta.resolved) this.findingsById.delete(id);
    for (const f of delta.added) this.findingsById.set(f.id, f);
    this.reindex();
    if (emit) this.emit();
  }

  private reindex(): void {
    this.findingsCache = null;
    this.marks = new Map();
    for (const f of this.findingsById.values()) {
      for (const c of f.cells) {
        const k = refKey(c);
        const list = this.marks.get(k);
        if (list) list.push(f);
        else this.marks.set(k, [f]);
      }
    }
  }

  findings(): Finding[] {
    if (!this.findingsCache) {
      this.findingsCache = [...this.findingsById.values()].sort(listingOrder(this.template));
    }
    return this.findingsCache;
  }

  private sectionsCache: { findings: Finding[]; explanations: ReadonlyMap<string, Explanation>; sections: FindingSection[] } | null = null;

  /** The findings by table and severity, explained or not: one count for the tab badges and the findings panel. */
  sections(): FindingSection[] {
    const findings = this.findings();
    const cache = this.sectionsCache;
    if (cache?.findings === findings && cache.explanations === this.explanations) return cache.sections;
    const sections = findingSections(findings, this.explanations.values());
    this.sectionsCache = { findings, explanations: this.explanations, sections };
    return sections;
  }

  findingsAt(key: string): Finding[] | undefined {
    return this.marks.get(key);
  }

  severityAt(key: string): Severity | undefined {
    const list = this.marks.get(key);
    if (!list) return undefined;
    return list.some((f) => f.severity === 'error') ? 'error' : 'warning';
  }
}

/**
 * Whether a committed change is the one its preview showed: the same cells, rows, figures and
 * findings. Compared as main wrote them: it builds a preview and its commit by the same code, in
 * the same order; an outcome told apart by order alone is only shown again.
 */
function sameOutcome(shown: ChangeResult, committed: ChangeResult): boolean {
  const outcome = (c: ChangeResult) => JSON.stringify([c.cells, c.rows, c.computed, c.findings]);
  return committed.rejected.length === 0 && outcome(shown) === outcome(committed);
}
