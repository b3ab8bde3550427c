import type { CellEdit, ChangeResult } from '../../../../shared/api';
import { refKey } from '../../../../shared/draft';

/**
 * Main's outcome of the figure being typed (cells/preview), asked for as the clerk types: at
 * Enter the window shows it at once while the commit is on its way (DraftSession.applyAhead),
 * so a slow disk does not hold the figures, the findings or the cursor. One call at a time, for
 * the latest figure typed; a preview that failed or was refused is simply not there.
 */
export class TypedPreview {
  private asking = false;
  private queued: CellEdit | null = null;
  private latest: { edit: CellEdit; change: ChangeResult } | null = null;

  constructor(private readonly ask: (edit: CellEdit) => Promise<ChangeResult | null>) {}

  /** Ask for the outcome of `edit` (the editor's text as it is now). */
  request(edit: CellEdit): void {
    this.latest = null;
    if (this.asking) {
      this.queued = edit;
      return;
    }
    this.asking = true;
    this.ask(edit)
      .then(
        (change) => (this.latest = change && { edit, change }),
        () => (this.latest = null),
      )
      .finally(() => {
        this.asking = false;
        const next = this.queued;
        this.queued = null;
        if (next) this.request(next);
      });
  }

  /** Main's outcome of exactly `edit`, if it has come (taken once). */
  take(edit: CellEdit): ChangeResult | null {
    const latest = this.latest;
    this.latest = null;
    if (this.queued || !latest) return null;
    return refKey(latest.edit) === refKey(edit) && latest.edit.value === edit.value ? latest.change : null;
  }
}
