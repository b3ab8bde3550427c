import type { OpenedDraft } from '../../../../shared/api';
import { call } from '../../api/client';

/** The draft asked for by the window's first script, before the rest of its code had loaded. */
let early: { draftId: string; opening: Promise<OpenedDraft> } | null = null;

/** The draft the address names (`#draft=<id>`), if any. */
export function draftOfAddress(): string | null {
  return new URLSearchParams(location.hash.slice(1)).get('draft');
}

/**
 * Ask main for the draft the address names at once: main reads and computes it while the
 * window's code loads and starts, instead of after.
 */
export function openEarly(): void {
  const draftId = draftOfAddress();
  if (!draftId) return;
  const opening = call('drafts/open', { draftId, firstTable: true });
  opening.catch(() => undefined); // the window takes it, and reports a failure
  early = { draftId, opening };
}

/**
 * A draft as main opens it: the early request when it was for this draft (taken once), else a
 * new one. `firstTable` (a window showing the draft for the first time, as when the clerk
 * chooses it in the list): its first table only, shown before the rest arrives.
 */
export function openDraft(draftId: string, { firstTable }: { firstTable: boolean }): Promise<OpenedDraft> {
  const taken = early;
  early = null;
  if (taken?.draftId === draftId) return taken.opening;
  return call('drafts/open', firstTable ? { draftId, firstTable } : { draftId });
}
