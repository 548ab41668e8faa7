/**
 * npm run sample-applications: fills the records store with realistic, clearly fake applications
 * (invented surnames, @example.org addresses) so the matching workbench can be tried locally.
 */
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { commandRuntime, recordsStore } from '../netlify/lib/composition.ts';
import { countArgument, parseOptions, runCommand, UsageError, yearArgument } from '../netlify/lib/matching/commandLine.ts';
import { generateSampleApplications, writeSampleApplications } from '../netlify/lib/matching/sampleApplications.ts';

const HELP = `Usage:
  npm run sample-applications -- --year 2026-2027 --mentors 12 --mentees 20 [--seed 1]

Writes fake mentor and mentee applications into the records store, one commit each, as the
application forms would: applications/<year>/<role>/<id>.json. The same seed gives the same
applications (running it twice adds nothing new). Refuses to write to the GitHub records
repository unless --allow-github is given: samples belong in a local or test store.

Options:
  --year YYYY-YYYY   program year (default: the year applications are for, from settings)
  --mentors N        how many mentor applications (default 12)
  --mentees N        how many mentee applications (default 20)
  --seed N           a different seed gives different people (default 1)
  --allow-github     write even though RECORDS_REPO is set
  --help             this text`;

await runCommand(async () => {
  const values = parseOptions<{ year?: string; mentors?: string; mentees?: string; seed?: string; 'allow-github'?: boolean }>(
    { year: { type: 'string' }, mentors: { type: 'string' }, mentees: { type: 'string' }, seed: { type: 'string' }, 'allow-github': { type: 'boolean' } },
    HELP,
  );
  if (!values) return;
  const settings = await loadSettings();
  const runtime = commandRuntime();
  const year = yearArgument(values.year, settings.programYears.applications);
  if (runtime.config().records.kind === 'github' && !values['allow-github']) {
    throw new UsageError('RECORDS_REPO is set: sample applications would go into the GitHub records repository. Unset it, or add --allow-github if that repository is a test one.');
  }
  const window = year === settings.programYears.applications ? { opens: settings.applicationWindow.opens, closes: settings.applicationWindow.closes } : {};
  const records = generateSampleApplications({
    programYear: year,
    mentors: countArgument('mentors', values.mentors, 12, 5000),
    mentees: countArgument('mentees', values.mentees, 20, 5000),
    seed: countArgument('seed', values.seed, 1, 2 ** 31),
    settings,
    ...window,
  });
  const store = recordsStore(runtime);
  const { created, existing } = await writeSampleApplications(store, records);
  console.log(
    `${created} sample application${created === 1 ? '' : 's'} written to ${store.description} under applications/${year}/${existing > 0 ? ` (${existing} already there)` : ''}.`,
  );
  console.log(`Next: npm run match -- --year ${year}`);
}, 'Run npm run sample-applications -- --help for the options.');
