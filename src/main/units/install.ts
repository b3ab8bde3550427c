import type { AppContext } from '../api/context';
import type { ReviewServices } from '../review/install';
import { UnitsService } from './units-service';

/** The parts of the app the units service builds on. */
type UnitsHost = Pick<AppContext, 'db' | 'drafts' | 'dictionaries' | 'currentUser' | 'storage'> & { review: ReviewServices };

/**
 * The units service of an app, built once by the composition root (../app.ts); its hook sees
 * every committed change, so that a unit changed after its department was signed voids the
 * department's signature.
 */
export function installUnits(ctx: UnitsHost): UnitsService {
  const { review } = ctx.review;
  const service = new UnitsService(ctx, (departmentId, reason) => {
    if (review.hasValidSignature(departmentId)) review.voidForChange(departmentId, reason);
  });
  ctx.drafts.afterChange.push((meta) => {
    if (!ctx.storage.recovery) service.afterChange(meta);
  });
  return service;
}
