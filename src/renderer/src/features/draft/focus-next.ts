import { useEffect, useState, type RefObject } from 'react';

/**
 * The keyboard to a control that the next render brings (a record just added, a field a mode
 * switch shows): call the result with a selector inside `root`; its first match is focused once
 * rendered. Without it the focus stays on the button pressed, or drops to nowhere when that goes.
 */
export function useFocusNext(root: RefObject<HTMLElement | null>): (selector: string) => void {
  const [selector, setSelector] = useState<string | null>(null);
  useEffect(() => {
    if (!selector) return;
    root.current?.querySelector<HTMLElement>(selector)?.focus();
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSelector(null);
  }, [selector, root]);
  return setSelector;
}
