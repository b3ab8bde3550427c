#!/usr/bin/env node
// budget-desk command line. The sources are TypeScript and the project pins Node 22
// (node_modules/.bin/node, from the `node` package): re-run the CLI entry with that Node
// and tsx's loader, whatever Node started this script (system Node 20 included).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src', 'main', 'cli', 'index.ts');
const binDir = join(root, 'node_modules', '.bin');
const pinned = join(binDir, process.platform === 'win32' ? 'node.exe' : 'node');
const node = existsSync(pinned) ? pinned : process.execPath;

let tsx;
try {
  tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;
} catch {
  process.stderr.write('找不到 tsx：请先在项目目录运行 npm install。\n');
  process.exit(2);
}

const result = spawnSync(node, ['--import', tsx, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) {
  process.stderr.write(`无法启动 Node（${node}）：${result.error.message}\n`);
  process.exit(2);
}
process.exit(result.status ?? 2);
