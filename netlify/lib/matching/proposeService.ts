import { applicationSchemas } from '../../../src/schemas/application.ts';
import type { ApplicationContent } from '../../../src/schemas/applicationContent.ts';
import type { MatchingSettings } from '../../../src/schemas/settings.ts';
import type { RecordsStore } from './ports.ts';
import { leftOutOfMatching, loadReviews, withdrawnIds } from '../reviews/reviews.ts';
import { loadApplications, loadConstraints, loadMatches, type StoredApplication } from './applications.ts';
import { matchingVocabulary } from './compatibility.ts';
import { proposalsFolder } from './constraints.ts';
import { proposeMatches } from './engine.ts';
import { buildProposalFile, type ProposalFile, proposalStamp } from './proposal.ts';
import { proposalCsv, proposalMarkdown } from './report.ts';

/**
 * `npm run match`: reads a year's applications, constraints and matches from the records store,
 * runs the engine, and writes the proposal as three files under
 * matching/<programYear>/proposals/: <stamp>.md (report), <stamp>.csv, <stamp>.json.
 * A rematch is the same run: the active pairs of matches/<programYear>.json are kept.
 */
export interface ProposeOptions {
  programYear: string;
  settings: MatchingSettings;
  /** The application forms of the settings: the areas, priorities and words the applications are read with. */
  application: ApplicationContent;
  /** The clock (tests pass a fixed one). */
  now?: Date;
}

export interface ProposeOutcome {
  stamp: string;
  paths: { markdown: string; csv: string; json: string };
  summary: ProposalFile['summary'];
  warnings: number;
  /** Application files that could not be used, by path. */
  skipped: Array<{ path: string; problem: string }>;
  /** Earlier applications replaced by a later one from the same person. */
  superseded: number;
}

