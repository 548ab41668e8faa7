/**
 * Submissions that look automated (sent within seconds of the page loading, or with the hidden
 * honeypot field filled) are not dropped: a person using autofill or paste can be that quick.
 * A valid one is held for the committee's review instead (no confirmation, no committee notice);
 * the workspace lists them, and the committee releases one into the records (it is then stored
 * and confirmed as if it had just arrived, dated when it was sent) or discards it. Unreleased
 * ones go after 30 days, and the queue holds at most MAX_HELD_FOR_REVIEW, so a flood of bots
 * cannot fill the store: beyond it, suspected submissions are dropped and logged (counts only).
 */
import { type FormDefinition, formDefinitions } from '../../../src/forms/formDefinitions.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import type { DurableQueue } from '../queue/durableQueue.ts';

export const MAX_HELD_FOR_REVIEW = 500;
export const HELD_FOR_REVIEW_DAYS = 30;

export interface HeldForReview {
  formId: FormDefinition['id'];
  /** The submission's id, kept as the record's id when released. */
  id: string;
  /** The answers as validated by the form's schema. */
  answers: Record<string, unknown>;
  /** When it was sent, ISO 8601 UTC: the record's submittedAt when released. */
  receivedAt: string;
  /** Why it looked automated. */
  reason: 'fast' | 'honeypot';
}

export type HoldOutcome = 'held' | 'queue-full';

/** Holds a suspected submission, unless the queue is full. */
export async function holdForReview(queue: DurableQueue<HeldForReview>, item: HeldForReview): Promise<HoldOutcome> {
  const held = await queue.list();
  if (held.length >= MAX_HELD_FOR_REVIEW) return 'queue-full';
  await queue.hold(item.id, item);
  return 'held';
}

/** What is held, newest first, after removing what is older than HELD_FOR_REVIEW_DAYS. */
export async function listHeldForReview(queue: DurableQueue<HeldForReview>, now: Date): Promise<Array<{ key: string; item: HeldForReview }>> {
  const limit = now.getTime() - HELD_FOR_REVIEW_DAYS * 24 * 60 * 60 * 1000;
  const current: Array<{ key: string; item: HeldForReview }> = [];
  for (const entry of await queue.list()) {
    if (Date.parse(entry.item.receivedAt) < limit) await queue.release(entry.key);
    else current.push(entry);
  }
  return current.sort((a, b) => b.item.receivedAt.localeCompare(a.item.receivedAt));
}

/** The form a held submission was sent to. */
export function formOf(item: HeldForReview, settings: Settings): FormDefinition | undefined {
  return Object.values(formDefinitions(settings)).find((form) => form.id === item.formId);
}
