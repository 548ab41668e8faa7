/**
 * A gzip step in front of scripts/serve.ts. Netlify's CDN compresses text responses (HTML, CSS,
 * JavaScript, SVG, JSON, XML); the local emulation does not, and Lighthouse simulates a slow
 * network from the bytes it sees, so without this the benchmark would charge the site for bytes
 * production never sends. Every header of the answer is kept (netlify.toml's included); gzip is
 * a little larger than the Brotli Netlify prefers, so this errs on the heavy side.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|rss\+xml|manifest\+json)|image\/svg\+xml)/i;

export async function startCompressingProxy(options: { port: number; target: number }): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = forward(
      { host: '127.0.0.1', port: options.target, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, 'accept-encoding': 'identity' } },
      (answer) => {
        const headers = { ...answer.headers };
        const type = String(headers['content-type'] ?? '');
        const wantsGzip = /\bgzip\b/.test(String(incoming.headers['accept-encoding'] ?? ''));
        if (wantsGzip && COMPRESSIBLE.test(type) && !headers['content-encoding'] && answer.statusCode !== 204 && answer.statusCode !== 304) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
          outgoing.writeHead(answer.statusCode ?? 200, headers);
          answer.pipe(createGzip()).pipe(outgoing);
        } else {
          outgoing.writeHead(answer.statusCode ?? 200, headers);
          answer.pipe(outgoing);
        }
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((ready) => server.listen(options.port, '127.0.0.1', ready));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
