import { buildClock } from '../../../src/lib/buildClock.ts';
import type { ServerConfig } from './environment.ts';

/**
 * The server's "now". Outside production, SITE_NOW (the same variable the build honours) lets
 * a preview or a browser test run the whole product as of another day; production always uses
 * the real clock (the environment schema drops SITE_NOW there).
 */
export function serverClock(config: Pick<ServerConfig, 'siteNow'>): () => Date {
  if (!config.siteNow) return () => new Date();
  const fixed = buildClock({ SITE_NOW: config.siteNow });
  return () => new Date(fixed.getTime());
}
