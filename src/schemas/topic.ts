import { z } from 'zod';
import { programYear, slug, webAddress, yearMonth } from './primitives.ts';

/** A further reading or viewing suggestion for a topic. */
export const topicResourceSchema = z.object({
  /** What the reader will find, e.g. "NASIG Core Competencies for Electronic Resources Librarians". */
  title: z.string().min(3, 'Give the resource a title.'),
  /** Where it is. */
  url: webAddress,
});

/** Front matter of content/topics/<YYYY-MM>-<slug>.md: one monthly discussion topic. */
export const topicSchema = z.object({
  /** The topic's headline. */
  title: z.string({ error: 'Give the topic a title.' }).min(3, 'Give the topic a title of at least 3 characters.'),
  /** The month the topic is for, YYYY-MM; the file name starts with it. */
  month: yearMonth,
  /** The program year the month belongs to, e.g. 2026-2027. */
  programYear,
  /** One or two sentences shown in the archive, the feed and the email. */
  summary: z
    .string({ error: 'Write a short summary of the topic.' })
    .min(20, 'Write a summary of at least 20 characters.')
    .max(320, 'Keep the summary under 320 characters; put the rest in the body.'),
  /** Questions the pair can talk through. */
  questions: z
    .array(z.string().min(5, 'Each question needs at least 5 characters.'), { error: 'List the discussion questions.' })
    .min(1, 'List at least one discussion question.'),
  /** Optional reading or viewing. */
  resources: z.array(topicResourceSchema).default([]),
  /** Theme ids from content/settings.yaml. */
  themes: z.array(slug, { error: 'Tag the topic with at least one theme.' }).min(1, 'Tag the topic with at least one theme.'),
  /** A draft is kept out of the site and never emailed. */
  draft: z.boolean().default(false),
  /** A sample topic shipped with the kit: shown with an "Example" label and never emailed. */
  example: z.boolean().default(false),
});
export type Topic = z.infer<typeof topicSchema>;
export type TopicResource = z.infer<typeof topicResourceSchema>;

/** Topic files are named <YYYY-MM>-<slug>.md. */
export const TOPIC_FILE_NAME = /^(\d{4}-(?:0[1-9]|1[0-2]))-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
