import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { applicationStatus, describeApplicationStatus } from '../../../src/lib/applicationStatus.ts';
import { describeEvaluationStatus, evaluationStatus } from '../../../src/lib/evaluationStatus.ts';
import type { FormDefinition } from '../../../src/forms/formDefinitions.ts';
import type { FieldError } from '../../../src/forms/renderForm.ts';
import { type RecordEnvelope, recordPath } from '../../../src/schemas/record.ts';
import type { Submission } from '../http/readSubmission.ts';
import type { OutgoingEmail } from '../mailer/ports.ts';
import { RecordsUnavailableError } from '../records/ports.ts';
import { applicationLink } from '../privacy/applicationLink.ts';
import { type HeldForReview, holdForReview } from './heldForReview.ts';
import type { SubmissionPorts } from './ports.ts';
import { committeeNotice, confirmationEmail, recordLink } from './submissionEmails.ts';

export type SubmissionOutcome =
  | { kind: 'stored'; id: string; alreadyStored: boolean }
  | { kind: 'queued'; id: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'closed'; message: string }
  | { kind: 'ignored'; id: string }
  | { kind: 'unavailable'; message: string };

/** Submissions faster than this, timed by the page's own script, are treated as automated. */
export const MINIMUM_FILL_MS = 3_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** zod issues as GOV.UK-style field errors, one per field, in form order. */
export function fieldErrors(form: FormDefinition, error: z.ZodError): FieldError[] {
  const order = Object.keys(form.schema.shape);
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? order[0]);
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([field, message]) => ({ field, message }));
}

/**
 * Takes one submission from a form to a commit in the records repository. Order matters: spam
 * and the window are checked before validation; nothing is stored unless everything passes; a
 * record the store cannot take is held durably (202) or, failing that, refused plainly (503).
 * Emails never decide the outcome: they go after the answer, and a failed one is held for retry.
 */
export async function submitForm(form: FormDefinition, submission: Submission, ports: SubmissionPorts): Promise<SubmissionOutcome> {
  const id = submission.submissionId && UUID.test(submission.submissionId) ? submission.submissionId.toLowerCase() : randomUUID();

  const honeypot = submission.honeypot.trim() !== '';
  const fast = submission.elapsedMs !== undefined && submission.elapsedMs < MINIMUM_FILL_MS;
  const now = ports.now();
  const parsed = form.schema.safeParse(submission.answers);
  // A filled honeypot answers like a success whatever else was sent; nothing invalid is held.
  if (honeypot && !parsed.success) {
    ports.log(`submission ${id} to ${form.endpoint} ignored as automated`);
    return { kind: 'ignored', id };
  }

  if (form.window === 'applications') {
    const status = applicationStatus(ports.settings, now);
    if (status.state !== 'open') {
      return { kind: 'closed', message: `Applications are not open at the moment. ${describeApplicationStatus(status, ports.settings.timeZone)}` };
    }
  }
  if (form.window === 'evaluations') {
    const status = evaluationStatus(ports.settings, now);
    if (status.state !== 'open') return { kind: 'closed', message: `The evaluation form is not open at the moment. ${describeEvaluationStatus(status)}` };
  }

  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(form, parsed.error) };

  if (honeypot || fast) {
    const item: HeldForReview = { formId: form.id, id, answers: parsed.data as Record<string, unknown>, receivedAt: now.toISOString(), reason: honeypot ? 'honeypot' : 'fast' };
    try {
      const held = await holdForReview(ports.reviewQueue, item);
      ports.log(`submission ${id} to ${form.endpoint} ${held === 'held' ? `held for review (${item.reason})` : 'dropped as automated: the review queue is full'}`);
    } catch (error) {
      ports.log(`submission ${id} to ${form.endpoint} looked automated and could not be held (${error instanceof Error ? error.message : String(error)})`);
    }
    return { kind: 'ignored', id };
  }

  return storeRecord(form, id, parsed.data as Record<string, unknown>, now, ports);
}

/**
 * Stores a valid submission as its record and sends the confirmation and the committee notice
 * after the answer: for a submission now, and for one the committee releases from review.
 */
