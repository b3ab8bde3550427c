/**
 * F6 and Shift+F6 move the focus from one part of the draft window to the next, as in Excel:
 * the toolbar, the table tabs, the table, the findings and the panels below them. Tab stays
 * inside the table (it moves to the next cell there), so without this the keyboard could not
 * leave it.
 */

/** The window's parts in order, each by its element, with where the focus lands in it. */
const PANES: Array<{ selector: string; entry: string }> = [
  { selector: '.bd-topbar', entry: 'button:not(:disabled), a[href], input, select' },
  { selector: '.bd-tabs', entry: 'button[aria-selected="true"], button' },
  // The table: the cell last focused, else its first cell; a custom view: its first control.
  { selector: '.bd-sheet', entry: '.bd-grid-wrap .ag-cell-focus, .bd-grid-wrap .ag-row[row-index="0"] .ag-cell, button:not(:disabled), input, textarea, select' },
  { selector: '.bd-findings', entry: '.bd-finding-msg, button:not(:disabled), textarea' },
  { selector: '.bd-side-panels', entry: 'summary, button:not(:disabled), input, textarea, select' },
];

/** Focus the first entry of the pane after (or before) the one holding the focus; false when none took it. */
export function focusNextPane(root: ParentNode, back: boolean): boolean {
  const current = PANES.findIndex((p) => document.activeElement?.closest(p.selector));
  for (let step = 1; step <= PANES.length; step++) {
    const index = (((current < 0 ? (back ? 0 : -1) : current) + (back ? -step : step)) % PANES.length + PANES.length) % PANES.length;
    const pane = root.querySelector(PANES[index].selector);
    if (!pane) continue;
    for (const candidate of PANES[index].entry.split(', ')) {
      const el = pane.querySelector<HTMLElement>(candidate);
      if (!el || el.getClientRects().length === 0) continue;
      el.focus();
      if (document.activeElement === el || el.contains(document.activeElement)) return true;
    }
  }
  return false;
}
