/**
 * The instant the whole test suite treats as now (SITE_NOW): inside the shipped settings'
 * application window (2027-06-01 to 2027-07-15, New York), so every form is open, and after the
 * last sample topic's month, so the whole sample year is published. Fixed, so tests are repeatable.
 */
export const TEST_NOW = '2027-06-15T16:00:00Z';
