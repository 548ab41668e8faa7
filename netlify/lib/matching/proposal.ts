import { z } from 'zod';
import { programYear } from '../../../src/schemas/primitives.ts';
import type { MatchingSettings } from '../../../src/schemas/settings.ts';
import type { MatchingResult } from './engine.ts';

/**
 * The machine-readable proposal, matching/<programYear>/proposals/<stamp>.json: what
 * `npm run match -- --accept` reads. The Markdown report and the CSV are views of the same data.
 */
const reasonCode = z.enum(['no-capacity', 'no-compatible-mentor', 'excluded']);

export const proposalFileSchema = z.object({
  /** Bumped when the shape changes, so older proposals can still be read or refused clearly. */
  schemaVersion: z.literal(1),
  kind: z.literal('matching-proposal'),
  /** The file name's stem, e.g. 2026-08-03T140509Z. */
  stamp: z.string().regex(/^[0-9TZ-]{16,24}$/),
  programYear,
  /** When it was made, ISO 8601 UTC. */
  createdAt: z.iso.datetime(),
  /** What it was computed from, so accepting a stale proposal is refused. */
  basedOn: z.object({
    /** Git blob sha of matches/<programYear>.json when the proposal was made; null when there was none. */
    matchesSha: z.string().nullable(),
    /** Git blob sha of constraints.json; null when there was none. */
    constraintsSha: z.string().nullable(),
    mentorApplications: z.number().int().min(0),
    menteeApplications: z.number().int().min(0),
  }),
  /** The matching settings used (weights and rules). */
  settings: z.record(z.string(), z.unknown()),
  summary: z.object({
    mentors: z.number().int(),
    mentees: z.number().int(),
    places: z.number().int(),
    matched: z.number().int(),
    kept: z.number().int(),
    unmatched: z.number().int(),
    priorityMentees: z.number().int(),
    priorityMatched: z.number().int(),
  }),
  pairs: z.array(
    z.object({
      mentor: z.uuid(),
      mentorName: z.string(),
      mentee: z.uuid(),
      menteeName: z.string(),
      /** committee: locked in constraints.json; active: already an active pair; null: newly proposed. */
      kept: z.enum(['committee', 'active']).nullable(),
      priority: z.boolean(),
      fit: z.number().int().min(0).max(100),
      parts: z.record(z.string(), z.number()),
      sharedAreas: z.array(z.string()),
      sharedGoalWords: z.array(z.string()),
      sharedWays: z.array(z.string()),
      hoursApart: z.number().nullable(),
      reason: z.string(),
    }),
  ),
  unmatched: z.array(
    z.object({
      mentee: z.uuid(),
      menteeName: z.string(),
      priority: z.boolean(),
      reason: reasonCode,
      fittingMentors: z.number().int(),
      explanation: z.string(),
    }),
  ),
  mentors: z.array(z.object({ mentor: z.uuid(), mentorName: z.string(), capacity: z.number().int().min(1), assigned: z.number().int().min(0) })),
  warnings: z.array(z.string()),
});
export type ProposalFile = z.infer<typeof proposalFileSchema>;

/** A file-name-safe UTC timestamp: 2026-08-03T140509Z. */
export function proposalStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');
}

export function buildProposalFile(result: MatchingResult, context: { stamp: string; createdAt: Date; settings: MatchingSettings; basedOn: ProposalFile['basedOn'] }): ProposalFile {
  return proposalFileSchema.parse({
    schemaVersion: 1,
    kind: 'matching-proposal',
    stamp: context.stamp,
    programYear: result.programYear,
    createdAt: context.createdAt.toISOString(),
    basedOn: context.basedOn,
    settings: context.settings,
    summary: result.summary,
    pairs: result.pairs,
    unmatched: result.unmatched,
    mentors: result.mentors,
    warnings: result.warnings,
  });
}
