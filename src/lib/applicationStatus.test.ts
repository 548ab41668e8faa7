import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { applicationStatus, describeApplicationStatus, isAcceptingApplications } from './applicationStatus.ts';

// Window: 2027-06-01 to 2027-07-15 in America/New_York (EDT, UTC-4, throughout).
const settings = settingsSchema.parse(settingsInput());

describe('applicationStatus', () => {
  it.each([
    { at: '2027-06-01T03:59:59.999Z', state: 'upcoming', why: 'the last instant before it opens (23:59:59.999 EDT on 31 May)' },
    { at: '2027-06-01T04:00:00.000Z', state: 'open', why: 'its first minute (00:00 EDT on 1 June)' },
    { at: '2027-06-01T00:30:00.000Z', state: 'upcoming', why: 'already 1 June in UTC but still 31 May in New York' },
    { at: '2027-07-16T03:59:59.000Z', state: 'open', why: 'its last second (23:59:59 EDT on 15 July), already 16 July in UTC' },
    { at: '2027-07-16T03:30:00.000Z', state: 'open', why: 'near midnight UTC, still 15 July in New York' },
    { at: '2027-07-16T04:00:00.000Z', state: 'closed', why: 'the first instant of 16 July in New York' },
    { at: '2026-11-29T12:00:00.000Z', state: 'upcoming', why: 'the previous winter' },
    { at: '2027-08-20T12:00:00.000Z', state: 'closed', why: 'after the window' },
  ])('is $state at $at: $why', ({ at, state }) => {
    expect(applicationStatus(settings, new Date(at)).state).toBe(state);
    expect(isAcceptingApplications(settings, new Date(at))).toBe(state === 'open');
  });

  it('uses the zone of the settings, not the machine: the same instant differs in Los Angeles', () => {
    const pacific = settingsSchema.parse(settingsInput({ timeZone: 'America/Los_Angeles' }));
    const instant = new Date('2027-06-01T05:00:00.000Z'); // 01:00 EDT, 22:00 PDT on 31 May
    expect(applicationStatus(settings, instant).state).toBe('open');
    expect(applicationStatus(pacific, instant).state).toBe('upcoming');
  });

  it('handles a window that opens in winter time (EST, UTC-5)', () => {
    const winter = settingsSchema.parse(
      settingsInput({ applicationWindow: { opens: '2027-01-10', closes: '2027-03-20' }, programYears: { running: '2026-2027', applications: '2027-2028' } }),
    );
    expect(applicationStatus(winter, new Date('2027-01-10T04:59:59Z')).state).toBe('upcoming');
    expect(applicationStatus(winter, new Date('2027-01-10T05:00:00Z')).state).toBe('open');
    // 14 March 2027 is the switch to EDT; 20 March closes at 23:59:59 EDT = 03:59:59Z on 21 March.
    expect(applicationStatus(winter, new Date('2027-03-21T03:59:59Z')).state).toBe('open');
    expect(applicationStatus(winter, new Date('2027-03-21T04:00:00Z')).state).toBe('closed');
  });

  it.each([
    { at: '2026-11-29T12:00:00Z', text: 'Applications for 2027-2028 open on June 1, 2027, at midnight EDT.' },
    { at: '2027-06-10T12:00:00Z', text: 'Applications for 2027-2028 are open until 11:59 p.m. EDT on July 15, 2027.' },
    { at: '2027-08-20T12:00:00Z', text: 'Applications for 2027-2028 closed on July 15, 2027. The next call is expected in June 2028.' },
    { at: '2028-05-20T12:00:00Z', text: 'Applications for 2027-2028 closed on July 15, 2027. The next call is expected in June 2028.' },
    { at: '2028-06-20T12:00:00Z', text: 'Applications for 2027-2028 closed on July 15, 2027. The next call is expected in June 2029.' },
  ])('says "$text" at $at', ({ at, text }) => {
    expect(describeApplicationStatus(applicationStatus(settings, new Date(at)), settings.timeZone)).toBe(text);
  });
});
