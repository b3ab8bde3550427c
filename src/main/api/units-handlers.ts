import type { AppContext } from './context';
import type { Registry } from './registry';
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

/** A department's units and their consolidation (../units/units-service.ts). */
export function registerUnitsMethods(api: Registry, ctx: AppContext): void {
  const units = ctx.units;
  api.method('units/list', object({ departmentId: id }), ({ departmentId }) => units.list(departmentId));
  api.method(
    'units/add',
    object({ departmentId: id, unit: object({ code, name: field, nature: field, rank: field, funding: field }) }),
    ({ departmentId, unit }) => units.add(departmentId, unit),
  );
  api.method('units/remove', object({ departmentId: id, code }), ({ departmentId, code }) => units.remove(departmentId, code));
  api.method('units/start', object({ departmentId: id, code }), ({ departmentId, code }) => units.start(departmentId, code));
  api.method('units/takeIn', object({ departmentId: id, code, source: sourceCheck }), ({ departmentId, code, source }) => units.takeIn(departmentId, code, source));
  api.method('units/consolidate', object({ departmentId: id }), ({ departmentId }) => units.consolidate(departmentId));
}
