import { describe, expect, it } from 'vitest';
import { matchesFileSchema } from '../../../src/schemas/record.ts';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { runMonthlyMailing } from '../mailing/monthlyTopicService.ts';
import { APPLICATION, settings as matchingSettings } from '../../../tests/support/matchingFixtures.ts';
import { createMemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { createProposal } from '../matching/proposeService.ts';
import { RecordsUnavailableError, type RecordsStore } from '../records/ports.ts';
import { PERSON_EMAIL, personFixture } from '../../../tests/support/personFixture.ts';
import { accessExport, erasePerson, erasureLogSchema, findPersonRecords } from './personRecords.ts';

const NOW = new Date('2026-12-01T15:00:00.000Z');
const ERASURE_ID = '00000000-0000-4000-8000-000000000001';

describe('finding a person’s records', () => {
  it('finds every record about them by email, then by their application ids, and nothing about others', async () => {
    const fixture = personFixture();
    const store = createMemoryRecordsStore(fixture.files);
    const found = (await findPersonRecords(store, '  MENTEE0@example.org '))!;
    expect(found.applicationIds).toEqual([fixture.person, fixture.laterApplication].sort());
    const y = fixture.year;
    expect(found.files.map((file) => `${file.kind} ${file.path}`).sort()).toEqual(
      [
        `application applications/${y}/mentee/${fixture.person}.json`,
        `application applications/${fixture.next}/mentee/${fixture.laterApplication}.json`,
        `evaluation evaluations/${y}/mentee/${fixture.evaluationId}.json`,
        `message messages/${y}/${fixture.messageId}.json`,
        `check-in check-ins/${y}/2026-10/${fixture.pairId}-mentee.json`,
        `preference preferences/${y}/${fixture.person}.json`,
        `review reviews/${y}/${fixture.person}.json`,
        `note notes/${y}/${fixture.messageId}.json`,
        `note notes/${y}/${fixture.pairId}.json`,
        `proposal matching/${y}/proposals/20260801-120000.md`,
        `proposal matching/${y}/proposals/20260801-120000.json`,
      ].sort(),
    );
    expect(found.mentions.map((mention) => `${mention.kind} ${mention.path}`)).toEqual([
      `mailing-ledger mailings/${y}/2026-10-monthly-topic.json`,
      `matches matches/${y}.json`,
      `constraints matching/${y}/constraints.json`,
    ]);
    const exported = JSON.parse(accessExport(found, NOW));
    expect(exported.about).toBe(PERSON_EMAIL);
    expect(exported.records).toHaveLength(11);
    expect(JSON.stringify(exported)).not.toContain('mentor1@example.org');
    expect(JSON.stringify(exported.mentionedIn.find((mention: { kind: string }) => mention.kind === 'mailing-ledger').entries)).not.toContain(fixture.partner);
  });

  it('says there is nobody when no record has the address', async () => {
    const store = createMemoryRecordsStore(personFixture().files);
    expect(await findPersonRecords(store, 'nobody@example.org')).toBeNull();
  });
});

describe('erasing a person', () => {
  it('deletes every record of theirs in one commit, marks their pairs erased, keeps ledgers and everyone else, and logs ids only', async () => {
    const fixture = personFixture();
    const store = createMemoryRecordsStore(fixture.files);
    const before = await store.listFiles('');
    const found = (await findPersonRecords(store, PERSON_EMAIL))!;
    const outcome = await erasePerson(store, { email: PERSON_EMAIL, by: 'jdoe', now: NOW, logYear: fixture.year, newId: () => ERASURE_ID });
    expect(outcome).toEqual({ kind: 'erased', erasureId: ERASURE_ID, files: 11, pairs: 1 });
    expect(store.commits).toHaveLength(1);
    expect(store.commits[0]!.message).toBe(`Erase a person’s records on request (erasure ${ERASURE_ID}): 11 files deleted, 1 pair marked erased`);
    expect(store.commits[0]!.message).not.toMatch(/mentee0|Mentee Person/i);

    const after = await store.listFiles('');
    expect(after).toEqual([...before.filter((path) => !found.files.some((file) => file.path === path)), `erasures/${fixture.year}.json`].sort());
    const everything = [...(await store.readFolder('')).values()].map((file) => file.content).join('\n');
    expect(everything).not.toMatch(/mentee0@example\.org|Mentee Person 0\b/i);

    const matches = matchesFileSchema.parse(JSON.parse((await store.readFile(`matches/${fixture.year}.json`))!.content));
    expect(matches.pairs[0]).toEqual({ ...fixture.pairs.matches.pairs[0], status: 'ended', erased: true });
    expect(matches.pairs.slice(1)).toEqual(fixture.pairs.matches.pairs.slice(1));
    const constraints = JSON.parse((await store.readFile(`matching/${fixture.year}/constraints.json`))!.content);
    expect(constraints.locked).toEqual([]);
    expect(constraints.exclude).toHaveLength(1);
    // Ledgers keep their ids; the partner's own records stay.
    expect((await store.readFile(`mailings/${fixture.year}/2026-10-monthly-topic.json`))!.content).toBe(fixture.files[`mailings/${fixture.year}/2026-10-monthly-topic.json`]);
    expect(await store.readFile(`applications/${fixture.year}/mentor/${fixture.partner}.json`)).not.toBeNull();
    expect(await store.readFile(`check-ins/${fixture.year}/2026-10/${fixture.pairId}-mentor.json`)).not.toBeNull();
    expect(await store.readFile(`matching/${fixture.year}/proposals/20260701-120000.md`)).not.toBeNull();

    const log = erasureLogSchema.parse(JSON.parse((await store.readFile(`erasures/${fixture.year}.json`))!.content));
    expect(log.erasures).toEqual([{ id: ERASURE_ID, people: [fixture.person, fixture.laterApplication], at: NOW.toISOString(), by: 'jdoe', files: 11 }]);
    expect(await findPersonRecords(store, PERSON_EMAIL)).toBeNull();
  });

  it('changes nothing for a person who is not in the records', async () => {
    const store = createMemoryRecordsStore(personFixture().files);
    expect(await erasePerson(store, { email: 'nobody@example.org', by: 'jdoe', now: NOW, logYear: '2026-2027' })).toEqual({ kind: 'not-found' });
    expect(store.commits).toHaveLength(0);
  });

  it('says nothing changed when GitHub fails before the commit lands, and that it did when it landed', async () => {
    const fixture = personFixture();
    const failing = (landFirst: boolean): RecordsStore => {
      const inner = createMemoryRecordsStore(fixture.files);
      return {
        ...inner,
        commit: async (changes, message) => {
          if (landFirst) await inner.commit(changes, message);
          throw new RecordsUnavailableError('GitHub did not answer.');
        },
      };
    };
    const request = { email: PERSON_EMAIL, by: 'jdoe', now: NOW, logYear: fixture.year, newId: () => ERASURE_ID };
    const nothing = failing(false);
    expect(await erasePerson(nothing, request)).toEqual({ kind: 'unavailable', erasureId: ERASURE_ID, changed: false });
    expect(await nothing.listFiles('')).toEqual(Object.keys(fixture.files).sort());
    expect(await erasePerson(failing(true), request)).toEqual({ kind: 'unavailable', erasureId: ERASURE_ID, changed: true });
  });

  it('lets the next mailing and the next proposal run without the erased person', async () => {
    const fixture = personFixture();
    const ports = testPorts();
    const store = createMemoryRecordsStore(fixture.files);
    await erasePerson(store, { email: PERSON_EMAIL, by: 'jdoe', now: NOW, logYear: fixture.year });
    const mailing = await runMonthlyMailing({ ...ports, records: store }, { month: '2026-10' });
    expect(mailing.status).toBe('complete');
    expect(ports.mailer.sent.flatMap((email) => email.to).sort()).toEqual(['mentee1@example.org', 'mentee2@example.org', 'mentor1@example.org', 'mentor2@example.org']);

    const proposal = await createProposal(store, { programYear: fixture.year, settings: matchingSettings(), application: APPLICATION, now: NOW });
    expect(proposal.summary.matched).toBeGreaterThanOrEqual(0);
    const next = await createProposal(store, { programYear: fixture.next, settings: matchingSettings(), application: APPLICATION, now: NOW });
    expect(next.skipped).toEqual([]);
    expect((await store.readFile(next.paths.markdown))!.content).not.toContain('Mentee Person 0');
  });
});
