import { memo, useState } from 'react';
import { sidePanels, type DraftContextProps } from '../registry';

/** Where the panels a clerk folded away are remembered (ids), from one window and one start to the next. */
const FOLDED_KEY = 'budget-desk.side-panels.folded';

function readFolded(): Set<string> {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(FOLDED_KEY) ?? '[]');
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * The panels below the findings (审核意见, 历史与签名, 下属单位 …), one under the other at their
 * own height and scrolled together; each folds to its title, so the findings get the room.
 */
export const SidePanels = memo(function SidePanels({ ctx }: { ctx: DraftContextProps }) {
  const [folded, setFolded] = useState(readFolded);
  const toggle = (id: string, open: boolean) => {
    setFolded((prev) => {
      if (open !== prev.has(id)) return prev;
      const next = new Set(prev);
      if (open) next.delete(id);
      else next.add(id);
      try {
        localStorage.setItem(FOLDED_KEY, JSON.stringify([...next]));
      } catch {
        // Not remembered (storage full or off): the panel still folds in this window.
      }
      return next;
    });
  };
  return (
    <div className="bd-side-panels">
      {sidePanels.map(({ id, title, component: Panel }) => (
        <details key={id} className="bd-side-panel" aria-label={title} open={!folded.has(id)} onToggle={(e) => toggle(id, e.currentTarget.open)}>
          <summary title={folded.has(id) ? `展开“${title}”` : `收起“${title}”`}>
            <h2>{title}</h2>
          </summary>
          <Panel {...ctx} />
        </details>
      ))}
    </div>
  );
});
