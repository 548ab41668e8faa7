import { describe, expect, it } from 'vitest';
import { decodeEntities, excerptParts, resultsSummary } from './excerpt.ts';

describe('excerptParts', () => {
  it('splits an excerpt into plain and highlighted runs', () => {
    expect(excerptParts('agree on <mark>goals</mark> for the year')).toEqual([
      { text: 'agree on ', highlighted: false },
      { text: 'goals', highlighted: true },
      { text: ' for the year', highlighted: false },
    ]);
  });

  it('decodes entities, so escaped text shows as written and never becomes markup', () => {
    expect(excerptParts('R&amp;D &lt;script&gt;alert(1)&lt;/script&gt; <mark>it&#39;s</mark>')).toEqual([
      { text: 'R&D <script>alert(1)</script> ', highlighted: false },
      { text: "it's", highlighted: true },
    ]);
  });

  it('drops any tag other than mark', () => {
    expect(excerptParts('<b>bold</b> <img src=x onerror=alert(1)><mark>word</mark>')).toEqual([
      { text: 'bold ', highlighted: false },
      { text: 'word', highlighted: true },
    ]);
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hexadecimal entities and leaves unknown ones', () => {
    expect(decodeEntities('&quot;a&quot; &#233; &#xe9; &bogus;')).toBe('"a" é é &bogus;');
  });
});

describe('resultsSummary', () => {
  it('says how many topics were found, and when only some are shown', () => {
    expect(resultsSummary(1, 1, 'goals')).toBe('1 topic found for “goals”.');
    expect(resultsSummary(14, 10, 'library')).toBe('14 topics found for “library”. Showing the first 10.');
  });

  it('suggests what to do when nothing is found', () => {
    expect(resultsSummary(0, 0, 'zzz')).toBe('No topics found for “zzz”. Try another word, or browse by theme.');
  });
});
