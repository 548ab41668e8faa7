/**
 * The browser and the server say the same thing about the same mistake (issue 15): for every
 * field of every form, of the shipped association and of the second one, each wrong or empty
 * answer is checked by the browser's own function on the field's rendered HTML and by the
 * server's path (reading the post, the form's schema, its field errors), and the words must match.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { shapeAnswers } from '../../netlify/lib/http/readSubmission.ts';
import { parseSettings } from '../../netlify/lib/config/loadSettings.ts';
import { fieldErrors } from '../../netlify/lib/submissions/submitForm.ts';
import { fieldMeta } from '../schemas/formField.ts';
import { clientMessage, type FieldAttributes } from './clientChecks.ts';
import { type FormDefinition, formDefinitions } from './formDefinitions.ts';
import { renderForm } from './renderForm.ts';

type Raw = string | string[];

const decodeEntities = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const datasetName = (attribute: string) => attribute.slice(5).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Each field's attributes as the browser reads them from the page: the group's data-* and the control's limits. */
function renderedFields(form: FormDefinition): Map<string, FieldAttributes> {
  const html = renderForm(form);
  const fields = new Map<string, FieldAttributes>();
  const groups = html.split(/(?=<div class="form-group)/).slice(1);
  for (const group of groups) {
    const openTag = group.slice(0, group.indexOf('>'));
    const attributes: Record<string, string | number> = {};
    for (const match of openTag.matchAll(/\s(data-[a-z-]+)(?:="([^"]*)")?/g)) attributes[datasetName(match[1]!)] = decodeEntities(match[2] ?? '');
    const control = /<(input|textarea)\b[^>]*>/.exec(group.replace(/<input class="choice-input"[^>]*>/g, ''))?.[0] ?? '';
    const minLength = /\sminlength="(\d+)"/.exec(control)?.[1];
    const maxLength = /\smaxlength="(\d+)"/.exec(control)?.[1];
    fields.set(String(attributes.field), { ...attributes, ...(minLength ? { minLength: Number(minLength) } : {}), ...(maxLength ? { maxLength: Number(maxLength) } : {}) });
  }
  return fields;
}

/** What the server answers about one field when these values are posted (no message: ''). */
function serverMessage(form: FormDefinition, field: string, posted: Record<string, Raw>): string {
  const shaped = shapeAnswers(form.schema, posted);
  if ('error' in shaped) throw new Error(shaped.error);
  const parsed = form.schema.safeParse(shaped.answers);
  return parsed.success ? '' : (fieldErrors(form, parsed.error).find((error) => error.field === field)?.message ?? '');
}

/** Wrong and empty answers for a field, from what its page says about it. */
function probes(attributes: FieldAttributes, choices: string[]): Raw[] {
  if (attributes.widget === 'checkboxes') return [[], choices];
  if (attributes.widget === 'radios' || attributes.widget === 'select' || attributes.widget === 'agreement') return [''];
  const values: Raw[] = ['', '   '];
  if (attributes.minLength && attributes.minLength > 1) values.push('x'.repeat(attributes.minLength - 1));
  if (attributes.maxLength) values.push('x'.repeat(attributes.maxLength + 1));
  if (attributes.widget === 'email') values.push('not-an-email', 'name@example', 'a@b.c', 'name@@example.org', 'name@example.org', ' name@example.org ');
  if (attributes.widget === 'number') {
    values.push('eight', '1.5', '8', '-3');
    if (attributes.min) values.push(String(Number(attributes.min) - 1));
    if (attributes.max) values.push(String(Number(attributes.max) + 1));
  }
  return values;
}

/** A right answer for every field, built from what the page says about it, so a probe of one field meets no other problem. */
function validAnswers(form: FormDefinition, fields: Map<string, FieldAttributes>): Record<string, Raw> {
  const shape = form.schema.shape as Record<string, z.ZodType>;
  const answers: Record<string, Raw> = {};
  for (const [name, attributes] of fields) {
    const meta = fieldMeta(shape[name]!);
    const choices = (meta.choices ?? []).map((choice) => choice.value);
    if (meta.showWhen) continue;
    if (attributes.widget === 'checkboxes')
      answers[name] = [choices.find((choice) => !meta.choices?.some((other) => other.value === choice && /other|not.sure/i.test(choice))) ?? choices[0]!];
    else if (attributes.widget === 'radios' || attributes.widget === 'select') answers[name] = choices.find((choice) => !/other/i.test(choice)) ?? choices[0]!;
    else if (attributes.widget === 'agreement') answers[name] = 'yes';
    else if (attributes.widget === 'email') answers[name] = 'name@example.org';
    else if (attributes.widget === 'number') answers[name] = attributes.min ?? '1';
    else answers[name] = 'A right answer'.padEnd(attributes.minLength ?? 0, '.');
  }
  return answers;
}

const ASSOCIATIONS = { shipped: 'content/settings.yaml', second: 'tests/fixtures/second-association/settings.yaml' };

describe.each(Object.entries(ASSOCIATIONS))('the %s association’s forms', (_, file) => {
  const forms = Object.values(formDefinitions(parseSettings(readFileSync(file, 'utf8'))));

  it.each(forms.map((form) => [form.id, form] as const))('%s: every field gets the same message from the browser and the server', (_, form) => {
    const fields = renderedFields(form);
    const shape = form.schema.shape as Record<string, z.ZodType>;
    expect([...fields.keys()]).toEqual(Object.keys(shape));
    const valid = validAnswers(form, fields);
    const shaped = shapeAnswers(form.schema, valid);
    expect(
      'answers' in shaped && form.schema.safeParse(shaped.answers).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      'the right answers are right',
    ).toBeUndefined();
    let compared = 0;
    for (const [name, attributes] of fields) {
      const meta = fieldMeta(shape[name]!);
      const choices = (meta.choices ?? []).map((choice) => choice.value);
      // A field asked only with another answer is probed with that answer given.
      const context: Record<string, Raw> = { ...valid, ...(meta.showWhen ? { [meta.showWhen.field]: [...meta.showWhen.values] } : {}) };
      for (const value of probes(attributes, choices)) {
        const browser = clientMessage(attributes, value, (other) => context[other] ?? '');
        const server = serverMessage(form, name, { ...context, [name]: value });
        expect({ field: name, value, browser }).toEqual({ field: name, value, browser: server });
        compared += 1;
      }
      // Every required field is caught by the browser when left empty, with words that say what to do.
      if (attributes.required !== undefined || meta.showWhen)
        expect(
          clientMessage(attributes, attributes.widget === 'checkboxes' ? [] : '', (other) => context[other] ?? ''),
          name,
        ).not.toBe('');
    }
    expect(compared).toBeGreaterThan(fields.size);
  });
});
