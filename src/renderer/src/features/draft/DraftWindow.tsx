import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import type { CellEdit, ChangeResult, DictionaryEntry } from '../../../../shared/api';
import { DRAFT_STATUS_LABELS, cellKey, parseCellKey, TOTAL_ROW, type CellRef } from '../../../../shared/draft';
import type { Finding } from '../../../../shared/findings';
import { draftRefusal } from '../../../../shared/edit-policy';
import { templateOf } from '../../../../shared/regions';
import { statesUnit, tableUnit, type TableDef } from '../../../../shared/template/types';
import { call, CallError, subscribe, whenIdle } from '../../api/client';
import { useReviewShown } from '../review/store';
import { tableRef } from '../../../../shared/review/labels';
import { customTableViews } from '../registry';
import { enteredSource, keyInWords, rowHasFigures } from './cells';
import { missingCodeRows } from './finding-fixes';
import { ConfirmDialog } from './Dialog';
import { CustomTableView, DraftFindings, DraftSidePanels, DraftTabs, DraftToolbarItems, HistoryButtons, type DraftActions } from './DraftLive';
import { RowPicker } from './RowPicker';
import { focusNextPane } from './panes';
import { TypedPreview } from './preview';
import { DraftSession } from './session';
import { openDraft } from './opening';
import { afterNextPaint } from './paint';
import { TableGrid, type AddCodes, type RowCommand, type SelectRequest } from './TableGrid';

/** The first control of a view, where the keyboard goes when the view is switched to. */
const FIRST_CONTROL = 'button:not(:disabled), input:not(:disabled), textarea, select:not(:disabled), summary, [tabindex="0"]';

type SaveState = { kind: 'saved'; at: string } | { kind: 'saving' } | { kind: 'failed'; message: string };

/**
 * How long a save runs before the indicator says 正在保存…: an edit is saved in a few milliseconds,
 * and a word flashing on every keystroke would only draw the eye (and cost a frame while main saves).
 */
const SAVING_SHOWN_AFTER_MS = 150;

/** The save state: its indicator alone subscribes, so a change going out re-renders nothing else of the window. */
class SaveStateStore {
  private state: SaveState;
  /** The last save done, shown while a short save runs. */
  private lastSaved: string;
  private savingShown = false;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** The save state, and what the indicator says of it. */
  private snapshot: { state: SaveState; shown: SaveState };

  constructor(at: string) {
    this.state = { kind: 'saved', at };
    this.lastSaved = at;
    this.snapshot = { state: this.state, shown: this.state };
  }

  get = (): { state: SaveState; shown: SaveState } => this.snapshot;

  set(next: SaveState): void {
    clearTimeout(this.timer);
    if (next.kind === 'saved') this.lastSaved = next.at;
    this.savingShown &&= next.kind === 'saving';
    if (next.kind === 'saving' && !this.savingShown) this.timer = setTimeout(() => ((this.savingShown = true), this.publish()), SAVING_SHOWN_AFTER_MS);
    this.state = next;
    this.publish();
  }

