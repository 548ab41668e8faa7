/**
 * The instant the build treats as "now". A real build uses the clock; SITE_NOW (an ISO 8601
 * instant) lets a preview or a test build the site as it will look on another day.
 */
export function buildClock(env: Record<string, string | undefined> = process.env): Date {
  const override = env.SITE_NOW;
  if (!override) return new Date();
  const instant = new Date(override);
  if (Number.isNaN(instant.getTime())) throw new Error(`SITE_NOW must be an ISO 8601 instant such as 2027-06-01T04:00:00Z; got "${override}".`);
  return instant;
}
