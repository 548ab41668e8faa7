import { describe, expect, it } from 'vitest';
import { groupByProgramYear, publishedTopics, type TopicEntry } from './publishedTopics.ts';

function entry(month: string, extra: Partial<TopicEntry['data']> = {}): TopicEntry {
  const firstYear = Number(month.slice(0, 4)) - (Number(month.slice(5)) < 9 ? 1 : 0);
  return {
    id: `${month}-topic`,
    data: {
      title: month,
      month,
      programYear: `${firstYear}-${firstYear + 1}`,
      summary: 'x'.repeat(20),
      questions: ['Why?'],
      resources: [],
      themes: ['reflection'],
      draft: false,
      example: false,
      ...extra,
    },
  };
}

describe('publishedTopics', () => {
  const topics = [entry('2026-09'), entry('2026-10'), entry('2026-11'), entry('2026-12'), entry('2026-10', { draft: true, title: 'draft' })];

  it('hides months still ahead and drafts, newest first', () => {
    expect(publishedTopics(topics, '2026-11').map((topic) => topic.data.title)).toEqual(['2026-11', '2026-10', '2026-09']);
  });

  it('publishes a month on its first day', () => {
    expect(publishedTopics(topics, '2026-12').map((topic) => topic.data.month)[0]).toBe('2026-12');
  });
});

describe('groupByProgramYear', () => {
  it('puts the newest program year first', () => {
    const groups = groupByProgramYear([entry('2025-10'), entry('2026-09'), entry('2026-05'), entry('2026-10')]);
    expect(groups.map((group) => [group.programYear, group.topics.map((topic) => topic.data.month)])).toEqual([
      ['2026-2027', ['2026-10', '2026-09']],
      ['2025-2026', ['2026-05', '2025-10']],
    ]);
  });
});
