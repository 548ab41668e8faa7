/**
 * npm run check-in-summary: the committee's view of the check-ins (docs/mailing.md, "Check-ins"):
 * pairs with no "we met" this month or last, and every "we need help".
 */
import { checkInSummary, formatSummary } from '../netlify/lib/mailing/checkIns.ts';
import { commandPorts, parseOptions, runCommand, yearArgument } from '../netlify/lib/mailing/commandLine.ts';

const HELP = `Usage:
  npm run check-in-summary -- --year 2026-2027 [--json]

Reads the year's check-ins (check-ins/<year>/<month>/<pair>-<role>.json) and pairs
(matches/<year>.json) and lists the active pairs with no "we met" from either person this
month or last (pairs matched before those two months only), and every "we need help" with its
note. It names people: keep the output within the committee.

Records: the GitHub repository when RECORDS_REPO is set, else the local one (.data/records).

Options:
  --year YYYY-YYYY   program year (default: the year now running, from settings)
  --json             print the summary as JSON
  --help             this text`;

await runCommand(async () => {
  const values = parseOptions<{ year?: string; json?: boolean }>({ year: { type: 'string' }, json: { type: 'boolean' } }, HELP);
  if (!values) return;
  const { ports, settings } = await commandPorts();
  const year = yearArgument(values.year, settings.programYears.running);
  const summary = await checkInSummary(ports, year);
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
}, 'Run npm run check-in-summary -- --help for the options.');
