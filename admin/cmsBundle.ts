/**
 * The CMS bundle (Decap, React and admin/main.ts: about 5 CPU-seconds of esbuild) made once per
 * version of its inputs and reused by `astro dev` and `astro build`. The cache keeps the bundle
 * with the list of files esbuild read (its metafile) and a digest of each; it is used only while
 * every one of them still has that digest. Files under node_modules are stood for by the lock
 * file, which changes whenever an installed package does.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import * as esbuild from 'esbuild';
import { cmsBundleOptions } from './build.ts';

export interface CmsBundleFile {
  /** The file name beside the admin page: cms.js, cms.js.LEGAL.txt. */
  name: string;
  contents: Uint8Array;
}

export interface CmsBundle {
  files: CmsBundleFile[];
  /** True when the bundle came from the cache. */
  cached: boolean;
}

interface Manifest {
  key: string;
  inputs: Record<string, string>;
  files: string[];
}

/** Where the cache lives: a tool cache in node_modules, which `npm ci` starts afresh. */
export function cmsCacheFolder(root: string): string {
  return join(root, 'node_modules/.cache/cms-bundle');
}

const digest = (contents: string | Uint8Array) => createHash('sha256').update(contents).digest('hex');
const LOCK_FILE = 'package-lock.json';

/** What the bundle depends on besides its input files: esbuild's version and the options. */
function bundleKey(root: string): string {
  const { absWorkingDir: _dir, ...options } = cmsBundleOptions(root, true);
  return digest(JSON.stringify({ esbuild: esbuild.version, options, entry: 'admin/main.ts' }));
}

/** The files whose digests decide the cache: local inputs, and the lock file for node_modules. */
function trackedInputs(metafileInputs: string[]): string[] {
  const local = metafileInputs.filter((path) => !path.split('/').includes('node_modules') && !isAbsolute(path) && !path.includes(':'));
  return [...new Set([...local, LOCK_FILE])].sort();
}

async function digestsOf(root: string, paths: string[]): Promise<Record<string, string> | null> {
  const entries: [string, string][] = [];
  for (const path of paths) {
    try {
      entries.push([path, digest(await readFile(join(root, path)))]);
    } catch {
      return null;
    }
  }
  return Object.fromEntries(entries);
}

/** The cached bundle when every input is as it was when it was made; otherwise null. */
export async function readCachedCmsBundle(root: string): Promise<CmsBundle | null> {
  const folder = cmsCacheFolder(root);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (manifest.key !== bundleKey(root)) return null;
  const now = await digestsOf(root, Object.keys(manifest.inputs));
  if (!now || Object.entries(manifest.inputs).some(([path, hash]) => now[path] !== hash)) return null;
  try {
    const files = await Promise.all(manifest.files.map(async (name) => ({ name, contents: new Uint8Array(await readFile(join(folder, name))) })));
    return { files, cached: true };
  } catch {
    return null;
  }
}

/** Bundles the CMS with esbuild and stores the result in the cache. */
export async function buildCmsBundle(root: string): Promise<CmsBundle> {
  const result = await esbuild.build({ ...cmsBundleOptions(root, true), outfile: join(root, 'cms.js'), write: false, metafile: true });
  const files = (result.outputFiles ?? []).map((file) => ({ name: basename(file.path), contents: file.contents }));
  const inputs = await digestsOf(root, trackedInputs(Object.keys(result.metafile?.inputs ?? {})));
  if (inputs) {
    const folder = cmsCacheFolder(root);
    await mkdir(folder, { recursive: true });
    for (const file of files) await writeFile(join(folder, file.name), file.contents);
    // The manifest last, and by rename: a half-written cache is never taken for a whole one.
    const manifest: Manifest = { key: bundleKey(root), inputs, files: files.map((file) => file.name) };
    await writeFile(join(folder, 'manifest.json.tmp'), JSON.stringify(manifest));
    await rename(join(folder, 'manifest.json.tmp'), join(folder, 'manifest.json'));
  }
  return { files, cached: false };
}

/** The cached bundle if it is still current, else a new one (which is then cached). */
export async function cmsBundle(root: string): Promise<CmsBundle> {
  return (await readCachedCmsBundle(root)) ?? buildCmsBundle(root);
}
