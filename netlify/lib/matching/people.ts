import type { MenteeApplication, MentorApplication } from '../../../src/schemas/application.ts';

/** A mentor's application as the matching engine sees it: the record id and the validated answers. */
export interface MentorCandidate {
  /** Application (record) id, a UUID. */
  id: string;
  answers: MentorApplication;
}

/** A mentee's application as the matching engine sees it. */
export interface MenteeCandidate {
  id: string;
  answers: MenteeApplication;
}

/** A mentor–mentee pair named by application ids. */
export interface PairIds {
  mentor: string;
  mentee: string;
}

/** Key of a pair in maps and sets. */
export function pairKey(pair: PairIds): string {
  return `${pair.mentor}|${pair.mentee}`;
}
