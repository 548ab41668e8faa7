/**
 * `npm start`: the site with its functions (astro dev) and the CMS's local backend, on one port
 * that every printed address, the CMS's line, SITE_URL and the links in local emails follow.
 * Usage: npm start [-- --port 4400]   (or PORT=4400 npm start; default 4321)
 */
import { spawn } from 'node:child_process';

if (process.argv.includes('--help')) {
  console.log('Usage: npm start [-- --port 4321]\nRuns the site with its functions and the CMS at /admin/ (PORT or --port; default 4321).');
  process.exit(0);
}
const flag = process.argv.indexOf('--port');
const port = Number(flag > -1 ? process.argv[flag + 1] : (process.env.PORT ?? 4321));
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`npm start: the port must be a whole number from 1 to 65535 (got ${flag > -1 ? process.argv[flag + 1] : process.env.PORT}).`);
  process.exit(2);
}
const address = `http://localhost:${port}`;
// Links in local emails and feeds name the address really served, unless SITE_URL says otherwise.
const env = { ...process.env, PORT: String(port), SITE_URL: process.env.SITE_URL ?? address };
const children = [
  spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port)], { stdio: 'inherit', env }),
  spawn(process.execPath, ['admin/localBackend.ts'], { stdio: 'inherit', env }),
];
let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(0));
