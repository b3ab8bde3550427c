import type { DraftContent } from '../src/shared/draft';
import juluxian2024 from './juluxian-2024.json';

/** A seed budget: the entered cells of a real published budget, for demos and tests. */
export interface SeedBudget {
  meta: { unitCode: string; unitName: string; year: number; templateId: string };
  content: DraftContent;
}

export const SEEDS: Record<string, SeedBudget> = {
  'juluxian-2024': juluxian2024 as SeedBudget,
};

export function getSeed(name: string): SeedBudget {
  const seed = SEEDS[name];
  if (!seed) throw new Error(`没有名为“${name}”的示例预算（可用：${Object.keys(SEEDS).join('、')}）`);
  return structuredClone(seed);
}
