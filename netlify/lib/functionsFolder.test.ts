import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Netlify deploys every file in netlify/functions as a function, so tests and helpers live in
// netlify/lib/ beside the code they exercise.
describe('netlify/functions', () => {
  it('holds only function entries, no tests or helpers', () => {
    const files = readdirSync('netlify/functions');
    expect(files.filter((file) => /\.test\.|\.spec\.|fixture/i.test(file))).toEqual([]);
    expect(files.every((file) => file.endsWith('.ts'))).toBe(true);
  });
});
