import type { Settings, TimelinePhase } from '../schemas/settings.ts';
import { zonedDate } from './zonedTime.ts';

export interface PhaseOccurrence {
  phase: TimelinePhase;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
}

/**
 * The dates of each phase in the cycle that begins in `cycleYear` (the cycle of program year
 * cycleYear-(cycleYear+1) when the call goes out in its summer). Phases are listed in order, so a
 * phase whose day comes earlier in the calendar than the one before it has moved into the next year.
 */
export function phaseOccurrences(timeline: TimelinePhase[], cycleYear: number): PhaseOccurrence[] {
  let year = cycleYear;
  let previous = '';
  return timeline.map((phase) => {
    if (previous && phase.starts < previous) year += 1;
    const start = `${year}-${phase.starts}`;
    const end = `${phase.ends < phase.starts ? year + 1 : year}-${phase.ends}`;
    previous = phase.starts;
    return { phase, start, end };
  });
}

export type PhaseMark = 'past' | 'current' | 'next' | 'later';

/**
 * The phases of the cycle that today falls in (or the next one to start), each marked past,
 * current, next or later. Between two phases nothing is current and the coming one is "next".
 */
export function timelineAt(settings: Pick<Settings, 'timeline' | 'timeZone'>, now: Date): Array<PhaseOccurrence & { mark: PhaseMark }> {
  const today = zonedDate(now, settings.timeZone);
  const year = Number(today.slice(0, 4));
  // Today lies in the cycle that started last year or this year; take the latest one begun.
  const lastYearsCycle = phaseOccurrences(settings.timeline, year - 1);
  const thisYearsCycle = phaseOccurrences(settings.timeline, year);
  const thisYearsStart = thisYearsCycle[0]?.start;
  const cycle = thisYearsStart !== undefined && thisYearsStart <= today ? thisYearsCycle : lastYearsCycle;
  const first = cycle[0];
  const last = cycle.at(-1);
  if (!first || !last) return []; // an empty timeline has no phases to mark
  const shown = last.end < today ? phaseOccurrences(settings.timeline, Number(first.start.slice(0, 4)) + 1) : cycle;

  let nextMarked = false;
  return shown.map((occurrence) => {
    let mark: PhaseMark;
    if (occurrence.end < today) mark = 'past';
    else if (occurrence.start <= today) mark = 'current';
    else if (!nextMarked && !shown.some((other) => other.start <= today && other.end >= today)) {
      mark = 'next';
      nextMarked = true;
    } else mark = 'later';
    return { ...occurrence, mark };
  });
}
