import { buildClock } from '../../../src/lib/buildClock.ts';
import type { Environment } from './environment.ts';

/**
 * The server's "now". Outside production, SITE_NOW (the same variable the build honours) lets
 * a preview or a browser test run the whole product as of another day; production always uses
 * the real clock.
 */
export function serverClock(env: Environment, production: boolean): () => Date {
  if (production || !env.SITE_NOW) return () => new Date();
  const fixed = buildClock(env);
  return () => new Date(fixed.getTime());
}
