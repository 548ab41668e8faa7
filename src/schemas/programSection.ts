import { z } from 'zod';
import { cms } from './cmsField.ts';
import { optionalField } from './primitives.ts';

/** Blocks a section can include; each is built from settings and today's date. */
const sectionBlock = z.enum(['application-status', 'timeline'], { error: 'Choose application-status or timeline, or leave it empty.' });

/** The pages program sections appear on: the program page, and the guides for each role. */
const sectionPage = z.enum(['program', 'mentors', 'mentees'], { error: 'Choose program, mentors or mentees.' });

/** Where each page of sections lives on the site (docs/architecture.md, "Pages": the introduction emails link to the guides). */
export const SECTION_PAGE_PATHS = { program: '/', mentors: '/mentors/', mentees: '/mentees/' } as const;
export type SectionPage = z.infer<typeof sectionPage>;

/** Front matter of content/program/*.md: one section of the program page or of a role's guide. */
export const programSectionSchema = z.object({
  /** The section's heading. */
  title: z
    .string({ error: 'Give the section a heading.' })
    .min(3, 'Give the section a heading of at least 3 characters.')
    .meta(cms({ label: 'Heading', hint: 'The heading of this section on the program page.' })),
  /** The page the section is on; the program page when unset. */
  page: z
    .preprocess((value) => (value === null || value === '' ? undefined : value), sectionPage.default('program'))
    .meta(
      cms({
        label: 'Page',
        hint: 'Where this section appears. Keep the program page short (what the program is, how to apply, short answers); longer guidance belongs on the page for mentors or for mentees.',
        choiceLabels: {
          program: 'The program page (/)',
          mentors: 'The page for mentors (/mentors/)',
          mentees: 'The page for mentees (/mentees/)',
        },
      }),
    ),
  /** Position on the page; lower comes first. */
  order: z
    .number({ error: 'Give the section an order number.' })
    .int('Use a whole number for the order.')
    .min(0, 'Use a number of 0 or more for the order.')
    .meta(
      cms({
        label: 'Position on the page',
        hint: 'Sections are shown from the lowest number to the highest. Leave gaps (10, 20, 30) so a new section can go in between.',
      }),
    ),
  /** A shorter label for the page's table of contents, when the heading is long. */
  navLabel: optionalField(
    z
      .string()
      .trim()
      .meta(
        cms({
          label: 'Short name for “On this page”',
          hint: 'Optional. A shorter name for the list of sections at the top of a page, when the heading is long. Leave empty to use the heading.',
        }),
      ),
  ),
  /** Shown folded on the page: readers see the heading and open the text (works without JavaScript). */
  folded: z
    .boolean()
    .default(false)
    .meta(
      cms({
        label: 'Folded',
        hint: 'Readers see only the heading and open the section to read it. Use it for short answers on the program page, so the page stays short; leave it off for what everyone should read.',
      }),
    ),
  /** A block the site builds from settings, shown after the section's text. */
  includes: optionalField(
    sectionBlock.meta(
      cms({
        label: 'Block shown after the text',
        hint: 'Optional. The site can add the application status or the yearly timeline after this section’s text, built from Settings. Leave empty for none.',
        choiceLabels: {
          'application-status': 'Application status (whether applications are open, with the dates)',
          timeline: 'The yearly timeline (the phases from Settings)',
        },
      }),
    ),
  ),
});

/** Blocks a section can include; each is built from settings and today's date. */
export const SECTION_BLOCKS = sectionBlock.options;
export type ProgramSection = z.infer<typeof programSectionSchema>;
