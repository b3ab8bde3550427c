import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface CellMenuItem {
  label: string;
  /** The key that does the same, shown at the right as Excel shows it. */
  keys?: string;
  /** Why the item cannot be used now; it is then shown greyed, with the reason as its tooltip. */
  refusal?: string | null;
  run: () => void;
  /** A line above the item. */
  group?: boolean;
}

/**
 * The menu a right click (or Shift+F10, the menu key) opens on a cell, as in a spreadsheet: the
 * arrows choose, Enter runs, Escape or Tab closes it and gives the keyboard back to the cell.
 */
export function CellMenu({ items, at, onClose }: { items: CellMenuItem[]; at: { x: number; y: number }; onClose: (refocus: boolean) => void }) {
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(at);
  const usable = items.map((item, i) => (item.refusal ? -1 : i)).filter((i) => i >= 0);
  const [active, setActive] = useState(usable[0] ?? -1);

  // Kept inside the window: opened near the bottom or the right edge, it opens up or to the left.
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    setPos({
      x: at.x + box.width > window.innerWidth - 4 ? Math.max(4, at.x - box.width) : at.x,
      y: at.y + box.height > window.innerHeight - 4 ? Math.max(4, at.y - box.height) : at.y,
    });
  }, [at]);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active]);

  // A press anywhere else closes it, leaving the focus where the press puts it.
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose(false);
    };
    window.addEventListener('pointerdown', outside, true);
    return () => window.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const run = (i: number) => {
    const item = items[i];
    if (!item || item.refusal) return;
    onClose(true);
    item.run();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    const step = (d: number) => {
      if (!usable.length) return;
      const at = usable.indexOf(active);
      setActive(usable[(at + d + usable.length) % usable.length]);
    };
    if (e.key === 'ArrowDown') step(1);
    else if (e.key === 'ArrowUp') step(-1);
    else if (e.key === 'Home') setActive(usable[0] ?? -1);
    else if (e.key === 'End') setActive(usable[usable.length - 1] ?? -1);
    else if (e.key === 'Enter' || e.key === ' ') run(active);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose(true);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={menu} className="bd-cell-menu" role="menu" aria-label="单元格操作" style={{ left: pos.x, top: pos.y }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      {items.map((item, i) => (
        <div
          key={item.label}
          role="menuitem"
          data-index={i}
          tabIndex={-1}
          aria-disabled={item.refusal ? true : undefined}
          title={item.refusal ?? undefined}
          className={`bd-cell-menu-item${item.group ? ' bd-cell-menu-group' : ''}`}
          onPointerEnter={() => !item.refusal && setActive(i)}
          onClick={() => run(i)}
        >
          <span>{item.label}</span>
          {item.keys && <kbd>{item.keys}</kbd>}
        </div>
      ))}
    </div>
  );
}
