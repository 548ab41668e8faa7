import { readdirSync, readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { contentPath } from '../../lib/contentDir.ts';
import { MEDIA_FILE } from '../../schemas/primitives.ts';

// The media library lives in the content folder (content/media), so that a content pack carries
// its own logo; the build copies each file to /media/<name>.
const TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

export const getStaticPaths = (() => {
  let names: string[];
  try {
    names = readdirSync(contentPath('media'));
  } catch {
    return [];
  }
  return names.filter((name) => MEDIA_FILE.test(`/media/${name}`)).map((name) => ({ params: { file: name } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const name = String(params.file);
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return new Response(readFileSync(contentPath(`media/${name}`)), { headers: { 'Content-Type': TYPES[extension] ?? 'application/octet-stream' } });
};
