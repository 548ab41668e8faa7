/**
 * Access and erasure requests: everything the records repository holds about one person, found
 * by their email address and then by the ids of their applications, and erased in ONE commit.
 *
 * Found by email: applications, evaluations and messages (each says the address it came from).
 * Found by the person's application ids: check-ins, preferences, reviews, the committee's notes
 * (on their applications, messages, evaluations and pairs), their pairs in the matches files,
 * the matching constraints that name them, the matching proposals that mention them, and the
 * mailing ledgers' entries (ids only).
 *
 * Erasure deletes their files, ends and marks their pairs `erased` in the matches file, takes
 * them out of the constraints, deletes the proposals that mention them (a proposal can be made
 * again), leaves the ledgers as they are (ids only) and adds an entry to erasures/<year>.json:
 * the erasure's id, the person's application ids, when and by whom. Nothing personal goes into
 * the commit message or the log.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { matchesFileSchema, type MatchesFile } from '../../../src/schemas/record.ts';
import { programYear } from '../../../src/schemas/primitives.ts';
import { constraintsFileSchema } from '../matching/constraints.ts';
import { type FileDelete, type FileWrite, RecordsConflictError, type RecordsStore, RecordsUnavailableError, type StoredFile } from '../records/ports.ts';

/** One file that holds something about the person, and what kind of record it is. */
export interface PersonFile {
  path: string;
  sha: string;
  kind: 'application' | 'evaluation' | 'message' | 'check-in' | 'preference' | 'review' | 'note' | 'proposal';
  /** The file's JSON (or its text when it is not JSON, as proposals in Markdown and CSV are). */
  content: unknown;
}

/** A file the person is named in by id only, with the entries about them (kept on erasure, or edited). */
export interface PersonMention {
  path: string;
  sha: string;
  kind: 'matches' | 'constraints' | 'mailing-ledger';
  /** The entries of that file that name the person. */
  entries: unknown[];
}

export interface PersonRecords {
  /** The address asked about, as written in the records (lower case). */
  email: string;
  /** Their application ids (the person's ids in every other record). */
  applicationIds: string[];
  /** Files that are theirs: deleted on erasure. */
  files: PersonFile[];
  /** Files that name them among others: edited (matches, constraints) or kept (ledgers) on erasure. */
  mentions: PersonMention[];
}

const normalEmail = (email: string) => email.trim().toLowerCase();

/** A loose check, for the form: something@something. */
export const emailInput = z
  .string({ error: 'Enter the person’s email address.' })
  .trim()
  .min(1, 'Enter the person’s email address.')
  .max(320, 'Enter an email address under 320 characters.')
  .pipe(z.email('Enter an email address like name@example.org.'));

const envelope = z.looseObject({ id: z.string(), answers: z.looseObject({ email: z.string().optional() }) });
const byPerson = z.looseObject({ personId: z.string() });
const reviewLike = z.looseObject({ applicationId: z.string() });

function parseJson(file: StoredFile): unknown {
  try {
    return JSON.parse(file.content);
  } catch {
    return undefined;
  }
}

const idOf = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');

/**
 * Everything about the person with this email, or null when no record names them. One bulk read
 * of the whole repository (a constant number of requests on GitHub).
 */
