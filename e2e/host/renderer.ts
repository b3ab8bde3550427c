import react from '@vitejs/plugin-react';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const rendererRoot = resolve(import.meta.dirname, '../../src/renderer');

/** Build the real renderer (as the app ships it) into a temporary folder; returns the folder. */
export async function buildRenderer(outDir = mkdtempSync(join(tmpdir(), 'budget-desk-renderer-'))): Promise<string> {
  await build({
    configFile: false,
    root: rendererRoot,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4096 },
  });
  return outDir;
}
