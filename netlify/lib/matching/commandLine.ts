/**
 * The matching commands (scripts/match.ts, export.ts, sample-applications.ts): the shared
 * command-line helpers (../commandLine.ts), and the errors that end them with a plain sentence.
 */
import { commandRunner } from '../commandLine.ts';

export { countArgument, parseOptions, UsageError, yearArgument } from '../commandLine.ts';

export const runCommand = commandRunner([
  'ExportFolderError',
  'RecordFileError',
  'ProposalError',
  'MatchingConstraintError',
  'RecordsConflictError',
  'RecordsUnavailableError',
  'MissingConfigurationError',
]);
