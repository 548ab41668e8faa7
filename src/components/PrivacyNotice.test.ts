import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import PrivacyNotice from './PrivacyNotice.astro';

async function renderNotice(overrides: Record<string, unknown>, application: boolean) {
  const settings = settingsSchema.parse({ ...settingsInput(), ...overrides });
  const container = await AstroContainer.create();
  return container.renderToString(PrivacyNotice, { props: { settings, sharedWithPartner: application, ownLink: application } });
}

/** The notice's words without markup or line breaks, as a person reads them. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('PrivacyNotice', () => {
  it('states the retention period the committee set', async () => {
    expect(words(await renderNotice({ recordRetentionMonths: 18 }, false))).toContain('delete it within 18 months after the program ends');
    expect(words(await renderNotice({ recordRetentionMonths: 1 }, false))).toContain('delete it within 1 month after the program ends');
  });

  it('says the matched partner reads an application, and only then', async () => {
    expect(await renderNotice({}, true)).toContain('and so will the person you are matched with');
    expect(await renderNotice({}, false)).not.toContain('matched with');
  });

  it('tells applicants that the link in their confirmation email lets them see, correct and withdraw their application', async () => {
    const application = words(await renderNotice({}, true));
    expect(application).toContain('Your confirmation email has a link to your application');
    expect(application).toContain('to correct it while applications are open and before you are matched, or to withdraw at any time');
    const other = words(await renderNotice({}, false));
    expect(other).not.toContain('confirmation email has a link');
    expect(other).toContain('For a copy of everything we hold about you, a correction, or to have it all deleted');
  });

  it('names the contact address for access and erasure requests, and the month to answer them', async () => {
    const html = await renderNotice({ contactEmail: 'privacy@example.org' }, true);
    expect(html).toContain('href="mailto:privacy@example.org"');
    expect(words(html)).toContain('For a copy of everything we hold about you, or to have it all deleted, write to privacy@example.org . We answer within a month.');
  });
});
