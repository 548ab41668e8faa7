import { defineConfig, devices } from '@playwright/test';
import { TEST_NOW } from './tests/testClock.ts';

/** Debian's Chromium (apt-get install chromium); Playwright's own browser download does not work here. */
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.BROWSER_TEST_PORT ?? 8899);

export default defineConfig({
  testDir: 'tests/browser',
  globalSetup: './tests/browser/support/globalSetup.ts',
  outputDir: 'test-results/browser',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'test-results/browser-report' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  // The built site, served like a Netlify deploy (headers, functions, Blobs); `npm test` builds first.
  webServer: {
    command: `node scripts/serve.ts --port ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The functions see the same day as the build, and write to folders the tests inspect.
    env: {
      SITE_NOW: TEST_NOW,
      RECORDS_DIR: 'test-results/records',
      MAIL_OUTBOX_DIR: 'test-results/outbox',
    },
  },
});
