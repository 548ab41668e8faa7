import { z } from 'zod';
import { AA_GRAPHICS_CONTRAST, AA_TEXT_CONTRAST, contrastBetween, formatRatio } from '../lib/colourContrast.ts';
import { applicationContentSchema, checkApplicationContent } from './applicationContent.ts';
import { cms } from './cmsField.ts';
import { emailAddress, hexColour, isoDate, MEDIA_FILE, monthDay, monthNumber, optionalField, programYear, slug, webAddress } from './primitives.ts';

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
  id: slug.meta(cms({ label: 'Short name', hint: 'Used in the calendar feed: lower-case letters, digits and hyphens, for example call. Each phase needs its own.' })),
  /** What the phase is called on the page, e.g. "Call for mentors and mentees". */
  title: z
    .string()
    .min(3, 'Give the phase a title of at least 3 characters.')
    .meta(cms({ label: 'Title', hint: 'What the phase is called on the program page, for example “Call for mentors and mentees”.' })),
  /** One or two sentences on what happens in this phase. */
  summary: z
    .string()
    .min(10, 'Say in a sentence what happens in this phase.')
    .meta(cms({ label: 'What happens', hint: 'One or two sentences on what happens in this phase.', multiline: true })),
  /** First day of the phase each year, MM-DD. */
  starts: monthDay.meta(cms({ label: 'Starts on (MM-DD)', hint: 'The first day of the phase each year, written MM-DD: 06-01 is June 1.' })),
  /** Last day of the phase, MM-DD; may be in the next calendar year (09-15 to 04-30). */
  ends: monthDay.meta(cms({ label: 'Ends on (MM-DD)', hint: 'The last day of the phase, written MM-DD. It may fall in the next calendar year, as in 09-15 to 04-30.' })),
  /** Marks the phase in which the call for applications usually goes out (exactly one phase). */
  applicationCall: z
    .boolean()
    .default(false)
    .meta(
      cms({
        label: 'This is the call for applications',
        hint: 'Switch this on for exactly one phase: the one in which applications usually open.',
        reportsListIssues: true,
      }),
    ),
  /** Marks the phase with which the evaluation forms open (at most one; the last phase when none is marked). */
  evaluations: z
    .boolean()
    .default(false)
    .meta(
      cms({
        label: 'The evaluation forms open in this phase',
        hint: 'Switch this on for the program’s closing phase. The evaluation forms open on its first day and stay open until the next program year starts. When no phase has it, the last phase is used.',
      }),
    ),
});
export type TimelinePhase = z.infer<typeof timelinePhaseSchema>;

/** A discussion theme that topics are tagged with and readers filter by. */
export const themeSchema = z.object({
  /** Identifier used in topic files, e.g. `career-paths`. */
  id: slug.meta(
    cms({
      label: 'Short name',
      hint: 'Used in topic files and web addresses: lower-case letters, digits and hyphens, for example career-paths. Topics tagged with a short name that is changed or removed stop the site from updating until they are re-tagged.',
    }),
  ),
  /** Label readers see, e.g. "Career paths". */
  label: z
    .string()
    .min(2, 'Give the theme a label.')
    .meta(cms({ label: 'Label', hint: 'What readers see, for example “Career paths”.' })),
});
export type Theme = z.infer<typeof themeSchema>;

/** A weight the committee gives one part of a pair's fit, from 0 (ignored) to 100. */
function matchingWeight(label: string, hint: string) {
  return z
    .number({ error: 'Enter a matching weight as a number from 0 to 100.' })
    .min(0, 'A matching weight cannot be negative.')
    .max(100, 'A matching weight must be 100 or less.')
    .meta(cms({ label, hint: `${hint} From 0 (ignored) to 100.` }));
}

/** The weights the matching tool uses when settings name none (docs/matching.md). */
export const DEFAULT_MATCHING_WEIGHTS = { sharedAreas: 40, goals: 20, communication: 15, timeZone: 15, libraryType: 10 } as const;

