/**
 * The year's pairs as the mailings need them: matches/<programYear>.json (written by the matching
 * tool or by hand) resolved to names and addresses through the application records
 * (applications/<year>/<role>/<id>.json), read in bulk: one readFolder of the year's applications
 * (a constant number of GitHub requests, however many pairs). A pair naming an unknown application, a mentee in two
 * active pairs or a mentor in more active pairs than they offered to take stops a mailing before
 * anything is sent: PairsError lists every problem, by pair and application id only (no names).
 * A pair in which either person has withdrawn (reviews/<year>/<id>.json, decision withdrawn:
 * the applicant from their own link, or the committee) is held back from every mailing until
 * the committee ends it; the pairs page shows it as needing attention.
 */
import { z } from 'zod';
import type { Role } from '../../../src/schemas/application.ts';
import { type Pair, matchesFileSchema, recordEnvelopeSchema } from '../../../src/schemas/record.ts';
import type { RecordsStore, StoredFile } from '../records/ports.ts';
import { loadReviews, withdrawnIds } from '../reviews/reviews.ts';

/** One participant, from their application. `personId` is the application's id. */
export interface Person {
  personId: string;
  role: Role;
  name: string;
  email: string;
  /** The validated answers as stored (for the introduction's copy of the application). */
  answers: Record<string, unknown>;
  /** Mentors: how many mentees they offered to take. */
  capacity: number | undefined;
  path: string;
}

export interface ResolvedPair {
  id: string;
  since: string;
  mentor: Person;
  mentee: Person;
}

export interface YearPairs {
  programYear: string;
  /** The matches file's blob sha (null when there is none): a ledger notes which version it served. */
  matchesSha: string | null;
  /** Active pairs, in the file's order. */
  active: ResolvedPair[];
  /** Every pair in the file (ended ones too), unresolved. */
  all: Pair[];
}

