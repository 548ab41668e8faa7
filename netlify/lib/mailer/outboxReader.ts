/**
 * Reads the local outbox (the .eml files outboxMailer.ts writes) back, for the committee
 * workspace's "Emails kept on this computer" page: on `npm start` nothing is sent, so this is
 * where a confirmation's link or an introduction can be read without a mail client. Parsed with
 * postal-mime, the independent MIME parser the outbox tests already trust. Local only: the
 * composition root gives the workspace a reader only when the mailer is the outbox.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';

/** Names the outbox mailer writes: `<UTC time>-<key hash>-<index>.eml`; nothing else is read. */
const OUTBOX_FILE = /^\d{8}T\d{9}Z-[0-9a-f]{12}-\d{1,4}\.eml$/;

export interface OutboxEmailSummary {
  /** The file's name, which is also its address in the workspace. */
  name: string;
  /** When it was written (ISO 8601, UTC). */
  date: string;
  to: string[];
  subject: string;
}

export interface OutboxEmail extends OutboxEmailSummary {
  from: string;
  text: string;
}

export interface OutboxReader {
  readonly dir: string;
  /** The newest first, at most `limit` of them. */
  list(limit: number): Promise<{ emails: OutboxEmailSummary[]; total: number }>;
  /** One email by its file name; null for a name the outbox did not write, or one not there. */
  read(name: string): Promise<OutboxEmail | null>;
}

const address = (entry: { address?: string | undefined; name?: string | undefined }) => (entry.name ? `${entry.name} <${entry.address ?? ''}>` : (entry.address ?? ''));

async function parse(dir: string, name: string): Promise<OutboxEmail | null> {
  let raw: string;
  try {
    raw = await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = await PostalMime.parse(raw);
  return {
    name,
    date: parsed.date ? new Date(parsed.date).toISOString() : '',
    from: parsed.from ? address(parsed.from) : '',
    to: (parsed.to ?? []).map(address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
  };
}

export function createOutboxReader(dir: string): OutboxReader {
  return {
    dir,
    async list(limit) {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => OUTBOX_FILE.test(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { emails: [], total: 0 };
        throw error;
      }
      // The names start with the time they were written, so they sort by it.
      const newest = names.sort().reverse().slice(0, limit);
      const emails = (await Promise.all(newest.map((name) => parse(dir, name)))).filter((email) => email !== null);
      return { emails: emails.map(({ name, date, to, subject }) => ({ name, date, to, subject })), total: names.length };
    },
    async read(name) {
      return OUTBOX_FILE.test(name) ? parse(dir, name) : null;
    },
  };
}
