import type { Template } from '../template/types';
import { hebei2024 } from './hebei-2024';
import { shanghai2026Department } from './shanghai-2026-department';
import { shanghai2026Unit } from './shanghai-2026-unit';
import type { RegionPack } from './types';

export type { BookWording, ImportVocabulary, PublicationItem, RegionPack } from './types';

/** The region packs shipped with the app. A new pack is its folder and one line here. */
export const PACKS: RegionPack[] = [hebei2024, shanghai2026Department, shanghai2026Unit];

export function getPack(id: string): RegionPack {
  const pack = PACKS.find((p) => p.id === id);
  if (!pack) throw new Error(`未知的报表模板：${id}`);
  return pack;
}

export function hasPack(id: string): boolean {
  return PACKS.some((p) => p.id === id);
}

const built = new Map<string, Template>();

/** A pack's template for a budget year (its layout's year when none is given), built once per pack and year. */
export function getTemplate(id: string, year: number = getPack(id).layoutYear): Template {
  const key = `${id}@${year}`;
  let template = built.get(key);
  if (!template) {
    template = getPack(id).template(year);
    built.set(key, template);
  }
  return template;
}

/** The pack a department's units are drafted in (the pack itself unless it names another). */
export function unitPackOf(id: string): RegionPack {
  const pack = getPack(id);
  return pack.unitPack ? getPack(pack.unitPack) : pack;
}

/** The template of a draft: its pack, built for its year. */
export function templateOf(meta: { templateId: string; year: number }): Template {
  return getTemplate(meta.templateId, meta.year);
}
