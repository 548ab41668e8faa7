/**
 * Runs one function by hand on the local site, as Netlify's scheduler would (scheduled functions
 * have no public path; `/.netlify/functions/<name>` reaches them under `npm start`).
 * Usage: npm run function -- <name> [--port 4321] [--body '{"month":"2026-10"}']
 */
import { readdirSync } from 'node:fs';

const names = readdirSync('netlify/functions')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));
const name = process.argv.slice(2).find((arg, index, args) => !arg.startsWith('--') && !['--port', '--body'].includes(args[index - 1] ?? ''));
if (process.argv.includes('--help') || !name) {
  console.log(`Usage: npm run function -- <name> [--port 4321] [--body JSON]\nRuns a function on the local site started with npm start. Functions: ${names.join(', ')}.`);
  process.exit(name || process.argv.includes('--help') ? 0 : 2);
}
if (!names.includes(name)) {
  console.error(`There is no function called ${name}. Functions: ${names.join(', ')}.`);
  process.exit(2);
}
const option = (flag: string) => {
  const at = process.argv.indexOf(flag);
  return at > -1 ? process.argv[at + 1] : undefined;
};
const port = option('--port') ?? process.env.PORT ?? '4321';
const body = option('--body');
const secret = process.env.MAILER_SECRET;
try {
  const response = await fetch(`http://localhost:${port}/.netlify/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Netlify Clockwork', 'x-nf-event': 'schedule', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    ...(body ? { body } : {}),
  });
  console.log(`${name}: ${response.status} ${response.statusText}`);
  const text = await response.text();
  if (text) console.log(text);
  process.exitCode = response.ok ? 0 : 1;
} catch {
  console.error(`Nothing answers on port ${port}: start the site with npm start first (or pass --port).`);
  process.exitCode = 1;
}
