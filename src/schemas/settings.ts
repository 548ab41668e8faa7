import { z } from 'zod';
import { AA_TEXT_CONTRAST, contrastBetween, formatRatio } from '../lib/colourContrast.ts';
import { emailAddress, hexColour, isoDate, monthDay, monthNumber, programYear, slug, webAddress } from './primitives.ts';

/**
 * The page surfaces the brand colours sit on. The stylesheet uses these same values
 * (src/styles/global.css); the contrast check below is what keeps a committee's colour
 * choice readable in both light and dark mode.
 */
export const SURFACES = {
  light: { background: '#ffffff', text: '#1b1b1b' },
  dark: { background: '#15181c', text: '#e9ebee' },
} as const;

/** True when the runtime knows this IANA time zone name. */
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** One phase of the yearly cycle, recurring every year on the same days. */
export const timelinePhaseSchema = z.object({
  /** Short identifier used in feeds, e.g. `call`. */
  id: slug,
  /** What the phase is called on the page, e.g. "Call for mentors and mentees". */
  title: z.string().min(3, 'Give the phase a title of at least 3 characters.'),
  /** One or two sentences on what happens in this phase. */
  summary: z.string().min(10, 'Say in a sentence what happens in this phase.'),
  /** First day of the phase each year, MM-DD. */
  starts: monthDay,
  /** Last day of the phase, MM-DD; may be in the next calendar year (09-15 to 04-30). */
  ends: monthDay,
  /** Marks the phase in which the call for applications usually goes out (exactly one phase). */
  applicationCall: z.boolean().default(false),
});
export type TimelinePhase = z.infer<typeof timelinePhaseSchema>;

/** A discussion theme that topics are tagged with and readers filter by. */
export const themeSchema = z.object({
  /** Identifier used in topic files, e.g. `career-paths`. */
  id: slug,
  /** Label readers see, e.g. "Career paths". */
  label: z.string().min(2, 'Give the theme a label.'),
});
export type Theme = z.infer<typeof themeSchema>;

const settingsShape = z.object({
  /** Who runs the program. */
  organisation: z.object({
    /** The association's short name, e.g. "NASIG". */
    name: z.string().min(2, 'Enter the organisation name.'),
    /** The program's full name, used as the site title. */
    programName: z.string().min(3, 'Enter the program name.'),
    /** The committee that runs the program. */
    committeeName: z.string().min(3, 'Enter the committee name.'),
    /** The association's home page. */
    website: webAddress,
  }),
  /** Where participants and applicants write to the committee. */
  contactEmail: emailAddress,
  /** Outside pages the program page links to. */
  links: z.object({
    /** The association's code of conduct. */
    codeOfConduct: webAddress,
    /** How to join or renew membership. */
    membership: webAddress,
  }),
  /** Brand colours. Each must reach WCAG AA contrast on its surface. */
  colours: z.object({
    /** Links, buttons and accents on the light theme; white text sits on it in buttons. */
    accent: hexColour,
    /** The same role in dark mode; dark text sits on it in buttons. */
    accentOnDark: hexColour,
  }),
  /** IANA time zone the program keeps its dates in, e.g. America/New_York. */
  timeZone: z.string().refine(isKnownTimeZone, { error: 'Enter a time zone name such as America/New_York.' }),
  /** Which program years are in play. */
  programYears: z.object({
    /** The year now running: monthly topics, check-ins and evaluations belong to it. */
    running: programYear,
    /** The year that applications are for (the same, or the following one in summer). */
    applications: programYear,
  }),
  /** When applications are accepted, in the program's time zone. */
  applicationWindow: z.object({
    /** First day applications are accepted (from 00:00). */
    opens: isoDate,
    /** Last day applications are accepted (until 23:59:59). */
    closes: isoDate,
  }),
  /** The months the mentoring itself runs, from the start month of a program year's first year to the end month of its second. */
  program: z.object({
    /** First month of mentoring (1 = January), e.g. 9 for September. */
    startMonth: monthNumber,
    /** Last month of mentoring, in the following calendar year, e.g. 5 for May. */
    endMonth: monthNumber,
  }),
  /** The yearly cycle, in order, starting with the call for applications. */
  timeline: z.array(timelinePhaseSchema).min(1, 'List at least one timeline phase.'),
  /** Themes topics can be tagged with. */
  themes: z.array(themeSchema).min(1, 'List at least one theme.'),
});

