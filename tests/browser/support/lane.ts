/**
 * The browser tests run in lanes, one per Playwright worker, each against its own served site
 * with its own local records repository and outbox (playwright.config.ts starts one server per
 * lane), so a test's commits and emails are the only ones it finds. A test file runs in one lane;
 * Playwright tells each worker its lane in TEST_PARALLEL_INDEX.
 */
/** How many lanes (workers); BROWSER_TEST_LANES overrides (1 runs everything one after another). */
export const LANES = Math.max(1, Number(process.env.BROWSER_TEST_LANES ?? 2));
/** The first lane's port; lane n serves at BASE_PORT + n. */
export const BASE_PORT = Number(process.env.BROWSER_TEST_PORT ?? 8899);

export function laneFolders(lane: number) {
  const root = `test-results/lane-${lane}`;
  return {
    /** The records repository the lane's functions commit to. */
    records: `${root}/records`,
    /** The outbox the lane's functions write emails to. */
    outbox: `${root}/outbox`,
    /** The outbox of the mailing command a test runs itself. */
    outboxMailing: `${root}/outbox-mailing`,
  };
}

/** This worker's lane (0 in the runner, before any worker starts). */
export const LANE = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
export const LANE_FOLDERS = laneFolders(LANE);
/** This lane's served site, which emailed links must point to. */
export const LANE_SITE = `http://localhost:${BASE_PORT + LANE}`;
