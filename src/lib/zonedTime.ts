import { TZDateMini } from '@date-fns/tz';

// Creating an Intl.DateTimeFormat costs far more than formatting with one (a list of 2,000
// topics spent most of its time here), so each is made once and reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

/** The numbers of a YYYY-MM-DD date (or a YYYY-MM month); a part that is missing is NaN, like a malformed one. */
function dateNumbers(date: string): [year: number, month: number, day: number] {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  return [year, month, day];
}

/**
 * The instant at which a calendar day begins in a time zone. DST-safe: 00:00 exists on every
 * day in the zones programs use (the switch happens at 02:00).
 */
export function startOfZonedDay(date: string, timeZone: string): Date {
  const [year, month, day] = dateNumbers(date);
  return new Date(new TZDateMini(year, month - 1, day, 0, 0, 0, 0, timeZone).getTime());
}

/** The calendar date (YYYY-MM-DD) it is in a time zone at an instant. */
export function zonedDate(instant: Date, timeZone: string): string {
  const parts = formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${value('year')}-${value('month')}-${value('day')}`;
}

/** The month (YYYY-MM) it is in a time zone at an instant. */
export function zonedMonth(instant: Date, timeZone: string): string {
  return zonedDate(instant, timeZone).slice(0, 7);
}

/** The calendar day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const [year, month, day] = dateNumbers(date);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** "June 1, 2027" for a YYYY-MM-DD date (a calendar date has no zone of its own). */
export function formatCalendarDate(date: string): string {
  const [year, month, day] = dateNumbers(date);
  return formatter('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** "September 2026" for a YYYY-MM month. */
export function formatMonth(month: string): string {
  const [year, monthNumber] = dateNumbers(month);
  return formatter('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

/**
 * A time of day in the site's (American English) style: "midnight", "noon", "9:30 a.m.",
 * "11:59 p.m.". Intl writes "12:00 AM" or "11:59 pm" depending on the engine, so it is done here.
 */
export function formatTimeOfDay(hours: number, minutes: number): string {
  if (minutes === 0 && (hours === 0 || hours === 24)) return 'midnight';
  if (minutes === 0 && hours === 12) return 'noon';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'a.m.' : 'p.m.'}`;
}

/** "EST"/"EDT"-style short name of a zone on a given day, for "until 11:59 p.m. EDT". */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const parts = formatter('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(instant);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
