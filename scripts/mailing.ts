/**
 * npm run mailing: sends (or previews) a month's topic email from the committee's machine, the
 * same service the scheduled and background functions run (docs/mailing.md, "Monthly topic").
 * Prints counts and ledger paths; the email preview (--dry-run) is the only thing that shows names.
 */
import { programYearOfMonth } from '../src/lib/programMonths.ts';
import { zonedMonth } from '../src/lib/zonedTime.ts';
import { yearMonth } from '../src/schemas/primitives.ts';
import { commandPorts, parseOptions, runCommand, UsageError } from '../netlify/lib/mailing/commandLine.ts';
import { monthlyLedgerPath } from '../netlify/lib/mailing/ledger.ts';
import { runMonthlyMailing } from '../netlify/lib/mailing/monthlyTopicService.ts';

const HELP = `Usage:
  npm run mailing -- --month 2026-10 [--dry-run] [--allow-example-topics]

Sends a month's topic to everyone in an active pair of that month's program year: one email
per person, in batches of at most 100, each batch recorded in the ledger
mailings/<year>/<month>-monthly-topic.json. Running it again sends only what is missing, so a
second run sends nothing. People who paused their emails or are leaving get nothing.

Where things go: the records store is the private GitHub repository when RECORDS_REPO is set,
otherwise the local one (RECORDS_DIR, default .data/records); emails go through Resend when
RESEND_API_KEY is set, otherwise into the local outbox (MAIL_OUTBOX_DIR, default .data/outbox).
Links in the emails start with SITE_URL (default http://localhost:4321).

Options:
  --month YYYY-MM          the month to send (default: this month in the program's time zone);
                           a month that has not begun is refused (a dry run may preview it)
  --dry-run                say who would get what and print one email; send and write nothing
  --allow-example-topics   local demo only: send a topic marked as an example (the shipped
                           sample topics all are). Refused when RECORDS_REPO or RESEND_API_KEY
                           is set, so it can never reach real people
  --help                   this text`;

await runCommand(async () => {
  const values = parseOptions<{ month?: string; 'dry-run'?: boolean; 'allow-example-topics'?: boolean }>(
    { month: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'allow-example-topics': { type: 'boolean' } },
    HELP,
  );
  if (!values) return;
  const allowExampleTopics = values['allow-example-topics'] ?? false;
  if (allowExampleTopics && (process.env.RECORDS_REPO?.trim() || process.env.RESEND_API_KEY?.trim())) {
    throw new UsageError(
      '--allow-example-topics is for the local demo only, and RECORDS_REPO or RESEND_API_KEY is set: example topics are never sent to real people. Unset them to try the demo.',
    );
  }
  const { ports, settings } = await commandPorts();
  const month = values.month ?? zonedMonth(ports.now(), settings.timeZone);
  const checked = yearMonth.safeParse(month);
  if (!checked.success) throw new UsageError(`--month: ${checked.error.issues[0]?.message ?? 'write it like 2026-10.'}`);
  const year = programYearOfMonth(month, settings.program);

  console.log(`Monthly topic for ${month}${values['dry-run'] ? ' (dry run)' : ''}: records in ${ports.records.description}, mail through ${ports.mailer.description}.`);
  const result = await runMonthlyMailing(ports, { month, dryRun: values['dry-run'] ?? false, allowExampleTopics });
  switch (result.status) {
    case 'outside-program':
    case 'not-yet':
    case 'already-running':
      console.log(result.message);
      process.exitCode = 1;
      return;
    case 'no-topic':
      console.log(`Nothing sent: ${result.message}`);
      if (result.committeeNotified) console.log(`The committee (${ports.committeeEmail}) has been told.`);
      if (!allowExampleTopics && /example topic/.test(result.message)) console.log('Trying the kit locally? Add --allow-example-topics to send the sample topic into the outbox.');
      process.exitCode = 1;
      return;
    case 'dry-run': {
      const { counts } = result;
      console.log(`Topic: ${result.topic}`);
      console.log(
        `${counts.pairs} active pair(s), ${counts.people} people: ${counts.alreadySent} already sent, ${counts.paused} paused, ${counts.leaving} leaving, ${counts.toSend} to send in ${counts.batches} batch(es).`,
      );
      if (result.preview) {
        console.log(`\n--- one email (to a ${result.preview.role}) ---\nTo: ${result.preview.to.join(', ')}\nSubject: ${result.preview.subject}\n`);
        console.log(result.preview.text);
      }
      return;
    }
    case 'complete':
      console.log(
        `Done: ${result.sent} email(s) sent in ${result.batches} batch(es); ${result.counts.alreadySent} had theirs already; ${result.counts.paused + result.counts.leaving} paused or leaving.`,
      );
      console.log(`Ledger: ${monthlyLedgerPath(year!, month)}`);
      return;
    case 'stopped':
      console.log(`Stopped after ${result.sent} email(s): ${result.message}`);
      console.log(`${result.remaining} email(s) not sent yet. Run the same command again${result.retryable ? ' later' : ' once the problem is fixed'}: nobody gets a second copy.`);
      process.exitCode = 1;
      return;
  }
}, 'Run npm run mailing -- --help for the options.');
