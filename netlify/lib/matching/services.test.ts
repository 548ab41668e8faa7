import { describe, expect, it } from 'vitest';
import { type RecordEnvelope, matchesFileSchema, recordPath } from '../../../src/schemas/record.ts';
import { acceptProposal, listProposals, mergeProposal, proposalJsonPath } from './acceptService.ts';
import { constraintsPath, matchesPath } from './constraints.ts';
import { checkExportFolder, exportApplications, APPLICATION_CSV_COLUMNS } from './exportService.ts';
import { APPLICATION, mentee, mentor, settings, testId } from '../../../tests/support/matchingFixtures.ts';
import { createMemoryRecordsStore, type MemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { proposalFileSchema } from './proposal.ts';
import { createProposal } from './proposeService.ts';
import type { MenteeCandidate, MentorCandidate } from './people.ts';

const YEAR = '2026-2027';
const NOW = new Date('2026-08-03T14:05:09.123Z');

function envelope(role: 'mentor' | 'mentee', candidate: MentorCandidate | MenteeCandidate, submittedAt = '2026-06-10T12:00:00Z'): RecordEnvelope {
  return { schemaVersion: 1, id: candidate.id, type: 'application', role, programYear: YEAR, submittedAt, answers: candidate.answers };
}

function storeWith(mentors: MentorCandidate[], mentees: MenteeCandidate[], extra: Record<string, string> = {}): MemoryRecordsStore {
  const files: Record<string, string> = { ...extra };
  for (const record of [...mentors.map((m) => envelope('mentor', m)), ...mentees.map((e) => envelope('mentee', e))]) {
    files[recordPath(record)] = JSON.stringify(record);
  }
  return createMemoryRecordsStore(files);
}

describe('createProposal', () => {
  it('leaves out the applications the committee marked not eligible or withdrawn', async () => {
    const store = storeWith([mentor(1, { capacity: 3 })], [mentee(1), mentee(2), mentee(3)]);
    const review = (id: string, decision: string) => ({
      path: `reviews/${YEAR}/${id}.json`,
      content: JSON.stringify({ schemaVersion: 1, applicationId: id, role: 'mentee', programYear: YEAR, decision, notes: [] }),
    });
    await store.createFiles([review(testId('mentee', 1), 'not-eligible'), review(testId('mentee', 2), 'withdrawn'), review(testId('mentee', 3), 'eligible')], 'Reviews');
    const outcome = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    const proposal = proposalFileSchema.parse(JSON.parse((await store.readFile(outcome.paths.json))!.content));
    expect(proposal.pairs.map((pair) => pair.mentee)).toEqual([testId('mentee', 3)]);
    expect(proposal.unmatched).toEqual([]);
    expect(proposal.warnings).toContain('2 applications were left out because the committee marked them not eligible or withdrawn.');
  });

  it('drops a lock when one of its two has withdrawn, and says so', async () => {
    const locks = JSON.stringify({ locked: [{ mentor: testId('mentor', 1), mentee: testId('mentee', 1) }], exclude: [] });
    const store = storeWith([mentor(1, { capacity: 3 })], [mentee(1), mentee(2)], { [constraintsPath(YEAR)]: locks });
    await store.createFiles(
      [
        {
          path: `reviews/${YEAR}/${testId('mentee', 1)}.json`,
          content: JSON.stringify({ schemaVersion: 1, applicationId: testId('mentee', 1), role: 'mentee', programYear: YEAR, decision: 'withdrawn', notes: [] }),
        },
      ],
      'Withdrawn',
    );
    const outcome = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    const proposal = proposalFileSchema.parse(JSON.parse((await store.readFile(outcome.paths.json))!.content));
    expect(proposal.pairs.map((pair) => pair.mentee)).toEqual([testId('mentee', 2)]);
    expect(proposal.warnings).toContain('1 locked pair was not kept because one of the two has withdrawn; unlock it in Matching.');
  });

  it('writes the report, the CSV and the JSON under matching/<year>/proposals/', async () => {
    const store = storeWith([mentor(1, { capacity: 2 })], [mentee(1), mentee(2), mentee(3, { interests: ['metadata'] })]);
    const outcome = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });

    expect(outcome.stamp).toBe('2026-08-03T140509Z');
    expect(outcome.paths).toEqual({
      markdown: 'matching/2026-2027/proposals/2026-08-03T140509Z.md',
      csv: 'matching/2026-2027/proposals/2026-08-03T140509Z.csv',
      json: 'matching/2026-2027/proposals/2026-08-03T140509Z.json',
    });
    expect(outcome.summary).toMatchObject({ mentors: 1, mentees: 3, matched: 2, unmatched: 1 });
    // One commit holds the three files, so a proposal is never half-written.
    expect(store.commits.map((commit) => commit.paths)).toEqual([[outcome.paths.markdown, outcome.paths.csv, outcome.paths.json]]);

    const proposal = proposalFileSchema.parse(JSON.parse((await store.readFile(outcome.paths.json))!.content));
    expect(proposal.basedOn).toEqual({ matchesSha: null, constraintsSha: null, mentorApplications: 1, menteeApplications: 3 });
    const markdown = (await store.readFile(outcome.paths.markdown))!.content;
    expect(markdown).toContain('# Matching proposal for 2026-2027');
    expect(markdown).toContain('npm run match -- --year 2026-2027 --accept 2026-08-03T140509Z');
    expect(markdown).toContain('| Mentee 3 | yes | No compatible mentor: no mentor fits this mentee.');
    const csv = (await store.readFile(outcome.paths.csv))!.content.split('\r\n');
    expect(csv[0]).toBe('status,mentee_name,mentee_id,priority,mentor_name,mentor_id,fit,shared_areas,reason');
    expect(csv.filter((line) => line.startsWith('proposed,'))).toHaveLength(2);
    expect(csv.filter((line) => line.startsWith('unmatched,Mentee 3,'))).toHaveLength(1);
  });

  it('uses constraints.json, counts only the latest application of a person, and reports unusable files by path', async () => {
    const store = storeWith([mentor(1), mentor(2)], [mentee(1)], {
      [constraintsPath(YEAR)]: JSON.stringify({ locked: [], exclude: [{ mentor: testId('mentor', 1), mentee: testId('mentee', 1), reason: 'know each other' }] }),
      'applications/2026-2027/mentee/20000000-0000-4000-8000-0000000000ff.json': '{ not json',
    });
    // Mentee 1 applies again with a new id: the later application counts.
    const again = { ...mentee(1, { interests: ['cataloging', 'metadata'] }), id: testId('mentee', 2) };
    await store.createFile(recordPath(envelope('mentee', again)), JSON.stringify(envelope('mentee', again, '2026-06-20T12:00:00Z')), 'Add mentee application');

    const outcome = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    const proposal = proposalFileSchema.parse(JSON.parse((await store.readFile(outcome.paths.json))!.content));
    expect(proposal.pairs.map((pair) => [pair.mentor, pair.mentee])).toEqual([[testId('mentor', 2), testId('mentee', 2)]]);
    expect(outcome.superseded).toBe(1);
    expect(outcome.skipped).toEqual([{ path: 'applications/2026-2027/mentee/20000000-0000-4000-8000-0000000000ff.json', problem: 'not valid JSON' }]);
    expect(proposal.basedOn.constraintsSha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('gives a second run in the same second its own name', async () => {
    const store = storeWith([mentor(1)], [mentee(1)]);
    const first = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    const second = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    expect([first.stamp, second.stamp]).toEqual(['2026-08-03T140509Z', '2026-08-03T140509Z-2']);
    expect(await listProposals(store, YEAR)).toEqual(['2026-08-03T140509Z-2', '2026-08-03T140509Z']);
  });
});

describe('acceptProposal', () => {
  it('writes a valid matches file in one commit', async () => {
    const store = storeWith([mentor(1, { capacity: 2 })], [mentee(1), mentee(2)]);
    const { stamp } = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    const commitsBefore = store.commits.length;

    const outcome = await acceptProposal(store, { programYear: YEAR, proposal: stamp, today: '2026-08-04' });

    expect(outcome).toEqual({ path: 'matches/2026-2027.json', added: 2, active: 2, alreadyAccepted: false });
    expect(store.commits.slice(commitsBefore)).toEqual([{ path: 'matches/2026-2027.json', message: `Accept matching proposal ${stamp} for 2026-2027: 2 new pairs` }]);
    const matches = matchesFileSchema.parse(JSON.parse((await store.readFile(matchesPath(YEAR)))!.content));
    expect(matches.programYear).toBe(YEAR);
    expect(matches.pairs.map(({ mentor: m, mentee: e, status, since }) => ({ m, e, status, since }))).toEqual([
      { m: testId('mentor', 1), e: testId('mentee', 1), status: 'active', since: '2026-08-04' },
      { m: testId('mentor', 1), e: testId('mentee', 2), status: 'active', since: '2026-08-04' },
    ]);
    expect(new Set(matches.pairs.map((pair) => pair.id)).size).toBe(2);
  });

  it('accepts a proposal named by any of its three paths', () => {
    for (const given of ['2026-08-03T140509Z', 'matching/2026-2027/proposals/2026-08-03T140509Z.md', 'matching/2026-2027/proposals/2026-08-03T140509Z.csv']) {
      expect(proposalJsonPath(YEAR, given)).toBe('matching/2026-2027/proposals/2026-08-03T140509Z.json');
    }
    expect(() => proposalJsonPath(YEAR, 'matching/2025-2026/proposals/x.json')).toThrow(/lives in matching\/2026-2027\/proposals/);
    expect(() => proposalJsonPath(YEAR, '../matches/2026-2027')).toThrow(/lives in/);
  });

  it('says so when the proposal does not exist', async () => {
    const store = storeWith([], []);
    await expect(acceptProposal(store, { programYear: YEAR, proposal: '2026-01-01T000000Z', today: '2026-08-04' })).rejects.toThrow(/There is no proposal/);
  });

  it('refuses a proposal made before the matches file changed, and writes nothing', async () => {
    const store = storeWith([mentor(1), mentor(2)], [mentee(1), mentee(2)]);
    const { stamp } = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    await store.writeFile(
      matchesPath(YEAR),
      JSON.stringify({ programYear: YEAR, pairs: [{ id: 'p-1', mentor: testId('mentor', 1), mentee: testId('mentee', 2), status: 'active', since: '2026-08-01' }] }),
      'Pair by hand',
      null,
    );
    const commits = store.commits.length;
    await expect(acceptProposal(store, { programYear: YEAR, proposal: stamp, today: '2026-08-04' })).rejects.toThrow(/has changed since proposal/);
    expect(store.commits.length).toBe(commits);
  });

  it('does nothing the second time the same proposal is accepted', async () => {
    const store = storeWith([mentor(1)], [mentee(1)]);
    const { stamp } = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    await acceptProposal(store, { programYear: YEAR, proposal: stamp, today: '2026-08-04' });
    const commits = store.commits.length;
    expect(await acceptProposal(store, { programYear: YEAR, proposal: stamp, today: '2026-08-05' })).toMatchObject({ added: 0, alreadyAccepted: true });
    expect(store.commits.length).toBe(commits);
  });

  it('a rematch keeps the active pairs, never repeats an ended one, and adds only the new pairs', async () => {
    const store = storeWith([mentor(1, { capacity: 2 }), mentor(2)], [mentee(1), mentee(2), mentee(3)], {
      [matchesPath(YEAR)]: JSON.stringify({
        programYear: YEAR,
        pairs: [
          { id: 'p-1', mentor: testId('mentor', 1), mentee: testId('mentee', 1), status: 'active', since: '2026-08-01' },
          { id: 'p-2', mentor: testId('mentor', 2), mentee: testId('mentee', 2), status: 'ended', since: '2026-08-01' },
        ],
      }),
    });
    const { stamp, summary } = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    expect(summary).toMatchObject({ matched: 3, kept: 1, unmatched: 0 });
    await acceptProposal(store, { programYear: YEAR, proposal: stamp, today: '2026-10-02' });

    const matches = matchesFileSchema.parse(JSON.parse((await store.readFile(matchesPath(YEAR)))!.content));
    const described = matches.pairs.map(
      (pair) =>
        `${pair.id.startsWith('pair-') ? 'new' : pair.id} ${pair.mentor.slice(0, 1)}${Number.parseInt(pair.mentor.slice(-2), 16)}-${Number.parseInt(pair.mentee.slice(-2), 16)} ${pair.status} ${pair.since}`,
    );
    expect(described).toEqual(['p-1 11-1 active 2026-08-01', 'p-2 12-2 ended 2026-08-01', 'new 11-2 active 2026-10-02', 'new 12-3 active 2026-10-02']);
  });

  it('mergeProposal refuses a result that would break the matches file promises', async () => {
    const store = storeWith([mentor(1)], [mentee(1)]);
    const { paths } = await createProposal(store, { programYear: YEAR, settings: settings(), application: APPLICATION, now: NOW });
    const proposal = proposalFileSchema.parse(JSON.parse((await store.readFile(paths.json))!.content));
    const busy = { programYear: YEAR, pairs: [{ id: 'p-9', mentor: testId('mentor', 9), mentee: testId('mentee', 1), status: 'active' as const, since: '2026-08-01' }] };
    expect(() => mergeProposal(busy, proposal, '2026-08-04')).toThrow(/two active pairs/);
  });
});

describe('exportApplications', () => {
  it('writes one CSV per role with the documented columns, safe against formulas', async () => {
    const store = storeWith([mentor(1, { name: '=HYPERLINK("http://evil.example","click")', capacity: 2 })], [mentee(1, { goals: '+ I want to learn about cataloging, truly.' })], {
      [matchesPath(YEAR)]: JSON.stringify({
        programYear: YEAR,
        pairs: [{ id: 'p-1', mentor: testId('mentor', 1), mentee: testId('mentee', 1), status: 'active', since: '2026-08-01' }],
      }),
    });
    const { files } = await exportApplications(store, YEAR, { application: APPLICATION });
    expect(files.map((file) => [file.fileName, file.rows])).toEqual([
      ['2026-2027-mentors.csv', 1],
      ['2026-2027-mentees.csv', 1],
    ]);
    const [mentors, mentees] = files.map((file) => file.content.replace(/^\uFEFF/, '').split('\r\n'));
    expect(mentors![0]).toBe(APPLICATION_CSV_COLUMNS.mentor.join(','));
    expect(mentees![0]).toBe(APPLICATION_CSV_COLUMNS.mentee.join(','));
    expect(mentors![1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(mentors![1]).toMatch(/,Cataloging,2,Mentee 1$/);
    expect(mentees![1]).toContain(`"'+ I want to learn about cataloging, truly."`);
    expect(mentees![1]).toMatch(/,yes,"'=HYPERLINK/);
  });

  it('refuses to write into the site folders', () => {
    const root = '/work/project';
    expect(checkExportFolder('.data/exports', root)).toBe('/work/project/.data/exports');
    expect(checkExportFolder('/tmp/committee', root)).toBe('/tmp/committee');
    for (const folder of ['public', 'public/exports', 'dist/x', 'src', './content/data', '.']) {
      expect(() => checkExportFolder(folder, root)).toThrow(/must not go into|not the project folder/);
    }
  });
});
