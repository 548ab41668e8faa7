import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { MINIMUM_FILL_MS } from '../../../netlify/lib/submissions/submitForm.ts';
import type { FormDefinition } from '../../../src/forms/formDefinitions.ts';
import { type Answer, type FieldInfo, formFields } from './formCases.ts';
import { LANE_FOLDERS } from '../support/lane.ts';

/** Where the functions under test write: this lane's folders (support/lane.ts). */
export const RECORDS_DIR = LANE_FOLDERS.records;
export const OUTBOX_DIR = LANE_FOLDERS.outbox;

/** The control a field's label (or a choice's label inside its fieldset) names, found as a person would. */
export function fieldControl(page: Page, field: FieldInfo, choiceLabel?: string): Locator {
  const { meta } = field;
  switch (meta.widget) {
    case 'radios':
      return page.getByRole('group', { name: meta.label, exact: true }).getByRole('radio', { name: choiceLabel ?? meta.choices![0]!.label, exact: true });
    case 'checkboxes':
      return page.getByRole('group', { name: meta.label, exact: true }).getByRole('checkbox', { name: choiceLabel ?? meta.choices![0]!.label, exact: true });
    case 'agreement':
      return page.getByRole('checkbox', { name: meta.label, exact: true });
    default:
      return page.getByLabel(meta.label, { exact: true });
  }
}

/** Fills the form with these answers, by label, the way a person would with a mouse and keyboard. */
export async function fillForm(page: Page, form: FormDefinition, answers: Record<string, Answer>): Promise<void> {
  for (const field of formFields(form)) {
    const answer = answers[field.name];
    if (answer === undefined) continue;
    const { widget } = field.meta;
    if (widget === 'radios') await fieldControl(page, field, answer as string).check();
    else if (widget === 'checkboxes') for (const label of answer as string[]) await fieldControl(page, field, label).check();
    else if (widget === 'agreement') await fieldControl(page, field).setChecked(answer === true);
    else if (widget === 'select') await fieldControl(page, field).selectOption({ label: answer as string });
    else await fieldControl(page, field).fill(answer as string);
  }
}

/** Checks that the form shows these answers (nothing typed was cleared). */
export async function expectAnswersShown(page: Page, form: FormDefinition, answers: Record<string, Answer>): Promise<void> {
  for (const field of formFields(form)) {
    const answer = answers[field.name];
    if (answer === undefined) continue;
    const { widget, choices } = field.meta;
    if (widget === 'radios') await expect(fieldControl(page, field, answer as string), field.name).toBeChecked();
    else if (widget === 'checkboxes') {
      for (const choice of choices!)
        await expect(fieldControl(page, field, choice.label), `${field.name}: ${choice.label}`).toBeChecked({ checked: (answer as string[]).includes(choice.label) });
    } else if (widget === 'agreement') await expect(fieldControl(page, field), field.name).toBeChecked({ checked: answer === true });
    else if (widget === 'select') await expect(fieldControl(page, field).locator('option:checked'), field.name).toHaveText(answer as string);
    else await expect(fieldControl(page, field), field.name).toHaveValue(answer as string);
  }
}

/**
 * The page's script refuses sends faster than a person could fill the form (a spam check), so
 * a test waits until the page has been open that long, as a person would have been.
 */
export async function waitForMinimumFillTime(page: Page): Promise<void> {
  const openFor = await page.evaluate(() => performance.now());
  if (openFor < MINIMUM_FILL_MS + 200) await page.waitForTimeout(MINIMUM_FILL_MS + 200 - openFor);
}

/** The sessionStorage draft of a form, or null. */
export function readDraft(page: Page, form: FormDefinition): Promise<string | null> {
  return page.evaluate((key) => sessionStorage.getItem(key), `form-draft:${form.id}`);
}

/**
 * Commits in the local records repository, less the empty one that starts it (the store makes
 * the repository, with that commit, on the first record of a run).
 */
export function recordsCommitCount(): number {
  if (!existsSync(join(RECORDS_DIR, '.git'))) return 0;
  return execFileSync('git', ['-C', RECORDS_DIR, 'log', '--oneline'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('Start the records repository')).length;
}

/** One-line commits that name this record id. */
export function commitsFor(id: string): string[] {
  return execFileSync('git', ['-C', RECORDS_DIR, 'log', '--oneline'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(id));
}

/** The stored record, read from the repository's working tree and from its HEAD commit. */
export function readRecord(path: string): { onDisk: Record<string, unknown>; committed: Record<string, unknown> } {
  const onDisk = JSON.parse(readFileSync(join(RECORDS_DIR, path), 'utf8')) as Record<string, unknown>;
  const committed = JSON.parse(execFileSync('git', ['-C', RECORDS_DIR, 'show', `HEAD:${path}`], { encoding: 'utf8' })) as Record<string, unknown>;
  return { onDisk, committed };
}

/** Records in a folder of the repository whose answers carry this email address. */
export function recordsWithEmail(folder: string, email: string): string[] {
  const dir = join(RECORDS_DIR, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .filter((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { answers: { email?: string } }).answers.email === email)
    .map((name) => `${folder}/${name}`);
}

/**
 * The confirmation email for a record: the outbox names files after a hash of the idempotency
 * key (`<time>-<sha256 of key, 12 hex>-0.eml`), and the confirmation's key is `<id>-confirmation`.
 */
export async function confirmationEmail(id: string): Promise<string> {
  const keyHash = createHash('sha256').update(`${id}-confirmation`, 'utf8').digest('hex').slice(0, 12);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = existsSync(OUTBOX_DIR) ? readdirSync(OUTBOX_DIR).find((name) => name.endsWith(`-${keyHash}-0.eml`)) : undefined;
        return found;
      },
      { message: `confirmation email for ${id} in ${OUTBOX_DIR}`, timeout: 30_000 },
    )
    .toBeTruthy();
  return readFileSync(join(OUTBOX_DIR, found!), 'utf8');
}
