import { describe, expect, it } from 'vitest';
import { startFakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { createGitHubRecordsStore } from '../records/githubRecordsStore.ts';
import { applicationRecord, matchesContent, mentorRecordAnswers, pairFixture, stableUuid } from '../../../tests/servers/harness/mailingFixtures.ts';
import { createMemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { loadMenteeApplications, loadPairs, PairsError } from './pairs.ts';

const YEAR = '2026-2027';

describe('loadPairs on GitHub', () => {
  it('resolves 1,000 pairs with a constant handful of GitHub requests, not one per application', async () => {
    const fixture = pairFixture(1_000, 'bulk');
    const github = await startFakeGitHub({ owner: 'example-association', repo: 'mentoring-records', token: 'pairs-token', files: fixture.files });
    try {
      const store = createGitHubRecordsStore({ repo: 'example-association/mentoring-records', branch: github.branch, token: 'pairs-token', baseUrl: github.url, log: () => {} });
      const pairs = await loadPairs(store, YEAR);
      expect(pairs.active).toHaveLength(1_000);
      expect(pairs.active[999]!.mentee).toMatchObject({ name: 'Mentee Person 999', email: 'mentee999@example.org' });
      // The matches file, then the tarball (302 and download) for the applications and for the reviews (withdrawn people).
      expect(github.state.requests.map((request) => request.kind).sort()).toEqual(['download-archive', 'download-archive', 'get-archive', 'get-archive', 'get-content']);

      const { mentees, skipped } = await loadMenteeApplications(store, YEAR);
      expect(mentees).toHaveLength(1_000);
      expect(skipped).toEqual([]);
      expect(github.state.requests).toHaveLength(9);
    } finally {
      await github.stop();
    }
  });
});

describe('loadPairs', () => {
  it('holds back a pair in which someone has withdrawn, and leaves a withdrawn mentee out of the unmatched list', async () => {
    const fixture = pairFixture(2, 'withdrawn');
    const withdrawnMentee = fixture.matches.pairs[1]!.mentee;
    const review = { schemaVersion: 1, applicationId: withdrawnMentee, role: 'mentee', programYear: YEAR, decision: 'withdrawn', decidedBy: 'the applicant', notes: [] };
    const store = createMemoryRecordsStore({
      ...fixture.files,
      [`matches/${YEAR}.json`]: matchesContent(fixture.matches),
      [`reviews/${YEAR}/${withdrawnMentee}.json`]: JSON.stringify(review),
    });
    const pairs = await loadPairs(store, YEAR);
    expect(pairs.active.map((pair) => pair.id)).toEqual(['p-0001']);
    expect(pairs.withdrawn).toEqual(['p-0002']);
    const { mentees } = await loadMenteeApplications(store, YEAR);
    expect(mentees.map((mentee) => mentee.personId)).not.toContain(withdrawnMentee);
    expect(mentees).toHaveLength(1);
  });

  it('resolves active pairs to names and addresses, and leaves ended pairs out', async () => {
    const fixture = pairFixture(3, 'resolve');
    fixture.matches.pairs[2]!.status = 'ended';
    const store = createMemoryRecordsStore({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    const pairs = await loadPairs(store, YEAR);
    expect(pairs.active.map((pair) => pair.id)).toEqual(['p-0001', 'p-0002']);
    expect(pairs.active[0]!.mentor).toMatchObject({ name: 'Mentor Person 0', email: 'mentor0@example.org', role: 'mentor', capacity: 1 });
    expect(pairs.active[0]!.mentee).toMatchObject({ name: 'Mentee Person 0', email: 'mentee0@example.org', role: 'mentee' });
    expect(pairs.all).toHaveLength(3);
    expect(pairs.matchesSha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('answers no pairs when the year has no matches file', async () => {
    expect(await loadPairs(createMemoryRecordsStore(), YEAR)).toMatchObject({ active: [], matchesSha: null });
  });

  it('stops on an unknown application, naming it by id only', async () => {
    const fixture = pairFixture(2, 'unknown');
    const ghost = stableUuid('ghost');
    fixture.matches.pairs[1]!.mentee = ghost;
    const store = createMemoryRecordsStore({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    const error = await loadPairs(store, YEAR).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PairsError);
    expect((error as PairsError).problems).toEqual([`there is no mentee application ${ghost} (applications/${YEAR}/mentee/${ghost}.json)`]);
    expect((error as PairsError).message).not.toContain('Mentee Person');
  });

  it('stops on a mentee in two active pairs', async () => {
    const fixture = pairFixture(2, 'twice');
    fixture.matches.pairs[1]!.mentee = fixture.menteeIds[0]!;
    const store = createMemoryRecordsStore({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    await expect(loadPairs(store, YEAR)).rejects.toThrow(/mentee .* is in 2 active pairs \(p-0001, p-0002\)/);
  });

  it('stops on a mentor in more active pairs than they offered to take', async () => {
    const fixture = pairFixture(3, 'capacity');
    fixture.matches.pairs[1]!.mentor = fixture.mentorIds[0]!;
    const store = createMemoryRecordsStore({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    await expect(loadPairs(store, YEAR)).rejects.toThrow(/mentor .* is in 2 active pairs \(p-0001, p-0002\) but offered to take 1/);
    // Within capacity is fine.
    const roomy = applicationRecord('mentor', fixture.mentorIds[0]!, mentorRecordAnswers(0, { capacity: 2 }));
    store.files.set(roomy.path, roomy.content);
    expect((await loadPairs(store, YEAR)).active).toHaveLength(3);
  });

  it('does not count ended pairs against a mentee or a mentor', async () => {
    const fixture = pairFixture(2, 'rematch');
    fixture.matches.pairs[0]!.status = 'ended';
    fixture.matches.pairs.push({ id: 'p-0003', mentor: fixture.mentorIds[0]!, mentee: fixture.menteeIds[0]!, status: 'ended', since: '2026-08-20' });
    fixture.matches.pairs.push({ id: 'p-0004', mentor: fixture.mentorIds[0]!, mentee: fixture.menteeIds[0]!, status: 'active', since: '2026-10-01' });
    const store = createMemoryRecordsStore({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    expect((await loadPairs(store, YEAR)).active.map((pair) => pair.id)).toEqual(['p-0002', 'p-0004']);
  });

  it('reports a matches file that is not in the expected shape', async () => {
    const store = createMemoryRecordsStore({ [`matches/${YEAR}.json`]: '{"programYear":"2026-2027","pairs":[{"id":"p 1"}]}' });
    await expect(loadPairs(store, YEAR)).rejects.toThrow(PairsError);
  });
});
