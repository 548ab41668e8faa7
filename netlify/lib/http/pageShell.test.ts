import { describe, expect, it } from 'vitest';
import { linkDevStylesheets } from './pageShell.ts';

describe('the page shell from the dev server', () => {
  it('links the stylesheets the dev server inlines, which the functions’ CSP would block', () => {
    const shell = [
      '<link rel="stylesheet" href="/theme.css">',
      '<style type="text/css" data-vite-dev-id="/site/src/styles/global.css">:root{--page:#fff}</style>',
      '<style data-vite-dev-id="/site/src/components/Timeline.astro?astro&type=style&index=0&lang.css">.timeline{}</style>',
      '<style data-vite-dev-id="/elsewhere/other.css">a{}</style>',
    ].join('\n');
    const linked = linkDevStylesheets(shell, '/site');
    expect(linked).toContain('<link rel="stylesheet" href="/src/styles/global.css?direct">');
    expect(linked).toContain('<link rel="stylesheet" href="/src/components/Timeline.astro?astro&amp;type=style&amp;index=0&amp;lang.css&amp;direct">');
    expect(linked).not.toContain(':root{--page:#fff}');
    // Outside the project the dev server would not serve it: left as it was.
    expect(linked).toContain('<style data-vite-dev-id="/elsewhere/other.css">a{}</style>');
  });
});
