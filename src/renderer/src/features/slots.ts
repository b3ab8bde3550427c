import type { ComponentType } from 'react';
import type { ChangeResult } from '../../../shared/api';
import type { CellRef, DraftMeta } from '../../../shared/draft';
import type { DraftView } from '../../../shared/engine/replica';
import type { Finding } from '../../../shared/findings';
import type { TableDef, TableRole, Template } from '../../../shared/template/types';
import type { CallFn } from '../api/client';

/**
 * The contract between the draft window and the feature folders of other engineers.
 * Keep it stable: projects, narrative, Excel and review code build on it.
 */

/** The open draft as the window holds it. `version` increases on every applied change. */
export interface OpenDraft {
  meta: DraftMeta;
  template: Template;
  /** Computed view: rows, entered and derived values (read only; change it via applyChange). */
  model: DraftView;
  version: number;
  canUndo: boolean;
  canRedo: boolean;
  /** Current findings of the draft (live). */
  findings: readonly Finding[];
  /** Not editable (submitted or signed). */
  readOnly: boolean;
}

export interface DraftContextProps {
  draft: OpenDraft;
  /** The typed API client. */
  call: CallFn;
  /** Apply what a committed change did (cells, rows, findings) to the window's copy. */
  applyChange: (change: ChangeResult) => void;
  /** Re-open the draft from the store (after an import, a status change …). */
  reload: () => Promise<void>;
  /**
   * Switch to the cell's table, scroll it into view and focus it; `quote`: words of a text cell
   * (a finding's, as found) where the cursor goes.
   */
  selectCell: (ref: CellRef, quote?: string) => void;
  /** Show a short status message in the window's status bar. */
  notify: (message: string, kind?: 'info' | 'error') => void;
}

export interface TableViewProps extends DraftContextProps {
  table: TableDef;
  /** Cell to select when the view mounts or when a finding is clicked. */
  selected?: CellRef;
  /** Words in the selected text cell to put the cursor on (see selectCell). */
  quote?: string;
}

export type DraftToolbarProps = DraftContextProps;
export type SidePanelProps = DraftContextProps;

/** Views replacing the standard grid for the table of a role (e.g. projects, narrative), whatever a pack calls it. */
export const customTableViews: Partial<Record<TableRole, ComponentType<TableViewProps>>> = {};

/** Buttons in the draft window's toolbar (export, import, submit …), in registration order. */
export const draftToolbarItems: Array<{ id: string; component: ComponentType<DraftToolbarProps> }> = [];

/** Panels beside the findings panel (review comments …). */
export const sidePanels: Array<{ id: string; title: string; component: ComponentType<SidePanelProps> }> = [];
