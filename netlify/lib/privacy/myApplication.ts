/**
 * An applicant's own application, from the signed link in their confirmation email
 * (/my-application/?token=…): see what they sent, correct it while applications are open and
 * before they are matched, withdraw it at any time.
 *
 * - The link is signed like the check-in links (mailing/signedLinks.ts) and carries the
 *   record's version (submittedAt, or correctedAt once corrected). A correction writes a new
 *   version of the same file in one commit (the old one is replaced, not kept beside it) and
 *   emails a new link, so the link it replaced, or the same form posted twice, is refused.
 * - Opening the link reads and never writes.
 * - Withdrawal is the committee's own mechanism: the review (reviews/<year>/<id>.json) with the
 *   decision `withdrawn`, decided by the applicant. Matching leaves withdrawn applications out
 *   (reviews.ts leftOutOfMatching), the mailings leave them out (mailing/pairs.ts), and a pair
 *   with a withdrawn person needs the committee's attention (pairs/attention.ts).
 * Logs and committee notices carry ids and paths only.
 */
import { applicationStatus } from '../../../src/lib/applicationStatus.ts';
import { formatCalendarDate } from '../../../src/lib/zonedTime.ts';
import { applicationForms, type FormDefinition } from '../../../src/forms/formDefinitions.ts';
import type { FieldError } from '../../../src/forms/renderForm.ts';
import { type RecordEnvelope, recordEnvelopeSchema, recordPath } from '../../../src/schemas/record.ts';
import { shapeAnswers, type RawValue } from '../http/readSubmission.ts';
import { updateJsonRecord } from '../mailing/ledger.ts';
import { type MailingPorts, notifyCommittee } from '../mailing/ports.ts';
import { type ApplicationClaims, type LinkRefusal, verifyApplicationLink } from '../mailing/signedLinks.ts';
import { loadConstraints, loadMatches } from '../matching/applications.ts';
import { RecordsConflictError, type StoredFile } from '../records/ports.ts';
import { APPLICANT, parseReview, type ReviewFile, reviewFileSchema, reviewPath } from '../reviews/reviews.ts';
import { confirmationEmail } from '../submissions/submissionEmails.ts';
import type { DurableQueue } from '../queue/durableQueue.ts';
import type { HeldEmail } from '../submissions/ports.ts';
import { fieldErrors } from '../submissions/submitForm.ts';
import { applicationLink, recordVersion } from './applicationLink.ts';

export { applicationLink, MY_APPLICATION_PATH } from './applicationLink.ts';

/** The longest reason for withdrawing (the review's own limit). */
export const MAX_WITHDRAW_REASON = 500;

export type MyApplicationPorts = Pick<MailingPorts, 'records' | 'mailer' | 'settings' | 'now' | 'log' | 'sender' | 'committeeEmail' | 'siteUrl' | 'signingSecret'> & {
  /** Where a confirmation Resend would not take waits for the drain (the forms' own held emails). */
  heldEmails: DurableQueue<HeldEmail>;
};

/** Why a link to an application cannot be used: the signature's reasons, and the record's. */
export type ApplicationRefusal = LinkRefusal | 'replaced' | 'gone';

/** The sentence for a refused link, in plain words. */
export function describeApplicationRefusal(reason: ApplicationRefusal, contactEmail: string): string {
  switch (reason) {
    case 'expired':
      return `This link has expired: we no longer keep applications from that program year. Write to ${contactEmail} if you have a question.`;
    case 'replaced':
      return `This link is for an earlier version of your application, which has been changed since. Use the link in the latest email we sent you about it, or write to ${contactEmail}.`;
    case 'gone':
      return `We no longer hold this application, so there is nothing to show. Write to ${contactEmail} if you have a question.`;
    case 'forged':
    case 'wrong-purpose':
    case 'malformed':
      return `This link is not complete or has been changed, so it cannot be used. Open it again from your confirmation email (copy the whole address), or write to ${contactEmail}.`;
  }
}

/** The HTTP status of a refusal: wrong (400), not allowed (403), changed since (409) or gone (410). */
export function applicationRefusalStatus(reason: ApplicationRefusal): 400 | 403 | 409 | 410 {
  if (reason === 'expired' || reason === 'gone') return 410;
  if (reason === 'replaced') return 409;
  if (reason === 'forged' || reason === 'wrong-purpose') return 403;
  return 400;
}

export interface OpenApplication {
  token: string;
  claims: ApplicationClaims;
  record: RecordEnvelope;
  file: StoredFile;
  form: FormDefinition;
  review: ReviewFile | null;
  reviewSha: string | null;
  /** Set when the application is withdrawn (by the applicant or the committee). */
  withdrawn: { on: string } | null;
  /** The id of the active pair the person is in, if any. */
  activePair: string | null;
  /** Whether the answers may still be corrected, and if not, why not (a sentence). */
  correction: { allowed: true; until: string } | { allowed: false; why: string };
}

