/**
 * What every committee command (scripts/*.ts) shares: options parsed strictly, the program year
 * and count arguments checked, and known errors turned into one plain sentence. The matching and
 * mailing commands name their known errors in matching/commandLine.ts and mailing/commandLine.ts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { programYear } from '../../src/schemas/primitives.ts';

/** Wrong or missing arguments: the command prints the message and its --help hint. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses the command's options, --help (-h) among them; an unknown option or a missing value is
 * a UsageError. Null when --help was asked for: the help text is printed and the command ends.
 */
export function parseOptions<T = Record<string, string | boolean | undefined>>(
  options: NonNullable<ParseArgsConfig['options']>,
  help: string,
  args: string[] = process.argv.slice(2),
): T | null {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(help);
    return null;
  }
  return values as T;
}

/** The --year argument checked, or the fallback. */
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

/**
 * Runs a command's main function; errors of the known names (UsageError always) end it with
 * their message (and the --help hint for usage) and exit code 1. Anything else is a bug: rethrown.
 */
export function commandRunner(knownErrors: readonly string[]): (main: () => Promise<void>, helpHint: string) => Promise<void> {
  const known = new Set(['UsageError', ...knownErrors]);
  return async (main, helpHint) => {
    try {
      await main();
    } catch (error) {
      if (!(error instanceof Error) || !known.has(error.name)) throw error;
      process.stderr.write(`${error.message}\n`);
      if (error.name === 'UsageError') process.stderr.write(`${helpHint}\n`);
      process.exitCode = 1;
    }
  };
}
