/**
 * Where a plain form posts (issue 15): to the form's own address, which the form's function
 * answers, so a page of problems after a plain post keeps the form's URL; the enhanced form
 * posts to the API address, which still works. Routes as Netlify's bundler reads them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declaredFunctions, describeFunction, matchFunction } from '../../../scripts/dev/localFunctions.ts';
import { formDefinitions } from '../../../src/forms/formDefinitions.ts';
import { renderForm } from '../../../src/forms/renderForm.ts';
import { parseSettings } from '../config/loadSettings.ts';

const settings = parseSettings(readFileSync('content/settings.yaml', 'utf8'));
const forms = Object.values(formDefinitions(settings));

describe('form addresses', () => {
  it.each(forms.map((form) => [form.id, form] as const))('%s: a plain post goes to its own page, answered by the function of its API address', async (_, form) => {
    const functions = (await declaredFunctions('netlify/functions')).map(describeFunction);
    const at = (path: string, method: string) => matchFunction(functions, new URL(path, 'https://example.org'), method);
    const api = at(form.endpoint, 'POST');
    expect(api).toBeDefined();
    const page = at(form.page, 'POST');
    expect(page?.func.name).toBe(api!.func.name);
    expect(page?.params).toEqual(api!.params);
    // Reading the page is the static file's job.
    expect(at(form.page, 'GET')).toBeUndefined();

    const html = renderForm(form);
    expect(html).toContain(`action="${form.page}"`);
    expect(html).toContain(`data-endpoint="${form.endpoint}"`);
  });
});
