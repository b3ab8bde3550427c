import type { AppContext } from '../api/context';
import { reviewOf } from '../review/install';
import { UnitsService } from './units-service';

const installed = new WeakMap<AppContext, UnitsService>();

/**
 * The units service of an app, installed once; its hook sees every committed change, so that
 * a unit changed after its department was signed voids the department's signature.
 */
export function unitsOf(ctx: AppContext): UnitsService {
  const existing = installed.get(ctx);
  if (existing) return existing;
  const { review } = reviewOf(ctx);
  const service = new UnitsService(ctx, (departmentId, reason) => {
    if (review.hasValidSignature(departmentId)) review.voidForChange(departmentId, reason);
  });
  installed.set(ctx, service);
  ctx.drafts.afterChange.push((meta) => {
    if (!ctx.storage.recovery) service.afterChange(meta);
  });
  return service;
}
