import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import ApplicationStatus from './ApplicationStatus.astro';
import Timeline from './Timeline.astro';

const settings = settingsSchema.parse(settingsInput());

async function render(component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>) {
  const container = await AstroContainer.create();
  return container.renderToString(component, { props });
}

describe('ApplicationStatus', () => {
  it('while open, says until when and links to both application forms', async () => {
    const html = await render(ApplicationStatus, { settings, now: new Date('2027-06-10T12:00:00Z') });
    expect(html).toContain('data-state="open"');
    expect(html).toContain('Applications for 2027-2028 are open until 11:59 p.m. EDT on July 15, 2027.');
    expect(html).toContain('href="/apply/mentee/"');
    expect(html).toContain('href="/apply/mentor/"');
  });

  it('before the window, says when it opens and offers no form links', async () => {
    const html = await render(ApplicationStatus, { settings, now: new Date('2027-05-31T12:00:00Z') });
    expect(html).toContain('data-state="upcoming"');
    expect(html).toContain('open on June 1, 2027, at midnight EDT');
    expect(html).not.toContain('href="/apply/');
    expect(html).toContain(`mailto:${settings.contactEmail}`);
  });

  it('after the window, says when the next call is expected', async () => {
    const html = await render(ApplicationStatus, { settings, now: new Date('2027-07-16T04:00:00Z') });
    expect(html).toContain('data-state="closed"');
    expect(html).toContain('The next call is expected in June 2028.');
  });
});

describe('Timeline', () => {
  it('marks the phase happening now, and only that one', async () => {
    const html = await render(Timeline, { settings, now: new Date('2026-08-10T12:00:00Z') });
    const current = [...html.matchAll(/<li[^>]*aria-current="step"[^>]*>\s*<h3[^>]*>\s*([^<]+)/g)].map((match) => match[1]!.trim());
    expect(current).toEqual(['Matching']);
    expect(html).toContain('Happening now');
    expect(html).toMatch(/<time datetime="2026-08-01"[^>]*>August 1, 2026<\/time>/);
  });
});
