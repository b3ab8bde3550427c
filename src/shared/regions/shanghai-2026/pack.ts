import type { BudgetScope } from '../../template/types';
import type { PublicationItem, RegionPack } from '../types';
import { sections, shanghai2026Template } from './layout';
import { shanghai2026Narrative } from './narrative';
import { shanghai2026Rules } from './rules';
import { shanghai2026Vocabulary } from './vocabulary';

const TABLE_ORDER = ['summary', 'income', 'spending', 'fiscalSummary', 'generalSpending', 'fundSpending', 'capitalSpending', 'basicEconomic', 'threePublic'];

/** The published order: 封面, 目录, the text up to 编制说明, the nine tables, then the rest of the text. */
function publication(scope: BudgetScope): PublicationItem[] {
  const text = sections(scope).map((s) => s.id);
  const beforeTables = text.slice(0, text.indexOf('explanation') + 1);
  const afterTables = text.slice(beforeTables.length);
  return [
    { kind: 'cover' },
    { kind: 'contents' },
    ...beforeTables.map((section) => ({ kind: 'section' as const, section, ...(section === 'organisation' && { tables: ['org'] }) })),
    ...TABLE_ORDER.map((table) => ({ kind: 'table' as const, table })),
    ...afterTables.map((section) => ({ kind: 'section' as const, section })),
  ];
}

/** A 上海 2026 pack of one scope (the two packs share this layout and differ in wording and the 收支总表). */
export function shanghai2026Pack(scope: BudgetScope): RegionPack {
  return {
    id: scope === 'unit' ? 'shanghai-2026-unit' : 'shanghai-2026-department',
    name: scope === 'unit' ? '上海 · 区级单位预算（2026 版式）' : '上海 · 区级部门预算（2026 版式）',
    region: '上海',
    scope,
    layoutYear: 2026,
    template: (year) => shanghai2026Template(scope, year),
    rules: shanghai2026Rules,
    vocabulary: shanghai2026Vocabulary,
    publication: publication(scope),
    narrative: shanghai2026Narrative(scope),
    book: {
      title: (year) => `${year}年区级${scope === 'unit' ? '单位' : '部门'}预算`,
      owner: scope === 'unit' ? '预算单位' : '预算主管部门',
      tablesHeading: scope === 'unit' ? '单位预算表' : '部门预算表',
    },
    ...(scope === 'department' && { unitPack: 'shanghai-2026-unit' }),
  };
}
