import { createHmac } from 'node:crypto';
import { getStore, type Store } from '@netlify/blobs';
import type { BlobsConnection } from './blobsQueue.ts';

/**
 * Remembers which email addresses have applied in a program year, to flag a second application
 * to the committee. Keys are HMACs of the address, so the store holds no personal data.
 */
export interface ApplicantIndex {
  /** Records the address for the year; returns the id of an earlier record with it, or null. */
  remember(programYear: string, email: string, recordId: string): Promise<string | null>;
}

export function createBlobsApplicantIndex(options: { secret: string; connection?: BlobsConnection }): ApplicantIndex {
  let store: Store | undefined;
  const open = () => (store ??= getStore({ name: 'applicant-index', consistency: 'strong', ...options.connection }));
  return {
    async remember(programYear, email, recordId) {
      const key = `${programYear}/${createHmac('sha256', options.secret).update(`${programYear}\n${email.trim().toLowerCase()}`).digest('hex')}`;
      const result = await open().setJSON(key, { recordId }, { onlyIfNew: true });
      if (result.modified) return null;
      const earlier = (await open().get(key, { type: 'json' })) as { recordId?: string } | null;
      return earlier?.recordId && earlier.recordId !== recordId ? earlier.recordId : null;
    },
  };
}
