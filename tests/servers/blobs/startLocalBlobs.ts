import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobsServer } from '@netlify/blobs/server';
import type { BlobsConnection } from '../../../netlify/lib/queue/blobsQueue.ts';

export interface LocalBlobs {
  connection: BlobsConnection;
  /** base64 JSON for NETLIFY_BLOBS_CONTEXT, as Netlify gives functions. */
  environmentContext: string;
  stop(): Promise<void>;
}

/** Netlify's own local Blobs server on a random port, storing into a temporary folder. */
export async function startLocalBlobs(): Promise<LocalBlobs> {
  const directory = await mkdtemp(join(tmpdir(), 'blobs-'));
  const token = 'local-blobs-token';
  const server = new BlobsServer({ directory, token, port: 0 });
  const { port } = await server.start();
  const url = `http://127.0.0.1:${port}`;
  const connection: BlobsConnection = { siteID: 'local-site', token, edgeURL: url, uncachedEdgeURL: url };
  return {
    connection,
    environmentContext: Buffer.from(JSON.stringify(connection)).toString('base64'),
    async stop() {
      await server.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
