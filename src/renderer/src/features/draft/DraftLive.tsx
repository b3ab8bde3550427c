import { memo, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ComponentType } from 'react';
import type { CellRef } from '../../../../shared/draft';
import type { Explanation, Finding } from '../../../../shared/findings';
import type { TableDef, Template } from '../../../../shared/template/types';
import { draftToolbarItems, type DraftContextProps, type OpenDraft, type TableViewProps } from '../registry';
import { missingCodeRows, problemsByTab, sameProblems } from './finding-fixes';
import { FindingsPanel } from './FindingsPanel';
import { afterNextPaint } from './paint';
import type { DraftSession } from './session';
import { SidePanels } from './SidePanels';
import { TabStrip } from './TabStrip';

/**
 * The parts of the draft window that follow the draft's changes. Each subscribes to the session
 * for what it shows, so a keystroke renders these (when what they show changed), not the window.
 */

/** What the window gives the feature folders besides the draft itself (see slots.ts). */
export type DraftActions = Omit<DraftContextProps, 'draft'>;

/** The open draft as the feature folders see it, as of `version`. */
function openDraftOf(session: DraftSession, version: number, readOnly: boolean): OpenDraft {
  return { meta: session.meta, template: session.template, model: session.model, version, canUndo: session.canUndo, canRedo: session.canRedo, findings: session.findings(), readOnly };
}

/** 撤销 and 恢复: rendered again only when whether there is something to undo or redo changes. */
export function HistoryButtons({ session, readOnly, onUndo, onRedo }: { session: DraftSession; readOnly: boolean; onUndo: () => void; onRedo: () => void }) {
  const canUndo = useSyncExternalStore(session.subscribe, () => session.canUndo);
  const canRedo = useSyncExternalStore(session.subscribe, () => session.canRedo);
  return (
    <>
      <button className="bd-btn" onClick={onUndo} disabled={!canUndo || readOnly} title="撤销 (Ctrl+Z)">撤销</button>
      <button className="bd-btn" onClick={onRedo} disabled={!canRedo || readOnly} title="恢复 (Ctrl+Y)">恢复</button>
    </>
  );
}

/** The tabs with the problems left in each: rendered again when the findings change, the strip when a count does. */
export function DraftTabs({ session, tabs, activeId, onChoose, tabOf }: { session: DraftSession; tabs: TableDef[]; activeId: string; onChoose: (id: string) => void; tabOf: (table: string) => TableDef | undefined }) {
  const sections = useSyncExternalStore(session.subscribe, () => session.sections());
  // Kept while the numbers hold, so a keystroke that changes a finding's figures leaves the strip be.
  const counts = useKeptWhile(useMemo(() => problemsByTab(sections, (table) => tabOf(table)?.id), [sections, tabOf]), sameProblems);
  return <TabStrip tabs={tabs} activeId={activeId} onChoose={onChoose} counts={counts} />;
}

/** The findings panel: rendered again when the findings, their explanations or their state change. */
export function DraftFindings({
  session,
  template,
  readOnly,
  onSelect,
  onExplain,
  onAddMissing,
}: {
  session: DraftSession;
  template: Template;
  readOnly: boolean;
  onSelect: (f: Finding) => void;
  onExplain: (f: Finding, text: string) => Promise<boolean>;
  onAddMissing: (f: Finding) => void;
}) {
  const sections = useSyncExternalStore(session.subscribe, () => session.sections());
  const state = useSyncExternalStore(session.subscribe, () => session.findingsState);
  const rowsVersion = useSyncExternalStore(session.subscribe, session.getRowsVersion);
  const findings = session.findings();
  const explanations: ReadonlyMap<string, Explanation> = session.explanations;
  // The code rows a finding shows missing follow the findings and the rows.
  const missingRows = useCallback(
    (f: Finding) => missingCodeRows(template, session.model, f, findings),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rowsVersion: the model's rows changed
    [template, session, findings, rowsVersion],
  );
  return (
    <FindingsPanel
      template={template}
      findings={findings}
      sections={sections}
      state={state}
      explanations={explanations}
      readOnly={readOnly}
      onSelect={onSelect}
      onExplain={onExplain}
      missingRows={missingRows}
      onAddMissing={onAddMissing}
    />
  );
}

/** A table's own view (projects, 情况说明 …) in place of the grid: it follows every change. */
export function CustomTableView({
  view: View,
  session,
  readOnly,
  actions,
  table,
  selected,
  quote,
}: {
  view: ComponentType<TableViewProps>;
  session: DraftSession;
  readOnly: boolean;
  actions: DraftActions;
  table: TableDef;
  selected?: CellRef;
  quote?: string;
}) {
  const version = useSyncExternalStore(session.subscribe, session.getVersion);
  return <View {...actions} draft={openDraftOf(session, version, readOnly)} table={table} {...(selected ? { selected, quote } : {})} />;
}

/** The feature folders' toolbar items, following a change a frame after the grid and the findings show it. */
export function DraftToolbarItems({ session, readOnly, actions }: { session: DraftSession; readOnly: boolean; actions: DraftActions }) {
  return <ToolbarItems ctx={useSettledContext(session, readOnly, actions)} />;
}

/** The panels below the findings, following a change a frame after the grid and the findings show it. */
export function DraftSidePanels({ session, readOnly, actions }: { session: DraftSession; readOnly: boolean; actions: DraftActions }) {
  return <SidePanels ctx={useSettledContext(session, readOnly, actions)} />;
}

const ToolbarItems = memo(function ToolbarItems({ ctx }: { ctx: DraftContextProps }) {
  return draftToolbarItems.map(({ id, component: Item }) => <Item key={id} {...ctx} />);
});

/** The context of the feature folders as of the last painted frame: a keystroke's frame renders only what the clerk is looking at. */
function useSettledContext(session: DraftSession, readOnly: boolean, actions: DraftActions): DraftContextProps {
  const settled = useSettled(useSyncExternalStore(session.subscribe, session.getVersion));
  return useMemo(() => ({ ...actions, draft: openDraftOf(session, settled, readOnly) }), [actions, session, settled, readOnly]);
}

/** `value`, or the one given before as long as `same` finds them alike (keeps memoized children from rendering). */
function useKeptWhile<T>(value: T, same: (a: T, b: T) => boolean): T {
  const [kept, setKept] = useState(value);
  if (kept === value || same(kept, value)) return kept;
  setKept(value);
  return value;
}

/** `value` as it was when the last frame was painted: it follows a change after the frame that shows it. */
function useSettled(value: number): number {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (settled === value) return;
    return afterNextPaint(() => setSettled(value));
  }, [settled, value]);
  return settled;
}
