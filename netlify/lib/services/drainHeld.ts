import { MailerError, type Mailer } from '../mail/mailer.ts';
import type { DurableQueue } from '../queue/durableQueue.ts';
import { RecordsUnavailableError, type RecordsStore } from '../records/recordsStore.ts';
import type { HeldEmail, HeldRecord } from './submitForm.ts';

export interface DrainPorts {
  records: RecordsStore;
  heldRecords: DurableQueue<HeldRecord>;
  mailer: Mailer;
  heldEmails: DurableQueue<HeldEmail>;
  log: (line: string) => void;
}

export interface DrainReport {
  recordsCommitted: number;
  recordsAlreadyStored: number;
  recordsStillHeld: number;
  emailsSent: number;
  emailsDropped: number;
  emailsStillHeld: number;
}

/**
 * Commits held records and sends held emails, releasing each only once done. Idempotent: a record
 * already in the repository (from a retry that did land) is released without a second commit, and
 * emails carry their original idempotency key. Stops early when the store is still unavailable.
 */
export async function drainHeld(ports: DrainPorts): Promise<DrainReport> {
  const report: DrainReport = { recordsCommitted: 0, recordsAlreadyStored: 0, recordsStillHeld: 0, emailsSent: 0, emailsDropped: 0, emailsStillHeld: 0 };

  const records = await ports.heldRecords.list();
  let storeDown = false;
  for (const { key, item } of records) {
    if (storeDown) {
      report.recordsStillHeld += 1;
      continue;
    }
    try {
      const { created } = await ports.records.createFile(item.path, item.content, item.message);
      await ports.heldRecords.release(key);
      if (created) report.recordsCommitted += 1;
      else report.recordsAlreadyStored += 1;
    } catch (error) {
      report.recordsStillHeld += 1;
      if (error instanceof RecordsUnavailableError) storeDown = true;
      ports.log(`drain: ${item.path} still held (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  for (const { key, item } of await ports.heldEmails.list()) {
    try {
      await ports.mailer.send(item.email, { idempotencyKey: item.idempotencyKey });
      await ports.heldEmails.release(key);
      report.emailsSent += 1;
    } catch (error) {
      if (error instanceof MailerError && !error.retryable) {
        await ports.heldEmails.release(key);
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
