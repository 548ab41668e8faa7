import type { Settings } from '../schemas/settings.ts';
import { phaseOccurrences } from './timeline.ts';
import { formatCalendarDate, nextDay, startOfZonedDay } from './zonedTime.ts';

export type EvaluationStatus =
  | { state: 'open'; programYear: string; phaseTitle: string; firstDay: string; lastDay: string }
  | { state: 'upcoming'; programYear: string; phaseTitle: string; firstDay: string; lastDay: string }
  | { state: 'closed'; programYear: string; phaseTitle: string; firstDay: string; lastDay: string };

type EvaluationSettings = Pick<Settings, 'timeline' | 'timeZone' | 'programYears' | 'program'>;

/** The day before a YYYY-MM-DD date. */
function dayBefore(date: string): string {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/**
 * The running year's evaluation window, decided by the settings: it opens on the first day of
 * the timeline phase marked for evaluations (the last phase when none is marked), in the running
 * program year, and stays open until the next program year's mentoring begins, so people who
 * answer a few weeks late are still heard.
 */
export function evaluationWindow(settings: EvaluationSettings): { phaseTitle: string; firstDay: string; lastDay: string } {
  const phase = settings.timeline.find((each) => each.evaluations) ?? settings.timeline.at(-1);
  if (!phase) throw new Error('The timeline has no phases, so there is no closing phase for the evaluations.');
  const firstYear = Number(settings.programYears.running.slice(0, 4));
  const programStart = `${firstYear}-${String(settings.program.startMonth).padStart(2, '0')}-01`;
  const nextProgramStart = `${firstYear + 1}-${String(settings.program.startMonth).padStart(2, '0')}-01`;
  // The phase's first occurrence after the running year's mentoring began.
  const occurrence = [firstYear - 1, firstYear, firstYear + 1]
    .flatMap((cycleYear) => phaseOccurrences(settings.timeline, cycleYear))
    .find((each) => each.phase.id === phase.id && each.start >= programStart);
  const firstDay = occurrence?.start ?? `${firstYear + 1}-${phase.starts}`;
  return { phaseTitle: phase.title, firstDay, lastDay: dayBefore(nextProgramStart) };
}

/**
 * Whether the evaluation forms are open at an instant: the one place that decides it, for the
 * pages (what they say) and the function (what it accepts), as applicationStatus does for the
 * applications. Days begin at 00:00 and end at 23:59:59 in the program's time zone.
 */
export function evaluationStatus(settings: EvaluationSettings, now: Date): EvaluationStatus {
  const window = evaluationWindow(settings);
  const programYear = settings.programYears.running;
  const opensAt = startOfZonedDay(window.firstDay, settings.timeZone);
  const closesAt = startOfZonedDay(nextDay(window.lastDay), settings.timeZone); // exclusive: the first instant after 23:59:59.999
  const state = now < opensAt ? 'upcoming' : now < closesAt ? 'open' : 'closed';
  return { state, programYear, ...window };
}

/** The sentence the evaluation pages show, and the words the function refuses with. */
export function describeEvaluationStatus(status: EvaluationStatus): string {
  switch (status.state) {
    case 'open':
      return `The evaluation for ${status.programYear} is open until ${formatCalendarDate(status.lastDay)}.`;
    case 'upcoming':
      return `The evaluation for ${status.programYear} opens on ${formatCalendarDate(status.firstDay)}, when the program’s last phase (“${status.phaseTitle}”) begins.`;
    case 'closed':
      return `The evaluation for ${status.programYear} closed on ${formatCalendarDate(status.lastDay)}.`;
  }
}
