import type { DraftMeta } from '../../../../shared/draft';

export const XLSX_FILTERS = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];

/** Characters Windows does not allow in a file name. */
const UNSAFE = /[\\/:*?"<>|]/g;

/** `<单位编码> <单位名称> <年度>年部门预算.xlsx`, safe as a file name. */
export function exportFileName(meta: Pick<DraftMeta, 'unitCode' | 'unitName' | 'year'>): string {
  return `${meta.unitCode} ${meta.unitName} ${meta.year}年部门预算.xlsx`.replace(UNSAFE, '_');
}
