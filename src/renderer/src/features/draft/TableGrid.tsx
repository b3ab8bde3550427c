// Callbacks read refs on purpose (the grid calls them outside React's render); not React-compiled.
/* eslint-disable react-hooks/preserve-manual-memoization */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ModuleRegistry,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowAutoHeightModule,
  RowStyleModule,
  ScrollApiModule,
  TextEditorModule,
  themeQuartz,
  type CellClassParams,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type CellMouseDownEvent,
  type CellMouseOverEvent,
  type ColDef,
  type GridApi,
  type GetRowIdParams,
  type GridReadyEvent,
  type RowClassRules,
  type ValueGetterParams,
} from 'ag-grid-community';
import type { CellEdit, ChangeResult } from '../../../../shared/api';
import { cellKey, TOTAL_ROW, type CellRef } from '../../../../shared/draft';
import { parseTyped } from '../../../../shared/edit-policy';
import { SEVERITY_LABELS } from '../../../../shared/findings';
import { compileTemplate } from '../../../../shared/engine/compiled';
import type { DraftView } from '../../../../shared/engine/replica';
import { codeParts, headerLayout, printedRows, SERIAL_COLUMN } from '../../../../shared/template/layout';
import { isRightColumn, sideBySideLines, type SideBySideLine } from '../../../../shared/template/side-by-side';
import type { ColumnKind, TableDef } from '../../../../shared/template/types';
import { parseTsv, toTsv } from './clipboard';
import { planPasteByCode, type PasteByCode } from './paste-by-code';
import { displayText, formulaInWords, indentOf, isFigureColumn, isTotalRow, rawText, readOnlyReason, type NameLookup } from './cells';
import { columnTree, leafSpecs, pinnedColumns, pixelWidth, templateColumnId, type LeafSpec } from './columns';
import { ARROWS, bounds, contains, extend, isSingle, single, type Pos, type Range } from './selection';
import { afterNextPaint } from './paint';
import { Grid } from './Grid';
import { CellTip, CellTips } from './CellTip';
import { CellMenu, type CellMenuItem } from './CellMenu';
import { useHeldMove } from './held-move';
import type { TypedPreview } from './preview';
import type { DraftSession } from './session';

// The grid's features this table uses, and no other (the first table shows sooner, the code is smaller).
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  TextEditorModule,
  PinnedRowModule,
  CellStyleModule,
  RowStyleModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  RowAutoHeightModule,
]);

const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Microsoft YaHei"', '"PingFang SC"', '"Noto Sans CJK SC"', '"WenQuanYi Micro Hei"', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 28,
  headerHeight: 30,
  spacing: 4,
  cellHorizontalPadding: 6,
  wrapperBorderRadius: 0,
  borderColor: '#c9ced6',
  columnBorder: true,
  headerColumnBorder: true,
  headerBackgroundColor: '#eef1f5',
  headerTextColor: '#1f2937',
  oddRowBackgroundColor: '#ffffff',
  rowHoverColor: '#f5f9ff',
  accentColor: '#1d5fbf',
});

/** A grid row: a row of the table, or a printed line of a side-by-side table (a row on each side). */
interface Row {
  id: string;
  line?: SideBySideLine;
}

/** The grid's rows: the table's in print order, or for a side-by-side table its printed lines showing these right rows. */
function gridRows(table: TableDef, rowList: readonly string[], shownRight: string): Row[] {
  if (!table.sideBySide) return printedRows(table, rowList).map((id) => ({ id }));
  const shown = new Set(shownRight.split(','));
  return sideBySideLines(table, (rowId) => shown.has(rowId)).map((line) => ({ id: `${line.left ?? ''}|${line.right ?? ''}`, line }));
}

/** The right rows of a side-by-side table the grid shows: those holding a figure, as printed, or with a cell to type into. */
function shownRightRows(table: TableDef, model: DraftView): string {
  if (table.rows.kind !== 'fixed' || !table.sideBySide) return '';
  const right = table.columns.filter((c) => c.kind === 'money' && isRightColumn(table, c.id));
  const shown = (rowId: string) => right.some((c) => (model.value(table.id, rowId, c.id) ?? 0) !== 0 || readOnlyReason(model, table, rowId, c.id) === null);
  return table.rows.rows.filter((r) => shown(r.id)).map((r) => r.id).join(',');
}

/** The table row a grid row shows in a column (a side-by-side line: its left or right row; none on an empty side). */
function sourceRow(table: TableDef, row: Row, colId: string): string | undefined {
  if (!row.line) return row.id;
  return isRightColumn(table, colId) ? row.line.right : row.line.left;
}

/** What cells are edited as, beyond the grid's own state. */
interface EditorContext {
  /** The exact text a cell is edited as (entered figures without separators). */
  rawText(rowId: string, colId: string): string;
  /** Text the clerk typed that was refused, so F2 brings it back; taken once unless `keep`. */
  takeRefused(rowId: string, colId: string, keep?: boolean): string | undefined;
}
const SEQ_ROW = '__seq';
const getRowId = (p: GetRowIdParams<Row>) => p.data.id;

export interface SelectRequest {
  ref: CellRef;
  nonce: number;
}

/** Codes a paste adds as rows in the same step. */
export type AddCodes = Array<{ table: string; code: string }>;

export interface TableGridProps {
  session: DraftSession;
  table: TableDef;
  /** Why the draft cannot be changed now (the review's message), or null. */
  readOnly: string | null;
  names: NameLookup;
  /** Commit edits through the store: the change, or the message of a call that failed. */
  commit: (edits: CellEdit[], label?: string, addCodes?: AddCodes) => Promise<ChangeResult | string>;
  /** Main's outcome of the figure being typed, shown at Enter while the commit is on its way. */
  preview?: TypedPreview;
  selectRequest: SelectRequest | null;
  onCurrentCell: (ref: CellRef | null) => void;
  notify: (message: string, kind?: 'info' | 'error') => void;
  /** The grid's first rows have been painted. */
  onShown?: () => void;
  /** Insert a row (a code or a record) or remove rows, as the window's buttons do; absent where the table's rows are fixed. */
  onRowCommand?: (command: RowCommand, rows: string[]) => void;
  /** Set by the grid: the table rows of the selection (the window's 删除所选行 removes them). */
  selectedRowsRef?: { current: (() => string[]) | null };
}

export type RowCommand = 'insert' | 'remove';

