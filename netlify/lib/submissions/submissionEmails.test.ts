import { describe, expect, it } from 'vitest';
import { FORM_DEFINITIONS } from '../../../src/forms/formDefinitions.ts';
import { webOrigin } from '../records/githubRecordsStore.ts';
import { recordLink } from './submissionEmails.ts';

const SITE = 'https://mentoring.example.org';
const ID = '0b6f0c1e-7c2a-4d4e-9f10-2a3b4c5d6e7f';

describe('the link in a committee notice', () => {
  it('opens an evaluation’s file on GitHub when the records are there, and the workspace’s evaluations page otherwise', () => {
    const path = `evaluations/2026-2027/mentee/${ID}.json`;
    const github = (file: string) => `https://github.com/nasig/records/blob/main/${file}`;
    expect(recordLink(FORM_DEFINITIONS['mentee-evaluation'], ID, '2026-2027', path, { siteUrl: SITE, webUrl: github })).toEqual({
      url: `https://github.com/nasig/records/blob/main/${path}`,
      label: 'Open the file on GitHub',
    });
    // The local store (never in production) has no web address: the link stays on the site.
    expect(recordLink(FORM_DEFINITIONS['mentee-evaluation'], ID, '2026-2027', path, { siteUrl: SITE }).url).toBe(`${SITE}/committee/evaluations/`);
    expect(recordLink(FORM_DEFINITIONS.message, ID, '2026-2027', `messages/2026-2027/${ID}.json`, { siteUrl: SITE }).url).toBe(`${SITE}/committee/messages/${ID}/`);
  });

  it('uses GitHub’s web address for the API the records store talks to', () => {
    expect(webOrigin(undefined)).toBe('https://github.com');
    expect(webOrigin('https://api.github.com/')).toBe('https://github.com');
    expect(webOrigin('https://git.example.edu/api/v3')).toBe('https://git.example.edu');
  });
});
