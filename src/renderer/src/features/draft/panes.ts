/**
 * F6 and Shift+F6 move the focus from one part of the draft window to the next, as in Excel:
 * the toolbar, the table tabs, the table, the findings and the panels below them. Tab stays
 * inside the table (it moves to the next cell there), so without this the keyboard could not
 * leave it.
 */

/** The window's parts in order, each by its element, with where the focus lands in it (the first that is there). */
const PANES: Array<{ selector: string; entries: string[] }> = [
  { selector: '.bd-topbar', entries: ['button:not(:disabled)', 'a[href]', 'input', 'select'] },
  { selector: '.bd-tabs', entries: ['button[aria-selected="true"]', 'button'] },
  // The table: the cell last focused, else its first cell; a custom view: its first control.
  { selector: '.bd-sheet', entries: ['.bd-grid-wrap .ag-cell-focus', '.bd-grid-wrap .ag-row[row-index="0"] .ag-cell', 'button:not(:disabled)', 'input', 'textarea', 'select'] },
  { selector: '.bd-findings', entries: ['.bd-finding-msg', 'button:not(:disabled)', 'textarea'] },
  { selector: '.bd-side-panels', entries: ['summary', 'button:not(:disabled)', 'input', 'textarea', 'select'] },
];

/** Focus the first entry of the next pane (the one before, `back`) that has one. */
export function focusNextPane(root: ParentNode, back: boolean): void {
  const current = PANES.findIndex((p) => document.activeElement?.closest(p.selector));
  // Outside every pane, forward starts at the first and back at the last.
  const from = current >= 0 ? current : back ? 0 : PANES.length - 1;
  for (let step = 1; step <= PANES.length; step++) {
    const index = (from + (back ? -step : step) + 2 * PANES.length) % PANES.length;
    const pane = root.querySelector(PANES[index].selector);
    if (!pane) continue;
    for (const candidate of PANES[index].entries) {
      const el = pane.querySelector<HTMLElement>(candidate);
      if (!el || el.getClientRects().length === 0) continue;
      el.focus();
      if (document.activeElement === el || el.contains(document.activeElement)) return;
    }
  }
}
