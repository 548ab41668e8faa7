/**
 * The applicant's signed link to their own application (privacy/myApplication.ts), kept apart
 * so the confirmation email can carry it without depending on the page's service.
 */
import type { RecordEnvelope } from '../../../src/schemas/record.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { type ApplicationClaims, signLink } from '../mailing/signedLinks.ts';
import { deletionDay } from './retention.ts';

/** The page's address (docs/architecture.md, "Pages"). */
export const MY_APPLICATION_PATH = '/my-application/';

export type Versioned = Pick<RecordEnvelope, 'id' | 'role' | 'programYear' | 'submittedAt' | 'correctedAt'>;

/** The version a link names: the latest change the applicant made. */
export const recordVersion = (record: Pick<RecordEnvelope, 'submittedAt' | 'correctedAt'>) => record.correctedAt ?? record.submittedAt;

/**
 * The applicant's link to this version of their application. It works until the year's records
 * are deleted (retention.ts), so "withdraw at any time" holds for as long as there is anything to
 * withdraw. Derived from the record and settings alone: a retried confirmation is the same email.
 */
export function applicationLink(record: Versioned, settings: Pick<Settings, 'program' | 'recordRetentionMonths'>, siteUrl: string, secret: string): string {
  if (record.role !== 'mentor' && record.role !== 'mentee') throw new Error(`Application ${record.id} has no role.`);
  const claims: ApplicationClaims = {
    purpose: 'my-application',
    programYear: record.programYear,
    personId: record.id,
    role: record.role,
    version: recordVersion(record),
    expiresAt: Math.floor(Date.parse(`${deletionDay(record.programYear, settings)}T00:00:00Z`) / 1000),
  };
  return `${siteUrl}${MY_APPLICATION_PATH}?token=${signLink(claims, secret)}`;
}
