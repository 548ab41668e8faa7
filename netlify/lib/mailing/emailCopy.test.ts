/**
 * The house rules for every email the kit sends to participants (issue 15): no heading says
 * again what its first line says, and the prose uses typographic apostrophes and quotes.
 */
import { describe, expect, it } from 'vitest';
import { pairFixture } from '../../../tests/servers/harness/mailingFixtures.ts';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { repeatedHeadings, straightQuotes } from '../../../src/lib/copyRules.ts';
import type { OutgoingEmail } from '../mailer/ports.ts';
import { runIntroductions } from './introductionsService.ts';
import { runMonthlyMailing } from './monthlyTopicService.ts';
import { pairEndedEmail } from './pairEndedEmails.ts';

/** Every kind of participant email, as the services send them. */
async function participantEmails(): Promise<OutgoingEmail[]> {
  const introductions = testPorts(pairFixture(1, 'copy-intro').files);
  await runIntroductions(introductions, { programYear: '2026-2027' });
  const monthly = testPorts(pairFixture(1, 'copy-monthly').files);
  await runMonthlyMailing(monthly, { month: '2026-10' });
  const lastMonth = testPorts(pairFixture(1, 'copy-last').files);
  lastMonth.setNow('2027-05-03T14:00:00Z');
  await runMonthlyMailing(lastMonth, { month: '2027-05' });
  const mentor = {
    personId: 'm1',
    role: 'mentor' as const,
    name: 'Mentor Person',
    email: 'mentor@example.org',
    answers: {},
    capacity: 1,
    path: 'applications/2026-2027/mentor/m1.json',
  };
  const mentee = {
    personId: 'e1',
    role: 'mentee' as const,
    name: 'Mentee Person',
    email: 'mentee@example.org',
    answers: {},
    capacity: undefined,
    path: 'applications/2026-2027/mentee/e1.json',
  };
  const context = { settings: introductions.settings, siteUrl: introductions.siteUrl, sender: introductions.sender };
  return [
    ...introductions.mailer.sent,
    ...monthly.mailer.sent,
    ...lastMonth.mailer.sent,
    pairEndedEmail({ mentor, mentee }, 'mentor', context),
    pairEndedEmail({ mentor, mentee }, 'mentee', context),
  ];
}

describe('participant emails', () => {
  it('never repeat a heading in the first line under it', async () => {
    const emails = await participantEmails();
    expect(emails.length).toBeGreaterThanOrEqual(8);
    for (const email of emails) expect(repeatedHeadings(email.html), email.subject).toEqual([]);
    // The text part keeps the heading on its own line, then a sentence that does not ask it again.
    const monthly = emails.find((email) => email.subject.includes(' topic: '))!;
    expect(monthly.text).toMatch(/^How is it going\?\nTell the committee/m);
  });

  it('use typographic apostrophes and quotes in their prose', async () => {
    for (const email of await participantEmails()) {
      expect(straightQuotes(email.text), email.subject).toEqual([]);
      expect(straightQuotes(email.html.replace(/<head>[\s\S]*<\/head>/, '')), email.subject).toEqual([]);
    }
  });
});
