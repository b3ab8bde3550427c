import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { AccountsStatus, ReviewState } from '../../../../shared/api';
import type { CallFn } from '../../api/client';

/**
 * What the review parts of the window share: the accounts status and the open draft's review
 * state. The toolbar and the side panels read it; any of them refreshes it after an action.
 */
interface Snapshot {
  accounts: AccountsStatus | null;
  review: ReviewState | null;
  /** Bumps when comments or versions may have changed, so panels reload them. */
  tick: number;
}

let snapshot: Snapshot = { accounts: null, review: null, tick: 0 };
const listeners = new Set<() => void>();

function set(next: Partial<Snapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export async function refreshReview(call: CallFn, draftId: string): Promise<void> {
  const [accounts, review] = await Promise.all([call('accounts/status', {}), call('review/state', { draftId })]);
  set({ accounts, review, tick: snapshot.tick + 1 });
}

/** The load of a draft (its view) and the status the snapshot was last loaded for. */
let loadedFor: { view: object; status: string } | null = null;

/**
 * The shared review snapshot, loaded once per load of the draft (`view`, the window's copy)
 * and per status, whichever part asks first. An edit of figures changes none of it (only a
 * review action does, and those refresh it themselves), so a keystroke sets off no reload.
 */
export function useReviewSnapshot(call: CallFn, draftId: string, view: object, status: string): Snapshot & { refresh: () => Promise<void> } {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  const refresh = useCallback(() => refreshReview(call, draftId), [call, draftId]);
  useEffect(() => {
    if (loadedFor?.view === view && loadedFor.status === status) return;
    loadedFor = { view, status };
    void refresh().catch(() => undefined);
  }, [refresh, view, status]);
  return { ...current, refresh };
}

/** The shared review snapshot as it is, without loading it (the toolbar keeps it fresh). */
export function useReviewShown(): Snapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Set before the window reloads after a draft file was opened: the remounted toolbar shows what was found. */
let fileNoticePending = false;

export function markFileNoticePending(): void {
  fileNoticePending = true;
}

export function isFileNoticePending(): boolean {
  return fileNoticePending;
}

export function clearFileNoticePending(): void {
  fileNoticePending = false;
}
