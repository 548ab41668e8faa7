/**
 * The topic archive's search, on Pagefind's JavaScript API. The page ships only this small
 * module; Pagefind's runtime and index are fetched when someone first types or searches.
 * Without JavaScript a <noscript> stylesheet hides the search; the lists and theme pages remain.
 */
import { excerptParts, resultsSummary } from './excerpt.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  init(): Promise<void>;
  search(query: string): Promise<{ results: Array<{ data(): Promise<PagefindResultData> }> } | null>;
}

const MAX_RESULTS = 10;
const TYPING_PAUSE_MS = 250;
// Built by Pagefind after the site, so it is loaded at run time, not bundled.
const PAGEFIND_URL = '/pagefind/pagefind.js';

let pagefind: Promise<Pagefind> | null = null;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (import(/* @vite-ignore */ PAGEFIND_URL) as Promise<Pagefind>)
    .then(async (module) => {
      await module.init();
      return module;
    })
    .catch((error: unknown) => {
      pagefind = null; // try again on the next search
      throw error;
    });
  return pagefind;
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  const excerpt = document.createElement('p');
  for (const part of excerptParts(data.excerpt)) {
    if (part.highlighted) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      excerpt.append(mark);
    } else {
      excerpt.append(part.text);
    }
  }
  item.append(link, excerpt);
  return item;
}

function enhance(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  const status = form.querySelector<HTMLElement>('[data-search-status]');
  const list = form.querySelector<HTMLElement>('[data-search-results]');
  if (!input || !status || !list) return;

  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    const query = input.value.trim();
    const searchNumber = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const found = await (await loadPagefind()).search(query);
      const results = found?.results ?? [];
      const shown = await Promise.all(results.slice(0, MAX_RESULTS).map((result) => result.data()));
      if (searchNumber !== latest) return; // a newer search has started
      list.replaceChildren(...shown.map(renderResult));
      status.textContent = resultsSummary(results.length, shown.length, query);
    } catch {
      if (searchNumber !== latest) return;
      list.replaceChildren();
      status.textContent = 'Search is not available just now. Browse by theme, or use the list of topics below.';
    }
  };

  input.addEventListener('focus', () => void loadPagefind().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), TYPING_PAUSE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run();
  });
  // Words typed while this module was still loading: search for them now.
  if (input.value.trim()) void run();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-topic-search]')) enhance(form);
