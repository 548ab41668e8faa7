/**
 * The server's environment (README.md, "Deploying on Netlify", lists the variables), parsed once
 * per invocation by one zod schema into the configuration every adapter is chosen from
 * (composition.ts). Locally, unset variables fall back to the embedded defaults (local records
 * repository, outbox, placeholder sender and signing key). In a production deploy a missing
 * required variable is a loud MissingConfigurationError naming it, never a silent fallback.
 */
import { z } from 'zod';

/** The variables as the platform hands them over (process.env). */
export type Environment = Record<string, string | undefined>;

/** Thrown when a deploy lacks a variable it needs, or has one it cannot use. The message names the variables. */
export class MissingConfigurationError extends Error {
  override name = 'MissingConfigurationError';
}

/** True in Netlify's production deploy context (context.deploy.context === 'production'). */
export function isProductionDeploy(context: { deploy?: { context?: string } } | undefined): boolean {
  return context?.deploy?.context === 'production';
}

export const LOCAL_SITE_URL = 'http://localhost:4321';
export const DEFAULT_RECORDS_DIR = '.data/records';
export const DEFAULT_RECORDS_BRANCH = 'main';
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_OUTBOX_DIR = '.data/outbox';
export const LOCAL_SENDER = 'Mentoring program (local) <mentoring@localhost>';
/** Fixed local signing key; a production deploy must set LINK_SIGNING_SECRET. */
export const LOCAL_SIGNING_SECRET = 'local-development-signing-key-not-secret';

/** Without these a production deploy would fall back to a local store, the outbox or a placeholder. */
export const REQUIRED_IN_PRODUCTION = ['SITE_URL', 'RECORDS_REPO', 'RESEND_API_KEY', 'MAIL_FROM', 'LINK_SIGNING_SECRET'] as const;

/**
 * Fixed key for the committee's session cookie, used only by the local stand-in sign-in; every
 * deploy whose workspace signs in with GitHub needs COMMITTEE_SESSION_SECRET (composition.ts).
 */
export const LOCAL_SESSION_SECRET = 'local-committee-session-key-not-secret';
/** Netlify's OAuth provider, the one Decap CMS signs in through. */
export const DEFAULT_COMMITTEE_AUTH_URL = 'https://api.netlify.com/auth';

const OWNER_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** A variable as set: surrounding blanks trimmed, and blank counts as unset. */
const variable = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const variablesSchema = z.object({
  /** Public origin for absolute links (emails, the background function's address). */
  SITE_URL: variable,
  /** owner/name of the private records repository; unset: the local git repository. */
  RECORDS_REPO: variable,
  RECORDS_BRANCH: variable,
  GITHUB_TOKEN: variable,
  /** Tests and GitHub Enterprise. */
  GITHUB_API_URL: variable,
  /** The local records repository (when RECORDS_REPO is unset). */
  RECORDS_DIR: variable,
  /** Resend; unset: the local outbox folder. */
  RESEND_API_KEY: variable,
  /** Tests. */
  RESEND_BASE_URL: variable,
  MAIL_OUTBOX_DIR: variable,
  MAIL_FROM: variable,
  /** Where committee notices go; unset: the contact address in settings. */
  COMMITTEE_EMAIL: variable,
  /** Bearer secret of the committee endpoints; unset: those endpoints are switched off. */
  MAILER_SECRET: variable,
  /** Signs check-in and email-preference links, and keys the applicant index. */
  LINK_SIGNING_SECRET: variable,
  /** The daily rebuild's build hook; unset: nothing to rebuild. */
  BUILD_HOOK_URL: variable,
  /** Another day's "now" for previews and tests; production ignores it. */
  SITE_NOW: variable,
  /** Signs the committee workspace's session cookie. */
  COMMITTEE_SESSION_SECRET: variable,
  /** The OAuth provider the committee signs in through (Netlify's, as Decap's). */
  COMMITTEE_AUTH_URL: variable,
  /** The site's id for the OAuth provider; Netlify sets SITE_ID itself. */
  NETLIFY_SITE_ID: variable,
  SITE_ID: variable,
});
type Variables = z.output<typeof variablesSchema>;

export type RecordsConfig = { kind: 'github'; repo: string; token: string; branch: string; apiUrl: string } | { kind: 'local'; dir: string };
export type MailConfig = { kind: 'resend'; apiKey: string; baseUrl?: string } | { kind: 'outbox'; dir: string };

