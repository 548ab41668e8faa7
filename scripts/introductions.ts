/**
 * npm run introductions: introduces each newly matched pair by email, once (docs/mailing.md,
 * "Introductions"); with --unmatched, also sends mentees left unmatched a kind note, once.
 */
import { commandPorts, parseOptions, runCommand, yearArgument } from '../netlify/lib/mailing/commandLine.ts';
import { introductionsLedgerPath } from '../netlify/lib/mailing/ledger.ts';
import { runIntroductions } from '../netlify/lib/mailing/introductionsService.ts';

const HELP = `Usage:
  npm run introductions -- --year 2026-2027 [--dry-run] [--unmatched]

Emails each active pair in matches/<year>.json that has not been introduced yet: the mentor
gets the mentee's contact details and application answers, the mentee the mentor's contact
details, and both their first steps (settings: introductionEmails) with a link to the page for
their role. Each pair is introduced
once (ledger: mailings/<year>/introductions.json); after a rematch only the new pair is.
A pair naming an unknown application, a mentee in two active pairs or a mentor over their
capacity stops it before anything is sent.

Records: the GitHub repository when RECORDS_REPO is set, else the local one (.data/records).
Mail: Resend when RESEND_API_KEY is set, else the local outbox (.data/outbox).

Options:
  --year YYYY-YYYY   program year (default: the year applications are for, from settings)
  --dry-run          say who would be introduced and print the first pair's emails; send nothing
  --unmatched        also send a kind note to mentees in no pair (once each)
  --help             this text`;

await runCommand(async () => {
  const values = parseOptions<{ year?: string; 'dry-run'?: boolean; unmatched?: boolean }>(
    { year: { type: 'string' }, 'dry-run': { type: 'boolean' }, unmatched: { type: 'boolean' } },
    HELP,
  );
  if (!values) return;
  const { ports, settings } = await commandPorts();
  const year = yearArgument(values.year, settings.programYears.applications);
  const result = await runIntroductions(ports, { programYear: year, dryRun: values['dry-run'] ?? false, unmatched: values.unmatched ?? false });
  const { pairs, unmatched } = result;
  console.log(`Introductions for ${year} (${ports.records.description}, mail through ${ports.mailer.description}):`);
  console.log(
    `${pairs.active} active pair(s): ${pairs.alreadyIntroduced} introduced before, ${result.status === 'dry-run' ? `${pairs.toIntroduce} to introduce` : `${pairs.introduced} introduced now`}.`,
  );
  if (unmatched) {
    console.log(
      `${unmatched.mentees} unmatched mentee(s): ${unmatched.alreadyNotified} written to before, ${result.status === 'dry-run' ? `${unmatched.toNotify} to write to` : `${unmatched.notified} written to now`}.`,
    );
  }
  if (result.status === 'dry-run') {
    if (result.preview)
      console.log(
        `\n--- to the mentor ---\nTo: ${result.preview.mentor.to.join(', ')}\nSubject: ${result.preview.mentor.subject}\n\n${result.preview.mentor.text}\n\n--- to the mentee ---\nTo: ${result.preview.mentee.to.join(', ')}\nSubject: ${result.preview.mentee.subject}\n\n${result.preview.mentee.text}`,
      );
    if (result.unmatchedPreview) console.log(`\n--- to an unmatched mentee ---\nSubject: ${result.unmatchedPreview.subject}\n\n${result.unmatchedPreview.text}`);
    return;
  }
  if (result.message) console.log(result.message);
  if (result.status !== 'complete') process.exitCode = 1;
  else console.log(`Ledger: ${introductionsLedgerPath(year)}`);
}, 'Run npm run introductions -- --help for the options.');
