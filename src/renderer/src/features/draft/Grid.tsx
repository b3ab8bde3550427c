import { useLayoutEffect, useRef } from 'react';
import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';

/**
 * An AG Grid drawn by the grid's own DOM renderer inside a React component, instead of
 * ag-grid-react's (which renders every header, row and cell as React components: about twice
 * the time before a draft's first table shows). The options are given when the grid is
 * created and later changes by `updateGridOptions`; an event callback (`onX`) is always the
 * latest render's, as with a React prop.
 */
export function Grid<T>({ options }: { options: GridOptions<T> }) {
  const host = useRef<HTMLDivElement>(null);
  const api = useRef<GridApi<T> | null>(null);
  const latest = useRef(options);
  const given = useRef(options);

  useLayoutEffect(() => {
    const initial: GridOptions<T> = { ...given.current };
    for (const key of Object.keys(initial) as Array<keyof GridOptions<T>>) {
      if (!isCallback(key, initial[key])) continue;
      (initial as Record<string, unknown>)[key] = (event: unknown) => (latest.current[key] as ((e: unknown) => unknown) | undefined)?.(event);
    }
    const grid = createGrid(host.current!, initial);
    api.current = grid;
    return () => {
      api.current = null;
      grid.destroy();
    };
  }, []);

  useLayoutEffect(() => {
    latest.current = options;
    const before = given.current;
    given.current = options;
    if (!api.current || before === options) return;
    const changed: Record<string, unknown> = {};
    let any = false;
    for (const key of Object.keys(options) as Array<keyof GridOptions<T>>) {
      if (isCallback(key, options[key]) || before[key] === options[key]) continue;
      changed[key] = options[key];
      any = true;
    }
    if (any) api.current.updateGridOptions(changed);
  }, [options]);

  return <div ref={host} style={{ width: '100%', height: '100%' }} />;
}

/** An event callback of the options (onCellFocused…): called through the latest options, never set again. */
function isCallback(key: string, value: unknown): boolean {
  return key.startsWith('on') && typeof value === 'function';
}
