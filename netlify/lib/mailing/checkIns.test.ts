import { describe, expect, it } from 'vitest';
import { matchesContent, pairFixture } from '../../../tests/servers/harness/mailingFixtures.ts';
import { TEST_SECRET, testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { checkInPath, checkInSummary, formatSummary, recordCheckIn } from './checkIns.ts';
import { type CheckInAnswer, checkInExpiry, signLink } from './signedLinks.ts';

const YEAR = '2026-2027';

function token(pairId: string, personId: string, role: 'mentor' | 'mentee', answer: CheckInAnswer, month = '2026-10') {
  return signLink({ purpose: 'check-in', programYear: YEAR, month, pairId, personId, role, answer, expiresAt: checkInExpiry(month) }, TEST_SECRET);
}

describe('recording a check-in', () => {
  it('writes one file per person, pair and month; a later answer replaces it, a repeat writes nothing', async () => {
    const fixture = pairFixture(1, 'record');
    const ports = testPorts(fixture.files);
    const first = await recordCheckIn(ports, token('p-0001', fixture.menteeIds[0]!, 'mentee', 'not-yet'), '');
    expect(first).toMatchObject({ kind: 'recorded', path: 'check-ins/2026-2027/2026-10/p-0001-mentee.json', changed: true });
    expect(JSON.parse(ports.records.files.get('check-ins/2026-2027/2026-10/p-0001-mentee.json')!)).toMatchObject({
      answer: 'not-yet',
      personId: fixture.menteeIds[0],
      recordedAt: '2026-10-02T14:00:00.000Z',
    });
    expect(await recordCheckIn(ports, token('p-0001', fixture.menteeIds[0]!, 'mentee', 'not-yet'), null)).toMatchObject({ changed: false });
    await recordCheckIn(ports, token('p-0001', fixture.menteeIds[0]!, 'mentee', 'met'), 'Coffee on Zoom');
    expect(JSON.parse(ports.records.files.get('check-ins/2026-2027/2026-10/p-0001-mentee.json')!)).toMatchObject({ answer: 'met', note: 'Coffee on Zoom' });
    expect(ports.records.writes).toHaveLength(2);
  });

  it('records nothing for an altered, forged or expired token', async () => {
    const fixture = pairFixture(1, 'refuse');
    const ports = testPorts(fixture.files);
    const good = token('p-0001', fixture.mentorIds[0]!, 'mentor', 'met');
    const [version, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = `${version}.${Buffer.from(JSON.stringify({ ...claims, answer: 'need-help' })).toString('base64url')}.${signature}`;
    const forged = signLink({ ...claims, answer: 'need-help' }, 'guessed-secret');
    expect(await recordCheckIn(ports, altered, null)).toEqual({ kind: 'refused', reason: 'forged' });
    expect(await recordCheckIn(ports, forged, null)).toEqual({ kind: 'refused', reason: 'forged' });
    ports.setNow('2026-12-09T00:00:00Z');
    expect(await recordCheckIn(ports, good, null)).toEqual({ kind: 'refused', reason: 'expired' });
    expect(await recordCheckIn(ports, undefined, null)).toEqual({ kind: 'refused', reason: 'malformed' });
    expect(ports.records.writes).toHaveLength(0);
    expect(ports.mailer.sent).toHaveLength(0);
  });

  it('tells the committee about "we need help" by record path, never by name', async () => {
    const fixture = pairFixture(1, 'help');
    const ports = testPorts(fixture.files);
    await recordCheckIn(ports, token('p-0001', fixture.menteeIds[0]!, 'mentee', 'need-help'), 'We cannot find a time.');
    expect(ports.mailer.sent).toHaveLength(1);
    const notice = ports.mailer.sent[0]!;
    expect(notice.to).toEqual(['committee@nasig.example']);
    expect(notice.text).toContain(checkInPath({ programYear: YEAR, month: '2026-10', pairId: 'p-0001', role: 'mentee' }));
    expect(`${notice.subject}${notice.text}${notice.html}`).not.toMatch(/Mentee Person|example\.org|cannot find a time/);
  });
});

describe('the committee summary', () => {
  it('lists pairs with no "we met" this month or last, and every "we need help"', async () => {
    const fixture = pairFixture(4, 'summary');
    fixture.matches.pairs[3]!.since = '2026-10-01'; // too new to have missed two months
    const ports = testPorts({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    ports.setNow('2026-09-20T12:00:00Z');
    await recordCheckIn(ports, token('p-0001', fixture.mentorIds[0]!, 'mentor', 'met', '2026-09'), null);
    await recordCheckIn(ports, token('p-0003', fixture.mentorIds[2]!, 'mentor', 'met', '2026-09'), null);
    ports.setNow('2026-11-05T12:00:00Z');
    await recordCheckIn(ports, token('p-0001', fixture.menteeIds[0]!, 'mentee', 'met', '2026-11'), null);
    await recordCheckIn(ports, token('p-0002', fixture.menteeIds[1]!, 'mentee', 'need-help', '2026-10'), 'No reply since September.');
    await recordCheckIn(ports, token('p-0002', fixture.mentorIds[1]!, 'mentor', 'not-yet', '2026-11'), null);

    const summary = await checkInSummary(ports, YEAR);
    expect(summary.window).toEqual(['2026-10', '2026-11']);
    expect(summary.stalled.map((pair) => [pair.pairId, pair.lastMet])).toEqual([
      ['p-0002', null],
      ['p-0003', '2026-09'],
    ]);
    expect(summary.stalled[0]!.answers).toEqual([
      { month: '2026-10', role: 'mentee', answer: 'need-help' },
      { month: '2026-11', role: 'mentor', answer: 'not-yet' },
    ]);
    expect(summary.needHelp).toHaveLength(1);
    expect(summary.needHelp[0]).toMatchObject({ month: '2026-10', pairId: 'p-0002', role: 'mentee', note: 'No reply since September.', mentee: { name: 'Mentee Person 1' } });
    const text = formatSummary(summary);
    expect(text).toContain('Pairs with no "we met" in October 2026 or November 2026: 2');
    expect(text).toContain('- p-0003: mentor Mentor Person 2 <mentor2@example.org>, mentee Mentee Person 2 <mentee2@example.org>; last "we met": September 2026');
    expect(text).toContain('"We need help" answers: 1');
  });

  it('names no stalled pairs before the program has run two months', async () => {
    const ports = testPorts(pairFixture(2, 'early').files);
    ports.setNow('2026-09-15T12:00:00Z');
    const summary = await checkInSummary(ports, YEAR);
    expect(summary).toMatchObject({ window: ['2026-09'], stalled: [], activePairs: 2 });
  });
});
