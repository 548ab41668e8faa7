/**
 * Decap CMS's local backend for `npm start`, with the editorial workflow (drafts, review,
 * publish) and without touching the site's own git working tree.
 *
 * decap-server supports the workflow only in its git mode, which checks out draft branches in
 * the folder it serves and commits everything there with `git add .`. Run in the site folder,
 * that would switch a committee member's files under them and sweep their unsaved work into CMS
 * commits. So decap-server serves a separate git repository, the workspace
 * (.data/cms-workspace, git-ignored), and this process sits in front of it and keeps the
 * workspace's `main` and the site's content/ folder (its media folder included, for the Media tab) in
 * step: before each CMS call it brings in edits made to content/ outside the CMS; after each call
 * it writes what the CMS published into content/, where the dev server picks it up. Drafts live
 * as branches in the workspace only.
 *
 * Usage: node admin/localBackend.ts   (npm start runs it next to `astro dev`)
 * Environment: CMS_BACKEND_PORT (8081) where the dev server reaches it; DECAP_SERVER_PORT
 * (CMS_BACKEND_PORT + 1) for decap-server itself; CMS_WORKSPACE (.data/cms-workspace).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { contentDir } from '../src/lib/contentDir.ts';
import { localBackendPort } from './localBackendPort.ts';

if (process.argv.includes('--help')) {
  console.log(`Usage: node admin/localBackend.ts

Runs Decap CMS's local backend (decap-server in git mode, for the editorial workflow) on a
separate git workspace (.data/cms-workspace) and keeps it in step with content/. The dev server
(astro dev) passes /admin/api/v1 to it. npm start runs both.

Environment: CMS_BACKEND_PORT (default 8081), DECAP_SERVER_PORT (default CMS_BACKEND_PORT + 1),
CMS_WORKSPACE (default .data/cms-workspace).`);
  process.exit(0);
}

const run = promisify(execFile);
const root = process.cwd();
const port = localBackendPort(process.env);
const decapPort = Number(process.env.DECAP_SERVER_PORT ?? port + 1);
const workspace = resolve(root, process.env.CMS_WORKSPACE ?? '.data/cms-workspace');
/** The folder the CMS writes (the content folder, CONTENT_DIR, with the Media tab's uploads in its media/), the same in site and workspace. */
const SYNCED = [contentDir()];
const BRANCH = 'main';

/** git in the workspace, never in the site's own repository. */
async function git(args: string[], options: { buffer?: boolean } = {}): Promise<string> {
  const env: Record<string, string | undefined> = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  const { stdout } = await run('git', args, { cwd: workspace, env, maxBuffer: 64 * 1024 * 1024, encoding: options.buffer ? 'buffer' : 'utf8' });
  return stdout as unknown as string;
}

/** The id git gives a file's content, so the site's files compare with the workspace's cheaply. */
function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.cms-part')).map((entry) => join(entry.parentPath, entry.name));
}

/** The synced folders in the site: path (relative, with /) → blob id. */
async function siteContent(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const folder of SYNCED) {
    for (const file of await listFiles(join(root, folder))) {
      files.set(relative(root, file).split(sep).join('/'), blobId(await readFile(file)));
    }
  }
  return files;
}

/** The commit the workspace's main branch points at, read without starting git. */
async function publishedCommit(): Promise<string> {
  const loose = await readFile(join(workspace, '.git/refs/heads', BRANCH), 'utf8').catch(() => '');
  return loose.trim() || (await git(['rev-parse', `refs/heads/${BRANCH}`])).trim();
}

let listed: { commit: string; files: Map<string, string> } | null = null;

/** The synced folders on the workspace's main branch: path → blob id (listed again only when main moves). */
async function publishedContent(): Promise<Map<string, string>> {
  const commit = await publishedCommit();
  if (listed?.commit === commit) return listed.files;
  const files = new Map<string, string>();
  const listing = await git(['ls-tree', '-r', '-z', commit, '--', ...SYNCED]);
  for (const line of listing.split('\0').filter(Boolean)) {
    // Each entry is "<mode> <type> <blob id>\t<path>".
    const [info, path] = line.split('\t');
    const blob = info?.split(' ')[2];
    if (path === undefined || blob === undefined) throw new Error(`Unexpected git ls-tree entry: ${JSON.stringify(line)}`);
    files.set(path, blob);
  }
  listed = { commit, files };
  return files;
}

async function ensureWorkspace(): Promise<void> {
  await mkdir(workspace, { recursive: true });
  const isRepository = await git(['rev-parse', '--is-inside-work-tree']).then(
    () => git(['rev-parse', '--show-toplevel']).then((top) => resolve(top.trim()) === workspace),
    () => false,
  );
  if (!isRepository) {
    await git(['init', '--quiet', '--initial-branch', BRANCH]);
    await configureWorkspace();
    await git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', 'Start the CMS workspace']);
  }
  await configureWorkspace();
  // A stopped run may have left a draft branch checked out: the published branch is the rest state.
  await git(['checkout', '--quiet', '--force', BRANCH]);
  await git(['clean', '--quiet', '-fd']);
}

async function configureWorkspace(): Promise<void> {
  // Commits here are the CMS's; decap-server reads commit.gpgsign and expects it set.
  await git(['config', 'user.name', 'Decap CMS (local)']);
  await git(['config', 'user.email', 'cms@localhost']);
  await git(['config', 'commit.gpgsign', 'false']);
}

/** What both sides last agreed on, so a difference tells which side changed. */
let agreed = new Map<string, string>();
let warnedBusy = false;

