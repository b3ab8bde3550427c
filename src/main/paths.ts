import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The resources folder: beside the repo root in development and tests, packaged beside the app otherwise. */
export function resourcesDir(): string {
  if (process.env.BUDGET_DESK_RESOURCES) return process.env.BUDGET_DESK_RESOURCES;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'classification'))) return join(dir, 'resources');
    dir = resolve(dir, '..');
  }
  throw new Error('找不到 resources 文件夹（科目表）');
}