export type Opened = { kind: 'refused'; reason: ApplicationRefusal } | ({ kind: 'open' } & OpenApplication);

/** Checks a link and reads the application it names, with what may be done with it. Writes nothing. */
export async function openApplication(ports: MyApplicationPorts, token: string | null | undefined): Promise<Opened> {
  const { records, settings } = ports;
  const now = ports.now();
  const verified = verifyApplicationLink(token, ports.signingSecret, now);
  if (!verified.ok) return { kind: 'refused', reason: verified.reason };
  const { claims } = verified;
  const path = recordPath({ type: 'application', role: claims.role, programYear: claims.programYear, id: claims.personId });
  const [file, reviewFile, matches, constraints] = await Promise.all([
    records.readFile(path),
    records.readFile(reviewPath(claims.programYear, claims.personId)),
    loadMatches(records, claims.programYear).catch(() => null),
    loadConstraints(records, claims.programYear).catch(() => null),
  ]);
  const parsed = file ? recordEnvelopeSchema.safeParse(safeJson(file.content)) : null;
  if (!file || !parsed?.success) return { kind: 'refused', reason: 'gone' };
  const record = parsed.data;
  if (record.type !== 'application' || record.id !== claims.personId || record.role !== claims.role) return { kind: 'refused', reason: 'gone' };
  if (recordVersion(record) !== claims.version) return { kind: 'refused', reason: 'replaced' };

  const review = parseReview(reviewFile);
  const withdrawn = review?.decision === 'withdrawn' ? { on: (review.decidedAt ?? now.toISOString()).slice(0, 10) } : null;
  const pairs = matches?.matches.pairs.filter((pair) => pair.mentor === record.id || pair.mentee === record.id) ?? [];
  const locked = constraints?.constraints.locked.some((pair) => pair.mentor === record.id || pair.mentee === record.id) ?? false;
  const activePair = pairs.find((pair) => pair.status === 'active')?.id ?? null;
  const status = applicationStatus(settings, now);
  const contact = settings.contactEmail;
  const correction: OpenApplication['correction'] = withdrawn
    ? { allowed: false, why: 'You have withdrawn this application, so its answers can no longer be changed.' }
    : pairs.length > 0 || locked
      ? { allowed: false, why: `The committee has matched you, so your answers can no longer be changed here. If something in them is wrong, write to ${contact}.` }
      : status.state !== 'open' || status.programYear !== record.programYear
        ? { allowed: false, why: `Applications are closed, so your answers can no longer be changed here. If something in them is wrong, write to ${contact}.` }
        : { allowed: true, until: formatCalendarDate(status.lastDay) };
  const form = applicationForms(settings)[claims.role];
  return { kind: 'open', token: token!.trim(), claims, record, file, form, review, reviewSha: reviewFile?.sha ?? null, withdrawn, activePair, correction };
}

function safeJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return null;
  }
}

export type CorrectionOutcome =
  | { kind: 'refused'; reason: ApplicationRefusal }
  | { kind: 'not-allowed'; opened: OpenApplication; why: string }
  | { kind: 'malformed'; error: string }
  | { kind: 'invalid'; opened: OpenApplication; errors: FieldError[]; typed: Record<string, RawValue> }
  | { kind: 'unchanged'; opened: OpenApplication }
  | { kind: 'corrected'; link: string; path: string };

/**
 * Replaces the answers with corrected ones, validated by the form's own schema: one commit of
 * the same file, only if it is still the version the link names (a second post of the same form
 * finds a newer version and is refused). Then a confirmation with the new link goes to the
 * applicant and a notice (ids only) to the committee; neither decides the outcome.
 */