/**
 * Brings the two sides in step: a file changed only in content/ goes into the workspace (one
 * commit); a file the CMS published goes into content/. A file changed on both sides keeps the
 * site's version (the CMS's stays in the workspace history).
 */
async function synchronise(): Promise<void> {
  const [site, published] = await Promise.all([siteContent(), publishedContent()]);
  const toWorkspace: string[] = [];
  const toSite: string[] = [];
  for (const path of new Set([...site.keys(), ...published.keys(), ...agreed.keys()])) {
    const inSite = site.get(path);
    const inWorkspace = published.get(path);
    if (inSite === inWorkspace) continue;
    if (inSite === agreed.get(path)) toSite.push(path);
    else {
      if (inWorkspace !== agreed.get(path)) console.warn(`${path} was changed both in the CMS and in content/: keeping the version in content/.`);
      toWorkspace.push(path);
    }
  }

  for (const path of toSite) {
    const target = join(root, path);
    const id = published.get(path);
    if (id) {
      // Written aside and renamed into place, so the dev server never reads a half-written file.
      await mkdir(dirname(target), { recursive: true });
      await writeFile(`${target}.cms-part`, (await git(['cat-file', 'blob', id], { buffer: true })) as unknown as Buffer);
      await rename(`${target}.cms-part`, target);
    } else {
      await rm(target, { force: true });
    }
    console.log(`Published from the CMS: ${path}`);
  }

  if (toWorkspace.length > 0) {
    const head = (await git(['symbolic-ref', '--short', 'HEAD'])).trim();
    const dirty = (await git(['status', '--porcelain'])).trim();
    if (head !== BRANCH || dirty !== '') {
      if (!warnedBusy) console.warn('The CMS workspace is busy; edits made in content/ will be brought in at the next CMS action.');
      warnedBusy = true;
    } else {
      warnedBusy = false;
      for (const path of toWorkspace) {
        const target = join(workspace, path);
        if (site.has(path)) {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, await readFile(join(root, path)));
        } else {
          await rm(target, { force: true });
        }
      }
      await git(['add', '--all', '--', ...SYNCED.filter((folder) => toWorkspace.some((path) => path.startsWith(`${folder}/`)))]);
      const named = toWorkspace.length <= 3 ? toWorkspace.join(', ') : `${toWorkspace.length} files`;
      await git(['commit', '--quiet', '--no-verify', '-m', `Changes made outside the CMS: ${named}`]);
    }
  }
  agreed = await publishedContent();
}

function startDecapServer() {
  const child = spawn(process.execPath, [join(root, 'node_modules/decap-server/dist/index.js')], {
    cwd: workspace,
    // BIND_HOST: only this machine may reach it; it writes to the repository without asking.
    env: { ...process.env, MODE: 'git', GIT_REPO_DIRECTORY: workspace, PORT: String(decapPort), BIND_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`decap-server stopped (${signal ?? `exit code ${code}`}).`);
    process.exit(1);
  });
  return child;
}

/** One call to decap-server; the whole answer, so content/ can be updated before the CMS sees it. */
function forward(body: Buffer): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolveAnswer, reject) => {
    const upstream = request(
      { host: '127.0.0.1', port: decapPort, path: '/api/v1', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolveAnswer({ status: answer.statusCode ?? 502, type: answer.headers['content-type'] ?? 'application/json', body: Buffer.concat(chunks) }));
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

async function waitForDecapServer(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const answer = await forward(Buffer.from(JSON.stringify({ action: 'info' })));
      if (answer.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`decap-server did not start on port ${decapPort}.`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

let stopping = false;
await ensureWorkspace();
// At start content/ is the truth (it may have been pulled, edited or reset since the last run).
agreed = await publishedContent();
await synchronise();
const decapServer = startDecapServer();
await waitForDecapServer();

/** The CMS calls that can change the published branch; after them, content/ is updated. */
const WRITES = new Set(['persistEntry', 'publishUnpublishedEntry', 'deleteFile', 'deleteFiles', 'persistMedia', 'deleteUnpublishedEntry']);

function actionOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString('utf8')) as { action?: unknown }).action ?? '');
  } catch {
    return '';
  }
}

// One CMS call at a time: each sees, and leaves, content/ and the workspace in step.
let queue: Promise<unknown> = Promise.resolve();
const server = createServer((req, res) => {
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/api/v1') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    queue = queue.then(async () => {
      try {
        const body = Buffer.concat(chunks);
        const action = actionOf(body);
        const started = Date.now();
        await synchronise();
        const synced = Date.now();
        const answer = await forward(body);
        const answered = Date.now();
        if (WRITES.has(action)) await synchronise();
        if (Date.now() - started > 2_000) {
          console.warn(
            `Slow CMS call ${action}: ${synced - started} ms bringing in content/, ${answered - synced} ms in decap-server, ${Date.now() - answered} ms publishing to content/.`,
          );
        }
        res.writeHead(answer.status, { 'Content-Type': answer.type, 'Cache-Control': 'no-store' });
        res.end(answer.body);
      } catch (error) {
        console.error(`CMS call failed: ${error instanceof Error ? error.message : String(error)}`);
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'The local CMS backend failed; see the terminal.' }));
      }
    });
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(
    `CMS local backend ready: edit at /admin/ on the local site (${process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 4321}`}/admin/); drafts are kept in ${relative(root, workspace) || workspace}.`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    server.close();
    decapServer.kill('SIGTERM');
    process.exit(0);
  });
}
