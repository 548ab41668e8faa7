import { describe, expect, it } from 'vitest';
import { LOCAL_SIGNING_SECRET, MissingConfigurationError, parseEnvironment, REQUIRED_IN_PRODUCTION } from './environment.ts';

const PRODUCTION = {
  SITE_URL: 'https://mentoring.example.org/',
  RECORDS_REPO: 'nasig/records',
  GITHUB_TOKEN: 't',
  RESEND_API_KEY: 're_key',
  MAIL_FROM: 'NASIG Mentoring <mentoring@example.org>',
  LINK_SIGNING_SECRET: 'signing-secret',
};

describe('parseEnvironment', () => {
  it('applies the local defaults when nothing is set', () => {
    expect(parseEnvironment({}, { production: false })).toMatchObject({
      production: false,
      siteUrl: 'http://localhost:4321',
      records: { kind: 'local', dir: '.data/records' },
      mail: { kind: 'outbox', dir: '.data/outbox' },
      linkSigningSecret: LOCAL_SIGNING_SECRET,
      mailerSecret: undefined,
      committeeEmail: undefined,
    });
  });

  it('reads a full production environment, without the trailing slash of SITE_URL', () => {
    expect(parseEnvironment(PRODUCTION, { production: true })).toMatchObject({
      siteUrl: 'https://mentoring.example.org',
      records: { kind: 'github', repo: 'nasig/records', token: 't', branch: 'main', apiUrl: 'https://api.github.com' },
      mail: { kind: 'resend', apiKey: 're_key' },
      sender: PRODUCTION.MAIL_FROM,
      linkSigningSecret: 'signing-secret',
    });
  });

  it('names every required variable a production deploy lacks, in one error', () => {
    expect(() => parseEnvironment({}, { production: true })).toThrow(MissingConfigurationError);
    expect(() => parseEnvironment({}, { production: true })).toThrow(`${REQUIRED_IN_PRODUCTION.slice(0, -1).join(', ')} and ${REQUIRED_IN_PRODUCTION.at(-1)} are not set`);
    expect(() => parseEnvironment({ ...PRODUCTION, LINK_SIGNING_SECRET: ' ' }, { production: true })).toThrow(/^LINK_SIGNING_SECRET is not set in this production deploy/);
  });

  it('ignores SITE_NOW in production only', () => {
    expect(parseEnvironment({ SITE_NOW: '2026-10-01' }, { production: false }).siteNow).toBe('2026-10-01');
    expect(parseEnvironment({ ...PRODUCTION, SITE_NOW: '2026-10-01' }, { production: true }).siteNow).toBeUndefined();
  });
});
