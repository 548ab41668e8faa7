/**
 * Serves the built site (dist/) the way Netlify will: the functions (scripts/dev/localFunctions.ts,
 * in-process), then static files with netlify.toml's headers and Blobs through Netlify's own
 * local emulation (@netlify/dev, its per-request function bundling switched off).
 * Used by the browser tests and `npm run preview`. Usage: node scripts/serve.ts [--port 8888]
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NetlifyDev } from '@netlify/dev';
import { createLocalFunctions, type FunctionModule } from './dev/localFunctions.ts';
import { sendWebResponse, webRequest } from './dev/nodeBridge.ts';

const portFlag = process.argv.indexOf('--port');
const port = Number(portFlag > -1 ? process.argv[portFlag + 1] : (process.env.PORT ?? 8888));
if (process.argv.includes('--help')) {
  console.log('Usage: npm run preview [-- --port 8888]\nServes dist/ with netlify.toml headers, the functions and Blobs, like a Netlify deploy.');
  process.exit(0);
}

const netlify = new NetlifyDev({
  projectRoot: process.cwd(),
  functions: { enabled: false },
  edgeFunctions: { enabled: false },
  database: { enabled: false },
  images: { enabled: false },
  geolocation: { enabled: false },
  aiGateway: { enabled: false },
  environmentVariables: { enabled: true },
});
await netlify.start();

const functions = createLocalFunctions({
  directory: join(process.cwd(), 'netlify/functions'),
  load: (file) => import(pathToFileURL(file).href) as Promise<FunctionModule>,
});
const origin = `http://localhost:${port}`;

const server = createServer(async (request, response) => {
  try {
    const match = await functions.route(new URL(request.url ?? '/', origin), request.method ?? 'GET');
    const answer = match
      ? await functions.invoke(match, webRequest(request, origin))
      : // Netlify answers an unknown path with the site's own 404 page.
        ((await netlify.handleAndIntrospectNodeRequest(request))?.response ??
        new Response(await readFile('dist/404.html'), { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
    await sendWebResponse(answer, response);
  } catch (error) {
    console.error('serve: request failed:', error instanceof Error ? error.message : error);
    response.statusCode = 500;
    response.end('Internal error');
  }
});

// The functions are imported before the address is printed, so the first call does not wait.
await functions.warm();
server.listen(port, '127.0.0.1', () => console.log(`Site (built, with functions) at http://localhost:${port}/`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void netlify.stop().finally(() => process.exit(0));
  });
}
