/**
 * npm run retention: deletes each program year's personal records once the retention period in
 * the settings has passed, keeping the year's counts, and emails the committee fourteen days
 * before: the same service as the daily scheduled function (netlify/functions/record-retention.ts).
 */
import { commandPorts, parseOptions, runCommand } from '../netlify/lib/mailing/commandLine.ts';
import { formatPlans, runRetention } from '../netlify/lib/privacy/retention.ts';

const HELP = `Usage:
  npm run retention -- --dry-run     what would be deleted or announced, changing nothing
  npm run retention                  do it now (what the daily scheduled function does)

For every program year with records: on the day recordRetentionMonths (settings) have passed
after the year's last mentoring month, its applications, evaluations, messages, check-ins,
preferences, reviews, notes, matching files, mailing ledgers and matches file are deleted in one
commit, and its counts are kept in reports/<year>-summary.json. Fourteen days before, the
committee is emailed the folders and counts that will go. Prints folders and counts only.

Records: the GitHub repository when RECORDS_REPO is set, else the local one (.data/records).

Options:
  --dry-run   say what would happen; change nothing, send nothing
  --json      print the plan as JSON
  --help      this text`;

await runCommand(async () => {
  const values = parseOptions<{ 'dry-run'?: boolean; json?: boolean }>({ 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }, HELP);
  if (!values) return;
  const { ports } = await commandPorts();
  const dryRun = values['dry-run'] ?? false;
  const plans = await runRetention(ports, { dryRun });
  console.log(values.json ? JSON.stringify(plans, null, 2) : formatPlans(plans, dryRun));
}, 'Run npm run retention -- --help for the options.');
