/**
 * What the mailing commands (scripts/mailing.ts, introductions.ts, check-in-summary.ts) share:
 * the command-line helpers (../commandLine.ts), the ports from the composition root for the
 * environment of a committee member's machine (never a production deploy), and the errors that
 * end a command with one plain sentence.
 */
import { loadSettings } from '../config/loadSettings.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { commandRunner } from '../commandLine.ts';
import { commandRuntime, mailingPorts } from '../composition.ts';
import type { MailingPorts } from './ports.ts';

export { parseOptions, UsageError, yearArgument } from '../commandLine.ts';

/** The ports a committee command uses: the environment's stores, a log on stderr (ids and counts only). */
export async function commandPorts(overrides: Partial<MailingPorts> = {}): Promise<{ ports: MailingPorts; settings: Settings }> {
  const settings = await loadSettings();
  return { ports: mailingPorts(commandRuntime(), settings, overrides, { mailerDeadlineMs: 120_000 }), settings };
}

export const runCommand = commandRunner([
  'PairsError',
  'LedgerError',
  'RecordsConflictError',
  'RecordsUnavailableError',
  'GitHubAccessError',
  'MissingConfigurationError',
  'MailerError',
]);