  private publish(): void {
    const shown: SaveState = this.state.kind === 'saving' && !this.savingShown ? { kind: 'saved', at: this.lastSaved } : this.state;
    this.snapshot = { state: this.state, shown };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function DraftWindow({ draftId, onClose }: { draftId: string; onClose: () => void }) {
  const [session, setSession] = useState<DraftSession | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  /** The session shown (or being shown): changes are applied to it as they come back. */
  const shown = useRef<DraftSession | null>(null);
  // The table shown survives a reload (退回修改, 重新编辑, an import): the clerk stays where she was.
  const [shownTab, setShownTab] = useState<string | null>(null);

  const load = useCallback(async () => {
    // A copy this load replaces may never be painted: what waits for that goes on now.
    shown.current?.markShown();
    let s: DraftSession;
    try {
      // The first load shows the first table before the rest; a reload keeps the clerk's table, so it takes the whole draft.
      const snapshot = await openDraft(draftId, { firstTable: !shown.current });
      s = new DraftSession(templateOf(snapshot.meta), snapshot);
      shown.current = s;
      setSession(s);
      setLoads((n) => n + 1);
    } catch (e) {
      setLoadError((e as Error).message);
      return;
    }
    // The rest of a draft opened in part, then the findings, are asked for once the first table
    // is painted: checking every rule of a large department takes main longer than the window
    // takes to show the draft.
    await s.shown;
    if (s.part) {
      try {
        s.fill(await call('drafts/open', { draftId }));
      } catch (e) {
        setLoadError((e as Error).message);
        return;
      }
    }
    try {
      const list = await call('findings/list', { draftId });
      s.setFindings(list.findings);
      s.setExplanations(list.explanations);
    } catch (e) {
      s.setFindingsError((e as Error).message);
    }
  }, [draftId]);

  useEffect(() => {
    // Loads asynchronously; state is set when the store answers.
    void load();
  }, [load]);

  // Another window changed this draft (main tells every window): follow it by reloading. This
  // window's own changes and reloads come back with their results: looked at once no call is
  // on its way, the draft shown is then as new as the event, unless another window changed it.
  useEffect(
    () =>
      subscribe('draft/changed', ({ draftId: changed, revision }) => {
        if (changed !== draftId) return;
        whenIdle(() => {
          if (shown.current && revision > shown.current.meta.revision) void load();
        });
      }),
    [draftId, load],
  );

  if (loadError) {
    return (
      <div className="bd-center">
        <p className="bd-error-text">无法打开预算稿：{loadError}</p>
        <button className="bd-btn" onClick={onClose}>返回</button>
      </div>
    );
  }
  if (!session) return <div className="bd-center bd-muted">正在打开…</div>;
  return <OpenDraftView key={loads} session={session} reload={load} onClose={onClose} shownTab={shownTab} onTabShown={setShownTab} />;
}

function OpenDraftView({ session, reload, onClose, shownTab, onTabShown }: { session: DraftSession; reload: () => Promise<void>; onClose: () => void; shownTab: string | null; onTabShown: (id: string) => void }) {
  // What a change renders here: rows added or removed, a new status. The parts that show
  // figures and findings follow each change themselves (./DraftLive.tsx).
  const rowsVersion = useSyncExternalStore(session.subscribe, session.getRowsVersion);
  useSyncExternalStore(session.subscribe, () => session.meta.status);
  // Until the first table is painted, the window renders and asks main for nothing else.
  const [painted, setPainted] = useState(false);
  const onShown = useCallback(() => {
    setPainted(true);
    session.markShown();
  }, [session]);
  useEffect(() => {
    // A view with no grid rows to render (or none at all) counts as shown after a moment.
    const fallback = setTimeout(onShown, 1000);
    return () => {
      clearTimeout(fallback);
      session.markShown();
    };
  }, [session, onShown]);
  const template = session.template;
  const tabs = useMemo(() => template.tables.filter((t) => !t.hiddenTab), [template]);
  const [activeId, setActiveId] = useState(() => shownTab ?? tabs[0].id);
  const active = tabs.find((t) => t.id === activeId) ?? tabs[0];
  useEffect(() => {
    onTabShown(active.id);
  }, [active.id, onTabShown]);
  const save = useMemo(() => new SaveStateStore(session.meta.updatedAt), [session]);
  const [status, setStatus] = useState<{ message: string; kind: 'info' | 'error' } | null>(null);
  const [selectRequest, setSelectRequest] = useState<(SelectRequest & { quote?: string }) | null>(null);
  // The grid's focused cell, read when a row is removed: a ref, so that moving renders nothing here.
  const current = useRef<CellRef | null>(null);
  const setCurrent = useCallback((ref: CellRef | null) => (current.current = ref), []);
  const [picker, setPicker] = useState(false);
  const [confirm, setConfirm] = useState<{ title: string; message: string; run: () => void } | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const meta = session.meta;
  // Read-only as the review decides for the logged-in user, with its message; until its state
  // has arrived, by the draft's status alone.
  const { review } = useReviewShown();
  const refusal = review?.meta.id === meta.id ? review.editRefusal : draftRefusal({ status: meta.status });
  const readOnly = refusal !== null;

  const notify = useCallback((message: string, kind: 'info' | 'error' = 'info') => setStatus({ message, kind }), []);

  /** Run a store call that changes the draft; keeps the save state honest. */
  const change = useCallback(
    async <T extends ChangeResult>(run: () => Promise<T>, onError?: (message: string) => void): Promise<T | undefined> => {
      session.sent();
      // The call leaves first: main starts on it while the window notes the save.
      const running = run();
      save.set({ kind: 'saving' });
      try {
        const result = await running;
        session.apply(result);
        if (session.answered() === 0) save.set({ kind: 'saved', at: result.meta.updatedAt });
        return result;
      } catch (e) {
        session.answered();
        session.dropAhead();
        const message = e instanceof CallError ? e.error.message : (e as Error).message;
        // Only a failure of the store itself leaves work unsaved; a refused change changed nothing.
        const storeFailed = !(e instanceof CallError) || e.error.code === 'io' || e.error.code === 'internal' || e.error.code === 'damaged';
        save.set(storeFailed ? { kind: 'failed', message } : { kind: 'saved', at: session.meta.updatedAt });
        notify(message, 'error');
        onError?.(message);
        return undefined;
      }
    },
    [notify, save, session],
  );

  const commit = useCallback(
    async (edits: CellEdit[], label?: string, addCodes?: AddCodes): Promise<ChangeResult | string> => {
      let failure = '';
      const args = { draftId: session.meta.id, edits, label, ...(addCodes?.length ? { addCodes } : {}) };
      const result = await change(() => call('cells/set', args), (m) => (failure = m));
      return result ?? failure;
    },
    [change, session],
  );
  const typedPreview = useMemo(() => new TypedPreview((edit) => call('cells/preview', { draftId: session.meta.id, edits: [edit] })), [session]);
  /** The tab showing a table: its own, or its parent's for a hidden child list (indicators in projects). */
  const tabOf = useCallback(
    (table: string) => tabs.find((t) => t.id === table) ?? tabs.find((t) => t.id === template.tables.find((x) => x.id === table)?.parent?.table),
    [tabs, template],
  );
  const selectCell = useCallback((ref: CellRef, quote?: string) => {
    const tab = tabOf(ref.table);
    if (tab) setActiveId(tab.id);
    setSelectRequest({ ref, nonce: Date.now() + Math.random(), quote });
  }, [tabOf]);

  // A view switched to by keyboard (Ctrl+PageDown) takes the keyboard as a table's grid does: its first control.
  const sheet = useRef<HTMLElement>(null);
  const focusFirstControl = useCallback(() => {
    if (document.activeElement === document.body) sheet.current?.querySelector<HTMLElement>(FIRST_CONTROL)?.focus();
  }, []);
  const onViewShown = useCallback(() => {
    onShown();
    focusFirstControl();
  }, [onShown, focusFirstControl]);
  // A window opened by keyboard (Enter in the list) starts in its table's first cell, as a workbook
  // starts in A1, not nowhere: Tab and the arrows then go on from there.
  const onGridShown = useCallback(() => {
    onShown();
    const first = session.model.rows(active.id)[0];
    if (first && document.activeElement === document.body) selectCell({ table: active.id, row: first, col: '' });
  }, [onShown, session, active.id, selectCell]);

  // The clerk's own moves (a click anywhere, a key). A request to select a cell holds only until
  // the next move, so a selection that arrives late (after a store call, a tab's grid starting)
  // never pulls the clerk back from where they went meanwhile.
  const moves = useRef(0);
  useEffect(() => {
    const moved = (e: Event) => {
      if (e instanceof KeyboardEvent && MODIFIER_KEYS.has(e.key)) return;
      moves.current++;
      setSelectRequest(null);
    };
    window.addEventListener('pointerdown', moved, true);
    window.addEventListener('keydown', moved, true);
    return () => {
      window.removeEventListener('pointerdown', moved, true);
      window.removeEventListener('keydown', moved, true);
    };
  }, []);
  /** Select the cell once a store call answers, unless the clerk moved since `since` (a value of `moves`). */
  const selectIfStill = useCallback(
    (ref: CellRef, since: number) => {
      // Rendered at once (not in a later task), so that nothing the clerk does can come in between.
      if (moves.current === since) flushSync(() => selectCell(ref));
    },
    [selectCell],
  );

  /** Undo or redo through the store, then show where it happened (as Excel moves to the cell). */
  const history = useCallback(
    (method: 'history/undo' | 'history/redo', done: string) => {
      const since = moves.current;
      void change(() => call(method, { draftId: session.meta.id })).then((r) => {
        if (!r) return;
        notify(done);
        const first = Object.keys(r.cells)[0];
        if (first) selectIfStill(parseCellKey(first), since);
      });
    },
    [change, notify, selectIfStill, session],
  );
  const undo = useCallback(() => session.canUndo && history('history/undo', '已撤销'), [history, session]);
  const redo = useCallback(() => session.canRedo && history('history/redo', '已恢复'), [history, session]);

  // Ctrl+Z / Ctrl+Y anywhere in the window except in text fields.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest('input, textarea, select, [contenteditable="true"]') || !(e.ctrlKey || e.metaKey) || readOnly) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) undo();
      else if (k === 'y' || (k === 'z' && e.shiftKey)) redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, readOnly]);