export async function findPersonRecords(store: RecordsStore, emailAsked: string): Promise<PersonRecords | null> {
  const email = normalEmail(emailAsked);
  const all = await store.readFolder('');
  const files: PersonFile[] = [];
  const applicationIds = new Set<string>();
  const recordIds = new Set<string>();

  // By email: what the person sent.
  for (const [path, file] of all) {
    const kind = path.startsWith('applications/') ? 'application' : path.startsWith('evaluations/') ? 'evaluation' : path.startsWith('messages/') ? 'message' : null;
    if (!kind || !path.endsWith('.json')) continue;
    const json = parseJson(file);
    const record = envelope.safeParse(json);
    if (!record.success || typeof record.data.answers.email !== 'string' || normalEmail(record.data.answers.email) !== email) continue;
    files.push({ path, sha: file.sha, kind, content: json });
    recordIds.add(record.data.id);
    if (kind === 'application') applicationIds.add(record.data.id);
  }
  if (files.length === 0) return null;

  // By id: their pairs first (notes may be about a pair).
  const mentions: PersonMention[] = [];
  const pairIds = new Set<string>();
  for (const [path, file] of all) {
    if (!/^matches\/[^/]+\.json$/.test(path)) continue;
    const matches = matchesFileSchema.safeParse(parseJson(file));
    if (!matches.success) continue;
    const theirs = matches.data.pairs.filter((pair) => applicationIds.has(pair.mentor) || applicationIds.has(pair.mentee));
    for (const pair of theirs) pairIds.add(pair.id);
    if (theirs.length > 0) mentions.push({ path, sha: file.sha, kind: 'matches', entries: theirs });
  }

  for (const [path, file] of all) {
    if (!path.endsWith('.json') && !path.startsWith('matching/')) continue;
    if (path.startsWith('check-ins/') || path.startsWith('preferences/')) {
      const json = parseJson(file);
      const record = byPerson.safeParse(json);
      if (record.success && applicationIds.has(record.data.personId))
        files.push({ path, sha: file.sha, kind: path.startsWith('check-ins/') ? 'check-in' : 'preference', content: json });
    } else if (path.startsWith('reviews/')) {
      const json = parseJson(file);
      const record = reviewLike.safeParse(json);
      if (applicationIds.has(idOf(path)) || (record.success && applicationIds.has(record.data.applicationId))) files.push({ path, sha: file.sha, kind: 'review', content: json });
    } else if (path.startsWith('notes/')) {
      const id = idOf(path);
      if (recordIds.has(id) || pairIds.has(id)) files.push({ path, sha: file.sha, kind: 'note', content: parseJson(file) });
    } else if (/^matching\/[^/]+\/constraints\.json$/.test(path)) {
      const constraints = constraintsFileSchema.safeParse(parseJson(file));
      if (!constraints.success) continue;
      const entries = [...constraints.data.locked, ...constraints.data.exclude].filter((entry) => applicationIds.has(entry.mentor) || applicationIds.has(entry.mentee));
      if (entries.length > 0) mentions.push({ path, sha: file.sha, kind: 'constraints', entries });
    } else if (/^matching\/[^/]+\/proposals\//.test(path)) {
      const text = file.content;
      if ([...applicationIds].some((id) => text.includes(id)) || text.toLowerCase().includes(email)) {
        files.push({ path, sha: file.sha, kind: 'proposal', content: parseJson(file) ?? text });
      }
    } else if (/^mailings\/[^/]+\/[^/]+\.json$/.test(path)) {
      const entries = ledgerEntriesAbout(parseJson(file), applicationIds, pairIds);
      if (entries.length > 0) mentions.push({ path, sha: file.sha, kind: 'mailing-ledger', entries });
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  mentions.sort((a, b) => a.path.localeCompare(b.path));
  return { email, applicationIds: [...applicationIds].sort(), files, mentions };
}

/** The ledger entries (batches' recipients and pairs, unmatched notes) that name the person. */
function ledgerEntriesAbout(json: unknown, people: ReadonlySet<string>, pairs: ReadonlySet<string>): unknown[] {
  if (!json || typeof json !== 'object') return [];
  const found: unknown[] = [];
  const visit = (value: unknown, sentAt: unknown) => {
    if (Array.isArray(value)) for (const item of value) visit(item, sentAt);
    else if (value && typeof value === 'object') {
      const entry = value as Record<string, unknown>;
      const at = typeof entry.sentAt === 'string' ? entry.sentAt : sentAt;
      const names = [entry.person, entry.mentor, entry.mentee].some((id) => typeof id === 'string' && people.has(id)) || (typeof entry.pair === 'string' && pairs.has(entry.pair));
      if (names) found.push({ ...entry, ...(at ? { sentAt: at } : {}) });
      else for (const child of Object.values(entry)) if (typeof child === 'object') visit(child, at);
    }
  };
  visit(json, undefined);
  return found;
}

/** The access request's answer: one JSON document, what the records hold, nothing about anyone else's records. */
export function accessExport(records: PersonRecords, generatedAt: Date): string {
  return `${JSON.stringify(
    {
      about: records.email,
      generatedAt: generatedAt.toISOString(),
      applicationIds: records.applicationIds,
      records: records.files.map((file) => ({ kind: file.kind, path: file.path, content: file.content })),
      mentionedIn: records.mentions.map((mention) => ({ kind: mention.kind, path: mention.path, entries: mention.entries })),
    },
    null,
    2,
  )}\n`;
}

/** A short count for pages and logs: "6 records and 2 mentions". */
export function describeCounts(records: PersonRecords): string {
  const files = records.files.length;
  const mentions = records.mentions.length;
  return `${files} record${files === 1 ? '' : 's'}${mentions > 0 ? ` and ${mentions} other file${mentions === 1 ? '' : 's'} naming them by id` : ''}`;
}

export const erasureLogSchema = z.object({
  schemaVersion: z.literal(1),
  programYear,
  /** One entry per erasure: ids, a date, a login; nothing personal. */
  erasures: z.array(
    z.object({
      /** This erasure's own id. */
      id: z.uuid(),
      /** The erased person's application ids (random ids; they reach no record any more). */
      people: z.array(z.string()),
      at: z.iso.datetime(),
      /** The committee member's login. */
      by: z.string(),
      /** How many files were deleted. */
      files: z.number().int().min(0),
    }),
  ),
});
export type ErasureLog = z.infer<typeof erasureLogSchema>;

export const erasureLogPath = (year: string) => `erasures/${programYear.parse(year)}.json`;

export type ErasureOutcome =
  | { kind: 'not-found' }
  | { kind: 'erased'; erasureId: string; files: number; pairs: number }
  /** The records changed while the erasure was being made: nothing was changed; try again. */
  | { kind: 'conflict' }
  /** GitHub failed: `changed` says whether the one commit landed (true), did not (false) or cannot be told yet (null). */
  | { kind: 'unavailable'; erasureId: string; changed: boolean | null };

export interface ErasureRequest {
  email: string;
  /** Who asked for it (the member's login), for the log. */
  by: string;
  now: Date;
  /** The year whose erasure log gets the entry (the year now running). */
  logYear: string;
  /** For the erasure's id; tests pass their own. */
  newId?: () => string;
}

/** Erases everything about the person in one commit (see the file's opening comment). */
export async function erasePerson(store: RecordsStore, request: ErasureRequest): Promise<ErasureOutcome> {
  const records = await findPersonRecords(store, request.email);
  if (!records) return { kind: 'not-found' };
  const erasureId = (request.newId ?? randomUUID)();
  const people = new Set(records.applicationIds);
  const deletes: FileDelete[] = records.files.map((file) => ({ path: file.path, expectedSha: file.sha }));
  const writes: FileWrite[] = [];
  let pairs = 0;
  for (const mention of records.mentions) {
    if (mention.kind === 'mailing-ledger') continue; // ids only: kept as they are
    const file = await store.readFile(mention.path);
    if (!file || file.sha !== mention.sha) return { kind: 'conflict' };
    if (mention.kind === 'matches') {
      const matches: MatchesFile = matchesFileSchema.parse(JSON.parse(file.content));
      for (const pair of matches.pairs) {
        if (!people.has(pair.mentor) && !people.has(pair.mentee)) continue;
        pair.status = 'ended';
        pair.erased = true;
        pairs += 1;
      }
      writes.push({ path: file.path, content: `${JSON.stringify(matches, null, 2)}\n`, expectedSha: file.sha });
    } else {
      const json = JSON.parse(file.content) as Record<string, unknown>;
      const keep = (list: unknown) =>
        Array.isArray(list) ? list.filter((entry: { mentor?: string; mentee?: string }) => !people.has(entry.mentor ?? '') && !people.has(entry.mentee ?? '')) : list;
      writes.push({ path: file.path, content: `${JSON.stringify({ ...json, locked: keep(json.locked), exclude: keep(json.exclude) }, null, 2)}\n`, expectedSha: file.sha });
    }
  }
  const logPath = erasureLogPath(request.logYear);
  const logFile = await store.readFile(logPath);
  const log: ErasureLog = logFile ? erasureLogSchema.parse(JSON.parse(logFile.content)) : { schemaVersion: 1, programYear: request.logYear, erasures: [] };
  log.erasures.push({ id: erasureId, people: [...people], at: request.now.toISOString(), by: request.by, files: deletes.length });
  writes.push({ path: logPath, content: `${JSON.stringify(log, null, 2)}\n`, expectedSha: logFile?.sha ?? null });

  const message = `Erase a person’s records on request (erasure ${erasureId}): ${deletes.length} files deleted, ${pairs} pair${pairs === 1 ? '' : 's'} marked erased`;
  try {
    await store.commit({ writes, deletes }, message);
  } catch (error) {
    if (error instanceof RecordsConflictError) return { kind: 'conflict' };
    if (error instanceof RecordsUnavailableError) return { kind: 'unavailable', erasureId, changed: await erasureLanded(store, logPath, erasureId) };
    throw error;
  }
  return { kind: 'erased', erasureId, files: deletes.length, pairs };
}

/** After a failure: is this erasure in the log (so its one commit landed)? null when the records cannot be read either. */
async function erasureLanded(store: RecordsStore, logPath: string, erasureId: string): Promise<boolean | null> {
  try {
    const file = await store.readFile(logPath);
    if (!file) return false;
    return erasureLogSchema.parse(JSON.parse(file.content)).erasures.some((entry) => entry.id === erasureId);
  } catch {
    return null;
  }
}
