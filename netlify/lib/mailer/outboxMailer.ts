/**
 * The local default mailer: every email becomes one `.eml` file in the outbox folder
 * (MAIL_OUTBOX_DIR, default .data/outbox), which opens in any mail client and reads in a text
 * editor. File names sort by time: `<UTC time>-<key hash>-<index>.eml`.
 *
 * Idempotent like Resend: a small marker per idempotency key (`.sent/<sha256 of the key>.json`)
 * records the files written for it, so a re-send with the same key writes nothing and returns
 * the same ids, and the same key with a different email is refused. It applies the same checks
 * as the Resend adapter (checkEmail.ts), so what fails in production fails here first.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkBatch, checkEmail, checkIdempotencyKey } from './checkEmail.ts';
import { formatEml } from './formatEml.ts';
import { MailerError, type Mailer, type OutgoingEmail } from './ports.ts';

export interface OutboxMailerOptions {
  /** Folder the .eml files go to; created when missing. */
  dir: string;
  /** Clock for the Date header and file names. */
  now?: () => Date;
  /** Paths and counts only. Default: console.info. */
  log?: (message: string) => void;
}

interface SentMarker {
  /** sha256 of the emails written for the key, to tell a replay from a reuse of the key. */
  fingerprint: string;
  files: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `2026-11-29T10:15:00.123Z` → `20261129T101500123Z`: sortable and safe in any file system. */
function compactTime(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

async function readMarker(path: string): Promise<SentMarker | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SentMarker;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function createOutboxMailer(options: OutboxMailerOptions): Mailer {
  const { dir } = options;
  const markerDir = join(dir, '.sent');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.info(message));
  /** Writes run one at a time, so two calls with one key in this process cannot both write. */
  let lane: Promise<unknown> = Promise.resolve();

  function replay(marker: SentMarker, fingerprint: string): string[] {
    if (marker.fingerprint !== fingerprint) {
      throw new MailerError('This idempotency key was already used for a different email; the outbox keeps the first one.', false, 409);
    }
    log(`mail: outbox already holds ${marker.files.length} email(s) for this idempotency key; nothing written.`);
    return marker.files;
  }

  async function writeOnce(operation: 'send' | 'batch', emails: OutgoingEmail[], idempotencyKey: string): Promise<string[]> {
    const keyHash = sha256(idempotencyKey);
    // Like Resend, a key used for one email cannot be replayed as a batch, nor the reverse.
    const fingerprint = sha256(`${operation}\n${JSON.stringify(emails)}`);
    const markerPath = join(markerDir, `${keyHash}.json`);
    const existing = await readMarker(markerPath);
    if (existing) return replay(existing, fingerprint);

    await mkdir(markerDir, { recursive: true });
    const date = now();
    const stamp = compactTime(date);
    const shortHash = keyHash.slice(0, 12);
    const files = emails.map((_, index) => `${stamp}-${shortHash}-${index}.eml`);
    await Promise.all(
      emails.map(async (email, index) => {
        const name = files[index] as string;
        const temporary = join(dir, `.${randomUUID()}.tmp`);
        await writeFile(temporary, formatEml(email, { date, messageId: `${stamp}.${shortHash}.${index}@outbox.localhost` }), 'utf8');
        await rename(temporary, join(dir, name));
      }),
    );
    const marker: SentMarker = { fingerprint, files };
    try {
      await writeFile(markerPath, `${JSON.stringify(marker, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another process wrote this key first: keep its files, drop ours.
      const winner = (await readMarker(markerPath)) as SentMarker;
      await Promise.all(files.filter((file) => !winner.files.includes(file)).map((file) => unlink(join(dir, file)).catch(() => undefined)));
      return replay(winner, fingerprint);
    }
    log(`mail: outbox wrote ${files.length} email(s) to ${dir}.`);
    return files;
  }

  function serialized(operation: 'send' | 'batch', emails: OutgoingEmail[], idempotencyKey: string): Promise<string[]> {
    const run = () => writeOnce(operation, emails, idempotencyKey);
    const result = lane.then(run, run);
    lane = result.catch(() => undefined);
    return result;
  }

  return {
    description: `local outbox (${dir})`,

    async send(email, { idempotencyKey }) {
      checkIdempotencyKey(idempotencyKey);
      checkEmail(email);
      const [id] = await serialized('send', [email], idempotencyKey);
      return { id: id as string };
    },

    async sendBatch(emails, { idempotencyKey }) {
      checkIdempotencyKey(idempotencyKey);
      checkBatch(emails);
      if (emails.length === 0) return { ids: [] };
      return { ids: await serialized('batch', emails, idempotencyKey) };
    },
  };
}
