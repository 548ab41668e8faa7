import type { APIRoute } from 'astro';

// Generated so the sitemap line carries the absolute address of the deployed site.
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nDisallow: /admin/\nDisallow: /committee/\n\nSitemap: ${new URL('/sitemap-index.xml', site)}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
