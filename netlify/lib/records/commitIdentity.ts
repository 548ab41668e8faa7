/**
 * The neutral identity both adapters commit records as, so the history shows the site wrote a
 * record rather than whoever owns the token. The address is deliberately undeliverable
 * (.invalid is reserved, RFC 2606).
 */
export const recordsCommitIdentity = {
  name: 'Mentoring site bot',
  email: 'mentoring-site-bot@records.invalid',
} as const;
