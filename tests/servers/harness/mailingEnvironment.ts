/**
 * The mailing's handlers against local stand-ins, wired through the environment exactly as on
 * Netlify (localServices.ts, shared with formEnvironment.ts): GitHub's API (records), Resend's
 * API (mail), and a small "functions" server standing in for the site's origin, so that the
 * schedule and the endpoint can start the background function over HTTP as they do in
 * production. A background function answers 202 at once and runs on; settle() waits for it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '@netlify/functions';
import type { FakeGitHub } from '../github/fakeGitHub.ts';
import { type FakeResend, handlerContext, type LocalServicesOptions, startLocalServices } from './localServices.ts';
type Handler = (request: Request, context: Context) => Promise<Response>;

export const MAILER_SECRET = 'test-mailer-secret';
export const SIGNING_SECRET = 'test-link-signing-secret';
/** In the first week of October 2026, a program month of the running year (2026-2027). */
export const MAILING_NOW = '2026-10-02T14:00:00Z';

export interface MailingEnvironment {
  github: FakeGitHub;
  resend: FakeResend;
  /** Origin of the stand-in site (SITE_URL): routes function paths to handlers. */
  siteUrl: string;
  /** Serves a handler at a path on the stand-in site; `background` answers 202 and runs on. */
  route(path: string, handler: Handler, options?: { background?: boolean }): void;
  /** A Netlify Context for a direct handler call. */
  context(deployContext?: string): Context;
  /** Authorization header with the mailing secret. */
  bearer(secret?: string): Record<string, string>;
  /** Waits for background runs started through the stand-in site; their answers, in order. */
  settle(): Promise<Response[]>;
  /** Writes a file into the records repository, as a push by someone else would. */
  seed(path: string, content: string): void;
  stop(): Promise<void>;
}

export interface MailingEnvironmentOptions extends LocalServicesOptions {
  now?: string;
  /** Extra environment variables (undefined deletes one). */
  env?: Record<string, string | undefined>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
  const body = chunks.length > 0 && incoming.method !== 'GET' && incoming.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(incoming.url ?? '/', origin), { method: incoming.method ?? 'GET', headers, ...(body ? { body } : {}) });
}

export async function startMailingEnvironment(options: MailingEnvironmentOptions = {}): Promise<MailingEnvironment> {
  const services = await startLocalServices(options);
  const routes = new Map<string, { handler: Handler; background: boolean }>();
  const pending: Array<Promise<Response>> = [];

  const context = (deployContext = 'dev') => handlerContext({ deployContext });

  let origin = '';
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const request = await toRequest(incoming, origin);
      const route = routes.get(new URL(request.url).pathname);
      if (!route) {
        outgoing.writeHead(404).end();
        return;
      }
      if (route.background) {
        // Netlify answers a background function's caller at once; the work goes on.
        pending.push(route.handler(request, context()));
        outgoing.writeHead(202).end();
        return;
      }
      const response = await route.handler(request, context());
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  services.setEnv({ SITE_URL: origin, SITE_NOW: options.now ?? MAILING_NOW, MAILER_SECRET, LINK_SIGNING_SECRET: SIGNING_SECRET });
  services.setEnv(options.env ?? {});

  const { github, resend } = services;
  return {
    github,
    resend,
    siteUrl: origin,
    route(path, handler, routeOptions = {}) {
      routes.set(path, { handler, background: routeOptions.background ?? false });
    },
    context,
    bearer: (secret = MAILER_SECRET) => ({ authorization: `Bearer ${secret}` }),
    async settle() {
      const answers: Response[] = [];
      while (pending.length) answers.push(...(await Promise.all(pending.splice(0))));
      return answers;
    },
    seed(path, content) {
      github.state.seed(path, content);
    },
    async stop() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await Promise.all([closed, services.stop()]);
    },
  };
}
