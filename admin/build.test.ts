import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendFromEnvironment, githubRepoFromUrl, linkedStylesheets, renderAdminPage } from './build.ts';

const ROOT = join(import.meta.dirname, '..');

describe('the /admin page', () => {
  it('carries its options as JSON that cannot end the script element', async () => {
    const html = await renderAdminPage(ROOT, { repo: 'a/b', branch: 'main', previewStyles: ['/x.css'], siteUrl: 'https://example.org/</script><script>alert(1)</script>' });
    const json = /<script id="cms-options" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toMatchObject({ repo: 'a/b', previewStyles: ['/x.css'] });
    expect(html).toContain('<meta name="robots" content="noindex, nofollow" />');
    expect(html).not.toContain('data-pagefind-body');
  });

  it('previews with the stylesheets the built pages link to', () => {
    const html = '<link rel="stylesheet" href="/theme.css" /><link rel="icon" href="/favicon.svg"><link rel=stylesheet href="/_astro/BaseLayout.abc.css">';
    expect(linkedStylesheets(html)).toEqual(['/theme.css', '/_astro/BaseLayout.abc.css']);
  });

  it('finds the site repository in Netlify’s build environment or an override', () => {
    expect(githubRepoFromUrl('https://github.com/example-association/mentoring-site')).toBe('example-association/mentoring-site');
    expect(githubRepoFromUrl('git@github.com:example-association/mentoring-site.git')).toBe('example-association/mentoring-site');
    expect(githubRepoFromUrl('https://gitlab.com/example-association/mentoring-site')).toBeNull();
    const netlify = backendFromEnvironment(
      { REPOSITORY_URL: 'https://github.com/example-association/mentoring-site', SITE_ID: 'abc-123', URL: 'https://mentoring.example-association.org' },
      ROOT,
    );
    expect(netlify).toEqual({
      repo: 'example-association/mentoring-site',
      branch: 'main',
      netlifySite: 'abc-123',
      siteUrl: 'https://mentoring.example-association.org',
      logoUrl: '/media/mentoring-program-mark.svg',
    });
    expect(backendFromEnvironment({ CMS_GITHUB_REPO: 'other/repo', CMS_GITHUB_BRANCH: 'production' }, ROOT)).toMatchObject({ repo: 'other/repo', branch: 'production' });
  });

  it('shows the logo of the content pack the site is built from on the sign-in page', () => {
    expect(backendFromEnvironment({ CMS_GITHUB_REPO: 'a/b', CONTENT_DIR: 'tests/fixtures/second-association' }, ROOT).logoUrl).toBe('/media/srhs-river-mark.svg');
  });
});
