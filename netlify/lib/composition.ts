import type { Context } from '@netlify/functions';
import type { Settings } from '../../src/schemas/settings.ts';
import { serverClock } from './config/clock.ts';
import { type Environment, isProductionDeploy, readVariable } from './config/environment.ts';
import { createMailer, senderAddress } from './mail/createMailer.ts';
import { createBlobsApplicantIndex } from './queue/blobsIndex.ts';
import { type BlobsConnection, createBlobsQueue } from './queue/blobsQueue.ts';
import { createRecordsStore } from './records/createRecordsStore.ts';
import type { HeldEmail, HeldRecord, SubmissionPorts } from './services/submitForm.ts';

/** Fixed local signing key; production must set LINK_SIGNING_SECRET (readVariable enforces it). */
const LOCAL_SIGNING_SECRET = 'local-development-signing-key-not-secret';

export interface Runtime {
  env: Environment;
  production: boolean;
  blobs?: BlobsConnection | undefined;
  log: (line: string) => void;
}

/** The runtime of one function invocation: environment, deploy context, logger. */
export function runtimeFor(context: Pick<Context, 'deploy'> | undefined, env: Environment = process.env): Runtime {
  return { env, production: isProductionDeploy(context), log: (line) => console.log(line) };
}

export function linkSigningSecret(runtime: Runtime): string {
  return readVariable(runtime.env, 'LINK_SIGNING_SECRET', { production: runtime.production, requiredInProduction: true }) ?? LOCAL_SIGNING_SECRET;
}

/** Everything the submission service needs, chosen from the environment (the composition root). */
export function submissionPorts(runtime: Runtime, settings: Settings, afterResponse: (work: Promise<unknown>) => void): SubmissionPorts {
  const { env, production, log } = runtime;
  const connection = runtime.blobs ? { connection: runtime.blobs } : {};
  return {
    records: createRecordsStore(env, { production, log }),
    heldRecords: createBlobsQueue<HeldRecord>({ name: 'held-records', ...connection }),
    mailer: createMailer(env, { production, log }),
    heldEmails: createBlobsQueue<HeldEmail>({ name: 'held-emails', ...connection }),
    applicantIndex: createBlobsApplicantIndex({ secret: linkSigningSecret(runtime), ...connection }),
    settings,
    sender: senderAddress(env, production),
    committeeEmail: readVariable(env, 'COMMITTEE_EMAIL', { production, requiredInProduction: false }) ?? settings.contactEmail,
    now: serverClock(env, production),
    log,
    afterResponse,
  };
}
