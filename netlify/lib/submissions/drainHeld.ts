import { MailerError, type Mailer } from '../mailer/ports.ts';
import { mapLimited } from '../mapLimited.ts';
import type { DurableQueue } from '../queue/durableQueue.ts';
import { MAX_FILES_PER_COMMIT, RecordsUnavailableError, type RecordsStore } from '../records/ports.ts';
import type { HeldEmail, HeldRecord } from './ports.ts';

export interface DrainPorts {
  records: RecordsStore;
  heldRecords: DurableQueue<HeldRecord>;
  mailer: Mailer;
  heldEmails: DurableQueue<HeldEmail>;
  log: (line: string) => void;
}

export interface DrainOptions {
  /**
   * How long the drain may keep starting work (a batch of records, an email), from its start;
   * default 20,000 ms. Netlify stops a scheduled function after 30 s: a batch started just before
   * the budget ends still has the store's own deadline (8 s) to land or give up.
   */
  budgetMs?: number;
  /** Held records per commit; default (and at most) MAX_FILES_PER_COMMIT. */
  batchSize?: number;
  /** Milliseconds clock; default Date.now. */
  now?: () => number;
}

export interface DrainReport {
  recordsCommitted: number;
  recordsAlreadyStored: number;
  recordsStillHeld: number;
  emailsSent: number;
  emailsDropped: number;
  emailsStillHeld: number;
  /** The time budget ran out with work left (held for the next run). */
  outOfTime: boolean;
}

/** Blobs deletes at once while releasing a committed batch. */
const RELEASE_CONCURRENCY = 8;

/**
 * The message of a commit of held records: a record's own message when it is alone, else a
 * summary with each record's message below it (only the records the commit holds).
 */
function batchMessage(batch: ReadonlyArray<{ item: HeldRecord }>): (files: ReadonlyArray<{ path: string }>) => string {
  return (files) => {
    const messages = files.map((file) => batch.find(({ item }) => item.path === file.path)!.item.message);
    if (messages.length === 1) return messages[0]!;
    return `Add ${messages.length} held records\n\n${messages.map((message) => message.replace(/\s+/g, ' ').trim()).join('\n')}`;
  };
}

/**
 * Commits held records and sends held emails, releasing each only once done, within a time budget.
 * Records go in batches, one commit per batch (RecordsStore.createFiles), oldest first; a record
 * is released only after its batch committed or was found already stored, so a run stopped at
 * any point (budget spent, store down, function killed) loses nothing, and the next run commits
 * nothing twice: what an earlier run committed is found stored and released. Emails carry their
 * original idempotency key. Stops starting work when the budget is spent or the store is down.
 */
export async function drainHeld(ports: DrainPorts, options: DrainOptions = {}): Promise<DrainReport> {
  const now = options.now ?? Date.now;
  const endsAt = now() + (options.budgetMs ?? 20_000);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? MAX_FILES_PER_COMMIT, MAX_FILES_PER_COMMIT));
  const report: DrainReport = { recordsCommitted: 0, recordsAlreadyStored: 0, recordsStillHeld: 0, emailsSent: 0, emailsDropped: 0, emailsStillHeld: 0, outOfTime: false };
  const timeLeft = () => {
    if (now() < endsAt) return true;
    report.outOfTime = true;
    return false;
  };

  const release = async (queue: DurableQueue<unknown>, key: string, what: string) => {
    try {
      await queue.release(key);
    } catch (error) {
      // Stored, but still held: the next run finds it stored and releases it then.
      ports.log(`drain: ${what} done but not released yet (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  const held = (await ports.heldRecords.list()).sort((a, b) => a.item.heldAt.localeCompare(b.item.heldAt) || a.key.localeCompare(b.key));
  let storeDown = false;
  for (let start = 0; start < held.length; start += batchSize) {
    const batch = held.slice(start, start + batchSize);
    if (storeDown || !timeLeft()) {
      report.recordsStillHeld += held.length - start;
      break;
    }
    try {
      const { created } = await ports.records.createFiles(
        batch.map(({ item }) => ({ path: item.path, content: item.content })),
        batchMessage(batch),
      );
      const createdNow = new Set(created);
      for (const { item } of batch) {
        // A path held twice is created once: the second copy counts as already stored.
        if (createdNow.delete(item.path)) report.recordsCommitted += 1;
        else report.recordsAlreadyStored += 1;
      }
      await mapLimited(batch, RELEASE_CONCURRENCY, ({ key, item }) => release(ports.heldRecords, key, item.path));
    } catch (error) {
      if (error instanceof RecordsUnavailableError) {
        storeDown = true;
        report.recordsStillHeld += batch.length;
        ports.log(`drain: ${held.length - start} records from ${batch[0]!.item.path} on still held (${error.message})`);
        continue;
      }
      // The store refused the batch for a reason of its own (a bad path: a bug): one by one, so
      // only the records it refuses stay held.
      ports.log(`drain: a batch of ${batch.length} was refused (${error instanceof Error ? error.message : String(error)}); committing them one at a time`);
      for (const { key, item } of batch) {
        if (storeDown) {
          report.recordsStillHeld += 1;
          continue;
        }
        try {
          const { created } = await ports.records.createFile(item.path, item.content, item.message);
          if (created) report.recordsCommitted += 1;
          else report.recordsAlreadyStored += 1;
          await release(ports.heldRecords, key, item.path);
        } catch (single) {
          report.recordsStillHeld += 1;
          if (single instanceof RecordsUnavailableError) storeDown = true;
          ports.log(`drain: ${item.path} still held (${single instanceof Error ? single.message : String(single)})`);
        }
      }
    }
  }

  const emails = await ports.heldEmails.list();
  for (const [index, { key, item }] of emails.entries()) {
    if (!timeLeft()) {
      report.emailsStillHeld += emails.length - index;
      break;
    }
    try {
      await ports.mailer.send(item.email, { idempotencyKey: item.idempotencyKey });
      report.emailsSent += 1;
      await release(ports.heldEmails, key, `email ${item.idempotencyKey}`);
    } catch (error) {
      if (error instanceof MailerError && !error.retryable) {
        await release(ports.heldEmails, key, `email ${item.idempotencyKey}`);
        report.emailsDropped += 1;
        ports.log(`drain: email ${item.idempotencyKey} for record ${item.recordId} refused by the provider and dropped (${error.message})`);
      } else {
        report.emailsStillHeld += 1;
      }
    }
  }
  ports.log(`drain: ${JSON.stringify(report)}`);
  return report;
}
