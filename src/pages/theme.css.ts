import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';

// The committee's colours as CSS custom properties, served as a file so the pages need no
// inline styles (the Content-Security-Policy allows stylesheets from the site only).
export const GET: APIRoute = async () => {
  const settings = (await getEntry('settings', 'settings'))?.data;
  if (!settings) throw new Error('content/settings.yaml is missing.');
  const { accent, accentOnDark, highlight, highlightOnDark } = settings.colours;
  const css = `:root{--accent:${accent};--accent-on-dark:${accentOnDark};--highlight:${highlight ?? accent};--highlight-on-dark:${highlightOnDark ?? accentOnDark};}\n`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
