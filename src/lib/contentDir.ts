/**
 * The folder the site's content is read from, relative to the project root (or absolute):
 * CONTENT_DIR when it is set, otherwise content/. Every reader of the content (the content
 * collections, the functions, the mailings, the CMS configuration) asks here, so a whole site can
 * be built from another association's content pack, e.g.
 * `CONTENT_DIR=tests/fixtures/second-association astro build`.
 */
export const DEFAULT_CONTENT_DIR = 'content';

/** The content folder named by the environment, without a trailing slash. */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  const named = env.CONTENT_DIR?.trim().replace(/\/+$/, '');
  return named ? named : DEFAULT_CONTENT_DIR;
}

/** A path inside the content folder, e.g. `contentPath('topics')` is content/topics. */
export function contentPath(path: string, env: Record<string, string | undefined> = process.env): string {
  return `${contentDir(env)}/${path}`;
}