/** Checks that need several fields at once; each issue names the field to fix. */
function checkSettings(settings: z.infer<typeof settingsShape>, ctx: z.RefinementCtx): void {
  const { applicationWindow, programYears, program, colours, timeline, themes } = settings;

  if (applicationWindow.closes < applicationWindow.opens) {
    ctx.addIssue({
      code: 'custom',
      path: ['applicationWindow', 'closes'],
      message: `The application window closes (${applicationWindow.closes}) before it opens (${applicationWindow.opens}).`,
    });
  }

  const runningStart = Number(programYears.running.slice(0, 4));
  const applicationsStart = Number(programYears.applications.slice(0, 4));
  if (applicationsStart !== runningStart && applicationsStart !== runningStart + 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['programYears', 'applications'],
      message: `Applications must be for the running year (${programYears.running}) or the one after it.`,
    });
  }

  if (program.endMonth >= program.startMonth) {
    ctx.addIssue({
      code: 'custom',
      path: ['program', 'endMonth'],
      message: 'The program ends in the calendar year after it starts, so the end month must come before the start month (for example start 9, end 5).',
    });
  }

  const windowLimit = `${applicationsStart}-${String(program.startMonth).padStart(2, '0')}-01`;
  if (applicationWindow.closes >= windowLimit) {
    ctx.addIssue({
      code: 'custom',
      path: ['applicationWindow', 'closes'],
      message: `Applications for ${programYears.applications} must close before that program starts (${windowLimit}).`,
    });
  }

  // Buttons put white text on the accent and page-background text on the dark accent, so
  // one check per colour against its page surface also covers its button text.
  const contrastChecks = [
    { field: 'accent', colour: colours.accent, against: SURFACES.light.background, where: 'the white page background', fix: 'darker' },
    { field: 'accentOnDark', colour: colours.accentOnDark, against: SURFACES.dark.background, where: 'the dark-mode page background', fix: 'lighter' },
  ] as const;
  for (const check of contrastChecks) {
    const ratio = contrastBetween(check.colour, check.against);
    if (ratio < AA_TEXT_CONTRAST) {
      ctx.addIssue({
        code: 'custom',
        path: ['colours', check.field],
        message: `${check.colour} has a contrast of ${formatRatio(ratio)} against ${check.where}; WCAG AA needs at least ${AA_TEXT_CONTRAST}:1. Choose a ${check.fix} colour.`,
      });
    }
  }

  const phaseIds = new Set<string>();
  timeline.forEach((phase, index) => {
    if (phaseIds.has(phase.id)) {
      ctx.addIssue({ code: 'custom', path: ['timeline', index, 'id'], message: `Two timeline phases share the id "${phase.id}".` });
    }
    phaseIds.add(phase.id);
  });
  const calls = timeline.filter((phase) => phase.applicationCall).length;
  if (calls !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeline'],
      message: `Mark exactly one timeline phase as the application call (found ${calls}).`,
    });
  }
  const overlap = findTimelineOverlap(timeline);
  if (overlap !== null) {
    ctx.addIssue({ code: 'custom', path: ['timeline', overlap.index, 'starts'], message: overlap.message });
  }

  const themeIds = new Set<string>();
  themes.forEach((theme, index) => {
    if (themeIds.has(theme.id)) {
      ctx.addIssue({ code: 'custom', path: ['themes', index, 'id'], message: `Two themes share the id "${theme.id}".` });
    }
    themeIds.add(theme.id);
  });
}

/** Day of a 366-day cycle that begins on the first phase's start; leap-year agnostic. */
function dayOfCycle(monthDayValue: string, cycleStart: string): number {
  const toOrdinal = (value: string) => {
    const [month, day] = value.split('-').map(Number);
    return Date.UTC(2028, month - 1, day) / 86_400_000; // 2028 is a leap year: 29 February fits.
  };
  const offset = toOrdinal(monthDayValue) - toOrdinal(cycleStart);
  return offset >= 0 ? offset : offset + 366;
}

/** The phases must follow one another in order within one year, without overlapping. */
function findTimelineOverlap(timeline: TimelinePhase[]): { index: number; message: string } | null {
  const cycleStart = timeline[0]?.starts;
  if (!cycleStart) return null;
  let previousEnd = -1;
  for (const [index, phase] of timeline.entries()) {
    const start = dayOfCycle(phase.starts, cycleStart);
    const end = dayOfCycle(phase.ends, cycleStart);
    if (end < start) {
      return { index, message: `"${phase.title}" ends (${phase.ends}) before it starts (${phase.starts}) within the yearly cycle.` };
    }
    if (start <= previousEnd) {
      return { index, message: `"${phase.title}" starts (${phase.starts}) before the phase listed above it has ended; list phases in order without overlaps.` };
    }
    previousEnd = end;
  }
  return null;
}

/** content/settings.yaml: the program's settings, edited by the committee. */
export const settingsSchema = settingsShape.superRefine(checkSettings);
export type Settings = z.infer<typeof settingsSchema>;
