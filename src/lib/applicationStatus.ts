import type { Settings } from '../schemas/settings.ts';
import { phaseOccurrences } from './timeline.ts';
import { formatCalendarDate, formatMonth, formatTimeOfDay, nextDay, startOfZonedDay, zoneAbbreviation } from './zonedTime.ts';

export type ApplicationStatus =
  | { state: 'open'; programYear: string; opensAt: Date; closesAt: Date; lastDay: string }
  | { state: 'upcoming'; programYear: string; opensAt: Date; firstDay: string }
  | { state: 'closed'; programYear: string; closedOn: string; nextCallMonth: string };

type StatusSettings = Pick<Settings, 'applicationWindow' | 'timeZone' | 'programYears' | 'timeline'>;

/**
 * Whether applications are open at an instant. The one place that decides it: the build uses
 * it for what the pages say, the functions for what they accept. The window opens at 00:00 on
 * its first day and closes at 23:59:59 on its last, in the program's time zone.
 */
export function applicationStatus(settings: StatusSettings, now: Date): ApplicationStatus {
  const { opens, closes } = settings.applicationWindow;
  const opensAt = startOfZonedDay(opens, settings.timeZone);
  const closesAt = startOfZonedDay(nextDay(closes), settings.timeZone); // exclusive: the first instant after 23:59:59.999
  const programYear = settings.programYears.applications;

  if (now < opensAt) return { state: 'upcoming', programYear, opensAt, firstDay: opens };
  if (now < closesAt) return { state: 'open', programYear, opensAt, closesAt, lastDay: closes };
  return { state: 'closed', programYear, closedOn: closes, nextCallMonth: nextApplicationCallMonth(settings, now) };
}

/** True when an application posted at this instant is inside the window. */
export function isAcceptingApplications(settings: StatusSettings, now: Date): boolean {
  return applicationStatus(settings, now).state === 'open';
}

/** The month (YYYY-MM) the timeline's application-call phase next begins after an instant. */
function nextApplicationCallMonth(settings: StatusSettings, now: Date): string {
  const call = settings.timeline.find((phase) => phase.applicationCall) ?? settings.timeline[0];
  if (!call) throw new Error('The timeline has no phases, so there is no application call to look ahead to.');
  const year = Number(new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone, year: 'numeric' }).format(now));
  const upcoming = [year, year + 1]
    .flatMap((cycleYear) => phaseOccurrences(settings.timeline, cycleYear))
    .find((occurrence) => occurrence.phase.id === call.id && startOfZonedDay(occurrence.start, settings.timeZone) > now);
  return (upcoming?.start ?? `${year + 1}-${call.starts}`).slice(0, 7);
}

/** The sentence the site shows for a status; the same words the functions use when they refuse. */
export function describeApplicationStatus(status: ApplicationStatus, timeZone: string): string {
  switch (status.state) {
    case 'open':
      return `Applications for ${status.programYear} are open until ${formatTimeOfDay(23, 59)} ${zoneAbbreviation(new Date(status.closesAt.getTime() - 1), timeZone)} on ${formatCalendarDate(status.lastDay)}.`;
    case 'upcoming':
      return `Applications for ${status.programYear} open on ${formatCalendarDate(status.firstDay)}, at ${formatTimeOfDay(0, 0)} ${zoneAbbreviation(status.opensAt, timeZone)}.`;
    case 'closed':
      return `Applications for ${status.programYear} closed on ${formatCalendarDate(status.closedOn)}. The next call is expected in ${formatMonth(status.nextCallMonth)}.`;
  }
}
