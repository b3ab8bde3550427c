/**
 * 功能分类 类 renamed in the national 政府收支分类科目 (2019 reform of the State Council
 * bodies): texts copied from earlier years still use the old names. The code list in
 * resources/classification holds only the current names, so the old ones are kept here.
 */
export const OLD_CLASS_NAMES: Array<{ code: string; old: string; current: string }> = [
  { code: '207', old: '文化体育与传媒支出', current: '文化旅游体育与传媒支出' },
  { code: '210', old: '医疗卫生与计划生育支出', current: '卫生健康支出' },
  { code: '220', old: '国土海洋气象等支出', current: '自然资源海洋气象等支出' },
];