export async function storeRecord(form: FormDefinition, id: string, answers: Record<string, unknown>, submittedAt: Date, ports: SubmissionPorts): Promise<SubmissionOutcome> {
  const record: RecordEnvelope = {
    schemaVersion: 1,
    id,
    type: form.recordType,
    ...(form.role ? { role: form.role } : {}),
    programYear: form.programYear === 'applications' ? ports.settings.programYears.applications : ports.settings.programYears.running,
    submittedAt: submittedAt.toISOString(),
    answers,
  };
  const path = recordPath(record);
  const content = `${JSON.stringify(record, null, 2)}\n`;
  const message = `Add ${form.role ? `${form.role} ` : ''}${form.recordType} ${id}`;

  let outcome: SubmissionOutcome;
  try {
    const { created } = await ports.records.createFile(path, content, message);
    outcome = { kind: 'stored', id, alreadyStored: !created };
    ports.log(`record ${path} ${created ? 'committed' : 'was already stored'}`);
  } catch (error) {
    if (!(error instanceof RecordsUnavailableError)) throw error;
    try {
      await ports.heldRecords.hold(path, { path, content, message, heldAt: ports.now().toISOString() });
      outcome = { kind: 'queued', id };
      ports.log(`record ${path} held for the drain: ${error.message}`);
    } catch (holdError) {
      ports.log(`record ${path} NOT stored: records store and queue both unavailable (${holdError instanceof Error ? holdError.message : String(holdError)})`);
      return {
        kind: 'unavailable',
        message: 'We could not save your answers just now because our records system is not responding. Nothing was stored. Please try again in a few minutes.',
      };
    }
  }

  if (!(outcome.kind === 'stored' && outcome.alreadyStored)) {
    ports.afterResponse(sendNotifications(form, record, path, outcome.kind === 'queued', ports));
  }
  return outcome;
}

/** Confirmation and committee notice; a failure is held for retry and logged without personal data. */
async function sendNotifications(form: FormDefinition, record: RecordEnvelope, path: string, queued: boolean, ports: SubmissionPorts): Promise<void> {
  let earlierRecordId: string | null = null;
  if (form.recordType === 'application') {
    try {
      earlierRecordId = await ports.applicantIndex.remember(record.programYear, String(record.answers.email), record.id);
    } catch (error) {
      ports.log(`record ${record.id}: could not check for an earlier application (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const emails: Array<{ email: OutgoingEmail; idempotencyKey: string; what: string }> = [
    {
      email: confirmationEmail(
        form,
        record,
        ports.settings,
        ports.sender,
        form.recordType === 'application' ? { link: applicationLink(record, ports.settings, ports.siteUrl, ports.signingSecret) } : undefined,
      ),
      idempotencyKey: `${record.id}-confirmation`,
      what: 'confirmation',
    },
    {
      email: committeeNotice(
        form,
        record,
        {
          path,
          recordsLocation: ports.records.description,
          link: recordLink(form, record.id, record.programYear, path, { siteUrl: ports.siteUrl, webUrl: ports.records.webUrl?.bind(ports.records) }),
          earlierRecordLink: earlierRecordId ? recordLink(form, earlierRecordId, record.programYear, '', { siteUrl: ports.siteUrl }) : null,
          earlierRecordId,
          queued,
        },
        ports.sender,
        ports.committeeEmail,
      ),
      idempotencyKey: `${record.id}-committee-notice`,
      what: 'committee notice',
    },
  ];
  await Promise.all(
    emails.map(async ({ email, idempotencyKey, what }) => {
      try {
        await ports.mailer.send(email, { idempotencyKey });
      } catch (error) {
        ports.log(`record ${record.id}: ${what} email failed (${error instanceof Error ? error.message : String(error)}); holding it for retry`);
        await ports.heldEmails.hold(idempotencyKey, { email, idempotencyKey, recordId: record.id }).catch((holdError: unknown) => {
          ports.log(`record ${record.id}: ${what} email could not be held either (${holdError instanceof Error ? holdError.message : String(holdError)}); it was not sent`);
        });
      }
    }),
  );
}

/**
 * The committee releases a submission held for review: it becomes the record it would have been
 * (dated when it was sent), the confirmation and the committee notice go, and it leaves the queue.
 */
export async function releaseFromReview(key: string, item: HeldForReview, form: FormDefinition, ports: SubmissionPorts): Promise<SubmissionOutcome> {
  const outcome = await storeRecord(form, item.id, item.answers, new Date(item.receivedAt), ports);
  if (outcome.kind === 'stored' || outcome.kind === 'queued') await ports.reviewQueue.release(key);
  return outcome;
}
