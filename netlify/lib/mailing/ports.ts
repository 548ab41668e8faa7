/**
 * What the mailing services need from the world, passed in (never imported): the records store,
 * the mailer, the clock, the settings, the topics, a log, and the few
 * values that go into emails and links. The composition root (netlify/lib/composition.ts)
 * builds them from the environment; tests pass local servers' adapters or fakes.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { zonedDate } from '../../../src/lib/zonedTime.ts';
import type { Mailer, OutgoingEmail } from '../mailer/ports.ts';
import type { RecordsStore } from '../records/ports.ts';
import type { TopicsSource } from './topics.ts';

export interface MailingPorts {
  records: RecordsStore;
  mailer: Mailer;
  settings: Settings;
  topics: TopicsSource;
  now: () => Date;
  /** Ids, paths and counts only: never names, addresses or answers. */
  log: (line: string) => void;
  /** From address of every email. */
  sender: string;
  /** Where committee notices go (COMMITTEE_EMAIL, or the settings' contact address). */
  committeeEmail: string;
  /** Public origin for links in emails, without a trailing slash. */
  siteUrl: string;
  /** Key that signs check-in and preference links. */
  signingSecret: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A notice to the committee: plain sentences, ids and record paths, never personal data. At most
 * one a day for the same words (the idempotency key carries the day and a hash of the text).
 */
export async function notifyCommittee(
  ports: Pick<MailingPorts, 'mailer' | 'sender' | 'committeeEmail' | 'settings' | 'now' | 'log'>,
  subject: string,
  lines: string[],
): Promise<boolean> {
  const text = [...lines, '', ports.settings.organisation.programName].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5">${lines
    .filter((line) => line !== '')
    .map((line) => `<p style="white-space:pre-wrap">${escapeHtml(line)}</p>`)
    .join('')}</body></html>`;
  const email: OutgoingEmail = { from: ports.sender, to: [ports.committeeEmail], subject, text, html };
  const day = zonedDate(ports.now(), ports.settings.timeZone);
  try {
    await ports.mailer.send(email, { idempotencyKey: `committee-notice/${day}/${sha256(`${subject}\n${text}`).slice(0, 32)}` });
    return true;
  } catch (error) {
    ports.log(`mailing: the committee notice "${subject}" could not be sent (${error instanceof Error ? error.name : 'error'}).`);
    return false;
  }
}
