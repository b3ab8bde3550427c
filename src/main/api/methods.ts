import type { AppContext } from './context';
import { registerExcelMethods } from './excel-handlers';
import { registerNarrativeMethods } from './narrative-handlers';
import { registerPublicationMethods } from './publication-handlers';
import { Registry } from './registry';
import { registerReviewMethods } from './review-handlers';
import { guardAccess, METHOD_ACCESS } from './roles';
import { registerStoreMethods } from './store-handlers';
import { registerUnitsMethods } from './units-handlers';
import { registerValidationMethods } from './validation-handlers';

/**
 * Every method of the contract, each registered once by its domain over the app's services,
 * then all of them behind the role check (./roles.ts). A method missing from the contract's
 * access table, or one the table lists that nobody registered, stops the app at start.
 */
export function buildApi(ctx: AppContext): Registry {
  const api = new Registry();
  registerStoreMethods(api, ctx);
  registerValidationMethods(api, ctx);
  registerExcelMethods(api, ctx);
  registerReviewMethods(api, ctx);
  registerNarrativeMethods(api, ctx);
  registerPublicationMethods(api, ctx);
  registerUnitsMethods(api, ctx);
  api.assertExactly(Object.keys(METHOD_ACCESS));
  guardAccess(api, ctx);
  return api;
}