export async function correctApplication(ports: MyApplicationPorts, token: string | null | undefined, posted: Record<string, unknown>): Promise<CorrectionOutcome> {
  const opened = await openApplication(ports, token);
  if (opened.kind === 'refused') return opened;
  if (!opened.correction.allowed) return { kind: 'not-allowed', opened, why: opened.correction.why };
  const shaped = shapeAnswers(opened.form.schema, posted);
  if ('error' in shaped) return { kind: 'malformed', error: shaped.error };
  const parsed = opened.form.schema.safeParse(shaped.answers);
  if (!parsed.success) return { kind: 'invalid', opened, errors: fieldErrors(opened.form, parsed.error), typed: shaped.typed };
  const answers = parsed.data as Record<string, unknown>;
  if (JSON.stringify(answers) === JSON.stringify(opened.record.answers)) return { kind: 'unchanged', opened };

  // The version always moves on, even on a clock held still (SITE_NOW), so the old link is stale.
  const correctedAt = new Date(Math.max(ports.now().getTime(), Date.parse(recordVersion(opened.record)) + 1)).toISOString();
  const corrected: RecordEnvelope = { ...opened.record, answers, correctedAt };
  const path = opened.file.path;
  try {
    await ports.records.writeFile(path, `${JSON.stringify(corrected, null, 2)}\n`, `Correct ${opened.claims.role} application ${corrected.id} (by the applicant)`, opened.file.sha);
  } catch (error) {
    // Changed between reading and writing: the other change won, and this link is now stale.
    if (error instanceof RecordsConflictError) return { kind: 'refused', reason: 'replaced' };
    throw error;
  }
  ports.log(`my-application: ${path} corrected by the applicant.`);
  const link = applicationLink(corrected, ports.settings, ports.siteUrl, ports.signingSecret);
  const email = confirmationEmail(opened.form, corrected, ports.settings, ports.sender, { link, corrected: true });
  const idempotencyKey = `${corrected.id}-correction-${corrected.correctedAt}`;
  try {
    await ports.mailer.send(email, { idempotencyKey });
  } catch (error) {
    // The correction stands; its confirmation (with the only working link) waits for the drain.
    ports.log(`my-application: the confirmation of ${corrected.id}’s correction was not sent (${error instanceof Error ? error.name : 'error'}); holding it for retry.`);
    await ports.heldEmails.hold(idempotencyKey, { email, idempotencyKey, recordId: corrected.id }).catch((holdError: unknown) => {
      ports.log(
        `my-application: the confirmation of ${corrected.id}’s correction could not be held either (${holdError instanceof Error ? holdError.name : 'error'}); it was not sent.`,
      );
    });
  }
  await notifyCommittee(ports, `An applicant corrected their ${opened.claims.role} application`, [
    `The ${opened.claims.role} ${corrected.id} corrected their application for ${corrected.programYear} from the link in their confirmation email.`,
    `Record: ${path}`,
    `In: ${ports.records.description}`,
  ]);
  return { kind: 'corrected', link, path };
}

export type WithdrawalOutcome =
  | { kind: 'refused'; reason: ApplicationRefusal }
  | { kind: 'invalid'; opened: OpenApplication; error: string; reason: string }
  | { kind: 'already'; opened: OpenApplication }
  | { kind: 'withdrawn'; path: string; activePair: string | null };

/**
 * Withdraws the application: the review becomes `withdrawn`, decided by the applicant, with
 * their reason if they gave one and a note saying how it came (one commit; the committee's
 * earlier notes stay). The committee is told by ids, and by the pair when there is one.
 */
export async function withdrawApplication(ports: MyApplicationPorts, token: string | null | undefined, reasonText: string | undefined): Promise<WithdrawalOutcome> {
  const opened = await openApplication(ports, token);
  if (opened.kind === 'refused') return opened;
  if (opened.withdrawn) return { kind: 'already', opened };
  const reason = (reasonText ?? '').replace(/\r\n?/g, '\n').trim();
  if (reason.length > MAX_WITHDRAW_REASON) return { kind: 'invalid', opened, error: `Keep the reason under ${MAX_WITHDRAW_REASON} characters, or leave it empty.`, reason };

  const { claims, record } = opened;
  const path = reviewPath(claims.programYear, record.id);
  const at = ports.now().toISOString();
  await updateJsonRecord(
    ports.records,
    path,
    reviewFileSchema,
    (): ReviewFile => ({ schemaVersion: 1, applicationId: record.id, role: claims.role, programYear: claims.programYear, decision: null, notes: [] }),
    `Withdraw ${claims.role} application ${record.id} (by the applicant)`,
    (current) => {
      if (current.decision === 'withdrawn') return null;
      const next: ReviewFile = {
        ...current,
        decision: 'withdrawn',
        decidedBy: APPLICANT,
        decidedAt: at,
        notes: [...current.notes, { at, by: APPLICANT, text: 'Withdrawn by the applicant, from the link in their confirmation email.' }],
      };
      if (reason) next.reason = reason;
      else delete next.reason;
      return next;
    },
  );
  ports.log(`my-application: ${record.id} withdrawn by the applicant (${path}).`);
  await notifyCommittee(ports, `An applicant withdrew their ${claims.role} application`, [
    `The ${claims.role} ${record.id} withdrew their application for ${claims.programYear}. Matching and the mailings leave them out from now on.`,
    `Review: ${path}`,
    `In: ${ports.records.description}`,
    opened.activePair
      ? `They are in the active pair ${opened.activePair} (matches/${claims.programYear}.json): the workspace shows it as needing attention until the committee ends it.`
      : '',
  ]);
  return { kind: 'withdrawn', path, activePair: opened.activePair };
}
