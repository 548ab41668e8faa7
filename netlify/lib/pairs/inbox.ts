/**
 * The committee's inbox for the running year: the confidential messages from /contact/
 * (messages/<year>/<id>.json) and the "I am leaving" answers (preferences/<year>/<personId>.json),
 * newest first, each with the committee's handling of it (notes/<year>/<recordId>.json, a record
 * of its own: the message is never edited). Marking one handled is one commit; a form opened
 * before someone else handled it changes nothing.
 */
import { z } from 'zod';
import { MESSAGE_REASONS, messageSchema } from '../../../src/schemas/message.ts';
import { type CommitteeNote, committeeNoteSchema, notePath } from '../../../src/schemas/note.ts';
import { recordEnvelopeSchema } from '../../../src/schemas/record.ts';
import { parsePerson } from '../mailing/pairs.ts';
import { preferenceRecordSchema } from '../mailing/preferences.ts';
import { RecordsConflictError, type RecordsStore, type StoredFile } from '../records/ports.ts';

export interface InboxItem {
  /** The message's id, or for a leaving answer the person's application id. */
  id: string;
  kind: 'message' | 'leaving';
  /** When it was sent (or the leaving answer last given), ISO 8601 UTC. */
  at: string;
  name: string;
  email: string;
  /** Their part in the program, as they said it (or from their application). */
  part: string;
  /** What it is about, in words. */
  about: string;
  text: string;
  /** The sender's application id when known (a leaving answer; a message from a pair's address). */
  personId: string | null;
  path: string;
  note: CommitteeNote | null;
  noteSha: string | null;
  handled: boolean;
}

const PARTS: Record<string, string> = { mentor: 'Mentor', mentee: 'Mentee', applicant: 'Applicant', other: 'Other' };
const ABOUT = new Map<string, string>(MESSAGE_REASONS.map((choice) => [choice.value, choice.label]));

/** Reads the year's messages, leaving answers and notes (a few bulk reads). Unreadable files are counted, never shown. */
export async function loadInbox(
  store: RecordsStore,
  year: string,
  /** The year's application files when the caller has read them already (one bulk read, not two). */
  applicationFiles?: Promise<Map<string, StoredFile>>,
): Promise<{ items: InboxItem[]; skipped: number }> {
  const [messages, preferences, notes, applications] = await Promise.all([
    store.readFolder(`messages/${year}`),
    store.readFolder(`preferences/${year}`),
    store.readFolder(`notes/${year}`),
    applicationFiles ?? store.readFolder(`applications/${year}`),
  ]);
  let skipped = 0;
  const noteOf = (id: string): { note: CommitteeNote | null; sha: string | null } => {
    const file = notes.get(`notes/${year}/${id}.json`);
    if (!file) return { note: null, sha: null };
    try {
      return { note: committeeNoteSchema.parse(JSON.parse(file.content)), sha: file.sha };
    } catch {
      return { note: null, sha: file.sha };
    }
  };
  const emailToPerson = new Map<string, string>();
  for (const [path, file] of applications) {
    const match = /^applications\/[^/]+\/(mentor|mentee)\/([0-9a-f-]{36})\.json$/.exec(path);
    if (!match) continue;
    const person = parsePerson(year, match[1] as 'mentor' | 'mentee', match[2]!, path, file.content);
    if (typeof person !== 'string') emailToPerson.set(person.email.trim().toLowerCase(), person.personId);
  }
  const items: InboxItem[] = [];
  const withNote = (item: Omit<InboxItem, 'note' | 'noteSha' | 'handled'>): InboxItem => {
    const { note, sha } = noteOf(item.id);
    return { ...item, note, noteSha: sha, handled: note !== null && note.about >= item.at };
  };
  for (const [path, file] of messages) {
    try {
      const record = recordEnvelopeSchema.parse(JSON.parse(file.content));
      if (record.type !== 'message' || record.programYear !== year) throw new Error('not a message of the year');
      const answers = messageSchema.parse(record.answers);
      items.push(
        withNote({
          id: record.id,
          kind: 'message',
          at: record.submittedAt,
          name: answers.name,
          email: answers.email,
          part: PARTS[answers.senderRole] ?? answers.senderRole,
          about: ABOUT.get(answers.reason) ?? answers.reason,
          text: answers.message,
          personId: emailToPerson.get(answers.email.trim().toLowerCase()) ?? null,
          path,
        }),
      );
    } catch {
      skipped += 1;
    }
  }
  for (const [path, file] of preferences) {
    try {
      const record = preferenceRecordSchema.parse(JSON.parse(file.content));
      if (record.status !== 'leaving') continue;
      const application = applications.get(`applications/${year}/${record.role}/${record.personId}.json`);
      const person = application ? parsePerson(year, record.role, record.personId, application.path, application.content) : 'no application';
      items.push(
        withNote({
          id: record.personId,
          kind: 'leaving',
          at: record.updatedAt,
          name: typeof person === 'string' ? `The ${record.role} ${record.personId.slice(0, 8)}` : person.name,
          email: typeof person === 'string' ? '' : person.email,
          part: PARTS[record.role]!,
          about: 'I am leaving the program (email preferences)',
          text: record.note ?? '',
          personId: record.personId,
          path,
        }),
      );
    } catch {
      skipped += 1;
    }
  }
  items.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  return { items, skipped };
}

