import type { ImportVocabulary } from '../types';

/** How the 上海 tables are titled and headed in workbooks (the district's templates, older years, hand-made copies). */
export const shanghai2026Vocabulary: ImportVocabulary = {
  titles: {
    summary: ['财务收支预算总表', '部门财务收支预算总表', '预算单位财务收支预算总表', '单位财务收支预算总表', '收支预算总表'],
    income: ['收入预算总表', '部门收入预算总表', '预算单位收入预算总表', '单位收入预算总表'],
    spending: ['支出预算总表', '部门支出预算总表', '预算单位支出预算总表', '单位支出预算总表'],
    fiscalSummary: ['财政拨款收支预算总表', '部门财政拨款收支预算总表', '预算单位财政拨款收支预算总表', '财政拨款收支总表'],
    generalSpending: ['一般公共预算支出功能分类预算表'],
    fundSpending: ['政府性基金预算支出功能分类预算表'],
    capitalSpending: ['国有资本经营预算支出功能分类预算表'],
    basicEconomic: ['一般公共预算基本支出部门预算经济分类预算表', '一般公共预算基本支出经济分类预算表'],
    threePublic: ['"三公"经费和机关运行经费预算表', '"三公"经费预算表'],
  },
  headers: {
    事业单位经营收入: ['经营收入'],
    机关运行经费预算数: ['机关运行经费'],
  },
};