/** Everything the server takes from its environment, defaults applied. */
export interface ServerConfig {
  production: boolean;
  /** Public origin, without a trailing slash. */
  siteUrl: string;
  records: RecordsConfig;
  mail: MailConfig;
  /** From address of every email. */
  sender: string;
  committeeEmail: string | undefined;
  mailerSecret: string | undefined;
  linkSigningSecret: string;
  buildHookUrl: string | undefined;
  /** SITE_NOW outside production; always undefined in production. */
  siteNow: string | undefined;
  /** The committee workspace: its session key (unset: see LOCAL_SESSION_SECRET), OAuth provider and site id. */
  committee: { sessionSecret: string | undefined; authUrl: string; siteId: string | undefined };
}

function toConfig(vars: Variables, production: boolean): ServerConfig {
  return {
    production,
    siteUrl: (vars.SITE_URL ?? LOCAL_SITE_URL).replace(/\/+$/, ''),
    records:
      vars.RECORDS_REPO && vars.GITHUB_TOKEN
        ? {
            kind: 'github',
            repo: vars.RECORDS_REPO,
            token: vars.GITHUB_TOKEN,
            branch: vars.RECORDS_BRANCH ?? DEFAULT_RECORDS_BRANCH,
            apiUrl: vars.GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL,
          }
        : { kind: 'local', dir: vars.RECORDS_DIR ?? DEFAULT_RECORDS_DIR },
    mail: vars.RESEND_API_KEY
      ? { kind: 'resend', apiKey: vars.RESEND_API_KEY, ...(vars.RESEND_BASE_URL === undefined ? {} : { baseUrl: vars.RESEND_BASE_URL }) }
      : { kind: 'outbox', dir: vars.MAIL_OUTBOX_DIR ?? DEFAULT_OUTBOX_DIR },
    sender: vars.MAIL_FROM ?? LOCAL_SENDER,
    committeeEmail: vars.COMMITTEE_EMAIL,
    mailerSecret: vars.MAILER_SECRET,
    linkSigningSecret: vars.LINK_SIGNING_SECRET ?? LOCAL_SIGNING_SECRET,
    buildHookUrl: vars.BUILD_HOOK_URL,
    siteNow: production ? undefined : vars.SITE_NOW,
    committee: {
      sessionSecret: vars.COMMITTEE_SESSION_SECRET,
      authUrl: (vars.COMMITTEE_AUTH_URL ?? DEFAULT_COMMITTEE_AUTH_URL).replace(/\/+$/, ''),
      siteId: vars.NETLIFY_SITE_ID ?? vars.SITE_ID,
    },
  };
}

/** The issue a production deploy's missing variable raises; the error message groups them. */
const MISSING_IN_PRODUCTION = 'missing-in-production';

/**
 * The schema of the server's environment. `production` adds the production strictness: every
 * variable in REQUIRED_IN_PRODUCTION must be set. In every context RECORDS_REPO must look like
 * owner/name and needs GITHUB_TOKEN.
 */
export function environmentSchema(options: { production: boolean }) {
  return variablesSchema
    .superRefine((vars, context) => {
      if (options.production) {
        for (const name of REQUIRED_IN_PRODUCTION) {
          if (!vars[name]) context.addIssue({ code: 'custom', path: [name], message: MISSING_IN_PRODUCTION });
        }
      }
      if (vars.RECORDS_REPO && !OWNER_NAME.test(vars.RECORDS_REPO)) {
        context.addIssue({ code: 'custom', path: ['RECORDS_REPO'], message: `RECORDS_REPO must look like owner/name (it is ${JSON.stringify(vars.RECORDS_REPO)}).` });
      }
      if (vars.RECORDS_REPO && !vars.GITHUB_TOKEN) {
        context.addIssue({
          code: 'custom',
          path: ['GITHUB_TOKEN'],
          message: 'GITHUB_TOKEN is not set, and RECORDS_REPO needs it: set a token with Contents read/write on that repository.',
        });
      }
    })
    .transform((vars) => toConfig(vars, options.production));
}

function describeIssues(error: z.ZodError): string {
  const missing = error.issues.filter((issue) => issue.message === MISSING_IN_PRODUCTION).map((issue) => String(issue.path[0]));
  const sentences = error.issues.filter((issue) => issue.message !== MISSING_IN_PRODUCTION).map((issue) => issue.message);
  if (missing.length === 1) {
    sentences.unshift(`${missing[0]} is not set in this production deploy; set it in the site’s environment variables.`);
  } else if (missing.length > 1) {
    sentences.unshift(`${missing.slice(0, -1).join(', ')} and ${missing.at(-1)} are not set in this production deploy; set them in the site’s environment variables.`);
  }
  return sentences.join(' ');
}

/** The configuration from `env`, or a MissingConfigurationError naming every variable that is missing or unusable. */
export function parseEnvironment(env: Environment, options: { production: boolean }): ServerConfig {
  const parsed = environmentSchema(options).safeParse(env);
  if (!parsed.success) throw new MissingConfigurationError(describeIssues(parsed.error));
  return parsed.data;
}