  // Names of code rows that carry no name cell (parents the engine added) come from the
  // dictionary: one search per 类 prefix answers all its 款 and 项 at once.
  useEffect(() => {
    if (!painted) return;
    const prefixes = new Map<string, 'function' | 'economic'>();
    for (const t of template.tables) {
      if (t.rows.kind !== 'coded') continue;
      for (const code of session.model.rows(t.id)) {
        if (code === TOTAL_ROW || names.has(`${t.rows.scheme}:${code}`) || session.model.content.cells[cellKey(t.id, code, 'name')]) continue;
        prefixes.set(`${t.rows.scheme}:${code.slice(0, 3)}`, t.rows.scheme);
      }
    }
    const todo = [...prefixes].filter(([key]) => !names.has(`${key}*`));
    if (!todo.length) return;
    let cancelled = false;
    void Promise.all(
      todo.map(([key, scheme]) =>
        call('dictionary/search', { templateId: template.id, scheme, query: key.slice(key.indexOf(':') + 1), limit: 1000 })
          .then((hits) => [key, hits] as const)
          .catch(() => [key, []] as const),
      ),
    ).then((found) => {
      if (cancelled) return;
      setNames((prev) => {
        const next = new Map(prev);
        for (const [key, hits] of found) {
          const scheme = key.slice(0, key.indexOf(':'));
          next.set(`${key}*`, ''); // prefix looked up
          for (const h of hits) next.set(`${scheme}:${h.code}`, h.name);
        }
        return next;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [painted, rowsVersion, template, session, names]);
  const nameLookup = useCallback((scheme: string, code: string) => names.get(`${scheme}:${code}`) || undefined, [names]);

  const explain = useCallback(
    async (f: Finding, text: string) => {
      try {
        const r = await call('findings/explain', { draftId: meta.id, findingId: f.id, text });
        session.setExplanations(r.explanations);
        notify('说明已保存');
        return true;
      } catch (e) {
        notify((e as Error).message, 'error');
        return false;
      }
    },
    [meta.id, notify, session],
  );

  const addCode = async (entry: DictionaryEntry) => {
    setPicker(false);
    const since = moves.current;
    const r = await change(() => call('rows/add', { draftId: meta.id, table: active.id, code: entry.code }));
    if (r) {
      notify(`已添加科目 ${entry.code} ${entry.name}`);
      const firstEntered = active.columns.find((c) => !c.role && !session.model.isDerived(cellKey(active.id, r.rowId, c.id)));
      selectIfStill({ table: active.id, row: r.rowId, col: firstEntered?.id ?? 'name' }, since);
    }
  };

  const addRecord = useCallback(async () => {
    const since = moves.current;
    const r = await change(() => call('rows/add', { draftId: meta.id, table: active.id }));
    if (r) {
      notify('已添加一行');
      selectIfStill({ table: active.id, row: r.rowId, col: active.columns[0].id }, since);
    }
  }, [change, meta.id, active, notify, selectIfStill]);

  /** A row in the grid shown, as a spreadsheet inserts one: a code from the dictionary, or a record. */
  const insertRow = useCallback(() => {
    if (active.rows.kind === 'coded') setPicker(true);
    else if (active.rows.kind === 'list') void addRecord();
  }, [active, addRecord]);

  // Insert: the same, by key.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Insert' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || readOnly) return;
      if ((e.target as HTMLElement).closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      // A view of its own (projects, text) has its own buttons for that.
      if (active.role && customTableViews[active.role]) return;
      if (active.rows.kind === 'fixed') return;
      insertRow();
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, readOnly, insertRow]);

  /** The grid sets it: the table rows its selection spans. */
  const selectedRowsRef = useRef<(() => string[]) | null>(null);

  /** Remove rows of the table shown (the selected ones unless given) as one step, asking first when they hold figures. */
  const removeRows = (given?: string[]) => {
    const at = current.current?.table === active.id ? current.current : null;
    let rows = given ?? (at ? (selectedRowsRef.current?.() ?? [at.row]) : []);
    rows = rows.filter((r) => r !== TOTAL_ROW);
    // Of several, the codes a table shows for those under them (类, 款) go with those; the store explains a single one.
    if (rows.length > 1) {
      const own = new Set(session.model.content.rows[active.id] ?? []);
      rows = rows.filter((r) => own.has(r));
    }
    if (!rows.length) return notify('请先选中要删除的行', 'error');
    const run = () => {
      setConfirm(null);
      void change(() => call('rows/remove', { draftId: meta.id, table: active.id, rows })).then((r) => r && notify(rows.length > 1 ? `已删除 ${rows.length} 行（可撤销）` : '已删除该行（可撤销）'));
    };
    const shown = session.model.rows(active.id);
    const coded = active.rows.kind === 'coded';
    const affected = coded ? shown.filter((r) => rows.some((x) => r.startsWith(x))) : rows;
    if (affected.some((r) => rowHasFigures(session.model, active, r))) {
      const chosen = new Set(rows);
      const under = affected.filter((r) => !chosen.has(r)).length;
      const label = coded
        ? `${rows.length === 1 ? `科目 ${rows[0]}` : `所选 ${rows.length} 个科目`}${under ? ` 及其下级 ${under} 个科目` : ''}`
        : rows.length === 1 ? '该行' : `所选 ${rows.length} 行`;
      setConfirm({ title: '删除有数据的行', message: `${label}已填有数据，删除后这些数据将一并移除（可用 Ctrl+Z 撤销）。确定删除吗？`, run });
    } else run();
  };

  // The grid's menu inserts and removes rows as the buttons do; one stable callback, so the grid does not render again for it.
  const rowCommands = useRef({ insert: insertRow, remove: removeRows });
  useLayoutEffect(() => {
    rowCommands.current = { insert: insertRow, remove: removeRows };
  });
  const onRowCommand = useCallback((command: RowCommand, rows: string[]) => (command === 'insert' ? rowCommands.current.insert() : rowCommands.current.remove(rows)), []);

  // F6 / Shift+F6: the next part of the window (the table keeps Tab for its cells).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      focusNextPane(document, e.shiftKey);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  /** A finding clicked: its first entered cell; a calculated one leads to the entered cell it comes from. */
  const locate = useCallback((f: Finding) => {
    const model = session.model;
    const shown = (c: CellRef) => model.rows(c.table).includes(c.row) || template.tables.find((t) => t.id === c.table)?.rows.kind === 'fixed';
    const cells = f.cells.filter(shown);
    const entered = cells.find((c) => !model.isDerived(cellKey(c.table, c.row, c.col)));
    // A text cell is entered at the words the finding quotes (its `actual`, as found).
    if (entered) return selectCell(entered, f.actual);
    const first = cells[0] ?? f.cells[0];
    if (!first) return;
    const source = cells.length ? enteredSource(model, cellKey(first.table, first.row, first.col)) : null;
    if (source) {
      selectCell(parseCellKey(source));
      notify(`${keyInWords(model, cellKey(first.table, first.row, first.col))}由公式计算，已定位到它的来源：${keyInWords(model, source)}`);
    } else selectCell(first);
  }, [notify, selectCell, session, template]);

  /** Add the code rows a finding shows missing, in every table whose findings miss them, as one step (one undo). */
  const addMissing = useCallback(async (f: Finding) => {
    const addCodes = missingCodeRows(template, session.model, f, session.findings());
    if (!addCodes.length) return;
    const since = moves.current;
    const r = await change(() => call('cells/set', { draftId: meta.id, edits: [], label: '添加科目', addCodes }));
    if (!r) return;
    const where = [...new Set(addCodes.map((a) => template.tables.find((t) => t.id === a.table)))].map((t) => (t ? tableRef(t) : ''));
    notify(`已在${where.join('、')}添加科目 ${[...new Set(addCodes.map((a) => a.code))].join('、')}（可撤销）`);
    const first = addCodes.find((a) => a.table === f.table) ?? addCodes[0];
    const def = template.tables.find((t) => t.id === first.table);
    const col = def?.columns.find((c) => !c.role && !session.model.isDerived(cellKey(first.table, first.code, c.id)));
    selectIfStill({ table: first.table, row: first.code, col: col?.id ?? 'name' }, since);
  }, [change, meta.id, notify, selectIfStill, session, template]);
  const onAddMissing = useCallback((f: Finding) => void addMissing(f), [addMissing]);
  const applyChange = useCallback((c: ChangeResult) => session.apply(c), [session]);
  const actions = useMemo<DraftActions>(() => ({ call, applyChange, reload, selectCell, notify }), [applyChange, reload, selectCell, notify]);
  const CustomView = active.role ? customTableViews[active.role] : undefined;
  // A table without rows yet has no cell to start in (its grid shows nothing): its ＋ 添加一行 takes the keyboard.
  const noRows = !CustomView && session.model.rows(active.id).length === 0;
  useEffect(() => (noRows ? afterNextPaint(focusFirstControl) : undefined), [noRows, active.id, focusFirstControl]);
  return (
    <div className="bd-draft">
      <header className="bd-topbar">
        <button className="bd-btn bd-btn-ghost" onClick={onClose} title="返回预算稿列表">← 预算稿</button>
        <div className="bd-title" title={`${meta.unitCode} ${meta.unitName} · ${meta.year} 年 · ${template.name}`}>
          <strong>{meta.unitCode} {meta.unitName}</strong>
          <span>{meta.year} 年{template.scope === 'unit' ? '单位' : '部门'}预算</span>
          <span className={`bd-status bd-status-${meta.status}`}>{DRAFT_STATUS_LABELS[meta.status]}</span>
        </div>
        <div className="bd-actions">
          <HistoryButtons session={session} readOnly={readOnly} onUndo={undo} onRedo={redo} />
          {painted && <DraftToolbarItems session={session} readOnly={readOnly} actions={actions} />}
        </div>
        <SaveIndicator store={save} />
      </header>
      <DraftTabs session={session} tabs={tabs} activeId={active.id} onChoose={setActiveId} tabOf={tabOf} />
      <div className="bd-body">
        <main className="bd-sheet" ref={sheet}>
          {session.part && !session.part.has(active.id) ? (
            <p className="bd-center bd-muted">正在载入…</p>
          ) : CustomView ? (
            <>
              <CustomTableView view={CustomView} session={session} readOnly={readOnly} actions={actions} table={active} {...(selectRequest && tabOf(selectRequest.ref.table) === active ? { selected: selectRequest.ref, quote: selectRequest.quote } : {})} />
              <AfterPaint key={active.id} onPainted={onViewShown} />
            </>
          ) : (
            <>
              <div className="bd-sheet-head">
                <h1>{active.number ? `表${active.number} ` : ''}{active.title}</h1>
                <div className="bd-info-line">
                  <span className="bd-info-unit" title={`${meta.unitCode} ${meta.unitName}`}>单位：{meta.unitCode} {meta.unitName}</span>
                  <span>{active.infoLine === 'asOf' ? `截止时间：${meta.year - 1}年12月31日` : `预算年度：${meta.year}`}</span>
                  {statesUnit(active) && <span>单位：{tableUnit(template, active)}</span>}
                </div>
                <div className="bd-sheet-tools">
                  {active.rows.kind === 'coded' && !readOnly && <button className="bd-btn" onClick={() => setPicker(true)} title="添加科目（Insert）">＋ 添加科目</button>}
                  {active.rows.kind === 'list' && !readOnly && <button className="bd-btn" onClick={() => void addRecord()} title="添加一行（Insert）">＋ 添加一行</button>}
                  {active.rows.kind !== 'fixed' && !readOnly && <button className="bd-btn" onClick={() => removeRows()}>删除所选行</button>}
                </div>
              </div>
              <TableGrid
                key={active.id}
                session={session}
                table={active}
                readOnly={refusal}
                names={nameLookup}
                commit={commit}
                preview={typedPreview}
                selectRequest={selectRequest}
                onCurrentCell={setCurrent}
                notify={notify}
                onShown={onGridShown}
                onRowCommand={active.rows.kind === 'fixed' ? undefined : onRowCommand}
                selectedRowsRef={selectedRowsRef}
              />
              <TableNotes table={active} session={session} />
            </>
          )}
        </main>
        <div className="bd-side">
          <DraftFindings session={session} template={template} readOnly={readOnly} onSelect={locate} onExplain={explain} onAddMissing={onAddMissing} />
          {painted && <DraftSidePanels session={session} readOnly={readOnly} actions={actions} />}
        </div>
      </div>
      <footer className={`bd-statusbar${status?.kind === 'error' ? ' is-error' : ''}`} role="status">
        <span>{status?.message ?? '就绪'}</span>
        <span className="bd-muted">{CustomView ? 'F6 切换区域 · Ctrl+Z/Y 撤销恢复' : `方向键移动 · Enter/Tab 确认 · F2 编辑 · ${active.rows.kind === 'fixed' || readOnly ? '' : `Insert ${active.rows.kind === 'coded' ? '添加科目' : '添加一行'} · `}F6 切换区域 · Shift+方向键选择区域 · Delete 清除 · Ctrl+C/V 复制粘贴 · Ctrl+Z/Y 撤销恢复`}</span>
      </footer>
      {picker && active.rows.kind === 'coded' && (
        <RowPicker templateId={template.id} table={active} existing={new Set(session.model.rows(active.id))} onPick={(e) => void addCode(e)} onClose={() => setPicker(false)} />
      )}
      {confirm && <ConfirmDialog title={confirm.title} message={confirm.message} confirmLabel="删除" danger onConfirm={confirm.run} onCancel={() => setConfirm(null)} />}
    </div>
  );
}

/** Calls `onPainted` once the frame showing what was rendered with it has been painted. */
function AfterPaint({ onPainted }: { onPainted: () => void }) {
  useEffect(() => afterNextPaint(onPainted), [onPainted]);
  return null;
}

/** Keys pressed on their own to start a shortcut (Ctrl+Z): no move yet. */
const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'CapsLock']);

function SaveIndicator({ store }: { store: SaveStateStore }) {
  const { state, shown } = useSyncExternalStore(store.subscribe, store.get);
  // data-state is the save itself (tests wait on it); the words follow it once a save takes long enough to see.
  if (shown.kind === 'saving') return <div className="bd-save is-saving" data-testid="save-state" data-state="saving">正在保存…</div>;
  if (shown.kind === 'failed') return <div className="bd-save is-failed" data-testid="save-state" data-state="failed" title={shown.message}>保存失败</div>;
  return <div className="bd-save" data-testid="save-state" data-state={state.kind} title={`最后修改：${formatTime(shown.at)}`}>已保存 {formatTime(shown.at)}</div>;
}

function TableNotes({ table, session }: { table: TableDef; session: DraftSession }) {
  useSyncExternalStore(session.subscribe, session.getVersion);
  const empty = isEmptyTable(session, table);
  return (
    <div className="bd-notes">
      {empty && table.emptyNote && <p className="bd-empty-note" data-testid="empty-note">{table.emptyNote}</p>}
      {table.footNote && <p>{table.footNote}</p>}
    </div>
  );
}

function isEmptyTable(session: DraftSession, table: TableDef): boolean {
  const rows = session.model.rows(table.id).filter((r) => r !== TOTAL_ROW);
  if (table.rows.kind === 'fixed') return false;
  return rows.every((r) => table.columns.every((c) => c.role || !session.model.valueByKey(cellKey(table.id, r, c.id))));
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
