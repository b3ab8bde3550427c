import { useCallback, useEffect, useRef } from 'react';
import type { DraftSession } from './session';

/**
 * How long the move after an edit waits for main's answer (a few milliseconds as a rule) before it
 * goes without it: longer than any usual answer, shorter than a clerk notices.
 */
const HOLD_MS = 100;

/**
 * The move after an edit, held until main has answered it (see HOLD_MS): the figures it
 * computed, the cells' marks, the findings and the cursor then change in one frame, as in Excel,
 * where Enter calculates before the cursor moves. A key or click meanwhile ends the hold first.
 * Returns `holdMove(move, answered)`.
 */
export function useHeldMove(session: DraftSession): (move: () => void, answered: Promise<unknown> | undefined) => void {
  const heldMove = useRef<(() => void) | null>(null);

  useEffect(() => {
    const interrupt = (e: Event) => {
      const release = heldMove.current;
      if (!release) return;
      release();
      if (!(e instanceof KeyboardEvent)) return;
      // Browser commands (paste, undo) and an input method act where the focus is now, from the event itself.
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.key === 'Process') return;
      // The key was aimed at the editor the move has just closed: it goes to the cell moved to.
      const to = document.activeElement;
      if (!to || to === e.target) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      to.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, code: e.code, shiftKey: e.shiftKey, repeat: e.repeat, bubbles: true, cancelable: true, composed: true }));
    };
    window.addEventListener('keydown', interrupt, true);
    window.addEventListener('pointerdown', interrupt, true);
    window.addEventListener('wheel', interrupt, { capture: true, passive: true });
    return () => {
      heldMove.current?.();
      window.removeEventListener('keydown', interrupt, true);
      window.removeEventListener('pointerdown', interrupt, true);
      window.removeEventListener('wheel', interrupt, { capture: true });
    };
  }, []);

  return useCallback(
    (move: () => void, answered: Promise<unknown> | undefined) => {
      heldMove.current?.();
      const release = () => {
        if (heldMove.current !== release) return;
        heldMove.current = null;
        clearTimeout(timer);
        move();
      };
      const timer = setTimeout(release, HOLD_MS);
      heldMove.current = release;
      session.beforeNextApply(release);
      // A refusal is not applied: its answer ends the hold too.
      void answered?.finally(release);
    },
    [session],
  );
}
