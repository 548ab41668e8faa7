/**
 * npm run match: the committee's matching workbench (docs/matching.md).
 * Thin entry: parse the arguments, call the matching services, print paths and counts (no names:
 * the report itself, in the private records repository, has them).
 */
import { zonedDate } from '../src/lib/zonedTime.ts';
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { commandRuntime, recordsStore } from '../netlify/lib/composition.ts';
import { acceptProposal, listProposals } from '../netlify/lib/matching/acceptService.ts';
import { parseOptions, runCommand, UsageError, yearArgument } from '../netlify/lib/matching/commandLine.ts';
import { createProposal } from '../netlify/lib/matching/proposeService.ts';

const HELP = `Usage:
  npm run match -- --year 2026-2027                 propose pairs (a rematch keeps the active pairs)
  npm run match -- --year 2026-2027 --accept STAMP  accept a proposal: writes matches/2026-2027.json
  npm run match -- --year 2026-2027 --list          list the year's proposals, newest first

Reads the applications of the year from the records store (the private GitHub repository when
RECORDS_REPO is set, otherwise the local one in RECORDS_DIR, default .data/records) and writes
matching/<year>/proposals/<stamp>.md (report), .csv (spreadsheet) and .json (for --accept).
Locked pairs and never-pair exclusions: matching/<year>/constraints.json.
Weights: "matching" in content/settings.yaml. The guide: docs/matching.md.

Options:
  --year YYYY-YYYY   program year (default: the year applications are for, from settings)
  --accept STAMP     the proposal to accept: its stamp (e.g. 2026-08-03T140509Z) or its path
  --list             list proposals
  --help             this text`;

await runCommand(async () => {
  const values = parseOptions<{ year?: string; accept?: string; list?: boolean }>({ year: { type: 'string' }, accept: { type: 'string' }, list: { type: 'boolean' } }, HELP);
  if (!values) return;
  const settings = await loadSettings();
  const runtime = commandRuntime();
  const year = yearArgument(values.year, settings.programYears.applications);
  const store = recordsStore(runtime);

  if (values.list) {
    const stamps = await listProposals(store, year);
    console.log(stamps.length > 0 ? stamps.join('\n') : `No proposals for ${year} yet. Make one with: npm run match -- --year ${year}`);
    return;
  }
  if (values.accept !== undefined) {
    if (values.accept.trim() === '') throw new UsageError('--accept needs the proposal to accept, like --accept 2026-08-03T140509Z.');
    const outcome = await acceptProposal(store, { programYear: year, proposal: values.accept, today: zonedDate(new Date(), settings.timeZone) });
    if (outcome.alreadyAccepted) {
      console.log(`Proposal already accepted: its pairs are active in ${outcome.path}. Nothing written.`);
      return;
    }
    console.log(`Accepted: ${outcome.added} new pair${outcome.added === 1 ? '' : 's'} written to ${outcome.path} in ${store.description} (${outcome.active} active in all).`);
    return;
  }

  const outcome = await createProposal(store, { programYear: year, settings: settings.matching, application: settings.application });
  const { summary } = outcome;
  console.log(`Proposal ${outcome.stamp} for ${year}, in ${store.description}:`);
  console.log(`  report       ${outcome.paths.markdown}`);
  console.log(`  spreadsheet  ${outcome.paths.csv}`);
  console.log(`  data         ${outcome.paths.json}`);
  console.log(
    `${summary.matched} pairs (${summary.kept} kept), ${summary.unmatched} of ${summary.mentees} mentees unmatched; ${summary.places} places from ${summary.mentors} mentors.`,
  );
  if (outcome.warnings > 0) console.log(`${outcome.warnings} thing${outcome.warnings === 1 ? '' : 's'} to check: see "Please check" in the report.`);
  for (const skip of outcome.skipped) console.log(`Skipped ${skip.path}: ${skip.problem}.`);
  console.log(`Accept it with: npm run match -- --year ${year} --accept ${outcome.stamp}`);
}, 'Run npm run match -- --help for the options.');
