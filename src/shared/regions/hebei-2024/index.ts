import type { RegionPack } from '../types';
import { hebei2024Narrative } from './narrative';
import { hebei2024Rules } from './rules';
import { hebei2024Template, NARRATIVE_SECTIONS } from './template';
import { hebei2024Vocabulary } from './vocabulary';

/** Tables the 情况说明 prints within its sections, after the section's text. */
const TABLES_IN_TEXT: Record<string, string[]> = { s01: ['org'], s07: ['projects'], s08: ['t11'], s09: ['t12'] };

/** 河北 county-level 部门预算, the layout of the seed disclosure (2024). */
export const hebei2024: RegionPack = {
  id: 'hebei-2024',
  name: '河北 · 县级部门预算（2024 版式）',
  region: '河北',
  scope: 'department',
  layoutYear: 2024,
  template: hebei2024Template,
  rules: hebei2024Rules,
  vocabulary: hebei2024Vocabulary,
  // The seed's order: the tables, then the 情况说明 (机构设置 in 一, projects in 七, 采购 in 八, 资产 in 九).
  publication: [
    ...['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09'].map((table) => ({ kind: 'table' as const, table })),
    ...NARRATIVE_SECTIONS.map((s) => ({ kind: 'section' as const, section: s.id, ...(TABLES_IN_TEXT[s.id] && { tables: TABLES_IN_TEXT[s.id] }) })),
  ],
  narrative: hebei2024Narrative,
};
