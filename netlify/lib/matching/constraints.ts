import { z } from 'zod';

/**
 * matching/<programYear>/constraints.json: the committee's own decisions that every proposal
 * honours. Written by hand (docs/matching.md shows how); both lists may be empty or absent.
 */
export const constraintsFileSchema = z.object({
  /** Pairs the committee has decided on: every proposal keeps them. */
  locked: z
    .array(
      z.object({
        /** Application id of the mentor. */
        mentor: z.uuid(),
        /** Application id of the mentee. */
        mentee: z.uuid(),
        /** Optional note for the committee, e.g. "asked for each other". */
        note: z.string().max(500).optional(),
      }),
    )
    .default([]),
  /** Pairs never to propose. */
  exclude: z
    .array(
      z.object({
        mentor: z.uuid(),
        mentee: z.uuid(),
        /** Why, in a few words; shown in the report. */
        reason: z.string().max(500).optional(),
      }),
    )
    .default([]),
});
export type ConstraintsFile = z.infer<typeof constraintsFileSchema>;

export const EMPTY_CONSTRAINTS: ConstraintsFile = { locked: [], exclude: [] };

/** Where a year's constraints live in the records repository. */
export function constraintsPath(programYear: string): string {
  return `matching/${programYear}/constraints.json`;
}

/** Where a year's proposals live in the records repository. */
export function proposalsFolder(programYear: string): string {
  return `matching/${programYear}/proposals`;
}

/** Where a year's matches file lives. */
export function matchesPath(programYear: string): string {
  return `matches/${programYear}.json`;
}

/** The constraints and the matches file contradict themselves or the applications. */
export class MatchingConstraintError extends Error {
  override name = 'MatchingConstraintError';
}