export class PairsError extends Error {
  override name = 'PairsError';
  readonly problems: string[];
  constructor(programYear: string, problems: string[]) {
    super(`The pairs for ${programYear} cannot be used, so nothing was sent:\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}

export const matchesPath = (programYear: string) => `matches/${programYear}.json`;
export const applicationPath = (programYear: string, role: Role, id: string) => `applications/${programYear}/${role}/${id}.json`;

/** What the mailings need from an application's answers; the rest is kept as it was stored. */
const contactAnswers = z.looseObject({
  name: z.string().trim().min(1),
  email: z.email(),
  capacity: z.number().int().min(1).optional(),
});

/** Reads one application record as a Person; a string names the problem (never the content). */
export function parsePerson(programYear: string, role: Role, id: string, path: string, content: string): Person | string {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return `${path} is not valid JSON`;
  }
  const envelope = recordEnvelopeSchema.safeParse(json);
  if (!envelope.success) return `${path} is not a record envelope`;
  const record = envelope.data;
  if (record.type !== 'application' || record.role !== role || record.programYear !== programYear || record.id !== id) {
    return `${path} is not the ${role} application ${id} for ${programYear}`;
  }
  const answers = contactAnswers.safeParse(record.answers);
  if (!answers.success) return `${path} has no usable name, email${role === 'mentor' ? ' or capacity' : ''}`;
  if (role === 'mentor' && answers.data.capacity === undefined) return `${path} does not say how many mentees the mentor can take`;
  return { personId: id, role, name: answers.data.name, email: answers.data.email, answers: record.answers, capacity: answers.data.capacity, path };
}

function personFrom(applications: ReadonlyMap<string, StoredFile>, programYear: string, role: Role, id: string): Person | string {
  const path = applicationPath(programYear, role, id);
  const file = applications.get(path);
  if (!file) return `there is no ${role} application ${id} (${path})`;
  return parsePerson(programYear, role, id, path, file.content);
}

/**
 * Loads and checks the year's pairs. `strict` (the default, for mailings) throws PairsError on
 * any problem; otherwise the problems are returned with the pairs that could be resolved (the
 * committee summary still wants to show what it can).
 */
export async function loadPairs(records: RecordsStore, programYear: string, options: { strict?: boolean } = {}): Promise<YearPairs & { problems: string[]; withdrawn: string[] }> {
  const strict = options.strict ?? true;
  const path = matchesPath(programYear);
  const file = await records.readFile(path);
  if (!file) return { programYear, matchesSha: null, active: [], all: [], problems: [], withdrawn: [] };

  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    throw new PairsError(programYear, [`${path} is not valid JSON`]);
  }
  const parsed = matchesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PairsError(programYear, [`${path} is not in the expected shape (${issue.path.map(String).join('.') || 'top level'}: ${issue.message})`]);
  }
  const matches = parsed.data;
  const problems: string[] = [];
  if (matches.programYear !== programYear) problems.push(`${path} says it is for ${matches.programYear}`);

  const seenIds = new Set<string>();
  for (const pair of matches.pairs) {
    if (seenIds.has(pair.id)) problems.push(`two pairs share the id ${pair.id}`);
    seenIds.add(pair.id);
  }
  // A pair marked erased has no records left on one side: never resolved, never mailed.
  const unerased = matches.pairs.filter((pair) => pair.status === 'active' && !pair.erased);
  // Nor is a pair with someone who has withdrawn: nobody is written to about it until the committee ends it.
  // The reviews and the applications in two bulk reads at once (the applications are needed unless every pair is held back).
  const [reviews, applications] =
    unerased.length > 0 ? await Promise.all([loadReviews(records, programYear), records.readFolder(`applications/${programYear}`)]) : [new Map(), new Map<string, StoredFile>()];
  const gone = withdrawnIds(reviews);
  const withdrawn = unerased.filter((pair) => gone.has(pair.mentor) || gone.has(pair.mentee)).map((pair) => pair.id);
  const activePairs = unerased.filter((pair) => !withdrawn.includes(pair.id));

  const wanted = [
    ...new Map<string, { role: Role; id: string }>(
      activePairs.flatMap(
        (pair): Array<[string, { role: Role; id: string }]> => [
          [`mentor/${pair.mentor}`, { role: 'mentor', id: pair.mentor }],
          [`mentee/${pair.mentee}`, { role: 'mentee', id: pair.mentee }],
        ],
      ),
    ).values(),
  ];
  const people = new Map<string, Person>();
  for (const entry of wanted) {
    const result = personFrom(applications, programYear, entry.role, entry.id);
    if (typeof result === 'string') problems.push(result);
    else people.set(`${entry.role}/${entry.id}`, result);
  }

  const pairsOfMentee = new Map<string, string[]>();
  const pairsOfMentor = new Map<string, string[]>();
  for (const pair of activePairs) {
    pairsOfMentee.set(pair.mentee, [...(pairsOfMentee.get(pair.mentee) ?? []), pair.id]);
    pairsOfMentor.set(pair.mentor, [...(pairsOfMentor.get(pair.mentor) ?? []), pair.id]);
  }
  for (const [mentee, pairIds] of pairsOfMentee) {
    if (pairIds.length > 1) problems.push(`mentee ${mentee} is in ${pairIds.length} active pairs (${pairIds.join(', ')}); a mentee has one mentor at a time`);
  }
  for (const [mentor, pairIds] of pairsOfMentor) {
    const capacity = people.get(`mentor/${mentor}`)?.capacity;
    if (capacity !== undefined && pairIds.length > capacity) {
      problems.push(`mentor ${mentor} is in ${pairIds.length} active pairs (${pairIds.join(', ')}) but offered to take ${capacity}`);
    }
  }
  if (strict && problems.length > 0) throw new PairsError(programYear, problems);

  const active: ResolvedPair[] = [];
  for (const pair of activePairs) {
    const mentor = people.get(`mentor/${pair.mentor}`);
    const mentee = people.get(`mentee/${pair.mentee}`);
    if (mentor && mentee) active.push({ id: pair.id, since: pair.since, mentor, mentee });
  }
  return { programYear, matchesSha: file.sha, active, all: matches.pairs, problems, withdrawn };
}

/** Every readable mentee application of the year that is not withdrawn (for the note to mentees left unmatched). */
export async function loadMenteeApplications(records: RecordsStore, programYear: string): Promise<{ mentees: Array<Person & { submittedAt: string }>; skipped: string[] }> {
  const folder = `applications/${programYear}/mentee`;
  const skipped: string[] = [];
  const mentees: Array<Person & { submittedAt: string }> = [];
  const [files, reviews] = await Promise.all([records.readFolder(folder), loadReviews(records, programYear)]);
  const gone = withdrawnIds(reviews);
  for (const [path, file] of files) {
    if (!/\/[0-9a-f-]{36}\.json$/i.test(path)) continue;
    const id = path.slice(folder.length + 1, -'.json'.length);
    if (gone.has(id)) continue;
    const person = parsePerson(programYear, 'mentee', id, path, file.content);
    if (typeof person === 'string') {
      skipped.push(person);
      continue;
    }
    const submittedAt = String((JSON.parse(file.content) as { submittedAt?: unknown }).submittedAt ?? '');
    mentees.push({ ...person, submittedAt });
  }
  return { mentees, skipped };
}
