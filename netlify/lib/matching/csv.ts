/**
 * CSV for the committee's spreadsheets (RFC 4180: commas, double quotes, CRLF line ends), safe
 * to open in Excel, LibreOffice or Google Sheets: a text cell that starts with = + - @ (or a tab
 * or carriage return) could run as a formula, so it gets a leading apostrophe and shows as text.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped for CSV and defused against formula injection. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: a header row, then one row per record, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A UTF-8 byte-order mark, so that Excel reads accented names correctly when it opens the file. */
export const UTF8_BOM = '\uFEFF';