/** Unhandled items by the sender's application id (for the pairs' attention). */
export function unhandledByPerson(items: readonly InboxItem[]): Map<string, string[]> {
  const byPerson = new Map<string, string[]>();
  for (const item of items) {
    if (item.handled || !item.personId || item.kind !== 'message') continue;
    byPerson.set(item.personId, [...(byPerson.get(item.personId) ?? []), item.id]);
  }
  return byPerson;
}

export const handledInputSchema = z.object({
  note: z.string().trim().min(1, 'Write a short note on what was done.').max(1000, 'Keep the note under 1,000 characters.'),
});

export type HandleOutcome = { kind: 'handled' } | { kind: 'invalid'; message: string } | { kind: 'stale' } | { kind: 'not-found' };

/**
 * Marks a message (or leaving answer) handled with the committee's note: one commit of
 * notes/<year>/<id>.json. `noteSha` is the note file's sha when the form was shown ('' for none):
 * if it changed since, nothing is written.
 */
export async function markHandled(store: RecordsStore, request: { year: string; id: string; note: unknown; noteSha: string; by: string; now: Date }): Promise<HandleOutcome> {
  const parsed = handledInputSchema.safeParse({ note: typeof request.note === 'string' ? request.note : '' });
  if (!parsed.success) return { kind: 'invalid', message: parsed.error.issues[0]!.message };
  const { items } = await loadInbox(store, request.year);
  const item = items.find((each) => each.id === request.id);
  if (!item) return { kind: 'not-found' };
  const path = notePath(request.year, item.id);
  const current = await store.readFile(path);
  if ((current?.sha ?? '') !== request.noteSha) return { kind: 'stale' };
  const note: CommitteeNote = committeeNoteSchema.parse({
    schemaVersion: 1,
    programYear: request.year,
    recordId: item.id,
    kind: item.kind,
    handled: true,
    note: parsed.data.note,
    handledBy: request.by,
    handledAt: request.now.toISOString(),
    about: item.at,
  });
  try {
    await store.writeFile(
      path,
      `${JSON.stringify(note, null, 2)}\n`,
      `Mark ${item.kind === 'message' ? 'message' : 'leaving answer'} ${item.id} handled (${request.year})`,
      current?.sha ?? null,
    );
  } catch (error) {
    if (error instanceof RecordsConflictError) return { kind: 'stale' };
    throw error;
  }
  return { kind: 'handled' };
}
