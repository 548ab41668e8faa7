import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalFunctions, type FunctionModule } from './localFunctions.ts';

// Function files written to a throwaway folder and read by Netlify's own bundler (listFunctions),
// then imported by Node, as `npm run preview` does.
let folder: string;
let imports = 0;
const load = (file: string) => {
  imports += 1;
  return import(`${pathToFileURL(file).href}?v=${imports}`) as Promise<FunctionModule>;
};

async function writeFunction(name: string, source: string): Promise<void> {
  await writeFile(join(folder, `${name}.mjs`), source);
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'local-functions-'));
  await writeFunction(
    'roles',
    `export default async (request, context) => Response.json({ role: context.params.role, method: request.method, body: await request.text(), context: context.deploy.context });
export const config = { path: '/api/roles/:role', method: 'POST' };`,
  );
  await writeFunction(
    'pages',
    `export default async () => new Response('page');
export const config = { path: ['/page/', '/page'], method: ['GET'] };`,
  );
  await writeFunction(
    'slow-background',
    `export default async (request) => { const { until } = await request.json(); await new Promise((resolve) => setTimeout(resolve, until)); globalThis.backgroundDone = (globalThis.backgroundDone ?? 0) + 1; };`,
  );
  await writeFunction('broken', `export default async () => { throw new Error('boom'); };\nexport const config = { path: '/broken' };`);
  await writeFunction('nightly', `export default async () => Response.json({ ran: true });\nexport const config = { schedule: '5 * * * *' };`);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const post = (path: string, body = '') => new Request(`http://localhost:4321${path}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });

describe('local functions', () => {
  it('routes config.path with its parameters and config.method, as Netlify reads them', async () => {
    const functions = createLocalFunctions({ directory: folder, load });
    const answer = await functions.handle(post('/api/roles/mentor', 'hello'));
    expect(answer?.status).toBe(200);
    expect(await answer?.json()).toEqual({ role: 'mentor', method: 'POST', body: 'hello', context: 'dev' });
    // A trailing slash matches a pattern, as on Netlify; a literal path only as declared.
    expect((await functions.handle(post('/api/roles/mentee/')))?.status).toBe(200);
    expect(await functions.handle(new Request('http://localhost/api/roles/mentor'))).toBeUndefined();
    expect(await functions.handle(post('/api/roles'))).toBeUndefined();
    expect(await (await functions.handle(new Request('http://localhost/page/')))?.text()).toBe('page');
    expect(await functions.handle(post('/page/'))).toBeUndefined();
  });

  it('reaches every function, scheduled ones included, at /.netlify/functions/<name>', async () => {
    const functions = createLocalFunctions({ directory: folder, load });
    const nightly = await functions.handle(post('/.netlify/functions/nightly'));
    expect(await nightly?.json()).toEqual({ ran: true });
    expect((await functions.list()).find((func) => func.name === 'nightly')?.scheduled).toBe(true);
  });

  it('answers a background function at once with 202 and lets it run to the end', async () => {
    const functions = createLocalFunctions({ directory: folder, load });
    const before = (globalThis as { backgroundDone?: number }).backgroundDone ?? 0;
    const started = Date.now();
    const answer = await functions.handle(post('/.netlify/functions/slow-background', JSON.stringify({ until: 400 })));
    expect(answer?.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(400);
    expect((globalThis as { backgroundDone?: number }).backgroundDone ?? 0).toBe(before);
    await functions.settled();
    expect((globalThis as { backgroundDone?: number }).backgroundDone).toBe(before + 1);
  });

  it('answers 500 when a function throws, and logs why', async () => {
    const lines: string[] = [];
    const functions = createLocalFunctions({ directory: folder, load, log: (line) => lines.push(line) });
    const answer = await functions.handle(new Request('http://localhost/broken'));
    expect(answer?.status).toBe(500);
    expect(await answer?.text()).not.toContain('boom');
    expect(lines.join('\n')).toContain('boom');
  });

  it('serves no function, and fails nothing, when the site has no functions folder', async () => {
    const functions = createLocalFunctions({ directory: join(folder, 'missing'), load });
    expect(await functions.handle(new Request('http://localhost/api/roles/mentor', { method: 'POST' }))).toBeUndefined();
    expect(await functions.list()).toEqual([]);
  });

  it('picks up a function added while it runs', async () => {
    const functions = createLocalFunctions({ directory: folder, load });
    expect(await functions.handle(new Request('http://localhost/new'))).toBeUndefined();
    await writeFunction('added', `export default async () => new Response('added');\nexport const config = { path: '/new' };`);
    expect(await (await functions.handle(new Request('http://localhost/new')))?.text()).toBe('added');
  });
});
