import { hebei2024 } from './hebei-2024';
import type { Template } from './types';

export * from './types';

/** Templates shipped with the app, newest first. */
export const TEMPLATES: Template[] = [hebei2024];

export function getTemplate(id: string): Template {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`未知的报表模板：${id}`);
  return template;
}
