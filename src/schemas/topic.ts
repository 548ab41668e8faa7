import { z } from 'zod';
import { cms } from './cmsField.ts';
import { programYear, slug, webAddress, yearMonth } from './primitives.ts';

/** A further reading or viewing suggestion for a topic. */
export const topicResourceSchema = z.object({
  /** What the reader will find, e.g. "NASIG Core Competencies for Electronic Resources Librarians". */
  title: z
    .string({ error: 'Give the resource a title.' })
    .min(3, 'Give the resource a title.')
    .meta(cms({ label: 'Title', hint: 'What readers will find there, for example the name of the article or video.' })),
  /** Where it is. */
  url: webAddress.meta(cms({ label: 'Web address', hint: 'The full address, starting with https://' })),
});

/** Front matter of content/topics/<YYYY-MM>-<slug>.md: one monthly discussion topic. */
export const topicSchema = z.object({
  /** The topic's headline. */
  title: z
    .string({ error: 'Give the topic a title.' })
    .min(3, 'Give the topic a title of at least 3 characters.')
    .meta(
      cms({
        label: 'Title',
        hint: 'The topic’s headline, as readers and pairs see it. The file name is made from the month and this title when the topic is first saved.',
      }),
    ),
  /** The month the topic is for, YYYY-MM; the file name starts with it. */
  month: yearMonth.meta(
    cms({
      label: 'Month',
      hint: 'The month this topic is for, written YYYY-MM (2026-09 is September 2026). A new topic suggests the next month that has no topic yet. Each month has one topic.',
    }),
  ),
  /** The program year the month belongs to, e.g. 2026-2027. */
  programYear: programYear.meta(
    cms({
      label: 'Program year',
      hint: 'The program year the month belongs to, written YYYY-YYYY: 2026-2027 for the months from the program’s start in 2026 to its end in 2027. Suggested from the month.',
    }),
  ),
  /** One or two sentences shown in the archive, the feed and the email. */
  summary: z
    .string({ error: 'Write a short summary of the topic.' })
    .min(20, 'Write a summary of at least 20 characters.')
    .max(320, 'Keep the summary under 320 characters; put the rest in the body.')
    .meta(
      cms({
        label: 'Summary',
        hint: 'One or two sentences (20 to 320 characters), shown in the list of topics, in the feed and in the email.',
        multiline: true,
      }),
    ),
  /** Questions the pair can talk through. */
  questions: z
    .array(
      z
        .string()
        .min(5, 'Each question needs at least 5 characters.')
        // A box of several lines: a long question stays readable while it is written.
        .meta(cms({ label: 'Question', hint: 'One question, as the pair will read it.', multiline: true })),
      { error: 'List the discussion questions.' },
    )
    .min(1, 'List at least one discussion question.')
    .meta(cms({ label: 'Discussion questions', hint: 'Questions the pair can talk through, one in each box. Add at least one.', itemLabel: 'question' })),
  /** Optional reading or viewing. */
  resources: z
    .array(topicResourceSchema)
    .default([])
    .meta(
      cms({
        label: 'Further reading',
        hint: 'Optional links to reading or viewing for the pair. Leave empty if there are none.',
        itemSummary: '{{fields.title}}',
        itemLabel: 'link',
      }),
    ),
  /** Theme ids from content/settings.yaml. */
  themes: z
    .array(slug, { error: 'Tag the topic with at least one theme.' })
    .min(1, 'Tag the topic with at least one theme.')
    .meta(cms({ label: 'Themes', hint: 'Choose one or more themes; readers can list topics by theme. The themes themselves are edited in Settings.' })),
  /** A draft is kept out of the site and never emailed. */
  draft: z
    .boolean()
    .default(false)
    .meta(
      cms({
        label: 'Keep off the site',
        hint: 'Switch on to keep this topic off the site and out of the monthly email, even once it is published here.',
      }),
    ),
  /** A sample topic shipped with the kit: shown with an "Example" label and never emailed. */
  example: z
    .boolean()
    .default(false)
    .meta(
      cms({
        label: 'Example topic',
        hint: 'Sample topics that come with the site are marked as examples: they show an “Example topic” label and are never emailed. Switch off once the topic is your own.',
      }),
    ),
});
export type Topic = z.infer<typeof topicSchema>;
export type TopicResource = z.infer<typeof topicResourceSchema>;

/** Topic files are named <YYYY-MM>-<slug>.md. */
export const TOPIC_FILE_NAME = /^(\d{4}-(?:0[1-9]|1[0-2]))-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
