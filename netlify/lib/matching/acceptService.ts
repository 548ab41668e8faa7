import { createHash } from 'node:crypto';
import { type MatchesFile, matchesFileSchema, type Pair } from '../../../src/schemas/record.ts';
import type { RecordsStore } from './ports.ts';
import { loadMatches, parseJsonFile } from './applications.ts';
import { matchesPath, proposalsFolder } from './constraints.ts';
import { type ProposalFile, proposalFileSchema } from './proposal.ts';

/**
 * `npm run match -- --accept <proposal>`: turns a proposal the committee approved into
 * matches/<programYear>.json, in one commit. Pairs already in the file are kept as they are; the
 * proposal's new pairs (and newly locked ones) are added as active from today.
 */

/** The proposal cannot be accepted as it is; the message says what to do. */
export class ProposalError extends Error {
  override name = 'ProposalError';
}

export interface AcceptOptions {
  programYear: string;
  /** The proposal's stamp (2026-08-03T140509Z) or its path in the records store (any of its three files). */
  proposal: string;
  /** The day the new pairs start, YYYY-MM-DD (in the program's time zone). */
  today: string;
}

export interface AcceptOutcome {
  path: string;
  /** Pairs added by this acceptance. */
  added: number;
  /** Active pairs in the file after it. */
  active: number;
  /** Every pair of the proposal was already active: nothing was written. */
  alreadyAccepted: boolean;
}

/** Where the proposal's JSON lives, from what the committee typed. */
export function proposalJsonPath(programYear: string, proposal: string): string {
  const folder = proposalsFolder(programYear);
  const trimmed = proposal.trim();
  const stem = trimmed.includes('/') ? trimmed : `${folder}/${trimmed}`;
  const path = `${stem.replace(/\.(md|csv|json)$/, '')}.json`;
  if (!path.startsWith(`${folder}/`) || path.slice(folder.length + 1).includes('/')) {
    throw new ProposalError(`A proposal for ${programYear} lives in ${folder}/; give its name, like 2026-08-03T140509Z.`);
  }
  return path;
}

/** A stable pair id from the two application ids. */
export function pairId(mentor: string, mentee: string): string {
  return `pair-${createHash('sha256').update(`${mentor}|${mentee}`).digest('hex').slice(0, 16)}`;
}

export async function acceptProposal(store: RecordsStore, options: AcceptOptions): Promise<AcceptOutcome> {
  const { programYear, today } = options;
  const path = proposalJsonPath(programYear, options.proposal);
  const file = await store.readFile(path);
  if (!file) throw new ProposalError(`There is no proposal ${path}. List them with: npm run match -- --year ${programYear} --list`);
  const proposal = parseJsonFile(path, file.content, proposalFileSchema);
  if (proposal.programYear !== programYear) throw new ProposalError(`${path} is a proposal for ${proposal.programYear}, not ${programYear}.`);

  const current = await loadMatches(store, programYear);
  if ((current?.sha ?? null) !== proposal.basedOn.matchesSha) {
    const active = new Set(current?.matches.pairs.filter((pair) => pair.status === 'active').map((pair) => `${pair.mentor}|${pair.mentee}`));
    if (proposal.pairs.length > 0 && proposal.pairs.every((pair) => active.has(`${pair.mentor}|${pair.mentee}`))) {
      return { path: matchesPath(programYear), added: 0, active: active.size, alreadyAccepted: true };
    }
    throw new ProposalError(
      `matches/${programYear}.json has changed since proposal ${proposal.stamp} was made. Make a new proposal (npm run match -- --year ${programYear}) and accept that one.`,
    );
  }
  const next = mergeProposal(current?.matches ?? { programYear, pairs: [] }, proposal, today);
  const content = `${JSON.stringify(next.file, null, 2)}\n`;
  await store.writeFile(
    matchesPath(programYear),
    content,
    `Accept matching proposal ${proposal.stamp} for ${programYear}: ${next.added} new pair${next.added === 1 ? '' : 's'}`,
    current?.sha ?? null,
  );
  return { path: matchesPath(programYear), added: next.added, active: next.file.pairs.filter((pair) => pair.status === 'active').length, alreadyAccepted: false };
}

/** The matches file after accepting a proposal: pure, so its rules are tested on their own. */
export function mergeProposal(matches: MatchesFile, proposal: ProposalFile, today: string): { file: MatchesFile; added: number } {
  const pairs: Pair[] = matches.pairs.map((pair) => ({ ...pair }));
  const byIds = new Map(pairs.map((pair) => [`${pair.mentor}|${pair.mentee}`, pair]));
  const ids = new Set(pairs.map((pair) => pair.id));
  let added = 0;
  for (const proposed of proposal.pairs) {
    const existing = byIds.get(`${proposed.mentor}|${proposed.mentee}`);
    if (existing?.status === 'active') continue;
    if (proposed.kept === 'active') {
      throw new ProposalError(`The proposal keeps a pair as active that is no longer active in the matches file. Make a new proposal.`);
    }
    if (existing) {
      // An ended pair the committee locked again: it becomes active again under its own id.
      existing.status = 'active';
      existing.since = today;
    } else {
      let id = pairId(proposed.mentor, proposed.mentee);
      for (let n = 2; ids.has(id); n++) id = `${pairId(proposed.mentor, proposed.mentee)}-${n}`;
      ids.add(id);
      pairs.push({ id, mentor: proposed.mentor, mentee: proposed.mentee, status: 'active', since: today });
    }
    added++;
  }

  // The file's own promises: a mentee in at most one active pair, a mentor within capacity.
  const activeMentees = new Set<string>();
  const activeByMentor = new Map<string, number>();
  for (const pair of pairs.filter((p) => p.status === 'active')) {
    if (activeMentees.has(pair.mentee)) throw new ProposalError(`Accepting would put mentee application ${pair.mentee} in two active pairs. Make a new proposal.`);
    activeMentees.add(pair.mentee);
    activeByMentor.set(pair.mentor, (activeByMentor.get(pair.mentor) ?? 0) + 1);
  }
  for (const mentor of proposal.mentors) {
    const active = activeByMentor.get(mentor.mentor) ?? 0;
    if (active > mentor.capacity) {
      throw new ProposalError(`Accepting would give mentor application ${mentor.mentor} ${active} mentees for ${mentor.capacity} places. Make a new proposal.`);
    }
  }
  return { file: matchesFileSchema.parse({ programYear: matches.programYear, pairs }), added };
}

/** The year's proposals, newest first (their stamps). */
export async function listProposals(store: RecordsStore, programYear: string): Promise<string[]> {
  const folder = proposalsFolder(programYear);
  const stamps = (await store.listFiles(folder)).filter((path) => path.endsWith('.json')).map((path) => path.slice(folder.length + 1, -'.json'.length));
  // Two proposals in the same second are <stamp> and <stamp>-2, -3…: the later counts higher.
  const order = (stamp: string) => {
    const [, base = stamp, n = '1'] = /^(.*?Z)(?:-(\d+))?$/.exec(stamp) ?? [];
    return { base, n: Number(n) };
  };
  return stamps.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x.base === y.base ? y.n - x.n : x.base < y.base ? 1 : -1;
  });
}
