import type { Settings } from '../schemas/settings.ts';

/** The months (YYYY-MM) a program year's mentoring runs, e.g. 2026-09 through 2027-05. */
export function programMonths(programYear: string, program: Settings['program']): string[] {
  const firstYear = Number(programYear.slice(0, 4));
  const months: string[] = [];
  for (let month = program.startMonth; month <= 12; month += 1) months.push(`${firstYear}-${String(month).padStart(2, '0')}`);
  for (let month = 1; month <= program.endMonth; month += 1) months.push(`${firstYear + 1}-${String(month).padStart(2, '0')}`);
  return months;
}

/** The program year (YYYY-YYYY) whose mentoring months include a month, or null outside them. */
export function programYearOfMonth(month: string, program: Settings['program']): string | null {
  const year = Number(month.slice(0, 4));
  for (const firstYear of [year - 1, year]) {
    const candidate = `${firstYear}-${firstYear + 1}`;
    if (programMonths(candidate, program).includes(month)) return candidate;
  }
  return null;
}
