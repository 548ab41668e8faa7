/**
 * Serves the built site (dist/) the way Netlify will: static files with netlify.toml's headers,
 * plus the functions and Blobs, through Netlify's own local emulation (@netlify/dev).
 * Used by the browser tests and `npm run preview`. Usage: node scripts/serve.ts [--port 8888]
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { NetlifyDev } from '@netlify/dev';

const portFlag = process.argv.indexOf('--port');
const port = Number(portFlag > -1 ? process.argv[portFlag + 1] : (process.env.PORT ?? 8888));
if (process.argv.includes('--help')) {
  console.log('Usage: npm run preview [-- --port 8888]\nServes dist/ with netlify.toml headers, the functions and Blobs, like a Netlify deploy.');
  process.exit(0);
}

const netlify = new NetlifyDev({
  projectRoot: process.cwd(),
  edgeFunctions: { enabled: false },
  database: { enabled: false },
  images: { enabled: false },
  geolocation: { enabled: false },
  aiGateway: { enabled: false },
  environmentVariables: { enabled: true },
});
await netlify.start();

const server = createServer(async (request, response) => {
  try {
    const result = await netlify.handleAndIntrospectNodeRequest(request);
    // Netlify answers an unknown path with the site's own 404 page.
    const answer = result?.response ?? new Response(await readFile('dist/404.html'), { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    response.statusCode = answer.status;
    answer.headers.forEach((value, name) => response.setHeader(name, value));
    if (answer.body) Readable.fromWeb(answer.body as never).pipe(response);
    else response.end();
  } catch (error) {
    console.error('serve: request failed:', error instanceof Error ? error.message : error);
    response.statusCode = 500;
    response.end('Internal error');
  }
});

server.listen(port, '127.0.0.1', () => console.log(`Site (built, with functions) at http://localhost:${port}/`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void netlify.stop().finally(() => process.exit(0));
  });
}
