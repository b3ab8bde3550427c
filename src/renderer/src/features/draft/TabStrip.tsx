import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TableDef } from '../../../../shared/template/types';
import type { ProblemCount } from '../../../../shared/validation/problems';

/**
 * The tables as tabs, reachable however narrow the window: scroll arrows when they overflow, the
 * mouse wheel scrolls them sideways, ←/→ (Home/End) move between tabs when the strip has the
 * focus, and Ctrl+PageUp / Ctrl+PageDown switch tables from anywhere, as in Excel.
 */
export const TabStrip = memo(function TabStrip({ tabs, activeId, onChoose, counts }: { tabs: TableDef[]; activeId: string; onChoose: (id: string) => void; counts: ReadonlyMap<string, ProblemCount> }) {
  const strip = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState({ left: false, right: false });

  const measure = useCallback(() => {
    const el = strip.current;
    if (!el) return;
    setOverflow({ left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
  }, []);
  useLayoutEffect(() => {
    measure();
    const el = strip.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure, tabs]);

  // The chosen tab is always in view.
  useEffect(() => {
    strip.current?.querySelector<HTMLElement>(`[data-table="${CSS.escape(activeId)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeId]);

  // The wheel scrolls the strip sideways (a listener of its own: React's is passive).
  useEffect(() => {
    const el = strip.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (el.scrollWidth <= el.clientWidth) return;
      el.scrollLeft += Math.abs(e.deltaY) > Math.abs(e.deltaX) ? e.deltaY : e.deltaX;
      e.preventDefault();
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const index = tabs.findIndex((t) => t.id === activeId);
  const choose = useCallback(
    (i: number, focus: boolean) => {
      const t = tabs[Math.max(0, Math.min(tabs.length - 1, i))];
      onChoose(t.id);
      if (focus) strip.current?.querySelector<HTMLElement>(`[data-table="${CSS.escape(t.id)}"]`)?.focus();
    },
    [onChoose, tabs],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey || (e.key !== 'PageUp' && e.key !== 'PageDown')) return;
      e.preventDefault();
      choose(index + (e.key === 'PageDown' ? 1 : -1), false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [choose, index]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    choose(moves[e.key], true);
  };

  const scrollBy = (dir: 1 | -1) => strip.current?.scrollBy({ left: dir * Math.max(160, (strip.current.clientWidth * 2) / 3), behavior: 'smooth' });

  return (
    <div className="bd-tabbar">
      {overflow.left && (
        <button className="bd-tab-scroll" aria-label="向左滚动标签" title="向左滚动（Ctrl+PageUp 上一张表）" onClick={() => scrollBy(-1)}>
          ‹
        </button>
      )}
      <nav className="bd-tabs" role="tablist" aria-label="报表" ref={strip} onScroll={measure} onKeyDown={onKeyDown}>
        {tabs.map((t) => {
          const c = counts.get(t.id) ?? NONE;
          const selected = t.id === activeId;
          return (
            <button key={t.id} role="tab" aria-selected={selected} tabIndex={selected ? 0 : -1} data-table={t.id} onClick={() => onChoose(t.id)} title={t.title}>
              {t.number && <span className="bd-tab-no">{t.number}</span>}
              {t.shortName ?? t.title}
              {c.error > 0 && <span className="bd-badge sev-error" title={`强制：待处理 ${c.error} 个问题`}>{c.error}</span>}
              {c.warning > 0 && <span className="bd-badge sev-warning" title={`提示：待处理 ${c.warning} 个问题`}>{c.warning}</span>}
            </button>
          );
        })}
      </nav>
      {overflow.right && (
        <button className="bd-tab-scroll" aria-label="向右滚动标签" title="向右滚动（Ctrl+PageDown 下一张表）" onClick={() => scrollBy(1)}>
          ›
        </button>
      )}
    </div>
  );
});

const NONE: ProblemCount = { error: 0, warning: 0, followers: 0, explained: 0 };
