import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { topicSchema } from '../../src/schemas/topic.ts';
import { linearFit, median, percentile } from './common.ts';
import { generateTopics } from './topicFiles.ts';

describe('benchmark statistics', () => {
  it('takes medians, nearest-rank percentiles and least-squares slopes', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(
      percentile(
        [...Array(100).keys()].map((index) => index + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([5], 50)).toBe(5);
    const { slope, intercept } = linearFit([10, 100, 1000, 5000].map((x) => ({ x, y: 2000 + 3 * x })));
    expect(slope).toBeCloseTo(3, 10);
    expect(intercept).toBeCloseTo(2000, 6);
  });
});

describe('generated topics for the build benchmark', () => {
  it('are valid topics, one per mentoring month, going back across program years', () => {
    const files = generateTopics(40);
    expect(files).toHaveLength(40);
    const months = files.map((file) => /^(\d{4}-\d{2})-/.exec(file.name)![1]!);
    expect(new Set(months).size).toBe(40);
    expect(months[0]).toBe('2027-05');
    for (const file of files) {
      const data = topicSchema.parse(parse(/^---\n([\s\S]*?)\n---/.exec(file.text)![1]!));
      expect(file.name.startsWith(`${data.month}-`)).toBe(true);
      expect(data.example).toBe(false);
    }
    // Nine mentoring months a year (September to May): 40 topics span five program years.
    expect(new Set(files.map((file) => /programYear: "(\d{4}-\d{4})"/.exec(file.text)![1])).size).toBe(5);
  });
});
