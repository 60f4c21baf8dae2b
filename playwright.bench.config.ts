import { defineConfig } from '@playwright/test';
import e2e from './playwright.config';

/**
 * The UI benchmark (`npm run bench:ui`): the e2e harness over big seeded vaults, timed inside the
 * page. One worker so nothing else competes for the CPU; no traces or videos, which would slow
 * the very thing measured. Missed targets are reported, not failed: only a broken flow fails.
 * Wait limits are generous (a shared machine under load is slow, not broken): a test that takes
 * long shows as slow figures rather than an aborted run.
 */
export default defineConfig({
  testDir: 'tests/bench',
  testMatch: '**/*.bench.ts',
  outputDir: 'test-results/bench',
  timeout: 90 * 60_000,
  expect: { timeout: 5 * 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: e2e.use?.launchOptions,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    actionTimeout: 5 * 60_000,
  },
});
