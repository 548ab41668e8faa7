import { beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_PHRASES, type Phrases, withEditorPhrases } from './editorWords.ts';

/** Every phrase of a locale, by its dotted key. */
function flatten(phrases: Phrases, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(phrases)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [inner, phrase] of flatten(value, `${prefix}${key}.`)) found.set(inner, phrase);
  }
  return found;
}

const placeholders = (phrase: string) => [...phrase.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the editor’s wording', () => {
  let decap: Map<string, string>;
  let merged: Map<string, string>;

  beforeAll(async () => {
    const { default: english } = await import('decap-cms-locales/dist/esm/en/index.js');
    decap = flatten(english as Phrases);
    merged = flatten(withEditorPhrases(english as Phrases));
  });

  it('replaces only phrases Decap has, keeping the values each one is given', () => {
    for (const [key, phrase] of flatten(EDITOR_PHRASES)) {
      expect(decap.has(key), key).toBe(true);
      // A placeholder Decap does not fill would show as "%{…}"; one left out is simply not said.
      for (const name of placeholders(phrase)) expect(placeholders(decap.get(key)!), key).toContain(name);
    }
    expect([...merged.keys()].sort()).toEqual([...decap.keys()].sort());
  });

  it('says "New monthly topic" in plain letters, and none of Decap’s generic words the committee found puzzling', () => {
    expect(merged.get('collection.collectionTop.newButton')).toBe('New %{collectionLabel}');
    for (const key of ['collection.collectionTop.newButton', 'app.header.quickAdd', 'editor.editorToolbar.deployPreviewPendingButtonLabel', 'auth.login', 'auth.loginWithGitHub']) {
      expect(merged.get(key), key).not.toMatch(/＋|Quick add|Check for Preview|Login|Post|Entry/);
    }
    expect(merged.get('editor.editorWidgets.list.add')).toBe('Add a %{item}');
  });
});
