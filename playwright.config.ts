import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { coreE2eSpecs } from './tests/suites';

// Debian's chromium where present (CI and these machines cannot download Playwright's browser);
// elsewhere Playwright's own browser, installed once with `npx playwright install chromium`.
const debianChromium = '/usr/bin/chromium';
const executablePath = process.env.ATTUNE_CHROMIUM ?? (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  // `npm test` runs the core walk, `npm run test:long` the rest (tests/suites.ts); plain
  // `playwright test` runs both.
  projects: [
    { name: 'core', testMatch: coreE2eSpecs.map((spec) => `**/${spec}`) },
    { name: 'long', testIgnore: coreE2eSpecs.map((spec) => `**/${spec}`) },
  ],
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      // Without these Chromium keeps calling out to a network these machines do not have.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
