import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 and exceljs stay external (they are in "dependencies").
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    // Minified as the renderer the tests and the bench load (e2e/host/renderer.ts, Vite's default):
    // electron-vite leaves it unminified otherwise, 2.5 MB of code to parse at every window's start.
    build: { minify: true, chunkSizeWarningLimit: 4096, rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
});
