import { defineConfig, devices } from '@playwright/test';
import { BASE_PORT, LANE_SITE, LANES, laneFolders } from './tests/browser/support/lane.ts';
import { TEST_NOW } from './tests/testClock.ts';

/** Debian's Chromium (apt-get install chromium); Playwright's own browser download does not work here. */
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/browser',
  globalSetup: './tests/browser/support/globalSetup.ts',
  outputDir: 'test-results/browser',
  // Files run in lanes (support/lane.ts): the tests mostly wait on pages and servers, so two
  // lanes on two cores take about half the time of one.
  fullyParallel: false,
  workers: LANES,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'test-results/browser-report' }]],
  use: {
    // Evaluated in each worker: its own lane's site.
    baseURL: LANE_SITE,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  // The built site, served like a Netlify deploy (headers, functions, Blobs), once per lane;
  // `npm test` builds first. The functions see the same day as the build, and write to the
  // lane's folders, which the tests inspect.
  webServer: Array.from({ length: LANES }, (_, lane) => ({
    command: `node scripts/serve.ts --port ${BASE_PORT + lane}`,
    url: `http://localhost:${BASE_PORT + lane}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      SITE_NOW: TEST_NOW,
      // Emailed links point at the lane's own site.
      SITE_URL: `http://localhost:${BASE_PORT + lane}`,
      RECORDS_DIR: laneFolders(lane).records,
      MAIL_OUTBOX_DIR: laneFolders(lane).outbox,
    },
  })),
});
