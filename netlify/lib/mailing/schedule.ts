/**
 * When the daily schedule (14:00 UTC, after the daily rebuild has published the month's topic
 * page) starts the monthly mailing: on each of the first seven days of a program month, in the
 * program's time zone. The first day starts it; the next days resume a mailing left unfinished
 * (a daily sending quota, a crash), and find nothing to do once the ledger says it is complete.
 */
import { programYearOfMonth } from '../../../src/lib/programMonths.ts';
import { zonedDate } from '../../../src/lib/zonedTime.ts';
import type { Settings } from '../../../src/schemas/settings.ts';

/** Netlify cron, in UTC. */
export const MONTHLY_TOPIC_SCHEDULE = '0 14 * * *';
/** Days at the start of a month on which the schedule starts or resumes the mailing. */
export const FIRST_WEEK_DAYS = 7;

export type ScheduleDecision = { start: true; month: string; programYear: string; day: number } | { start: false; reason: string };

export function scheduledMailingDecision(now: Date, settings: Pick<Settings, 'timeZone' | 'program'>): ScheduleDecision {
  const date = zonedDate(now, settings.timeZone);
  const month = date.slice(0, 7);
  const day = Number(date.slice(8, 10));
  const programYear = programYearOfMonth(month, settings.program);
  if (!programYear) return { start: false, reason: `${month} is not a program month` };
  if (day > FIRST_WEEK_DAYS) return { start: false, reason: `day ${day} of ${month} is after the first week` };
  return { start: true, month, programYear, day };
}
