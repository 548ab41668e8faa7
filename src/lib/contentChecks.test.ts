import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { type Topic, topicSchema } from '../schemas/topic.ts';
import { assertNoContentProblems, findTopicProblems } from './contentChecks.ts';

const settings = settingsSchema.parse(settingsInput());

function topic(overrides: Partial<Topic> = {}): Topic {
  return topicSchema.parse({
    title: 'Finding your way',
    month: '2026-10',
    programYear: '2026-2027',
    summary: 'How people found their first library jobs and what they would do again.',
    questions: ['What drew you to this work?'],
    themes: ['career-paths'],
    ...overrides,
  });
}

describe('findTopicProblems', () => {
  it('finds nothing wrong with well-formed topics', () => {
    expect(findTopicProblems(settings, [{ filePath: 'content/topics/2026-10-finding-your-way.md', data: topic() }])).toEqual([]);
  });

  it.each([
    {
      name: 'an unknown theme',
      files: [{ filePath: 'content/topics/2026-10-a.md', data: topic({ themes: ['gardening'] }) }],
      expected: { filePath: 'content/topics/2026-10-a.md', field: 'themes', message: expect.stringMatching(/"gardening" is not a theme/) },
    },
    {
      name: 'two topics for one month',
      files: [
        { filePath: 'content/topics/2026-10-a.md', data: topic() },
        { filePath: 'content/topics/2026-10-b.md', data: topic() },
      ],
      expected: {
        filePath: 'content/topics/2026-10-a.md',
        field: 'month',
        message: expect.stringMatching(/Two topics are set for 2026-10: this one and content\/topics\/2026-10-b.md/),
      },
    },
    {
      name: 'a file name whose month differs from the month field',
      files: [{ filePath: 'content/topics/2026-11-a.md', data: topic() }],
      expected: { filePath: 'content/topics/2026-11-a.md', field: 'month', message: expect.stringMatching(/file name says 2026-11 but the month field says 2026-10/) },
    },
    {
      name: 'a file name without a month',
      files: [{ filePath: 'content/topics/finding-your-way.md', data: topic() }],
      expected: { filePath: 'content/topics/finding-your-way.md', field: 'file name', message: expect.stringMatching(/<YYYY-MM>-<slug>\.md/) },
    },
    {
      name: 'a month outside its program year',
      files: [{ filePath: 'content/topics/2026-07-a.md', data: topic({ month: '2026-07' }) }],
      expected: { filePath: 'content/topics/2026-07-a.md', field: 'month', message: expect.stringMatching(/not one of the mentoring months of 2026-2027 \(2026-09 to 2027-05\)/) },
    },
  ])('reports $name by file and field', ({ files, expected }) => {
    expect(findTopicProblems(settings, files)).toContainEqual(expected);
  });

  it('fails the build with every problem listed', () => {
    const problems = findTopicProblems(settings, [{ filePath: 'content/topics/2026-10-a.md', data: topic({ themes: ['gardening', 'knitting'] }) }]);
    expect(() => assertNoContentProblems(problems)).toThrow(/2 problems to fix:\n- content\/topics\/2026-10-a.md → themes: "gardening"[\s\S]*"knitting"/);
  });
});

describe('topic schema', () => {
  it.each([
    { field: 'month', value: '2026-13', message: /YYYY-MM/ },
    { field: 'month', value: 'September 2026', message: /YYYY-MM/ },
    { field: 'programYear', value: '2026-2026', message: /two consecutive years/ },
    { field: 'questions', value: [], message: /at least one discussion question/ },
    { field: 'themes', value: [], message: /at least one theme/ },
    { field: 'resources', value: [{ title: 'A page', url: 'ftp://example.org/x' }], message: /https:\/\// },
    { field: 'title', value: undefined, message: /title/ },
  ])('refuses $field = $value', ({ field, value, message }) => {
    const result = topicSchema.safeParse({ ...topic(), [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
