/**
 * Typographic apostrophes and quotes everywhere people read (issue 15): the content of both
 * associations (every Markdown body and every text in front matter and settings), the text of
 * the site's page templates, and every form's labels, hints, choices and messages. The emails
 * have their own test beside them (netlify/lib/mailing/emailCopy.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { parseSettings } from '../../netlify/lib/config/loadSettings.ts';
import { fieldConstraints } from '../forms/fieldConstraints.ts';
import { formDefinitions } from '../forms/formDefinitions.ts';
import { fieldMeta } from '../schemas/formField.ts';
import { straightQuotes } from './copyRules.ts';

const CONTENT_FOLDERS = ['content', 'tests/fixtures/second-association'];

function filesUnder(folder: string, ending: RegExp): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => ending.test(path))
    .map((path) => join(folder, path));
}

/** Every string in a parsed YAML value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Text with every {…} expression (nested ones too) taken out. */
function withoutExpressions(text: string): string {
  let depth = 0;
  let kept = '';
  for (const character of text) {
    if (character === '{') depth += 1;
    else if (character === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) kept += character;
  }
  return kept;
}

/** What a reader sees of a content file: its front matter's texts and its Markdown body. */
function readableTexts(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.yaml')) return strings(parse(text));
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match ? [...strings(parse(match[1]!)), match[2]!] : [text];
}

describe('typographic apostrophes and quotes', () => {
  it.each(CONTENT_FOLDERS)('in the content of %s', (folder) => {
    const found = filesUnder(folder, /\.(md|yaml)$/)
      .filter((path) => !path.endsWith('README.md'))
      .flatMap((path) => readableTexts(path).flatMap((text) => straightQuotes(text).map((context) => `${path}: …${context}…`)));
    expect(found).toEqual([]);
  });

  it('in the text of the site’s page templates', () => {
    const found = ['src/pages', 'src/components', 'src/layouts'].flatMap((folder) =>
      filesUnder(folder, /\.astro$/).flatMap((path) => {
        // The template after the front matter, without its expressions, scripts and styles.
        const template = withoutExpressions(
          readFileSync(path, 'utf8')
            .replace(/^---[\s\S]*?---/, '')
            .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ''),
        );
        return straightQuotes(template).map((context) => `${path}: …${context}…`);
      }),
    );
    expect(found).toEqual([]);
  });

  it.each(CONTENT_FOLDERS)('in every form’s questions, hints, choices and messages for %s', (folder) => {
    const settings = parseSettings(readFileSync(join(folder, 'settings.yaml'), 'utf8'));
    const found = Object.values(formDefinitions(settings)).flatMap((form) =>
      Object.entries(form.schema.shape as Record<string, z.ZodType>).flatMap(([name, schema]) => {
        const meta = fieldMeta(schema);
        const messages = Object.values(fieldConstraints(schema, meta.required).messages).filter((message): message is string => typeof message === 'string');
        const texts = [
          form.title,
          form.submitLabel,
          form.confirmationSubject,
          meta.label,
          meta.hint ?? '',
          ...(meta.choices ?? []).flatMap((choice) => [choice.label, choice.hint ?? '']),
          ...messages,
        ];
        return texts.flatMap((text) => straightQuotes(text).map((context) => `${form.id}.${name}: …${context}…`));
      }),
    );
    expect(found).toEqual([]);
  });
});
