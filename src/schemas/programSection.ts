import { z } from 'zod';

/** Front matter of content/program/*.md: one section of the program page. */
export const programSectionSchema = z.object({
  /** The section's heading. */
  title: z.string({ error: 'Give the section a heading.' }).min(3, 'Give the section a heading of at least 3 characters.'),
  /** Position on the page; lower comes first. */
  order: z.number({ error: 'Give the section an order number.' }).int('Use a whole number for the order.').min(0),
  /** A shorter label for the page's table of contents, when the heading is long. */
  navLabel: z.string().optional(),
  /** A block the site builds from settings, shown after the section's text. */
  includes: z
    .enum(['application-status', 'timeline'], { error: 'Choose application-status or timeline, or leave it empty.' })
    .optional(),
});

/** Blocks a section can include; each is built from settings and today's date. */
export const SECTION_BLOCKS = programSectionSchema.shape.includes.unwrap().options;
export type ProgramSection = z.infer<typeof programSectionSchema>;
