import { describe, expect, it } from 'vitest';
import { settingsInput } from '../src/schemas/settings.fixture.ts';
import { settingsSchema } from '../src/schemas/settings.ts';
import { type ExistingTopic, suggestTopicMonth, topicMonthProblems } from './topicMonths.ts';

const settings = settingsSchema.parse(settingsInput());
const topic = (month: string, programYear = '2026-2027'): ExistingTopic => ({ path: `content/topics/${month}-a-topic.md`, month, programYear });
const NOVEMBER_2026 = new Date('2026-11-29T12:00:00Z');

describe('suggestTopicMonth', () => {
  it('suggests the first mentoring month from this month on that has no topic', () => {
    expect(suggestTopicMonth(settings, [topic('2026-09'), topic('2026-11')], NOVEMBER_2026)).toEqual({ month: '2026-12', programYear: '2026-2027' });
  });

  it('moves on to the next program year when this one is full, skipping the summer', () => {
    const full = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05'].map((month) => topic(month));
    expect(suggestTopicMonth(settings, full, NOVEMBER_2026)).toEqual({ month: '2027-09', programYear: '2027-2028' });
  });

  it('counts months in the program’s time zone', () => {
    // 1 December 03:00 UTC is still 30 November in New York.
    expect(suggestTopicMonth(settings, [], new Date('2026-12-01T03:00:00Z'))?.month).toBe('2026-11');
  });
});

describe('topicMonthProblems', () => {
  const existing = [topic('2026-09'), topic('2026-10')];

  it('refuses a month that already has a topic, naming that topic', () => {
    expect(topicMonthProblems({ path: null, month: '2026-10', programYear: '2026-2027' }, settings, existing)).toEqual([
      'Two topics are set for 2026-10: this one and content/topics/2026-10-a-topic.md. Keep one topic per month.',
    ]);
  });

  it('does not count a topic against itself', () => {
    expect(topicMonthProblems({ path: 'content/topics/2026-10-a-topic.md', month: '2026-10', programYear: '2026-2027' }, settings, existing)).toEqual([]);
  });

  it('refuses a month that is not a month, or not in the topic’s program year', () => {
    expect(topicMonthProblems({ path: null, month: '2026-9', programYear: '2026-2027' }, settings, existing)[0]).toMatch(/YYYY-MM/);
    expect(topicMonthProblems({ path: null, month: '2027-07', programYear: '2026-2027' }, settings, existing)).toEqual([
      '2027-07 is not one of the mentoring months of 2026-2027 (2026-09 to 2027-05).',
    ]);
  });

  it('explains that an existing topic keeps the month its file is named for', () => {
    expect(topicMonthProblems({ path: 'content/topics/2026-10-a-topic.md', month: '2026-11', programYear: '2026-2027' }, settings, existing)[0]).toMatch(
      /file is named for 2026-10, so its month cannot change here/,
    );
  });

  it('accepts a free month of the right program year', () => {
    expect(topicMonthProblems({ path: null, month: '2026-11', programYear: '2026-2027' }, settings, existing)).toEqual([]);
  });
});
