import { describe, expect, it } from 'vitest';
import { contentDir, contentPath } from './contentDir.ts';

describe('the content folder', () => {
  it('is content/ unless CONTENT_DIR names another', () => {
    expect(contentDir({})).toBe('content');
    expect(contentDir({ CONTENT_DIR: '  ' })).toBe('content');
    expect(contentDir({ CONTENT_DIR: 'tests/fixtures/second-association/' })).toBe('tests/fixtures/second-association');
    expect(contentPath('topics', { CONTENT_DIR: 'tests/fixtures/second-association' })).toBe('tests/fixtures/second-association/topics');
    expect(contentPath('settings.yaml', {})).toBe('content/settings.yaml');
  });
});
