/**
 * The committee's review of an application: reviews/<programYear>/<applicationId>.json, a
 * record of its own beside the application, never an edit of what the applicant sent. A
 * decision (eligible, not eligible with a reason, withdrawn) and the committee's notes, each
 * note signed with the member's login. Ineligible and withdrawn applications are left out of
 * matching (matching/proposeService.ts); withdrawn ones out of the mailings too (mailing/pairs.ts).
 * An applicant withdrawing from their own link writes the same review, decided by APPLICANT.
 */
import { z } from 'zod';
import { programYear } from '../../../src/schemas/primitives.ts';
import type { RecordsStore, StoredFile } from '../records/ports.ts';

/**
 * Who decided when the applicant withdrew themselves (privacy/myApplication.ts), in `decidedBy`
 * and in notes' `by`: never a GitHub login, which has no spaces.
 */
export const APPLICANT = 'the applicant';

export const REVIEW_DECISIONS = ['eligible', 'not-eligible', 'withdrawn'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The words the workspace shows for each decision (and for none yet). */
export const DECISION_LABELS: Record<ReviewDecision | 'new', string> = {
  new: 'New',
  eligible: 'Eligible',
  'not-eligible': 'Not eligible',
  withdrawn: 'Withdrawn',
};

export const reviewFileSchema = z.object({
  schemaVersion: z.literal(1),
  applicationId: z.uuid(),
  role: z.enum(['mentor', 'mentee']),
  programYear,
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  /** Why an application is not eligible (required then), or why it was withdrawn. */
  reason: z.string().max(500).optional(),
  decidedBy: z.string().optional(),
  decidedAt: z.iso.datetime().optional(),
  notes: z.array(z.object({ at: z.iso.datetime(), by: z.string(), text: z.string().min(1).max(2000) })).default([]),
});
export type ReviewFile = z.infer<typeof reviewFileSchema>;

/** What the committee submits from an application's page. */
export const reviewInputSchema = z
  .object({
    decision: z.enum(['keep', ...REVIEW_DECISIONS], { error: 'Choose what the committee has decided.' }),
    reason: z
      .string()
      .trim()
      .max(500, 'Keep the reason under 500 characters.')
      .transform((value) => value || undefined)
      .optional(),
    note: z
      .string()
      .trim()
      .max(2000, 'Keep the note under 2,000 characters.')
      .transform((value) => value || undefined)
      .optional(),
  })
  .superRefine((value, context) => {
    if (value.decision === 'not-eligible' && !value.reason) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the application is not eligible.' });
    }
    if (value.decision === 'keep' && !value.note) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'Write a note, or choose a decision.' });
    }
  });
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export function reviewsFolder(year: string): string {
  return `reviews/${year}`;
}

export function reviewPath(year: string, applicationId: string): string {
  z.uuid().parse(applicationId);
  return `${reviewsFolder(year)}/${applicationId}.json`;
}

/** Every review of a year, by application id (files that do not validate are left out). */
export async function loadReviews(store: RecordsStore, year: string): Promise<Map<string, ReviewFile>> {
  const reviews = new Map<string, ReviewFile>();
  for (const file of (await store.readFolder(reviewsFolder(year))).values()) {
    const review = parseReview(file);
    if (review) reviews.set(review.applicationId, review);
  }
  return reviews;
}

export function parseReview(file: StoredFile | null): ReviewFile | null {
  if (!file) return null;
  try {
    const parsed = reviewFileSchema.safeParse(JSON.parse(file.content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The ids of the year's withdrawn applications (by the applicant or the committee): matching and the mailings leave them out. */
export function withdrawnIds(reviews: ReadonlyMap<string, ReviewFile>): Set<string> {
  return new Set([...reviews.values()].filter((review) => review.decision === 'withdrawn').map((review) => review.applicationId));
}

/** True when the committee (or the applicant, withdrawing) has left the application out of matching. */
export function leftOutOfMatching(review: ReviewFile | undefined): boolean {
  return review?.decision === 'not-eligible' || review?.decision === 'withdrawn';
}

/** The review after the committee's input: pure, so its rules are tested on their own. */
export function applyReview(
  current: ReviewFile | null,
  input: ReviewInput,
  context: { applicationId: string; role: 'mentor' | 'mentee'; programYear: string; by: string; at: string },
): ReviewFile {
  const base: ReviewFile = current ?? { schemaVersion: 1, applicationId: context.applicationId, role: context.role, programYear: context.programYear, decision: null, notes: [] };
  const next: ReviewFile = { ...base, notes: [...base.notes] };
  if (input.decision !== 'keep') {
    next.decision = input.decision;
    next.decidedBy = context.by;
    next.decidedAt = context.at;
    if (input.reason) next.reason = input.reason;
    else delete next.reason;
  }
  if (input.note) next.notes.push({ at: context.at, by: context.by, text: input.note });
  return reviewFileSchema.parse(next);
}
