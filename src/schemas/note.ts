import { z } from 'zod';
import { programYear } from './primitives.ts';

/**
 * notes/<programYear>/<recordId>.json: the committee's handling of a confidential message or an
 * "I am leaving" answer, a record of its own beside it (the message itself is never edited).
 * `recordId` is the message's id, or for a leaving answer the person's (application) id.
 */
export const committeeNoteSchema = z.object({
  schemaVersion: z.literal(1),
  programYear,
  recordId: z.uuid(),
  /** What was handled: a message from /contact/, or a leaving answer in the email preferences. */
  kind: z.enum(['message', 'leaving']),
  handled: z.literal(true),
  /** The committee's short note on what was done. */
  note: z.string().trim().min(1).max(1000),
  handledBy: z.string().min(1),
  handledAt: z.iso.datetime(),
  /** When the handled record was last changed (a leaving answer given again later is unhandled again). */
  about: z.iso.datetime(),
});
export type CommitteeNote = z.infer<typeof committeeNoteSchema>;

export function notePath(year: string, recordId: string): string {
  programYear.parse(year);
  z.uuid().parse(recordId);
  return `notes/${year}/${recordId}.json`;
}
