import { hasPack, getPack } from './regions';
import { tableByRole, type Template } from './template/types';

/**
 * The one rule for what may become a draft's prior-year layer (上年数), wherever it is taken:
 * 导入上年数 in the window and through the API, a new draft from last year's workbook, 提取上年数
 * from another draft.
 *
 * Last year's budget is of an earlier year. It is compared with this year's by the key figures
 * the packs name (收入总计, 基本支出, “三公”经费 …): within a region the same name is the same
 * figure whatever the layout (the 部门 and 单位 packs, a layout of another year), and a figure
 * the other layout lacks is left blank and said. Across regions the same name is another figure
 * (上海's 支出预算 is 本年支出, 河北's 支出总计 includes 结转; 机关运行经费 is counted otherwise):
 * such a budget is refused, naming both layouts.
 */
export function priorYearRefusal(source: { templateId: string; year: number | null }, draft: { templateId: string; year: number }, what = '工作簿'): string | null {
  if (source.year !== null && source.year >= draft.year) {
    return `${what}是 ${source.year} 年的预算，不早于本稿（${draft.year} 年），不能作为上年数：请选择 ${draft.year - 1} 年的预算`;
  }
  const from = hasPack(source.templateId) ? getPack(source.templateId) : null;
  const to = hasPack(draft.templateId) ? getPack(draft.templateId) : null;
  if (from && to && from.region !== to.region) {
    return `${what}是“${from.name}”，本稿是“${to.name}”：两地的表和口径不同，上年数不能逐项对比。请选择本单位按“${to.name}”编制的 ${draft.year - 1} 年预算`;
  }
  return null;
}

/** The rows of the draft's 上年对比 that last year's figures leave without one, in the table's order. */
export function priorRowsLeftBlank(target: Template, prior: Record<string, string>): Array<{ row: string; label: string }> {
  const py = tableByRole(target, 'priorYear');
  if (!py || py.rows.kind !== 'fixed') return [];
  const filled = new Set(Object.keys(prior).map((key) => key.split('!')[1]));
  return py.rows.rows.filter((r) => !filled.has(r.id)).map((r) => ({ row: r.id, label: Object.values(r.labels)[0] ?? r.id }));
}
