/**
 * npm run sample-applications: fills the records store with realistic, clearly fake applications
 * (invented surnames, @example.org addresses) so the matching workbench can be tried locally;
 * with --whole-year, a whole made-up program year (pairs, check-ins, messages, evaluations) for
 * trying the workspace's pages for the running year.
 */
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { commandRuntime, recordsStore, serverNow } from '../netlify/lib/composition.ts';
import { countArgument, parseOptions, runCommand, UsageError, yearArgument } from '../netlify/lib/matching/commandLine.ts';
import { generateSampleApplications, generateSampleYear, writeSampleApplications, writeSampleYear } from '../netlify/lib/matching/sampleApplications.ts';

const HELP = `Usage:
  npm run sample-applications -- --year 2026-2027 --mentors 12 --mentees 20 [--seed 1]
  npm run sample-applications -- --whole-year [--year 2026-2027]

Writes fake mentor and mentee applications into the records store, one commit each, as the
application forms would: applications/<year>/<role>/<id>.json. The same seed gives the same
applications (running it twice adds nothing new). Refuses to write to the GitHub records
repository unless --allow-github is given: samples belong in a local or test store.

With --whole-year, the year (default: the year running now) also gets what a year in progress
has: every application reviewed (one mentee not eligible, one withdrawn), accepted pairs in
matches/<year>.json (one of them ended), the introductions marked as sent (no email is sent),
check-ins for the program months so far, three messages to the committee, a mentee who said they
are leaving, and evaluations (most mentees, and four mentors: fewer than five, so the workspace
shows no figures for them). Everything is clearly made up ("(Sample)" in every text). A year
that already has pairs of its own is left alone.

Options:
  --year YYYY-YYYY   program year (default: the year applications are for, from settings)
  --mentors N        how many mentor applications (default 12)
  --mentees N        how many mentee applications (default 20)
  --seed N           a different seed gives different people (default 1)
  --whole-year       a whole sample program year, as above
  --allow-github     write even though RECORDS_REPO is set
  --help             this text`;

await runCommand(async () => {
  const values = parseOptions<{ year?: string; mentors?: string; mentees?: string; seed?: string; 'allow-github'?: boolean; 'whole-year'?: boolean }>(
    {
      year: { type: 'string' },
      mentors: { type: 'string' },
      mentees: { type: 'string' },
      seed: { type: 'string' },
      'allow-github': { type: 'boolean' },
      'whole-year': { type: 'boolean' },
    },
    HELP,
  );
  if (!values) return;
  const settings = await loadSettings();
  const runtime = commandRuntime();
  const wholeYear = values['whole-year'] === true;
  const year = yearArgument(values.year, wholeYear ? settings.programYears.running : settings.programYears.applications);
  if (runtime.config().records.kind === 'github' && !values['allow-github']) {
    throw new UsageError('RECORDS_REPO is set: sample applications would go into the GitHub records repository. Unset it, or add --allow-github if that repository is a test one.');
  }
  const window = year === settings.programYears.applications ? { opens: settings.applicationWindow.opens, closes: settings.applicationWindow.closes } : {};
  const options = {
    programYear: year,
    mentors: countArgument('mentors', values.mentors, 12, 5000),
    mentees: countArgument('mentees', values.mentees, 20, 5000),
    seed: countArgument('seed', values.seed, 1, 2 ** 31),
    settings,
    ...window,
  };
  const store = recordsStore(runtime);
  if (wholeYear) {
    const sample = generateSampleYear({ ...options, now: serverNow(runtime)() });
    const written = await writeSampleYear(store, sample);
    if (written.refused)
      throw new UsageError(`${year} already has pairs of its own (matches/${year}.json), so no sample year was added. Choose another --year or a fresh records store.`);
    const { counts } = sample;
    console.log(
      `A sample year ${year} in ${store.description}: ${counts.applications} applications, ${counts.pairs} pairs, ${counts.checkIns} check-ins, ${counts.messages} messages, ${counts.evaluations} evaluations (${written.created} file${written.created === 1 ? '' : 's'} added${written.existing > 0 ? `, ${written.existing} already there` : ''}).`,
    );
    console.log('Next: npm start, then /committee/ (Pairs, Messages, Evaluations, Health).');
    return;
  }
  const records = generateSampleApplications(options);
  const { created, existing } = await writeSampleApplications(store, records);
  console.log(
    `${created} sample application${created === 1 ? '' : 's'} written to ${store.description} under applications/${year}/${existing > 0 ? ` (${existing} already there)` : ''}.`,
  );
  console.log(`Next: npm run match -- --year ${year}`);
}, 'Run npm run sample-applications -- --help for the options.');
