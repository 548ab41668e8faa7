/**
 * Pagefind's excerpts are HTML: the page's text, escaped, with the matched words in <mark>.
 * The archive's search shows them as text with highlights, never as HTML, so nothing in an
 * excerpt can become markup on the page.
 */
export interface ExcerptPart {
  text: string;
  highlighted: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the few named entities Pagefind writes, and numeric ones; others are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** Splits an excerpt into plain and highlighted runs; any tag other than <mark> is dropped. */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let highlighted = false;
  for (const token of excerpt.split(/(<\/?[a-z][^>]*>)/i)) {
    if (/^<mark\b[^>]*>$/i.test(token)) highlighted = true;
    else if (/^<\/mark>$/i.test(token)) highlighted = false;
    else if (!/^<\/?[a-z][^>]*>$/i.test(token) && token) {
      const text = decodeEntities(token);
      const last = parts.at(-1);
      if (last && last.highlighted === highlighted) last.text += text;
      else parts.push({ text, highlighted });
    }
  }
  return parts;
}

/** What the status line says after a search. */
export function resultsSummary(count: number, shown: number, query: string): string {
  if (count === 0) return `No topics found for “${query}”. Try another word, or browse by theme.`;
  const found = `${count} ${count === 1 ? 'topic' : 'topics'} found for “${query}”`;
  return shown < count ? `${found}. Showing the first ${shown}.` : `${found}.`;
}
