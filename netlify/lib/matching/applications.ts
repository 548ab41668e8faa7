import type { ApplicationSchemas, MenteeApplication, MentorApplication, Role } from '../../../src/schemas/application.ts';
import { type MatchesFile, matchesFileSchema, recordEnvelopeSchema } from '../../../src/schemas/record.ts';
import type { RecordsStore, StoredFile } from '../records/ports.ts';
import { type ConstraintsFile, constraintsFileSchema, constraintsPath, EMPTY_CONSTRAINTS, matchesPath } from './constraints.ts';

/**
 * Reading a program year's applications, constraints and matches from the records store, as the
 * matching and export commands need them. Files that do not validate are skipped and reported by
 * path (never by content: answers are personal data).
 */

export interface StoredApplication<Answers> {
  id: string;
  path: string;
  submittedAt: string;
  answers: Answers;
  /** False when the same person (same email) sent a later application in the same role. */
  latest: boolean;
}

export interface YearApplications {
  mentors: StoredApplication<MentorApplication>[];
  mentees: StoredApplication<MenteeApplication>[];
  /** Files that could not be used, with the reason (paths only). */
  skipped: Array<{ path: string; problem: string }>;
}

/** The year's applications, each checked with the association's application schemas (applicationSchemas(settings)). */
export async function loadApplications(store: RecordsStore, programYear: string, schemas: ApplicationSchemas): Promise<YearApplications> {
  const skipped: YearApplications['skipped'] = [];
  const mentors = await loadRole(store, programYear, 'mentor', schemas, skipped);
  const mentees = await loadRole(store, programYear, 'mentee', schemas, skipped);
  return { mentors: mentors as StoredApplication<MentorApplication>[], mentees: mentees as StoredApplication<MenteeApplication>[], skipped };
}

async function loadRole(store: RecordsStore, programYear: string, role: Role, schemas: ApplicationSchemas, skipped: YearApplications['skipped']) {
  const folder = `applications/${programYear}/${role}`;
  // One bulk read of the folder (a couple of requests on GitHub, however many applications).
  const folderFiles = await store.readFolder(folder);
  const paths = [...folderFiles.keys()].filter((path) => path.endsWith('.json')).sort();
  const files = paths.map((path) => folderFiles.get(path) ?? null);
  const loaded: Array<StoredApplication<MentorApplication | MenteeApplication>> = [];
  files.forEach((file, index) => {
    const path = paths[index]!;
    const result = parseApplication(file, programYear, role, schemas);
    if (typeof result === 'string') skipped.push({ path, problem: result });
    else loaded.push({ ...result, path, latest: true });
  });
  // One application per person and role: a later one replaces an earlier one.
  const latestByEmail = new Map<string, StoredApplication<MentorApplication | MenteeApplication>>();
  for (const application of loaded) {
    const email = application.answers.email.trim().toLowerCase();
    const earlier = latestByEmail.get(email);
    if (!earlier || later(application, earlier)) {
      if (earlier) earlier.latest = false;
      latestByEmail.set(email, application);
    } else {
      application.latest = false;
    }
  }
  return loaded.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function later(a: { submittedAt: string; id: string }, b: { submittedAt: string; id: string }): boolean {
  const byTime = Date.parse(a.submittedAt) - Date.parse(b.submittedAt);
  return byTime !== 0 ? byTime > 0 : a.id > b.id;
}

function parseApplication(
  file: StoredFile | null,
  programYear: string,
  role: Role,
  schemas: ApplicationSchemas,
): { id: string; submittedAt: string; answers: MentorApplication | MenteeApplication } | string {
  if (!file) return 'the file disappeared while it was being read';
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    return 'not valid JSON';
  }
  const envelope = recordEnvelopeSchema.safeParse(json);
  if (!envelope.success) return `not a record envelope (${envelope.error.issues[0]?.path.join('.') || 'shape'})`;
  const record = envelope.data;
  if (record.type !== 'application' || record.role !== role || record.programYear !== programYear) {
    return `a ${record.type}${record.role ? ` (${record.role})` : ''} for ${record.programYear}, not a ${role} application for ${programYear}`;
  }
  if (!file.path.endsWith(`/${record.id}.json`)) return 'its id does not match its file name';
  const answers = schemas[role].safeParse(record.answers);
  if (!answers.success) return `answers do not validate (${answers.error.issues.map((issue) => issue.path.join('.')).join(', ')})`;
  return { id: record.id, submittedAt: record.submittedAt, answers: answers.data };
}

/** constraints.json of the year, or empty constraints when there is none. */
export async function loadConstraints(store: RecordsStore, programYear: string): Promise<{ constraints: ConstraintsFile; sha: string | null }> {
  const path = constraintsPath(programYear);
  const file = await store.readFile(path);
  if (!file) return { constraints: EMPTY_CONSTRAINTS, sha: null };
  return { constraints: parseJsonFile(path, file.content, constraintsFileSchema), sha: file.sha };
}

/** matches/<programYear>.json, or null when the year has no matches yet. */
export async function loadMatches(store: RecordsStore, programYear: string): Promise<{ matches: MatchesFile; sha: string } | null> {
  const path = matchesPath(programYear);
  const file = await store.readFile(path);
  if (!file) return null;
  const matches = parseJsonFile(path, file.content, matchesFileSchema);
  if (matches.programYear !== programYear) throw new RecordFileError(`${path} says it is for ${matches.programYear}.`);
  return { matches, sha: file.sha };
}

/** A file in the records repository is not what it should be; the message names it. */
export class RecordFileError extends Error {
  override name = 'RecordFileError';
}

/** Parses a JSON file with a schema; the error names the file and the first problem. */
export function parseJsonFile<T>(
  path: string,
  content: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } },
): T {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new RecordFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new RecordFileError(`${path} is not in the expected shape: ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}
