/**
 * `astro dev`: the project's Netlify functions answer their own paths in the dev server
 * (scripts/dev/localFunctions.ts), imported through Vite so an edit takes effect on the next call.
 * Netlify's emulation still serves Blobs and netlify.toml's headers, with its functions switched off.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { createLocalFunctions, type FunctionModule } from './localFunctions.ts';
import { sendWebResponse, webRequest } from './nodeBridge.ts';

export function localNetlifyFunctions(): Plugin {
  return {
    name: 'local-netlify-functions',
    configureServer(server) {
      if (!server.httpServer) return;
      const functions = createLocalFunctions({
        directory: join(server.config.root, 'netlify/functions'),
        load: (file) => server.ssrLoadModule(file) as Promise<FunctionModule>,
        log: (line) => server.config.logger.error(line, { timestamp: true }),
      });
      // Load the functions while the rest of the server starts, so the first call does not wait.
      server.httpServer.once('listening', () => {
        functions.warm().catch((error: unknown) => server.config.logger.error(`Functions could not be loaded: ${error instanceof Error ? error.message : String(error)}`));
      });
      server.middlewares.use((request, response, next) => {
        const address = server.httpServer?.address();
        const origin = `http://${request.headers.host ?? (typeof address === 'object' && address ? `localhost:${address.port}` : 'localhost')}`;
        functions
          .route(new URL(request.url ?? '/', origin), request.method ?? 'GET')
          .then(async (match) => (match ? sendWebResponse(await functions.invoke(match, webRequest(request, origin)), response) : next()))
          .catch((error: unknown) => next(error));
      });
    },
  };
}
