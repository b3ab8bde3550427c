import { compileTemplate } from '../engine/compiled';
import type { Template } from '../template/types';

/**
 * Which cells of a row the template computes (sums, rollups, table 1 and 4, list totals),
 * answered by the compiled template without building a model: importing a workbook keeps
 * only the entered cells. Agrees with DraftModel.isDerived (derived-equivalence.test.ts).
 */
export type DerivedCheck = (table: string, row: string, col: string) => boolean;

export function derivedCheck(template: Template): DerivedCheck {
  return compileTemplate(template).isDerived;
}
