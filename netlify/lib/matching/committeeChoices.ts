/**
 * The committee's own choices in a proposal, as the workspace makes them: lock a pair, forbid
 * a pair, or give a mentee another mentor from a ranked list of the compatible mentors with
 * places left. Choices are written to matching/<year>/constraints.json (the same file the
 * engine already honours), each as one commit that a stale page cannot overwrite.
 */
import { applicationSchemas } from '../../../src/schemas/application.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { type RecordsStore, RecordsConflictError } from '../records/ports.ts';
import { loadApplications, loadConstraints } from './applications.ts';
import { assessPair, matchingVocabulary, menteeProfile, mentorProfile } from './compatibility.ts';
import { type ConstraintsFile, constraintsFileSchema, constraintsPath } from './constraints.ts';
import type { ProposalFile } from './proposal.ts';

export type ConstraintChange =
  | { kind: 'lock'; mentor: string; mentee: string; note?: string | undefined }
  | { kind: 'forbid'; mentor: string; mentee: string; reason?: string | undefined }
  | { kind: 'remove'; list: 'locked' | 'exclude'; mentor: string; mentee: string };

/** The constraints after a change: pure. Locking a mentee to a mentor replaces that mentee's earlier lock. */
export function changeConstraints(current: ConstraintsFile, change: ConstraintChange): ConstraintsFile {
  const same = (pair: { mentor: string; mentee: string }) => pair.mentor === change.mentor && pair.mentee === change.mentee;
  const next: ConstraintsFile = { locked: [...current.locked], exclude: [...current.exclude] };
  if (change.kind === 'lock') {
    next.locked = next.locked.filter((pair) => pair.mentee !== change.mentee);
    next.exclude = next.exclude.filter((pair) => !same(pair));
    next.locked.push({ mentor: change.mentor, mentee: change.mentee, ...(change.note ? { note: change.note } : {}) });
  } else if (change.kind === 'forbid') {
    next.locked = next.locked.filter((pair) => !same(pair));
    if (!next.exclude.some(same)) next.exclude.push({ mentor: change.mentor, mentee: change.mentee, ...(change.reason ? { reason: change.reason } : {}) });
  } else {
    next[change.list] = next[change.list].filter((pair) => !same(pair)) as never;
  }
  return constraintsFileSchema.parse(next);
}

/** The constraints file is not the one the page showed: nothing was written. */
export class StaleConstraintsError extends Error {
  override name = 'StaleConstraintsError';
}

const DESCRIBE: Record<ConstraintChange['kind'], string> = { lock: 'Lock', forbid: 'Forbid', remove: 'Remove the constraint on' };

/** Writes one change, only if the file is still at `expectedSha` (null: not there yet). */
export async function saveConstraintChange(store: RecordsStore, programYear: string, change: ConstraintChange, expectedSha: string | null): Promise<void> {
  const { constraints, sha } = await loadConstraints(store, programYear);
  if (sha !== expectedSha) throw new StaleConstraintsError('The committee’s matching choices changed after you opened the page.');
  const next = changeConstraints(constraints, change);
  try {
    await store.writeFile(
      constraintsPath(programYear),
      `${JSON.stringify(next, null, 2)}\n`,
      `${DESCRIBE[change.kind]} the pair of mentor ${change.mentor} and mentee ${change.mentee} for ${programYear}`,
      sha,
    );
  } catch (error) {
    if (error instanceof RecordsConflictError) throw new StaleConstraintsError('Someone changed the matching choices at the same moment.');
    throw error;
  }
}

export interface RankedMentor {
  mentor: string;
  mentorName: string;
  fit: number;
  placesLeft: number;
  /** The mentor the proposal gives this mentee now. */
  current: boolean;
}

/** Mentors the rules allow for `menteeId`, with places left in `proposal` (or the mentee's own), best fit first. */
export async function rankedMentorsFor(store: RecordsStore, settings: Settings, proposal: ProposalFile, menteeId: string): Promise<RankedMentor[]> {
  const applications = await loadApplications(store, proposal.programYear, applicationSchemas(settings));
  const vocabulary = matchingVocabulary(settings);
  const menteeApplication = applications.mentees.find((application) => application.id === menteeId);
  if (!menteeApplication) return [];
  const mentee = menteeProfile({ id: menteeApplication.id, answers: menteeApplication.answers }, proposal.programYear, vocabulary);
  const currentMentor = proposal.pairs.find((pair) => pair.mentee === menteeId)?.mentor;
  const places = new Map(proposal.mentors.map((mentor) => [mentor.mentor, mentor.capacity - mentor.assigned]));
  const ranked: RankedMentor[] = [];
  for (const application of applications.mentors) {
    const placesLeft = places.get(application.id);
    const current = application.id === currentMentor;
    if (placesLeft === undefined || (placesLeft <= 0 && !current)) continue;
    const mentor = mentorProfile({ id: application.id, answers: application.answers }, proposal.programYear, vocabulary);
    if (mentor.email === mentee.email) continue;
    const assessment = assessPair(mentor, mentee, settings.matching);
    if (assessment.ruleBreak) continue;
    ranked.push({ mentor: application.id, mentorName: application.answers.name, fit: assessment.fit, placesLeft, current });
  }
  return ranked.sort((a, b) => b.fit - a.fit || a.mentorName.localeCompare(b.mentorName, 'en'));
}
