/**
 * The keys to pass to FindingEngine.update after DraftModel.apply: the edited keys (text
 * cells such as names and 指标值 are not in `changed`, which lists numeric values) and every
 * value that changed downstream.
 */
export function changedKeysOf(edits: Iterable<{ key: string }>, applied: { changed: string[] }): string[] {
  const keys = new Set(applied.changed);
  for (const e of edits) keys.add(e.key);
  return [...keys];
}