/**
 * How the matching tool (npm run match) scores a possible pair. Each weight says how much one
 * part of the fit counts against the others; docs/matching.md explains them for the committee.
 * Priority mentees always come first when places are short, whatever the weights.
 */
export const matchingSettingsSchema = z
  .object({
    /** How much each part of the fit counts; scaled so that a perfect pair scores 100. */
    weights: z
      .object({
        /** Share of the mentee's areas of interest that the mentor has expertise in. */
        sharedAreas: matchingWeight('Shared areas', 'How much it counts that the mentor knows the areas the mentee is interested in.'),
        /** Words the two wrote in common when describing their goals. */
        goals: matchingWeight('Goals', 'How much it counts that their goals mention the same things.'),
        /** Ways of keeping in touch (email, video, phone, chat) that both chose. */
        communication: matchingWeight('Ways to keep in touch', 'How much it counts that they chose the same ways to keep in touch.'),
        /** How close their time zones are: full marks in the same zone, none at 12 hours apart. */
        timeZone: matchingWeight('Time zones', 'How much it counts that they live in close time zones (none at 12 hours apart).'),
        /** Both work in the same kind of institution (application.institutionType; the key keeps its first name). */
        libraryType: matchingWeight('Kind of institution', 'How much it counts that they work or study in the same kind of institution.'),
      })
      .default({ ...DEFAULT_MATCHING_WEIGHTS })
      .meta(cms({ label: 'Weights', hint: 'How much each part of a good fit counts. Only the proportions matter: a perfect pair always scores 100.' })),
    /** A mentee is only paired with a mentor who knows one of their areas (mentees not sure yet fit anyone). */
    requireSharedArea: z
      .boolean()
      .default(true)
      .meta(
        cms({ label: 'Require a shared area', hint: 'Only pair a mentee with a mentor who knows one of their areas. Mentees who are not sure yet can be paired with anyone.' }),
      ),
    /** A pair must have at least one way of keeping in touch in common. */
    requireSharedCommunication: z
      .boolean()
      .default(true)
      .meta(cms({ label: 'Require a shared way to keep in touch', hint: 'Only pair people who chose at least one way of keeping in touch in common.' })),
    /** Never pair people more than this many hours apart (24 means no limit). */
    maxHoursApart: z
      .number({ error: 'Enter the most hours apart as a number from 0 to 24.' })
      .min(0, 'The most hours apart cannot be negative.')
      .max(24, 'The most hours apart must be 24 or less (24 means no limit).')
      .default(24)
      .meta(cms({ label: 'Most hours apart', hint: 'Never pair people whose time zones are more than this many hours apart. 24 means no limit.' })),
  })
  .meta(cms({ label: 'Matching', hint: 'How the matching tool weighs a possible pair. See the committee’s matching guide (docs/matching.md).' }));
export type MatchingSettings = z.infer<typeof matchingSettingsSchema>;

/** Matching settings with every default filled in (when content/settings.yaml names none). */
export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = matchingSettingsSchema.parse({});

