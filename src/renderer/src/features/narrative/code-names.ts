import { useEffect, useMemo, useState } from 'react';
import { fiscalItems, type CodeNames } from '../../../../shared/narrative/lines';
import type { DraftContextProps } from '../slots';

/**
 * Names of the function codes the text names (the per-科目 lines), from the dictionary in
 * main: one search per 类 answers all its 款 and 项. Until they arrive the tables' names serve.
 */
export function useCodeNames({ draft, call }: DraftContextProps): CodeNames {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const classes = useMemo(
    () => [...new Set(fiscalItems(draft.model, draft.template).map((i) => i.code.slice(0, 3)))].sort().join(','),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draft.model, draft.template, draft.version],
  );
  useEffect(() => {
    const todo = classes ? classes.split(',') : [];
    if (!todo.length) return;
    let cancelled = false;
    void Promise.all(
      todo.map((query) => call('dictionary/search', { templateId: draft.template.id, scheme: 'function', query, limit: 1000 }).catch(() => [])),
    ).then((found) => {
      if (!cancelled) setNames(new Map(found.flat().map((h) => [h.code, h.name])));
    });
    return () => {
      cancelled = true;
    };
  }, [classes, call, draft.template.id]);
  return useMemo(() => (code: string) => names.get(code), [names]);
}
