import { defineConfig } from '@playwright/test';

/** Debian's Chromium (Playwright cannot download browsers here); flags per docs/engineering.md. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
};

const PORT = Number(process.env.E2E_PORT ?? 5178);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Engineers running suites side by side in one tree keep their artifacts apart.
  outputDir: process.env.E2E_OUTPUT ?? 'test-results',
  // Generous: a loaded two-core machine runs the long journeys several times slower.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // One retry in CI, reported as flaky, so a machine hiccup does not hide the rest of the run.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // The host builds the renderer itself, so this works from a clean clone.
    command: `npx tsx e2e/host/server.ts --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
  },
});
