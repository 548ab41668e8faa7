/**
 * Checks for the house style of everything people read (issue 15, "one thing said once"): used
 * by tests over the content, the emails, the pages and the form messages, so each rule is
 * written once.
 */

/** Text with its web and email addresses, Markdown link targets and code spans removed. */
function prose(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\b(?:https?|mailto):[^\s<>"]+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ');
}

/**
 * The straight apostrophes and quotes in a piece of prose, with a little context each: prose
 * uses ’ (don’t, mentors’) and “…”, never ' or ".
 */
export function straightQuotes(text: string): string[] {
  const body = prose(text);
  return [...body.matchAll(/['"]/g)].map((match) => body.slice(Math.max(0, match.index - 20), match.index + 20).replace(/\s+/g, ' '));
}

/** A heading followed by a first line that starts by saying the heading again. */
export interface RepeatedHeading {
  heading: string;
  firstLine: string;
}

const normalised = (text: string) =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** In HTML: each h1-h3 whose next paragraph or list item begins with the heading's own words. */
export function repeatedHeadings(html: string): RepeatedHeading[] {
  const found: RepeatedHeading[] = [];
  for (const match of html.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>\s*(?:<(?:p|li|ul|ol|div)\b[^>]*>\s*)+([\s\S]*?)<\/(?:p|li|div)>/g)) {
    const heading = normalised(match[2]!).replace(/[?:.!]$/, '');
    const firstLine = normalised(match[3]!);
    if (heading.length > 0 && firstLine.startsWith(heading)) found.push({ heading: match[2]!.trim(), firstLine: firstLine.slice(0, 80) });
  }
  return found;
}
