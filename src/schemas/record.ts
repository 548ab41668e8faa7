import { z } from 'zod';
import { programYear } from './primitives.ts';

/** Kinds of record kept in the private records repository. */
export const RECORD_TYPES = ['application', 'evaluation', 'message'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * The envelope every stored record shares (docs/architecture.md, "Records repository"): one JSON file per record.
 * `answers` holds the fields validated by the form's own schema.
 */
export const recordEnvelopeSchema = z.object({
  /** Bumped when the envelope's shape changes, so tools can read old files. */
  schemaVersion: z.literal(1),
  /** UUID; the client's submission id when it sent a well-formed one. */
  id: z.uuid(),
  type: z.enum(RECORD_TYPES),
  /** mentor or mentee; absent on messages. */
  role: z.enum(['mentor', 'mentee']).optional(),
  programYear,
  /** When the server accepted it, ISO 8601 UTC. */
  submittedAt: z.iso.datetime(),
  /** When the applicant last corrected it from their own link, ISO 8601 UTC; absent until then. */
  correctedAt: z.iso.datetime().optional(),
  answers: z.record(z.string(), z.unknown()),
});
export type RecordEnvelope = z.infer<typeof recordEnvelopeSchema>;

/** Where a record lives in the records repository; built only from server-side values. */
export function recordPath(record: Pick<RecordEnvelope, 'type' | 'role' | 'programYear' | 'id'>): string {
  z.uuid().parse(record.id);
  programYear.parse(record.programYear);
  switch (record.type) {
    case 'application':
      return `applications/${record.programYear}/${requireRole(record.role)}/${record.id}.json`;
    case 'evaluation':
      return `evaluations/${record.programYear}/${requireRole(record.role)}/${record.id}.json`;
    case 'message':
      return `messages/${record.programYear}/${record.id}.json`;
  }
}

function requireRole(role: string | undefined): 'mentor' | 'mentee' {
  if (role !== 'mentor' && role !== 'mentee') throw new Error(`A record of this type needs a role of mentor or mentee, not ${String(role)}.`);
  return role;
}

/** matches/<programYear>.json: the pairs, written by the matching tool or the committee. */
export const matchesFileSchema = z.object({
  programYear,
  pairs: z.array(
    z.object({
      /** Stable id of the pair, e.g. a UUID or "p-001". */
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A pair id uses letters, digits, - and _ only.'),
      /** Application id of the mentor. */
      mentor: z.uuid(),
      /** Application id of the mentee. */
      mentee: z.uuid(),
      status: z.enum(['active', 'ended']),
      /** The day the pair was matched, YYYY-MM-DD. */
      since: z.iso.date(),
      /** Set when the committee ended the pair (status ended): the day, the reason, and the emails sent to each person. */
      ended: z
        .object({
          on: z.iso.date(),
          reason: z.string().min(1).max(500),
          /** Provider ids of the emails telling each person (so a repeat sends nothing twice). */
          emails: z.array(z.object({ role: z.enum(['mentor', 'mentee']), emailId: z.string() })).optional(),
        })
        .optional(),
      /**
       * Set when one of the two was erased on request (their records deleted, the pair ended):
       * the ids stay so the other person's history and the year's counts hold; nothing uses the
       * erased id to reach a record. Absent on every other pair (files written before stay valid).
       */
      erased: z.literal(true).optional(),
    }),
  ),
});
export type MatchesFile = z.infer<typeof matchesFileSchema>;
export type Pair = MatchesFile['pairs'][number];
