import { getStore, type Store } from '@netlify/blobs';
import type { EndedSessions } from '../committee/ports.ts';
import type { BlobsConnection } from './blobsQueue.ts';

/**
 * The committee sessions signed out before they expired, in Netlify Blobs: one small entry per
 * session id (a random UUID, nothing personal), kept until the session would have expired. With
 * strong consistency, so a sign-out holds on the very next request.
 */
export function createBlobsEndedSessions(options: { connection?: BlobsConnection } = {}): EndedSessions {
  let store: Store | undefined;
  const open = () => (store ??= getStore({ name: 'ended-sessions', consistency: 'strong', ...options.connection }));
  return {
    async end(sid, expiresAt, now) {
      await open().setJSON(sid, { expiresAt });
      // Sign-outs are rare: tidy away the entries of sessions that have expired anyway.
      const { blobs } = await open().list();
      await Promise.all(
        blobs.map(async ({ key }) => {
          const entry = (await open().get(key, { type: 'json' })) as { expiresAt?: number } | null;
          if (entry && typeof entry.expiresAt === 'number' && entry.expiresAt <= now) await open().delete(key);
        }),
      );
    },
    async isEnded(sid) {
      return (await open().get(sid, { type: 'json' })) !== null;
    },
  };
}
