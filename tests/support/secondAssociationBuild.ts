/**
 * Builds the whole site from the second association's content pack
 * (tests/fixtures/second-association) into test-results/second-association-dist, as of the test
 * suite's date (tests/testClock.ts), so tests can look at another association's site: the build
 * test here, and browser runs against the built folder.
 *
 *   node tests/support/secondAssociationBuild.ts     builds it (about a minute), prints the folder
 *
 * The build runs in a throwaway copy of the site under .test-copies/ (git-ignored, inside the
 * project so packages resolve from its node_modules), so its caches (.astro/, the content store,
 * the CMS bundle cache) never mix with those of the shipped site's builds or of vitest. Only the
 * content folder differs: CONTENT_DIR=tests/fixtures/second-association.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { TEST_NOW } from '../testClock.ts';
import { PROJECT_ROOT, SECOND_ASSOCIATION_DIR } from './contentPacks.ts';

/** Where the second association's site is built, from the project root. */
export const SECOND_ASSOCIATION_DIST = 'test-results/second-association-dist';

/** The address the second association's site is built for (canonical links, sitemap, feeds). */
export const SECOND_ASSOCIATION_SITE_URL = 'https://mentoring.srhs.example.org';

/** What the site needs to build; tests/ is not among them, except the content pack itself. */
const SITE_FILES = ['src', 'public', 'admin', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

export interface PackBuild {
  status: number | null;
  /** stdout and stderr, without colours. */
  output: string;
  /** The built site, absolute. */
  outDir: string;
}

/** `astro build` of the site with CONTENT_DIR naming a content pack of the project, into outDir. */
export function buildSiteFromPack(options: { contentDir?: string; outDir?: string; env?: Record<string, string> } = {}): PackBuild {
  const contentDir = options.contentDir ?? SECOND_ASSOCIATION_DIR;
  const outDir = join(PROJECT_ROOT, options.outDir ?? SECOND_ASSOCIATION_DIST);
  mkdirSync(join(PROJECT_ROOT, '.test-copies'), { recursive: true });
  const copy = mkdtempSync(join(PROJECT_ROOT, '.test-copies', 'pack-build-'));
  try {
    for (const entry of SITE_FILES) cpSync(join(PROJECT_ROOT, entry), join(copy, entry), { recursive: true });
    cpSync(join(PROJECT_ROOT, contentDir), join(copy, contentDir), { recursive: true });
    rmSync(outDir, { recursive: true, force: true });
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: copy,
      encoding: 'utf8',
      timeout: 600_000,
      env: {
        ...process.env,
        CONTENT_DIR: contentDir,
        SITE_NOW: process.env.SITE_NOW ?? TEST_NOW,
        SITE_URL: SECOND_ASSOCIATION_SITE_URL,
        // Each association's site has its own repository; never the shipped site's.
        CMS_GITHUB_REPO: 'example/srhs-mentoring-site',
        CMS_GITHUB_BRANCH: 'main',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        ...options.env,
      },
    });
    return { status: result.status, output: stripVTControlCharacters(`${result.stdout}\n${result.stderr}`), outDir };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const build = buildSiteFromPack();
  if (build.status !== 0) {
    console.error(build.output);
    process.exit(build.status ?? 1);
  }
  console.log(`The second association's site is in ${build.outDir}`);
}
