import type { CellEdit } from '../../../../shared/api';
import type { DraftContextProps } from '../slots';

/** Commit edits through the store and apply the result; refused edits are told in Chinese. */
export async function setCells(ctx: DraftContextProps, edits: CellEdit[]): Promise<boolean> {
  try {
    const result = await ctx.call('cells/set', { draftId: ctx.draft.meta.id, edits });
    ctx.applyChange(result);
    if (result.rejected.length) {
      ctx.notify(result.rejected[0].message, 'error');
      return false;
    }
    return true;
  } catch (e) {
    ctx.notify((e as Error).message, 'error');
    return false;
  }
}

/** Run a store call whose result is a change; failures go to the status bar. */
export async function runChange<T extends Parameters<DraftContextProps['applyChange']>[0]>(ctx: DraftContextProps, run: () => Promise<T>): Promise<T | null> {
  try {
    const result = await run();
    ctx.applyChange(result);
    return result;
  } catch (e) {
    ctx.notify((e as Error).message, 'error');
    return null;
  }
}
