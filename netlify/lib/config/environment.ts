/**
 * Reading the environment (ARCHITECTURE.md lists the variables). Locally, unset variables fall
 * back to the embedded defaults (local records repository, outbox). In a production deploy a
 * missing required variable is a loud error on that request, never a silent fall back.
 */
export type Environment = Record<string, string | undefined>;

/** Thrown when a production deploy lacks a variable it needs. The message names the variables. */
export class MissingConfigurationError extends Error {
  override name = 'MissingConfigurationError';
}

/** True in Netlify's production deploy context (context.deploy.context === 'production'). */
export function isProductionDeploy(context: { deploy?: { context?: string } } | undefined): boolean {
  return context?.deploy?.context === 'production';
}

/** The value of a variable, or throws naming it when it is required in production and unset. */
export function readVariable(env: Environment, name: string, options: { production: boolean; requiredInProduction: boolean }): string | undefined {
  const value = env[name]?.trim() || undefined;
  if (!value && options.production && options.requiredInProduction) {
    throw new MissingConfigurationError(`${name} is not set in this production deploy; set it in the site's environment variables.`);
  }
  return value;
}

/** Public origin for absolute links (emails, feeds). */
export function siteUrl(env: Environment, production: boolean): string {
  return (readVariable(env, 'SITE_URL', { production, requiredInProduction: true }) ?? 'http://localhost:4321').replace(/\/+$/, '');
}