export async function createProposal(store: RecordsStore, options: ProposeOptions): Promise<ProposeOutcome> {
  const { programYear, settings } = options;
  const now = options.now ?? new Date();
  const vocabulary = matchingVocabulary(options);
  const applications = await loadApplications(store, programYear, applicationSchemas(options));
  const { constraints, sha: constraintsSha } = await loadConstraints(store, programYear);
  const matches = await loadMatches(store, programYear);

  // The committee's reviews: ineligible and withdrawn applications are left out (unless already in a pair, which the committee ends first).
  const reviews = await loadReviews(store, programYear);
  // A lock is the committee's plan, not yet a pair: it gives way when one of the two withdraws.
  const withdrawn = withdrawnIds(reviews);
  const locked = constraints.locked.filter((pair) => !withdrawn.has(pair.mentor) && !withdrawn.has(pair.mentee));
  // An application already in a pair (active or locked) stays the one that counts for its person.
  const pinned = new Set<string>();
  for (const pair of [...(matches?.matches.pairs.filter((p) => p.status === 'active') ?? []), ...locked]) pinned.add(pair.mentor).add(pair.mentee);
  const counts = (application: { id: string }) => pinned.has(application.id) || !leftOutOfMatching(reviews.get(application.id));
  const latestMentors = onePerPerson(applications.mentors, pinned);
  const latestMentees = onePerPerson(applications.mentees, pinned);
  const mentors = latestMentors.filter(counts);
  const mentees = latestMentees.filter(counts);
  // Exclusions and ended pairs follow the person to the application that counts for them.
  const alias = new Map<string, string>();
  for (const [all, chosen] of [
    [applications.mentors, mentors],
    [applications.mentees, mentees],
  ] as const) {
    const counted = new Map(chosen.map((application) => [emailOf(application), application.id]));
    for (const application of all) alias.set(application.id, counted.get(emailOf(application)) ?? application.id);
  }
  const follow = <T extends { mentor: string; mentee: string }>(pair: T): T => ({
    ...pair,
    mentor: alias.get(pair.mentor) ?? pair.mentor,
    mentee: alias.get(pair.mentee) ?? pair.mentee,
  });
  const result = proposeMatches({
    programYear,
    settings,
    vocabulary,
    mentors: mentors.map(({ id, answers }) => ({ id, answers })),
    mentees: mentees.map(({ id, answers }) => ({ id, answers })),
    constraints: { locked, exclude: constraints.exclude.map(follow) },
    existingPairs: (matches?.matches.pairs ?? []).map((pair) => (pair.status === 'ended' ? follow(pair) : pair)),
  });
  const superseded = applications.mentors.length + applications.mentees.length - latestMentors.length - latestMentees.length;
  const reviewedOut = latestMentors.length + latestMentees.length - mentors.length - mentees.length;
  if (reviewedOut > 0)
    result.warnings.push(
      `${reviewedOut} application${reviewedOut === 1 ? ' was' : 's were'} left out because the committee marked ${reviewedOut === 1 ? 'it' : 'them'} not eligible or withdrawn.`,
    );
  const locksDropped = constraints.locked.length - locked.length;
  if (locksDropped > 0)
    result.warnings.push(
      `${locksDropped} locked pair${locksDropped === 1 ? ' was' : 's were'} not kept because one of the two has withdrawn; unlock ${locksDropped === 1 ? 'it' : 'them'} in Matching.`,
    );
  if (superseded > 0)
    result.warnings.push(
      `${superseded} earlier application${superseded === 1 ? ' was' : 's were'} left out because the same person applied again in the same role; the latest one counts.`,
    );
  if (applications.skipped.length > 0) {
    result.warnings.push(...applications.skipped.map((skip) => `Skipped ${skip.path}: ${skip.problem}.`));
  }

  // Two runs in the same second get distinct names rather than overwriting each other.
  const folder = proposalsFolder(programYear);
  let stamp = proposalStamp(now);
  const taken = new Set((await store.listFiles(folder)).map((path) => path.slice(folder.length + 1).replace(/\.(md|csv|json)$/, '')));
  for (let n = 2; taken.has(stamp); n++) stamp = `${proposalStamp(now)}-${n}`;

  const proposal = buildProposalFile(result, {
    stamp,
    createdAt: now,
    settings,
    basedOn: { matchesSha: matches?.sha ?? null, constraintsSha, mentorApplications: mentors.length, menteeApplications: mentees.length },
  });
  const paths = { markdown: `${folder}/${stamp}.md`, csv: `${folder}/${stamp}.csv`, json: `${folder}/${stamp}.json` };
  const message = `Matching proposal ${stamp} for ${programYear}: ${proposal.summary.matched} pairs, ${proposal.summary.unmatched} unmatched`;
  // One commit holds all three files, so a proposal is never half-written.
  await store.createFiles(
    [
      { path: paths.markdown, content: proposalMarkdown(proposal) },
      { path: paths.csv, content: proposalCsv(proposal, vocabulary) },
      { path: paths.json, content: `${JSON.stringify(proposal, null, 2)}\n` },
    ],
    message,
  );
  return { stamp, paths, summary: proposal.summary, warnings: proposal.warnings.length, skipped: applications.skipped, superseded };
}

const emailOf = (application: StoredApplication<{ email: string }>) => application.answers.email.trim().toLowerCase();

/** One application per person (email): the one in a pair if any, otherwise the latest. */
function onePerPerson<T extends StoredApplication<{ email: string }>>(applications: readonly T[], pinned: ReadonlySet<string>): T[] {
  const byPerson = new Map<string, T[]>();
  for (const application of applications) {
    byPerson.set(emailOf(application), [...(byPerson.get(emailOf(application)) ?? []), application]);
  }
  const chosen = [...byPerson.values()].map((group) => group.find((application) => pinned.has(application.id)) ?? group.find((application) => application.latest) ?? group[0]!);
  return chosen.sort((a, b) => (a.id < b.id ? -1 : 1));
}
