/**
 * Starting the monthly topic mailing in the background function (which does the sending with a
 * background function's 15 minutes): by hand (POST /api/mailings/monthly-topic, or a dry run
 * that sends nothing) and by the daily schedule (schedule.ts decides the day). Starting is a
 * port, so these decisions run the same in tests.
 */
import { programYearOfMonth } from '../../../src/lib/programMonths.ts';
import { zonedMonth } from '../../../src/lib/zonedTime.ts';
import { type MonthlyMailingResult, monthlyMailingDone, runMonthlyMailing } from './monthlyTopicService.ts';
import { type MailingPorts, notifyCommittee } from './ports.ts';
import { scheduledMailingDecision } from './schedule.ts';

/** Starts the background mailing of a month; answers as the background function did. */
export type StartBackground = (month: string) => Promise<{ ok: boolean; status: number }>;

export type ByHandOutcome =
  | { kind: 'dry-run'; result: MonthlyMailingResult }
  | { kind: 'refused'; error: string }
  | { kind: 'start-failed'; month: string; status: number }
  | { kind: 'started'; month: string };

/** A start by hand: a dry run answers who would get what; otherwise a begun program month is started. */
export async function startMailingByHand(
  ports: MailingPorts,
  request: { month?: string | undefined; dryRun?: boolean | undefined },
  start: StartBackground,
): Promise<ByHandOutcome> {
  const { settings } = ports;
  const month = request.month ?? zonedMonth(ports.now(), settings.timeZone);
  if (request.dryRun) {
    const result = await runMonthlyMailing(ports, { month, dryRun: true });
    ports.log(`mailing: dry run for ${month}: ${result.status}.`);
    return { kind: 'dry-run', result };
  }
  if (!programYearOfMonth(month, settings.program)) return { kind: 'refused', error: `${month} is not one of the program’s months.` };
  if (month > zonedMonth(ports.now(), settings.timeZone)) return { kind: 'refused', error: `${month} has not begun yet; a dry run can preview it.` };
  const started = await start(month);
  if (!started.ok) {
    ports.log(`mailing: the background function answered ${started.status} for ${month}.`);
    return { kind: 'start-failed', month, status: started.status };
  }
  ports.log(`mailing: background mailing for ${month} started by hand.`);
  return { kind: 'started', month };
}

export type ScheduledRun = { started: false; reason: string; month?: string } | { started: boolean; month: string; day: number };

/**
 * The daily schedule's run: in the first week of a program month, starts (or resumes) the month
 * unless its ledger says it is complete. `start` is undefined when MAILER_SECRET is not set: then
 * the committee is told, since the background function cannot be called.
 */
export async function runScheduledMailing(ports: MailingPorts, start: StartBackground | undefined): Promise<ScheduledRun> {
  const decision = scheduledMailingDecision(ports.now(), ports.settings);
  if (!decision.start) {
    ports.log(`mailing: schedule: nothing to start (${decision.reason}).`);
    return { started: false, reason: decision.reason };
  }
  if (!start) {
    ports.log('mailing: schedule: MAILER_SECRET is not set, so the background mailing cannot be started.');
    await notifyCommittee(ports, 'The monthly topic email cannot start', [
      'The monthly topic email did not start: MAILER_SECRET is not set for the site. Set it in the site’s environment variables (docs/mailing.md).',
    ]);
    return { started: false, reason: 'MAILER_SECRET is not set' };
  }
  if (await monthlyMailingDone(ports, decision.month)) {
    ports.log(`mailing: schedule: ${decision.month} is already complete.`);
    return { started: false, reason: `${decision.month} is complete`, month: decision.month };
  }
  const started = await start(decision.month);
  ports.log(`mailing: schedule: background mailing for ${decision.month} ${started.ok ? 'started' : `refused (${started.status})`} (day ${decision.day}).`);
  return { started: started.ok, month: decision.month, day: decision.day };
}
