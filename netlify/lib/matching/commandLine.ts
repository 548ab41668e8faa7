import { parseArgs, type ParseArgsConfig } from 'node:util';
import { programYear } from '../../../src/schemas/primitives.ts';

/**
 * Small helpers the committee commands (scripts/match.ts, export.ts, sample-applications.ts)
 * share: the program year argument, and turning known errors into one plain sentence.
 */

/** Parses the command's options; an unknown option or a missing value is a UsageError. */
export function parseOptions(options: NonNullable<ParseArgsConfig['options']>, args: string[] = process.argv.slice(2)): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The --year argument checked, or the fallback (the year applications are for). */
export function yearArgument(value: string | undefined, fallback: string): string {
  const year = value ?? fallback;
  const result = programYear.safeParse(year);
  if (!result.success) throw new UsageError(`--year: ${result.error.issues[0]?.message ?? 'write it like 2026-2027.'}`);
  return year;
}

/** A whole number argument within bounds. */
export function countArgument(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) throw new UsageError(`--${name} takes a whole number from 0 to ${max}.`);
  return number;
}

/** Wrong or missing arguments: the command prints the message and its --help hint. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs a command's main function; known errors end it with their message and exit code 1. */
export async function runCommand(main: () => Promise<void>, helpHint: string): Promise<void> {
  try {
    await main();
  } catch (error) {
    const known = error instanceof Error && ['UsageError', 'ExportFolderError', 'RecordFileError', 'ProposalError', 'MatchingConstraintError', 'RecordsConflictError', 'RecordsUnavailableError', 'MissingConfigurationError'].includes(error.name);
    if (!known) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error.name === 'UsageError') process.stderr.write(`${helpHint}\n`);
    process.exitCode = 1;
  }
}
