import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import PrivacyNotice from './PrivacyNotice.astro';

async function renderNotice(overrides: Record<string, unknown>, sharedWithPartner: boolean) {
  const settings = settingsSchema.parse({ ...settingsInput(), ...overrides });
  const container = await AstroContainer.create();
  return container.renderToString(PrivacyNotice, { props: { settings, sharedWithPartner } });
}

describe('PrivacyNotice', () => {
  it('states the retention period the committee set', async () => {
    expect(await renderNotice({ recordRetentionMonths: 18 }, false)).toContain('delete it within 18 months after the program ends');
    expect(await renderNotice({ recordRetentionMonths: 1 }, false)).toContain('delete it within 1 month after the program ends');
  });

  it('says the matched partner reads an application, and only then', async () => {
    expect(await renderNotice({}, true)).toContain('and so will the person you are matched with');
    expect(await renderNotice({}, false)).not.toContain('matched with');
  });

  it('names the contact address for access and deletion requests', async () => {
    expect(await renderNotice({ contactEmail: 'privacy@example.org' }, false)).toContain('href="mailto:privacy@example.org"');
  });
});
