import { useEffect, useSyncExternalStore } from 'react';

/** How long the pointer rests on a cell before its tip shows. */
const SHOW_DELAY_MS = 300;
/** The tip's widest (as in the stylesheet): near the grid's right edge it is aligned on the cell's right. */
const TIP_MAX_WIDTH = 420;

interface Tip {
  text: string;
  /** From the grid's left edge, or (near its right edge) `right` from its right edge. */
  at: { left: number } | { right: number };
  top: number;
}

/**
 * The tips of a grid's cells (a cell's findings, how a computed figure is computed): one element
 * for the whole grid, its text computed only once the pointer rests on a cell. The grid's own
 * tooltips set up an object with listeners in every cell it draws, which cost a tenth of drawing
 * the rows that scrolling brings in.
 */
export class CellTips {
  private tip: Tip | null = null;
  private timer = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): Tip | null => this.tip;

  /** The pointer came over `cell`: after a moment, its tip under it (placed within `grid`), if it has one. */
  hover(cell: HTMLElement, grid: HTMLElement, text: () => string | undefined): void {
    this.hide();
    this.timer = window.setTimeout(() => {
      const shown = cell.isConnected ? text() : undefined;
      if (!shown) return;
      const box = grid.getBoundingClientRect();
      const r = cell.getBoundingClientRect();
      const left = r.left - box.left;
      const at = left + TIP_MAX_WIDTH <= box.width ? { left } : { right: Math.max(0, box.right - r.right) };
      this.set({ text: shown, at, top: r.bottom - box.top + 4 });
    }, SHOW_DELAY_MS);
  }

  hide = (): void => {
    clearTimeout(this.timer);
    if (this.tip) this.set(null);
  };

  private set(tip: Tip | null): void {
    this.tip = tip;
    for (const l of this.listeners) l();
  }
}

/** Where a grid's tip shows; a key, a click or the wheel puts it away. */
export function CellTip({ tips }: { tips: CellTips }) {
  const tip = useSyncExternalStore(tips.subscribe, tips.get);
  useEffect(() => {
    window.addEventListener('keydown', tips.hide, true);
    window.addEventListener('pointerdown', tips.hide, true);
    window.addEventListener('wheel', tips.hide, { capture: true, passive: true });
    return () => {
      window.removeEventListener('keydown', tips.hide, true);
      window.removeEventListener('pointerdown', tips.hide, true);
      window.removeEventListener('wheel', tips.hide, { capture: true });
      tips.hide();
    };
  }, [tips]);
  if (!tip) return null;
  return (
    <div className="bd-cell-tip" role="tooltip" style={{ ...tip.at, top: tip.top }}>
      {tip.text}
    </div>
  );
}
