import { z } from 'zod';

/** Checks a real calendar date: 2027-02-30 and 2026-13-01 are refused, 2028-02-29 is accepted. */
function isRealDate(value: string): boolean {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = value.split('-').map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** A calendar date written YYYY-MM-DD that exists (no 30 February). */
export const isoDate = z
  .string({ error: 'Enter a date written as YYYY-MM-DD, for example 2027-06-01.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date written as YYYY-MM-DD, for example 2027-06-01.')
  .refine(isRealDate, { error: 'This date does not exist on the calendar. Check the month and the day.' });

/** A calendar month written YYYY-MM, for example 2026-09. */
export const yearMonth = z
  .string({ error: 'Enter a month written as YYYY-MM, for example 2026-09.' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter a month written as YYYY-MM, for example 2026-09 (the month is 01 to 12).');

/** A month of the year, 1 (January) to 12 (December). */
export const monthNumber = z
  .number({ error: 'Enter a month as a number from 1 (January) to 12 (December).' })
  .int('Enter a whole month number from 1 to 12.')
  .min(1, 'Enter a month number from 1 (January) to 12 (December).')
  .max(12, 'Enter a month number from 1 (January) to 12 (December).');

/** A month and day that recur every year, written MM-DD, for example 06-01. */
export const monthDay = z
  .string({ error: 'Enter a day of the year written as MM-DD, for example 06-01.' })
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Enter a day of the year written as MM-DD, for example 06-01.')
  .refine((value) => isRealDate(`2028-${value}`), { error: 'This day does not exist in that month.' });

/** A program year written YYYY-YYYY, the second year one after the first (2026-2027). */
export const programYear = z
  .string({ error: 'Enter a program year written as YYYY-YYYY, for example 2026-2027.' })
  .regex(/^\d{4}-\d{4}$/, 'Enter a program year written as YYYY-YYYY, for example 2026-2027.')
  .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1, {
    error: 'A program year spans two consecutive years, for example 2026-2027.',
  });

/** A six-digit hex colour such as #1f4e79. */
export const hexColour = z
  .string({ error: 'Enter a colour as a six-digit hex code, for example #1f4e79.' })
  .regex(/^#[0-9a-fA-F]{6}$/, 'Enter a colour as a six-digit hex code, for example #1f4e79.');

/** A lower-case identifier made of letters, digits and hyphens. */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens only, for example career-paths.');

/** An absolute http(s) address. */
export const webAddress = z.url({
  protocol: /^https?$/,
  error: 'Enter a full web address starting with https://',
});

/** A file in the editor's media library (content/media), as the site addresses it: /media/<name>. */
export const MEDIA_FILE = /^\/media\/[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp)$/;

/** An email address. */
export const emailAddress = z.email({ error: 'Enter an email address in the correct format, like name@example.org.' });

/**
 * An optional field that an editor can clear. The CMS then writes "" (text) or null (a choice);
 * both are read as "not set", so the page falls back exactly as when the field is absent.
 */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value), schema.optional());
}
