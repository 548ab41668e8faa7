import { describe, expect, it } from 'vitest';
import { publishableTopic } from '../../../tests/servers/harness/mailingFixtures.ts';
import { chooseTopic, createFileTopicsSource, parseTopicFile } from './topics.ts';

describe('topics at run time', () => {
  it('reads the shipped topic files with the topic schema, all of them examples', async () => {
    const listing = await createFileTopicsSource().list();
    expect(listing.problems).toEqual([]);
    expect(listing.topics.length).toBeGreaterThanOrEqual(9);
    expect(listing.topics.every((entry) => entry.topic.example)).toBe(true);
    const october = listing.topics.find((entry) => entry.topic.month === '2026-10')!;
    expect(october.id).toBe('2026-10-career-paths-in-technical-services');
    expect(october.body).toContain('Much of what makes a library work');
  });

  it('never chooses an example topic, unless the local demo allows it', async () => {
    const listing = await createFileTopicsSource().list();
    const choice = chooseTopic(listing, '2026-10');
    expect(choice.kind).toBe('none');
    expect(choice.kind === 'none' && choice.reason).toContain('an example topic');
    expect(chooseTopic(listing, '2026-10', { allowExampleTopics: true })).toMatchObject({ kind: 'topic', topic: { id: '2026-10-career-paths-in-technical-services' } });
  });

  it('never chooses a draft, even in the demo', () => {
    const draft = publishableTopic('2026-10', { draft: true });
    expect(chooseTopic({ topics: [draft], problems: [] }, '2026-10', { allowExampleTopics: true })).toMatchObject({ kind: 'none' });
  });

  it('refuses two publishable topics for one month, and says when there is none', () => {
    const one = publishableTopic('2026-10');
    const two = { ...publishableTopic('2026-10'), id: '2026-10-another' };
    expect(chooseTopic({ topics: [one, two], problems: [] }, '2026-10')).toMatchObject({ kind: 'none' });
    expect(chooseTopic({ topics: [one], problems: [] }, '2026-11')).toEqual({ kind: 'none', reason: 'There is no topic for 2026-11 yet.' });
    expect(chooseTopic({ topics: [one], problems: [] }, '2026-10')).toEqual({ kind: 'topic', topic: one });
  });

  it('reports a file whose front matter does not validate', () => {
    expect(parseTopicFile('2026-10-x.md', '---\ntitle: Hi\n---\nBody')).toMatch(/^title|month|summary/);
    expect(parseTopicFile('notes.md', '---\n---\n')).toBe('the file name is not <YYYY-MM>-<slug>.md');
    expect(parseTopicFile('2026-10-x.md', 'no front matter')).toBe('it has no front matter between --- lines');
  });
});