const settingsShape = z.object({
  /** Who runs the program. */
  organisation: z
    .object({
      /** The association's short name, e.g. "NASIG". */
      name: z
        .string()
        .min(2, 'Enter the organisation name.')
        .meta(cms({ label: 'Short name', hint: 'The association’s short name or acronym, as it reads in a sentence such as “experienced … members”.' })),
      /** The program's full name, used as the site title. */
      programName: z
        .string()
        .min(3, 'Enter the program name.')
        .meta(cms({ label: 'Program name', hint: 'The program’s full name. It is also the title of the site.' })),
      /** The committee that runs the program. */
      committeeName: z
        .string()
        .min(3, 'Enter the committee name.')
        .meta(cms({ label: 'Committee name', hint: 'The committee that runs the program, as named at the foot of every page.' })),
      /** The association's home page. */
      website: webAddress.meta(cms({ label: 'Association website', hint: 'The association’s home page, starting with https://' })),
      /** The association's logo, uploaded through the editor's media library (content/media). */
      logo: optionalField(
        z
          .string()
          .regex(MEDIA_FILE, 'Choose the logo from the media library: an SVG, PNG, JPEG or WebP file.')
          .meta(
            cms({
              label: 'Logo',
              hint: 'Optional. The association’s logo, shown beside the program name at the top of every page. Upload an SVG or PNG: it is shown about 3 cm wide, so a wide logo with small text will be hard to read.',
              widget: 'image',
            }),
          ),
      ),
    })
    .meta(cms({ label: 'Organisation', hint: 'Who runs the program.' })),
  /** The opening of the program page, under its heading. */
  introduction: z
    .object({
      /** The sentence under the program page's heading: who the program brings together. */
      lede: z
        .string({ error: 'Write the sentence under the program page’s heading.' })
        .trim()
        .min(10, 'Write the sentence under the program page’s heading, at least 10 characters.')
        .meta(cms({ label: 'Opening sentence', hint: 'The sentence under the heading of the program page, saying who the program brings together.', multiline: true })),
      /** What search engines and link previews show for the program page. */
      description: z
        .string({ error: 'Write a one-sentence description of the program.' })
        .trim()
        .min(10, 'Write a one-sentence description of the program, at least 10 characters.')
        .meta(
          cms({
            label: 'Description for search engines',
            hint: 'One sentence about the program, shown by search engines and in link previews of the program page.',
            multiline: true,
          }),
        ),
      /** Who the mentee side is for, beside the "Apply as a mentee" button. */
      mentees: optionalField(
        z
          .string()
          .trim()
          .meta(
            cms({
              label: 'Who mentees are',
              hint: 'Optional. One sentence beside the mentee button on the program page, such as “Students and people in their first years in the profession.”',
              multiline: true,
            }),
          ),
      ),
      /** Who the mentor side is for, beside the "Apply as a mentor" button. */
      mentors: optionalField(
        z
          .string()
          .trim()
          .meta(
            cms({
              label: 'Who mentors are',
              hint: 'Optional. One sentence beside the mentor button on the program page, such as “Experienced members who enjoy helping a colleague find their way.”',
              multiline: true,
            }),
          ),
      ),
    })
    .meta(cms({ label: 'Program page opening', hint: 'What the program page says first, under its heading.' })),
  /** The first steps in the emails that introduce a new pair, for people already matched (Markdown). */
  introductionEmails: z
    .object({
      /** What a mentor does first, once introduced to their mentee. */
      mentorFirstSteps: optionalField(
        z
          .string()
          .trim()
          .meta(
            cms({
              label: 'First steps for mentors',
              hint: 'Optional. A short list, one step a line starting with “- ”, for a mentor who has just been introduced to their mentee: how to make contact, what to talk about first. The email links to the page for mentors for everything else. Leave empty for a short built-in list.',
              multiline: true,
            }),
          ),
      ),
      /** What a mentee does first, once introduced to their mentor. */
      menteeFirstSteps: optionalField(
        z
          .string()
          .trim()
          .meta(
            cms({
              label: 'First steps for mentees',
              hint: 'Optional. A short list, one step a line starting with “- ”, for a mentee who has just been introduced to their mentor: when to expect a message, how to prepare. The email links to the page for mentees for everything else. Leave empty for a short built-in list.',
              multiline: true,
            }),
          ),
      ),
    })
    .default({})
    .meta(cms({ label: 'Introduction emails', hint: 'What the email introducing a new pair tells each of them to do first.' })),
  /** Where participants and applicants write to the committee. */
  contactEmail: emailAddress.meta(cms({ label: 'Contact email', hint: 'Where applicants and participants write to the committee.' })),
  /** Outside pages the program page links to. */
  links: z
    .object({
      /** The association's code of conduct. */
      codeOfConduct: webAddress.meta(cms({ label: 'Code of conduct', hint: 'Web address of the association’s code of conduct, starting with https://' })),
      /** How to join or renew membership. */
      membership: webAddress.meta(cms({ label: 'Membership page', hint: 'Where people join or renew their membership, starting with https://' })),
    })
    .meta(cms({ label: 'Links', hint: 'Pages on other sites that the program page links to.' })),
  /** Brand colours. Each must reach WCAG AA contrast on its surface. */
  colours: z
    .object({
      /** Links, buttons and accents on the light theme; white text sits on it in buttons. */
      accent: hexColour.meta(
        cms({
          label: 'Accent colour',
          hint: 'The colour of links and buttons on the white page, as a hex code such as #1d4f91. It must be dark enough to read on white (and white text on it): a colour that is too light is refused.',
        }),
      ),
      /** The same role in dark mode; dark text sits on it in buttons. */
      accentOnDark: hexColour.meta(
        cms({
          label: 'Accent colour in dark mode',
          hint: 'The same colour role for readers who use dark mode, such as #8cc4ff. It must be light enough to read on the dark background: a colour that is too dark is refused.',
        }),
      ),
      /** A second colour for the page's bands and rules (never for text); the accent when unset. */
      highlight: optionalField(
        hexColour.meta(
          cms({
            label: 'Second colour',
            hint: 'Optional. A second brand colour for the band at the top of the page and the marks on the timeline, never for text. It must stand out from the white page (at least 3:1). Leave empty to use the accent colour.',
          }),
        ),
      ),
      /** The second colour in dark mode; the dark-mode accent when unset. */
      highlightOnDark: optionalField(
        hexColour.meta(
          cms({
            label: 'Second colour in dark mode',
            hint: 'Optional. The second colour for readers who use dark mode. It must stand out from the dark background (at least 3:1). Leave empty to use the dark-mode accent colour.',
          }),
        ),
      ),
    })
    .meta(cms({ label: 'Colours', hint: 'The site’s brand colours. Each must be easy to read (WCAG AA contrast); the editor refuses colours that are not.' })),
  /** IANA time zone the program keeps its dates in, e.g. America/New_York. */
  timeZone: z
    .string()
    .refine(isKnownTimeZone, { error: 'Enter a time zone name such as America/New_York.' })
    .meta(cms({ label: 'Time zone', hint: 'The time zone the program’s dates follow, written like America/New_York or Europe/London.' })),
  /** Which program years are in play. */
  programYears: z
    .object({
      /** The year now running: monthly topics, check-ins and evaluations belong to it. */
      running: programYear.meta(
        cms({ label: 'Year now running', hint: 'The program year in progress, written YYYY-YYYY such as 2026-2027. Monthly topics, check-ins and evaluations belong to it.' }),
      ),
      /** The year that applications are for (the same, or the following one in summer). */
      applications: programYear.meta(
        cms({ label: 'Year applications are for', hint: 'The same year as above, or the next one when applications open in the summer before it starts.' }),
      ),
    })
    .meta(cms({ label: 'Program years', hint: 'Which program years are in play.' })),
  /** When applications are accepted, in the program's time zone. */
  applicationWindow: z
    .object({
      /** First day applications are accepted (from 00:00). */
      opens: isoDate.meta(cms({ label: 'Opens on', hint: 'The first day applications are accepted, from midnight in the program’s time zone.' })),
      /** Last day applications are accepted (until 23:59:59). */
      closes: isoDate.meta(
        cms({
          label: 'Closes on',
          hint: 'The last day applications are accepted, until 11:59 p.m. It cannot be before the opening day, and it must be before the program year starts.',
        }),
      ),
    })
    .meta(cms({ label: 'Application window', hint: 'When the application forms accept answers. The program page shows whether applications are open.' })),
  /** The months the mentoring itself runs, from the start month of a program year's first year to the end month of its second. */
  program: z
    .object({
      /** First month of mentoring (1 = January), e.g. 9 for September. */
      startMonth: monthNumber.meta(cms({ label: 'First month', hint: 'The month mentoring starts, as a number: 9 for September.' })),
      /** Last month of mentoring, in the following calendar year, e.g. 5 for May. */
      endMonth: monthNumber.meta(cms({ label: 'Last month', hint: 'The month mentoring ends in the following year, as a number: 5 for May.' })),
    })
    .meta(cms({ label: 'Mentoring months', hint: 'The months in which pairs meet and a topic goes out each month.' })),
  /** Months after the end of a program year before the committee deletes what people sent; the forms' privacy notice states it. */
  recordRetentionMonths: z
    .number({ error: 'Enter how many months records are kept, as a whole number.' })
    .int('Enter a whole number of months.')
    .min(1, 'Keep records for at least 1 month after the program ends.')
    .max(120, 'Enter at most 120 months (10 years).')
    .meta(
      cms({
        label: 'Keep records for (months)',
        hint: 'How many months after a program year ends the committee deletes its applications, evaluations and messages. The privacy notice on every form states it.',
      }),
    ),
  /** The yearly cycle, in order, starting with the call for applications. */
  timeline: z
    .array(timelinePhaseSchema)
    .min(1, 'List at least one timeline phase.')
    .meta(
      cms({
        label: 'Timeline',
        hint: 'The phases of the yearly cycle in order, starting with the call for applications. Phases must not overlap.',
        itemSummary: '{{fields.starts}} to {{fields.ends}}: {{fields.title}}',
        itemLabel: 'phase',
      }),
    ),
  /** Themes topics can be tagged with. */
  themes: z
    .array(themeSchema)
    .min(1, 'List at least one theme.')
    .meta(cms({ label: 'Themes', hint: 'The themes topics can be tagged with.', itemSummary: '{{fields.label}}', itemLabel: 'theme' })),
  /** The application forms in the association's words: membership question, areas, institutions. */
  application: applicationContentSchema,
  /** How the matching tool weighs a pair's fit; optional, every field has a default. */
  matching: matchingSettingsSchema.default(DEFAULT_MATCHING_SETTINGS),
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
  // The second colour marks bands and timeline dots, never text: WCAG's 3:1 for graphics applies.
  const highlightChecks = [
    { field: 'highlight', colour: colours.highlight, against: SURFACES.light.background, where: 'the white page background', fix: 'darker' },
    { field: 'highlightOnDark', colour: colours.highlightOnDark, against: SURFACES.dark.background, where: 'the dark-mode page background', fix: 'lighter' },
  ] as const;
  for (const check of highlightChecks) {
    if (!check.colour) continue;
    const ratio = contrastBetween(check.colour, check.against);
    if (ratio < AA_GRAPHICS_CONTRAST) {
      ctx.addIssue({
        code: 'custom',
        path: ['colours', check.field],
        message: `${check.colour} has a contrast of ${formatRatio(ratio)} against ${check.where}; marks on the page need at least ${AA_GRAPHICS_CONTRAST}:1. Choose a ${check.fix} colour.`,
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
  // The second phase marked for evaluations carries the issue, beside its own switch.
  const evaluationPhases = timeline.flatMap((phase, index) => (phase.evaluations ? [index] : []));
  if (evaluationPhases.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeline', evaluationPhases[1]!, 'evaluations'],
      message: `Only one phase can open the evaluation forms: “${timeline[evaluationPhases[0]!]!.title}” already does. Switch this one off.`,
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

  checkApplicationContent(settings.application, ctx);
}

/** Day of a 366-day cycle that begins on the first phase's start; leap-year agnostic. */
function dayOfCycle(monthDayValue: string, cycleStart: string): number {
  const toOrdinal = (value: string) => {
    const [month = Number.NaN, day = Number.NaN] = value.split('-').map(Number);
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
