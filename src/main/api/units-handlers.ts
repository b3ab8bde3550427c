import type { UnitsApi } from '../../shared/api/units';
import { unitsOf } from '../units/install';
import type { AppContext, HandlerImpl } from './context';
import { addArgChecks } from './handlers';
import { filePath, object, oneOf, str, type Check } from './validate';

const id = str({ nonEmpty: true, max: 200 });
const code = str({ nonEmpty: true, max: 30 });
const field = str({ max: 100 });

/** A unit's source is one of its variants, checked by its `kind`. */
const sourceCheck: Check = (v, p) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (kind === 'draft') object({ kind: oneOf('draft'), draftId: id })(v, p);
  else if (kind === 'draftFile') object({ kind: oneOf('draftFile'), path: filePath })(v, p);
  else object({ kind: oneOf('workbook'), path: filePath })(v, p);
};

const unitsArgChecks: Record<keyof UnitsApi, Check> = {
  'units/list': object({ departmentId: id }),
  'units/add': object({
    departmentId: id,
    unit: object({ code, name: field, nature: field, rank: field, funding: field }),
  }),
  'units/remove': object({ departmentId: id, code }),
  'units/start': object({ departmentId: id, code }),
  'units/takeIn': object({ departmentId: id, code, source: sourceCheck }),
  'units/consolidate': object({ departmentId: id }),
};

export function unitsHandlers(ctx: AppContext): HandlerImpl<UnitsApi> {
  addArgChecks(unitsArgChecks);
  const units = unitsOf(ctx);
  return {
    'units/list': ({ departmentId }) => units.list(departmentId),
    'units/add': ({ departmentId, unit }) => units.add(departmentId, unit),
    'units/remove': ({ departmentId, code }) => units.remove(departmentId, code),
    'units/start': ({ departmentId, code }) => units.start(departmentId, code),
    'units/takeIn': ({ departmentId, code, source }) => units.takeIn(departmentId, code, source),
    'units/consolidate': ({ departmentId }) => units.consolidate(departmentId),
  };
}