interface Notice {
  rowId: string;
  colId: string;
  message: string;
}

function TableGrid({ session, table, readOnly, names, commit, preview, selectRequest, onCurrentCell, notify, onShown, onRowCommand, selectedRowsRef }: TableGridProps) {
  // Rendered again only when the grid's rows may change: rows added or removed, or the figures of a
  // side-by-side table (its lines follow them); other changes refresh the cells they touched.
  const renderedVersion = useSyncExternalStore(session.subscribe, table.sideBySide ? session.getVersion : session.getRowsVersion);
  const model = session.model;
  const wrapper = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<Row> | null>(null);
  const rangeRef = useRef<Range>(single({ row: 0, col: 0 }));
  /** The range Shift+arrows or Ctrl+A made: the grid's reports of focusing its focus cell (they come later) keep it. */
  const extendedRef = useRef<Range | null>(null);
  const draggingRef = useRef(false);
  const refusedRef = useRef(new Map<string, string>());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticePos, setNoticePos] = useState<{ left: number; top: number } | null>(null);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; pos: Pos; items: CellMenuItem[] } | null>(null);

  const specs = useMemo(() => leafSpecs(table), [table]);
  const pinned = useMemo(() => pinnedColumns(table, specs), [table, specs]);
  const colIds = useMemo(() => specs.map((s) => s.id), [specs]);
  /** The template column of each grid column (the parts of a split code column share the code column). */
  const refCols = useMemo(() => specs.map(templateColumnId), [specs]);
  /** The grid columns showing each template column. */
  const gridColumnsOf = useMemo(() => {
    const out = new Map<string, string[]>();
    specs.forEach((s, i) => out.set(refCols[i], [...(out.get(refCols[i]) ?? []), s.id]));
    return out;
  }, [specs, refCols]);
  const firstDataCol = table.hasSerial ? 1 : 0;
  const seq = useMemo(() => headerLayout(table).seq, [table]);

  // Row list: the model returns a new array only when a table's rows were rebuilt.
  const rowList = model.rows(table.id);
  // A side-by-side table's lines follow its figures (a class shows once it holds one).
  const shownRight = shownRightRows(table, model);
  const rows = useMemo<Row[]>(() => gridRows(table, rowList, shownRight), [table, rowList, shownRight]);
  const rowsRef = useRef<readonly Row[]>(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  /** The grid row showing a table row in a column (a side-by-side line shows two table rows). */
  const indexOfRow = useCallback((rowId: string, colId: string) => rowsRef.current.findIndex((r) => sourceRow(table, r, colId) === rowId), [table]);

  const refOf = useCallback((rowIndex: number, colIndex: number): CellRef | null => {
    const row = rowsRef.current[rowIndex];
    const colId = refCols[colIndex];
    const rowId = row && colId !== undefined ? sourceRow(table, row, colId) : undefined;
    return rowId === undefined || colId === undefined ? null : { table: table.id, row: rowId, col: colId };
  }, [refCols, table]);

  /** Whether the clerk can type into the cell at a grid position (Tab and Enter pass over the rest). */
  const typable = useCallback(
    (rowIndex: number, colIndex: number): boolean => {
      const ref = refOf(rowIndex, colIndex);
      return !!ref && specs[colIndex]?.part === undefined && readOnlyReason(model, table, ref.row, ref.col) === null;
    },
    [model, refOf, specs, table],
  );

  /** The next cell Tab goes to from a position: right (or left with Shift) past what cannot be typed, on to the next row. */
  const tabTarget = useCallback(
    (from: Pos, back: boolean): Pos => {
      const rows = rowsRef.current.length;
      const step = back ? -1 : 1;
      let row = from.row;
      let col = from.col;
      for (let n = 0; n < rows * colIds.length; n++) {
        col += step;
        if (col >= colIds.length) {
          col = firstDataCol;
          row++;
        } else if (col < firstDataCol) {
          col = colIds.length - 1;
          row--;
        }
        if (row < 0 || row >= rows) return from;
        if (typable(row, col)) return { row, col };
      }
      return from;
    },
    [colIds.length, firstDataCol, typable],
  );

  const showNotice = useCallback((n: Notice | null) => {
    setNotice(n);
    if (!n || !wrapper.current) return setNoticePos(null);
    const rowIndex = indexOfRow(n.rowId, n.colId);
    const cell = wrapper.current.querySelector(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${n.colId}"]`);
    const box = wrapper.current.getBoundingClientRect();
    const r = cell?.getBoundingClientRect();
    setNoticePos(r ? { left: r.left - box.left, top: r.bottom - box.top + 2 } : { left: 8, top: 8 });
  }, [indexOfRow]);

  /** Refresh the visible cells an applied change touched: values, marks and classes. */
  const refresh = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const touched = session.lastTouched;
    // A side-by-side table is small and its lines are not its rows: refreshed whole.
    if (!touched || table.sideBySide) return api.refreshCells({ force: true });
    // Only the cells whose value or marks changed (a keystroke touches a handful), row by row.
    const columnsByRow = new Map<string, string[]>();
    const prefix = `${table.id}!`;
    for (const key of touched) {
      if (!key.startsWith(prefix)) continue;
      const end = key.indexOf('!', prefix.length);
      const rowId = key.slice(prefix.length, end);
      const columns = gridColumnsOf.get(key.slice(end + 1));
      if (columns) columnsByRow.set(rowId, [...(columnsByRow.get(rowId) ?? []), ...columns]);
    }
    for (const [rowId, columns] of columnsByRow) {
      const rowNode = api.getRowNode(rowId);
      if (rowNode) api.refreshCells({ rowNodes: [rowNode], columns, force: true });
    }
  }, [session, table.id, table.sideBySide, gridColumnsOf]);
  // Rows changed (or a side-by-side table's figures): refreshed once the grid holds its new rows.
  const refreshedRows = useRef(session.rowsVersion);
  useEffect(() => {
    refreshedRows.current = session.rowsVersion;
    refresh();
  }, [refresh, session, renderedVersion]);
  // Figures and marks alone: refreshed as the change is applied, without rendering the grid again.
  useEffect(
    () => session.subscribe(() => !table.sideBySide && session.rowsVersion === refreshedRows.current && refresh()),
    [refresh, session, table.sideBySide],
  );


  const editorContext = useMemo<EditorContext>(
    () => ({
      rawText: (rowId, colId) => {
        const def = table.columns.find((c) => c.id === colId);
        return def ? rawText(model, table, rowId, def, names) : '';
      },
      takeRefused: (rowId, colId, keep) => {
        const key = cellKey(table.id, rowId, colId);
        const text = refusedRef.current.get(key);
        if (!keep) refusedRef.current.delete(key);
        return text;
      },
    }),
    [model, table, names],
  );

  /** Scroll a cell (by displayed row index) into view and focus it. */
  const focusAt = useCallback((rowIndex: number, colId: string) => {
    const api = apiRef.current;
    if (!api || rowIndex < 0) return;
    api.ensureIndexVisible(rowIndex);
    api.ensureColumnVisible(colId);
    api.setFocusedCell(rowIndex, colId);
  }, []);
  const focusCell = useCallback((rowId: string, colId: string) => focusAt(indexOfRow(rowId, colId), colId), [focusAt, indexOfRow]);

  /** Commit edits and report refusals at the cell (keeping the refused text for F2). */
  const commitAndReport = useCallback(
    async (edits: CellEdit[], localRefusals: Array<{ edit: CellEdit; message: string }>, label?: string, addCodes?: AddCodes) => {
      let refused = [...localRefusals];
      if (edits.length || addCodes?.length) {
        const change = await commit(edits, label, addCodes);
        // A failed call stored nothing: every edit is refused, its text kept for F2.
        if (typeof change === 'string') refused = [...refused, ...edits.map((edit) => ({ edit, message: change }))];
        else refused = [...refused, ...change.rejected];
      }
      for (const r of refused) refusedRef.current.set(cellKey(r.edit.table, r.edit.row, r.edit.col), r.edit.value);
      if (!refused.length) {
        setNotice(null);
        return;
      }
      const first = refused[0];
      const show = () => {
        if (edits.length + localRefusals.length === 1) {
          focusCell(first.edit.row, first.edit.col);
          showNotice({ rowId: first.edit.row, colId: first.edit.col, message: first.message });
        } else {
          const applied = edits.length - (refused.length - localRefusals.length);
          const lines = refused.slice(0, 6).map((r) => `${cellName(table, r.edit)}：${r.message}`);
          const more = refused.length > 6 ? `\n……另有 ${refused.length - 6} 处` : '';
          showNotice({ rowId: first.edit.row, colId: first.edit.col, message: `已填入 ${applied} 个单元格，${refused.length} 个未填入：\n${lines.join('\n')}${more}` });
        }
      };
      // Main's answer can come before the grid has landed the move made meanwhile (Enter's, whose
      // focus reaches the page a moment later): the message waits for it, so the move does not put it away.
      if (edits.length || addCodes?.length) afterNextPaint(show);
      else show();
    },
    [commit, focusCell, showNotice, table],
  );

  /** A value typed into a cell: checked here, committed through the store. */
  const submitTyped = useCallback(
    (rowId: string, colId: string, value: string) => {
      const def = table.columns.find((c) => c.id === colId);
      if (!def) return;
      refusedRef.current.delete(cellKey(table.id, rowId, colId));
      const edit: CellEdit = { table: table.id, row: rowId, col: colId, value };
      const typed = typedEdit(def.kind, edit);
      if (!typed.ok) return commitAndReport([], [{ edit, message: typed.message }]);
      if (typed.note) notify(typed.note);
      return commitAndReport([typed.edit], []);
    },
    [commitAndReport, notify, table],
  );

  /**
   * The editor whose value Enter, Tab or an arrow has committed already (see finishEdit): the grid
   * commits it again as the focus leaves it, and tells us in its next batch of events.
   */
  const committedByKeys = useRef<{ rowIndex: number; colId: string } | null>(null);
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<Row>) => {
      const colId = e.column.getColId();
      const done = committedByKeys.current;
      if (done && done.rowIndex === e.rowIndex && done.colId === colId) return void (committedByKeys.current = null);
      const rowId = e.data && sourceRow(table, e.data, colId);
      if (rowId) void submitTyped(rowId, colId, e.newValue == null ? '' : String(e.newValue));
    },
    [submitTyped, table],
  );

  /** A cell's tip: its findings, and how a computed figure is computed. */
  const tips = useMemo(() => new CellTips(), []);
  const tipText = useCallback(
    (data: Row, colId: string): string | undefined => {
      const spec = specs.find((s) => s.id === colId);
      const rowId = spec && sourceRow(table, data, templateColumnId(spec));
      if (!spec?.def || !rowId) return undefined;
      const key = cellKey(table.id, rowId, spec.id);
      const lines = session.findingsAt(key)?.map((f) => `【${SEVERITY_LABELS[f.severity]}】${f.message}`) ?? [];
      const formula = isFigureColumn(spec.def) ? formulaInWords(model, key) : null;
      if (formula) lines.unshift(`自动计算 ${formula}`);
      return lines.length ? lines.join('\n') : undefined;
    },
    [specs, table, session, model],
  );

  const columnDefs = useMemo(() => {
    const isSeqRow = (p: { node: { rowPinned?: string | null } | null }) => !!p.node?.rowPinned;
    const leaf = (spec: LeafSpec): ColDef<Row> => {
      const def = spec.def;
      const numeric = isFigureColumn(def);
      const colIndex = colIds.indexOf(spec.id);
      /** The table row this column shows on a grid row (none on the empty side of a side-by-side line). */
      const src = (data: Row | undefined) => (data ? sourceRow(table, data, templateColumnId(spec)) : undefined);
      const keyOf = (p: CellClassParams<Row>) => (src(p.data) ? cellKey(table.id, src(p.data)!, spec.id) : '');
      return {
        colId: spec.id,
        headerName: spec.header[spec.header.length - 1],
        width: pixelWidth(spec),
        pinned: pinned.has(spec.id) ? 'left' : undefined,
        sortable: false,
        resizable: true,
        suppressMovable: true,
        headerClass: numeric ? 'bd-header bd-header-num' : 'bd-header',
        // Long labels (一般公共预算财政拨款) wrap and the header grows, as in the printed table.
        wrapHeaderText: true,
        autoHeaderHeight: true,
        // The value is what the cell is edited as (exact figures; refused text, so F2 brings it
        // back); what it shows is formatted from the model.
        valueGetter: (p: ValueGetterParams<Row>) => {
          const rowId = src(p.data);
          if (isSeqRow(p) || !rowId || spec.id === SERIAL_COLUMN || !def) return '';
          return editorContext.takeRefused(rowId, spec.id, true) ?? rawText(model, table, rowId, def, names);
        },
        valueFormatter: (p) => {
          if (isSeqRow(p)) return spec.id === SERIAL_COLUMN ? '栏次' : seq[spec.id] !== undefined ? String(seq[spec.id]) : '';
          if (!p.data) return '';
          if (spec.id === SERIAL_COLUMN) return String((p.node?.rowIndex ?? 0) + 1);
          const rowId = src(p.data);
          if (rowId === undefined) return '';
          if (spec.part !== undefined) return rowId === TOTAL_ROW ? '' : (codeParts(table, rowId)[spec.part] ?? '');
          // A side-by-side line prints its right label numbered (一、一般公共服务支出).
          if (p.data.line?.rightLabel !== undefined && def?.role === 'label' && isRightColumn(table, def.id)) return p.data.line.rightLabel;
          return displayText(model, table, rowId, def!, names);
        },
        // A paragraph (增减原因, 主要用于) is read whole: it takes the width left and its line
        // grows, instead of running off the pane's edge.
        ...(def?.kind === 'text' && def.multiline ? { wrapText: true, autoHeight: true, flex: 1, minWidth: 240 } : {}),
        editable: (p) => !readOnly && !p.node.rowPinned && !!src(p.data) && readOnlyReason(model, table, src(p.data)!, spec.id) === null,
        cellEditor: 'agTextCellEditor',
        // Static per cell (kind, derived, label, indent): computed when the cell is created.
        cellClass: (p) => {
          const rowId = src(p.data);
          if (isSeqRow(p) || !rowId) return numeric ? 'bd-num' : undefined;
          const classes: string[] = [];
          if (numeric) classes.push('bd-num');
          if (spec.id === SERIAL_COLUMN) classes.push('bd-serial');
          else if (def?.role === 'label' || def?.role === 'code') classes.push('bd-fixed');
          else if (numeric && readOnlyReason(model, table, rowId, spec.id) !== null) classes.push('bd-derived');
          if (def?.role === 'name' || def?.role === 'label') {
            const indent = indentOf(table, rowId);
            if (indent > 0) classes.push(indent === 1 ? 'bd-indent-1' : 'bd-indent-2');
          }
          return classes;
        },
        // Dynamic: finding marks and the selected range, re-evaluated when the cell refreshes.
        cellClassRules: {
          'bd-error': (p) => session.severityAt(keyOf(p)) === 'error',
          'bd-warning': (p) => session.severityAt(keyOf(p)) === 'warning',
          'bd-in-range': (p) => {
            if (isSeqRow(p) || isSingle(rangeRef.current)) return false;
            return contains(bounds(rangeRef.current), p.rowIndex, colIndex);
          },
        },
      };
    };
    return columnTree<Row>(specs, leaf);
  }, [specs, pinned, colIds, table, model, names, readOnly, seq, session, editorContext]);

  // ------------------------------------------------------------------ selection and keys

  const setRange = useCallback((range: Range) => {
    const before = rangeRef.current;
    rangeRef.current = range;
    if (isSingle(before) && isSingle(range)) return;
    const api = apiRef.current;
    if (!api) return;
    const a = bounds(before);
    const b = bounds(range);
    const rowNodes = [];
    for (let i = Math.min(a.top, b.top); i <= Math.max(a.bottom, b.bottom); i++) {
      const node = api.getDisplayedRowAtIndex(i);
      if (node) rowNodes.push(node);
    }
    api.refreshCells({ rowNodes, force: true });
  }, []);

  /** The table rows the selection spans, in order (not the 合计 row a coded table computes). */
  const rowsOfSelection = useCallback(() => {
    if (table.sideBySide) return [];
    const b = bounds(rangeRef.current);
    const out: string[] = [];
    for (let i = b.top; i <= b.bottom; i++) {
      const id = rowsRef.current[i]?.id;
      if (id !== undefined && id !== TOTAL_ROW) out.push(id);
    }
    return out;
  }, [table]);
  useEffect(() => {
    if (!selectedRowsRef) return;
    selectedRowsRef.current = rowsOfSelection;
    return () => {
      if (selectedRowsRef.current === rowsOfSelection) selectedRowsRef.current = null;
    };
  }, [selectedRowsRef, rowsOfSelection]);

  const shiftClickRef = useRef(false);

  /**
   * The grid reports itself ready a moment after it shows its rows; a clerk quick enough to click
   * in between must still get our keys (Shift+arrows, Delete), so the first event brings the api.
   */
  const adoptApi = (api: GridApi<Row>) => {
    apiRef.current ??= api;
  };

  const onCellFocused = (e: CellFocusedEvent<Row>) => {
    adoptApi(e.api);
    if (e.rowIndex == null || e.rowPinned || !e.column || typeof e.column === 'string') return;
    // The grid reports a move in a later task: a report of a cell the focus has left since is
    // stale (the move that followed reports too), and one of an extended range's own cell keeps it.
    const now = e.api.getFocusedCell();
    if (!now || now.rowPinned || now.rowIndex !== e.rowIndex || now.column.getColId() !== e.column.getColId()) return;
    const col = colIds.indexOf(e.column.getColId());
    const pos = { row: e.rowIndex, col };
    const extended = extendedRef.current;
    if (extended && extended === rangeRef.current && extended.focus.row === pos.row && extended.focus.col === pos.col) return;
    extendedRef.current = null;
    if (shiftClickRef.current) {
      shiftClickRef.current = false;
      setRange({ anchor: rangeRef.current.anchor, focus: pos });
      return;
    }
    setRange(single(pos));
    const ref = refOf(pos.row, pos.col);
    onCurrentCell(ref);
    // A message belongs to its cell: moving elsewhere puts it away.
    setNotice((n) => (n && ref && (n.rowId !== ref.row || n.colId !== ref.col) ? null : n));
  };

  /** The body cell an element is in (null in a pinned row, a header or elsewhere). */
  const cellAt = (el: HTMLElement): Pos | null => {
    const cell = el.closest('.ag-cell');
    const index = cell?.closest('.ag-row')?.getAttribute('row-index');
    const col = colIds.indexOf(cell?.getAttribute('col-id') ?? '');
    return index && /^\d+$/.test(index) && col >= 0 ? { row: Number(index), col } : null;
  };

  // The grid focuses the clicked cell before it reports the click: note Shift first.
  const onMouseDownCapture = (e: React.MouseEvent) => {
    shiftClickRef.current = e.shiftKey && e.button === 0;
    // A plain click selects the cell clicked, even the focus cell of an extended range, at once:
    // the grid reports the focus a task later, and a paste or Delete right after the click must
    // not reach the cells selected before it.
    if (!e.shiftKey) extendedRef.current = null;
    const clicked = e.button === 0 && !e.shiftKey ? cellAt(e.target as HTMLElement) : null;
    if (clicked) setRange(single(clicked));
    // A drag starts here, as the button goes down (the grid reports the press later, maybe after it is up).
    draggingRef.current = clicked !== null;
  };

  const onCellMouseDown = (e: CellMouseDownEvent<Row>) => {
    adoptApi(e.api);
    if (e.rowPinned || e.rowIndex == null) return;
    const pos = { row: e.rowIndex, col: colIds.indexOf(e.column.getColId()) };
    const ev = e.event as MouseEvent | undefined;
    if (ev?.shiftKey) {
      shiftClickRef.current = false;
      setRange({ anchor: rangeRef.current.anchor, focus: pos });
    }
  };

  const onCellMouseOver = (e: CellMouseOverEvent<Row>) => {
    const cell = (e.event?.target as HTMLElement | undefined)?.closest<HTMLElement>('.ag-cell');
    const data = e.data;
    if (cell && data && !e.rowPinned && wrapper.current) tips.hover(cell, wrapper.current, () => tipText(data, e.column.getColId()));
    // Reported later: extends only if the button was still down when the pointer came over the cell.
    if (!draggingRef.current || !(((e.event as MouseEvent | undefined)?.buttons ?? 0) & 1) || e.rowPinned || e.rowIndex == null) return;
    const pos = { row: e.rowIndex, col: colIds.indexOf(e.column.getColId()) };
    const cur = rangeRef.current.focus;
    if (cur.row !== pos.row || cur.col !== pos.col) setRange({ anchor: rangeRef.current.anchor, focus: pos });
  };

  useEffect(() => {
    const up = () => (draggingRef.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const isEditing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;

  /** Columns the template computes in every row (合计 = Σ parts, 项目支出 from the projects): a row not added yet has them too. */
  const computedColumns = useMemo(() => compileTemplate(model.template).computedColumns(table.id), [model, table.id]);

  /**
   * Edits as the grid can tell before the store: those to commit, and refusals with a reason.
   * A blank onto a read-only cell (e.g. a copied sum column left empty), or its own value, is neither;
   * in a paste (`quiet`), figures of cells the table computes (合计, 项目支出) are skipped and counted.
   */
  const screenEdits = useCallback(
    (candidates: CellEdit[], quiet = false) => {
      const edits: CellEdit[] = [];
      const refused: Array<{ edit: CellEdit; message: string }> = [];
      let rounded = 0;
      const skipped: Array<{ edit: CellEdit; message: string }> = [];
      for (const edit of candidates) {
        const def = table.columns.find((x) => x.id === edit.col)!;
        const reason = readOnlyReason(model, table, edit.row, edit.col) ?? (computedColumns.has(edit.col) ? '该单元格由公式自动计算，不能直接填写' : null);
        if (reason) {
          if (edit.value === '' || edit.value === rawText(model, table, edit.row, def, names)) continue;
          if (quiet && isFigureColumn(def)) skipped.push({ edit, message: reason });
          else refused.push({ edit, message: reason });
          continue;
        }
        const typed = typedEdit(def.kind, edit);
        if (!typed.ok) refused.push({ edit, message: typed.message });
        else {
          edits.push(typed.edit);
          if (typed.note) rounded++;
        }
      }
      // A paste that landed only on computed cells was not a block spanning them: say why, at the cell.
      if (!edits.length && !refused.length) return { edits, refused: skipped, rounded, computed: 0 };
      return { edits, refused, rounded, computed: skipped.length };
    },
    [computedColumns, model, names, table],
  );

  /** Editable cells of the range as edits with a value, and refusals for the rest. */
  const rangeEdits = useCallback(
    (values: (rowOffset: number, colOffset: number) => string | undefined, top: number, left: number, height: number, width: number) => {
      const candidates: CellEdit[] = [];
      let outside = 0;
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          const value = values(r, c);
          if (value === undefined) continue;
          const ref = refOf(top + r, left + c);
          if (!ref) {
            outside++;
            continue;
          }
          candidates.push({ ...ref, value: value.trim() });
        }
      }
      return { ...screenEdits(candidates, true), outside };
    },
    [refOf, screenEdits],
  );

  /** A block pasted over the code column goes by its codes (see paste-by-code): new codes are added in the same step. */
  const pasteByCode = useCallback(
    (plan: PasteByCode) => {
      const { edits, refused, rounded, computed } = screenEdits(plan.edits, true);
      const parts = [`已按科目编码粘贴 ${plan.lines} 行`];
      if (plan.addCodes.length) parts.push(`新增科目 ${plan.addCodes.length} 个`);
      // One short note for everything the table computes itself (类/款 lines, 合计, 项目支出).
      if (plan.sumLines || computed) parts.push('汇总行、合计和项目支出由系统计算，已略过');
      if (rounded) parts.push(`${rounded} 个数字已按两位小数四舍五入`);
      if (plan.withoutCode) parts.push(`${plan.withoutCode} 行没有科目编码，未粘贴`);
      if (plan.outside) parts.push(`${plan.outside} 个单元格超出表格范围，未粘贴`);
      notify(parts.join('；'), plan.outside ? 'error' : 'info');
      void commitAndReport(edits, refused, '粘贴', plan.addCodes);
    },
    [commitAndReport, notify, screenEdits],
  );

  const clearRange = () => {
    const b = bounds(rangeRef.current);
    const { edits } = rangeEdits(() => '', b.top, b.left, b.bottom - b.top + 1, b.right - b.left + 1);
    const nonEmpty = edits.filter((e) => model.content.cells[cellKey(e.table, e.row, e.col)] !== undefined);
    if (nonEmpty.length) void commitAndReport(nonEmpty, [], '清除');
  };

  /**
   * How the editor was opened: by typing over the cell ('enter', as Excel's Enter mode, where the
   * arrow keys commit and move) or by F2, a double click or Enter ('edit', where they move the caret).
   */
  const editModeRef = useRef<'enter' | 'edit'>('edit');
  const holdMove = useHeldMove(session);

  /** The cell whose editor holds `target`: its place in the grid and in the table, or null. */
  const editedCell = (api: GridApi<Row>, target: EventTarget) => {
    const editing = api.getEditingCells()[0];
    if (!editing?.column || (target as HTMLElement).tagName !== 'INPUT' || editing.rowPinned) return null;
    const colId = editing.column.getColId();
    const gridRow = rowsRef.current[editing.rowIndex];
    const rowId = gridRow && sourceRow(table, gridRow, colId);
    const def = table.columns.find((c) => c.id === colId);
    return rowId === undefined || !def ? null : { rowIndex: editing.rowIndex, colId, rowId, def };
  };

  /** The figure being typed: main previews what it changes, shown at once at Enter (see finishEdit). */
  const onInput = (e: React.FormEvent<HTMLDivElement>) => {
    // Words still being composed by an input method are not what will be committed.
    if (!preview || !apiRef.current || (e.nativeEvent as InputEvent).isComposing) return;
    const cell = editedCell(apiRef.current, e.target);
    const typed = cell && typedEdit(cell.def.kind, { table: table.id, row: cell.rowId, col: cell.colId, value: (e.target as HTMLInputElement).value });
    if (typed?.ok) preview.request(typed.edit);
  };

  /**
   * Enter, Tab (and in Enter mode the arrows) in the editor: commit at once and move on (down,
   * right past what cannot be typed, or the arrow's way; with Shift back), without waiting for the
   * grid's own stop-editing round, which costs a frame or two.
   */
  const finishEdit = (e: React.KeyboardEvent<HTMLDivElement>, api: GridApi<Row>): boolean => {
    const arrow = editModeRef.current === 'enter' && !e.shiftKey ? ARROWS[e.key] : undefined;
    if ((e.key !== 'Enter' && e.key !== 'Tab' && !arrow) || e.nativeEvent.isComposing || e.ctrlKey || e.altKey || e.metaKey) return false;
    const cell = editedCell(api, e.target);
    if (!cell) return false;
    const { rowIndex, colId, rowId, def } = cell;
    const value = (e.target as HTMLInputElement).value;
    const before = rawText(model, table, rowId, def, names);
    e.preventDefault();
    e.stopPropagation();
    if (value !== before && !parseTyped(def.kind, value).ok) {
      // Refused at once: stay on the cell, where the message is.
      api.stopEditing(true);
      api.setFocusedCell(rowIndex, colId);
      void submitTyped(rowId, colId, value);
      return true;
    }
    const from = { row: rowIndex, col: colIds.indexOf(colId) };
    const to = nextPosition(e.key, e.shiftKey, from, arrow);
    const move = () => {
      if (api.isDestroyed()) return;
      // The focus goes straight to the next cell, then the editor closes: closing it first would
      // focus the edited cell on the way (one more focus change and style pass in the keystroke).
      // The grid then commits the editor itself, as the focus leaves it: that is not a second edit.
      const committed = { rowIndex, colId };
      committedByKeys.current = committed;
      focusAt(to.row, colIds[to.col]);
      api.stopEditing(true);
      // The grid's events come in a timer queued before this one: its commit has been told by then.
      setTimeout(() => committedByKeys.current === committed && (committedByKeys.current = null), 0);
    };
    if (value === before) {
      move();
      return true;
    }
    const typed = typedEdit(def.kind, { table: table.id, row: rowId, col: colId, value });
    const previewed = typed.ok ? preview?.take(typed.edit) : null;
    const commitAndMove = () => {
      void submitTyped(rowId, colId, value);
      move();
    };
    // Main has previewed this figure: the commit leaves, and what main computed shows with the move at once.
    if (!previewed || !session.applyAhead(previewed, commitAndMove)) holdMove(move, submitTyped(rowId, colId, value));
    return true;
  };

  /** Where Enter, Tab or an arrow goes from a cell. */
  const nextPosition = (key: string, shift: boolean, from: Pos, arrow?: [number, number]): Pos => {
    const lastRow = rowsRef.current.length - 1;
    if (key === 'Tab') return tabTarget(from, shift);
    if (key === 'Enter') return { row: Math.max(0, Math.min(lastRow, from.row + (shift ? -1 : 1))), col: from.col };
    const [dr, dc] = arrow ?? [0, 0];
    return { row: Math.max(0, Math.min(lastRow, from.row + dr)), col: Math.max(firstDataCol, Math.min(colIds.length - 1, from.col + dc)) };
  };

  /** Ctrl+Home, Ctrl+End, Ctrl+A as in Excel: first cell, last cell, the whole table. */
  const jumpKey = (e: React.KeyboardEvent<HTMLDivElement>): boolean => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return false;
    const lastRow = rowsRef.current.length - 1;
    const lastCol = colIds.length - 1;
    const key = e.key.toLowerCase();
    let range: Range | null = null;
    if (e.key === 'Home') range = single({ row: 0, col: firstDataCol });
    else if (e.key === 'End') range = single({ row: lastRow, col: lastCol });
    else if (key === 'a') range = { anchor: { row: 0, col: firstDataCol }, focus: { row: lastRow, col: lastCol } };
    if (!range || lastRow < 0) return false;
    e.preventDefault();
    e.stopPropagation();
    if (e.shiftKey && key !== 'a') range = { anchor: rangeRef.current.anchor, focus: range.focus };
    extendedRef.current = isSingle(range) ? null : range;
    setRange(range);
    focusAt(range.focus.row, colIds[range.focus.col]);
    if (key === 'a') notify(`已选中整张表：${lastRow + 1} 行 × ${lastCol - firstDataCol + 1} 列`);
    return true;
  };

  /** A right click on a cell: the menu of what can be done there (the cell is selected first unless it is in the range). */
  const onContextMenu = (e: React.MouseEvent) => {
    const pos = cellAt(e.target as HTMLElement);
    if (!pos || isEditing()) return;
    e.preventDefault();
    if (!contains(bounds(rangeRef.current), pos.row, pos.col)) {
      extendedRef.current = null;
      setRange(single(pos));
      focusAt(pos.row, colIds[pos.col]);
    }
    setMenu({ at: { x: e.clientX, y: e.clientY }, pos, items: menuItems(pos) });
  };

  const closeMenu = useCallback(
    (refocus: boolean) => {
      if (menu && refocus) focusAt(menu.pos.row, colIds[menu.pos.col]);
      setMenu(null);
    },
    [menu, focusAt, colIds],
  );

  /** The menu's 粘贴: the clipboard read by the page (Ctrl+V hands it over without asking). */
  const pasteFromClipboard = () => {
    navigator.clipboard.readText().then(pasteText, () => notify('无法读取剪贴板，请按 Ctrl+V 粘贴', 'error'));
  };

  const menuItems = (pos: Pos): CellMenuItem[] => {
    const ref = refOf(pos.row, pos.col);
    const items: CellMenuItem[] = [
      { label: '复制', keys: 'Ctrl+C', run: () => document.execCommand('copy') },
      { label: '粘贴', keys: 'Ctrl+V', refusal: readOnly, run: pasteFromClipboard },
      { label: '清除内容', keys: 'Delete', refusal: readOnly, run: clearRange },
    ];
    if (onRowCommand && ref && table.rows.kind !== 'fixed') {
      const rows = rowsOfSelection();
      const coded = table.rows.kind === 'coded';
      items.push(
        { label: coded ? '插入科目…' : '插入一行', keys: 'Insert', refusal: readOnly, run: () => onRowCommand('insert', []), group: true },
        {
          label: rows.length > 1 ? `删除所选 ${rows.length} ${coded ? '个科目' : '行'}` : `删除此${coded ? '科目' : '行'}`,
          refusal: readOnly ?? (rows.length === 0 ? '合计行由系统计算，不能删除' : null),
          run: () => onRowCommand('remove', rows),
        },
      );
    }
    const formula = ref && ref.col !== SERIAL_COLUMN ? formulaInWords(model, cellKey(table.id, ref.row, ref.col)) : null;
    if (ref && formula) {
      items.push({ label: '计算来源', group: true, run: () => showNotice({ rowId: ref.row, colId: ref.col, message: `本格由系统计算：${formula}` }) });
    }
    return items;
  };

  const onKeyDownCapture = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const api = apiRef.current;
    if (!api) return;
    if (isEditing()) {
      finishEdit(e, api);
      return;
    }
    if ((e.target as HTMLElement).closest('.ag-header')) return;
    const focused = api.getFocusedCell();
    if (!focused || focused.rowPinned) return;
    if (jumpKey(e)) return;
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      const pos = { row: focused.rowIndex, col: colIds.indexOf(focused.column.getColId()) };
      const cell = wrapper.current?.querySelector(`.ag-row[row-index="${pos.row}"] .ag-cell[col-id="${colIds[pos.col]}"]`)?.getBoundingClientRect();
      setMenu({ at: cell ? { x: cell.left + 8, y: cell.bottom } : { x: 40, y: 40 }, pos, items: menuItems(pos) });
      return;
    }
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      // Tab passes over what cannot be typed (sums, labels, calculated columns).
      const to = tabTarget({ row: focused.rowIndex, col: colIds.indexOf(focused.column.getColId()) }, e.shiftKey);
      e.preventDefault();
      e.stopPropagation();
      focusAt(to.row, colIds[to.col]);
      return;
    }
    if (e.key === 'F2' || e.key === 'Enter') editModeRef.current = 'edit';
    if (e.shiftKey && ARROWS[e.key]) {
      const [dr, dc] = ARROWS[e.key];
      const next = extend(rangeRef.current, dr, dc, rowsRef.current.length, colIds.length, firstDataCol);
      extendedRef.current = next;
      setRange(next);
      focusAt(next.focus.row, colIds[next.focus.col]);
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if ((e.key === 'Delete' || e.key === 'Backspace') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      if (!readOnly) clearRange();
      return;
    }
    // A Chinese IME reports 'Process' instead of the key: open an empty editor for it to compose into.
    if (e.key === 'Process') {
      const ref = refOf(focused.rowIndex, colIds.indexOf(focused.column.getColId()));
      if (ref && !readOnly && readOnlyReason(model, table, ref.row, ref.col) === null) {
        editModeRef.current = 'enter';
        api.startEditingCell({ rowIndex: focused.rowIndex, colKey: ref.col, key: 'Backspace' });
      }
      return;
    }
    // A printable key on a cell that cannot be typed into: say why instead of silently ignoring it.
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const ref = refOf(focused.rowIndex, colIds.indexOf(focused.column.getColId()));
      if (ref) {
        const reason = readOnly ?? readOnlyReason(model, table, ref.row, ref.col);
        if (reason) {
          e.preventDefault();
          e.stopPropagation();
          // A calculated cell says where its figure comes from, so the clerk knows which cell to type into.
          const formula = readOnly ? null : formulaInWords(model, cellKey(table.id, ref.row, ref.col));
          showNotice({ rowId: ref.row, colId: ref.col, message: formula ? `${reason}：${formula}` : reason });
        } else {
          editModeRef.current = 'enter';
          setNotice(null);
        }
      }
    }
  };

  /** Text from the clipboard (Ctrl+V or the menu's 粘贴) into the selection, as tab-separated lines (Excel, WPS). */
  const pasteText = useCallback(
    (text: string) => {
      if (readOnly) return notify(readOnly, 'error');
      const block = parseTsv(text);
      if (!block.length) return;
      const b = bounds(rangeRef.current);
      // One value into a larger selection fills it, as Excel does; otherwise the block starts at the top-left.
      const fill = block.length === 1 && block[0].length === 1 && !isSingle(rangeRef.current);
      const byCode = fill ? null : planPasteByCode(table, refCols, b.left, block, new Set(rowsRef.current.map((r) => r.id)));
      if (byCode) return pasteByCode(byCode);
      const height = fill ? b.bottom - b.top + 1 : block.length;
      const width = fill ? b.right - b.left + 1 : Math.max(...block.map((r) => r.length));
      const { edits, refused, outside, rounded, computed } = rangeEdits((r, c) => (fill ? block[0][0] : block[r]?.[c]), b.top, b.left, height, width);
      const notes = [`已粘贴 ${edits.length} 个单元格`];
      if (computed) notes.push(`${computed} 个由系统计算的数字已略过`);
      if (rounded) notes.push(`${rounded} 个数字已按两位小数四舍五入`);
      if (outside) notes.push(`${outside} 个单元格超出表格范围，未粘贴`);
      notify(notes.join('；'), outside ? 'error' : 'info');
      setRange({ anchor: { row: b.top, col: b.left }, focus: { row: Math.min(b.top + height, rowsRef.current.length) - 1, col: Math.min(b.left + width, colIds.length) - 1 } });
      void commitAndReport(edits, refused, '粘贴');
    },
    [colIds.length, commitAndReport, notify, pasteByCode, rangeEdits, readOnly, refCols, setRange, table],
  );

  // Copy and paste of ranges as tab-separated text (Excel, WPS).
  useEffect(() => {
    const inGrid = () => !!wrapper.current && wrapper.current.contains(document.activeElement) && !isEditing();
    const onCopy = (e: ClipboardEvent) => {
      if (!inGrid()) return;
      const b = bounds(rangeRef.current);
      const out: string[][] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const line: string[] = [];
        for (let c = b.left; c <= b.right; c++) {
          const ref = refOf(r, c);
          const def = ref && table.columns.find((x) => x.id === ref.col);
          const part = specs[c]?.part;
          if (ref && part !== undefined) line.push(codeParts(table, ref.row)[part] ?? '');
          else line.push(ref && def ? rawText(model, table, ref.row, def, names) : ref && ref.col === SERIAL_COLUMN ? String(r + 1) : '');
        }
        out.push(line);
      }
      e.clipboardData?.setData('text/plain', toTsv(out));
      e.preventDefault();
      notify(`已复制 ${out.length} 行 × ${out[0]?.length ?? 0} 列`);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!inGrid()) return;
      e.preventDefault();
      pasteText(e.clipboardData?.getData('text/plain') ?? '');
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [model, names, notify, pasteText, refOf, specs, table]);

  // Select a cell on request (a finding clicked, a row added, an undo), before the browser paints
  // and before the clerk can click: the window withdraws a request as soon as the clerk moves.
  const applySelect = useCallback(() => {
    if (!selectRequest || selectRequest.ref.table !== table.id || !apiRef.current) return;
    const { row, col } = selectRequest.ref;
    const colId = colIds.includes(col) ? col : colIds[firstDataCol];
    focusCell(row, colId);
    const i = indexOfRow(row, colId);
    if (i >= 0) setRange(single({ row: i, col: colIds.indexOf(colId) }));
  }, [selectRequest, table.id, colIds, firstDataCol, focusCell, indexOfRow, setRange]);
  useLayoutEffect(applySelect, [applySelect, rows]);

  const pinnedTop = useMemo(() => (table.hasSerial ? [{ id: SEQ_ROW }] : []), [table.hasSerial]);
  // A list without rows yet says how to begin (the grid's own text is English).
  const emptyText = useMemo(
    () => ({ noRows: { overlayText: readOnly || table.rows.kind !== 'list' ? '尚无数据' : '尚无数据：点“＋ 添加一行”开始填写' } }),
    [readOnly, table.rows.kind],
  );
  const onGridReady = (e: GridReadyEvent<Row>) => {
    apiRef.current = e.api;
    // The grid places its pinned 栏次 row under the header's height as it was before the header
    // was measured, and places it again only when the rows change: a table without rows would
    // keep it over its header. Set it again now that the header is there.
    if (pinnedTop.length) e.api.setGridOption('pinnedTopRowData', [...pinnedTop]);
    applySelect();
  };

  // Stable props: a new object here would make the grid redo its rows on every change.
  const rowClassRules = useMemo<RowClassRules<Row>>(
    () => ({ 'bd-total-row': (p) => !!p.data && p.data.id !== SEQ_ROW && (p.data.line ? !!p.data.line.isTotal : isTotalRow(table, p.data.id)), 'bd-seq-row': (p) => !!p.node.rowPinned }),
    [table],
  );


  return (
    <div className="bd-grid-wrap" ref={wrapper} onKeyDownCapture={onKeyDownCapture} onInput={onInput} onMouseDownCapture={onMouseDownCapture} onContextMenu={onContextMenu} data-table={table.id}>
      <Grid<Row>
        options={{
          theme: gridTheme,
          rowData: rows,
          columnDefs,
          getRowId,
          pinnedTopRowData: pinnedTop,
          overlayComponentParams: emptyText,
          readOnlyEdit: true,
          singleClickEdit: false,
          enterNavigatesVertically: true,
          enterNavigatesVerticallyAfterEdit: true,
          stopEditingWhenCellsLoseFocus: true,
          suppressDragLeaveHidesColumns: true,
          suppressMovableColumns: true,
          suppressColumnVirtualisation: true,
          animateRows: false,
          // The cells' tips are CellTip's. The grid still gives every cell it draws a tooltip
          // feature; as a browser tooltip (a title, none here) it sets up no listeners in each.
          enableBrowserTooltips: true,
          suppressCellFocus: false,
          rowClassRules,
          onGridReady,
          onFirstDataRendered: () => onShown && afterNextPaint(onShown),
          onCellEditRequest,
          onCellFocused,
          onCellMouseDown,
          onCellMouseOver,
          onCellMouseOut: tips.hide,
          onCellDoubleClicked: () => (editModeRef.current = 'edit'),
        }}
      />
      <CellTip tips={tips} />
      {menu && <CellMenu items={menu.items} at={menu.at} onClose={closeMenu} />}
      {notice && noticePos && (
        <div className="bd-cell-notice" role="alert" style={{ left: noticePos.left, top: noticePos.top }} onClick={() => setNotice(null)}>
          {notice.message}
        </div>
      )}
    </div>
  );
}

/** A table's grid; its props are stable across edits, so a change renders it only when its rows change. */
const MemoizedTableGrid = memo(TableGrid);
export { MemoizedTableGrid as TableGrid };

/** A typed edit read by the edit policy: the canonical value to send (the store checks again), or why it is refused. */
function typedEdit(kind: ColumnKind, edit: CellEdit): { ok: true; edit: CellEdit; note?: string } | { ok: false; message: string } {
  const r = parseTyped(kind, edit.value);
  if (!r.ok) return r;
  if (kind === 'text' || kind === 'code') return { ok: true, edit };
  return { ok: true, edit: { ...edit, value: r.value ?? '' }, note: r.note };
}

function cellName(table: TableDef, ref: CellRef): string {
  const col = table.columns.find((c) => c.id === ref.col);
  const row = ref.row === TOTAL_ROW ? '合计行' : table.rows.kind === 'fixed' ? (table.rows.rows.find((r) => r.id === ref.row)?.labels[table.columns.find((c) => c.role === 'label')?.id ?? ''] ?? ref.row) : ref.row;
  return `${row}·${col?.header.join('/') ?? ref.col}`;
}
