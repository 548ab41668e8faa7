/**
 * What the mailing commands (scripts/mailing.ts, introductions.ts, check-in-summary.ts) share:
 * options parsed strictly, the ports from the environment as a committee member's machine has
 * it (never a production deploy), and known errors turned into one plain sentence.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadSettings } from '../config/loadSettings.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { mailingPorts } from './mailingPorts.ts';
import type { MailingPorts } from './ports.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseOptions<T>(options: NonNullable<ParseArgsConfig['options']>, args: string[] = process.argv.slice(2)): T {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as T;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The ports a committee command uses: the environment's stores, a log on stderr (ids and counts only). */
export async function commandPorts(overrides: Partial<MailingPorts> = {}): Promise<{ ports: MailingPorts; settings: Settings }> {
  const settings = await loadSettings();
  const runtime = { env: process.env, production: false, log: (line: string) => process.stderr.write(`${line}\n`) };
  return { ports: mailingPorts(runtime, settings, overrides, { mailerDeadlineMs: 120_000 }), settings };
}

const KNOWN = ['UsageError', 'PairsError', 'LedgerError', 'RecordsConflictError', 'RecordsUnavailableError', 'GitHubAccessError', 'MissingConfigurationError', 'MailerError'];

/** Runs a command; known errors end it with their message (and the --help hint for usage) and exit code 1. */
export async function runCommand(main: () => Promise<void>, helpHint: string): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof Error) || !KNOWN.includes(error.name)) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error.name === 'UsageError') process.stderr.write(`${helpHint}\n`);
    process.exitCode = 1;
  }
}
