/**
 * Records kept only as long as the privacy notice says: a program year's personal records are
 * deleted `recordRetentionMonths` after that year ends (the last day of the settings' last
 * mentoring month, in the program's time zone), in ONE commit, leaving the year's counts in
 * reports/<year>-summary.json (no personal data) so the year's figures can still be reported.
 * Fourteen days before, the committee is emailed what will go: folders and counts, no names.
 *
 * Run daily by netlify/functions/record-retention.ts and by hand with `npm run retention`
 * (`--dry-run` says what would happen and changes nothing, sends nothing).
 */
import { z } from 'zod';
import { zonedDate } from '../../../src/lib/zonedTime.ts';
import { programYear as programYearSchema } from '../../../src/schemas/primitives.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { type MailingPorts, notifyCommittee } from '../mailing/ports.ts';
import type { RecordsStore, StoredFile } from '../records/ports.ts';

export type RetentionPorts = Pick<MailingPorts, 'records' | 'mailer' | 'sender' | 'committeeEmail' | 'settings' | 'now' | 'log'>;

/** The folders (and the one file) of a year that hold personal records or point at people. */
export function personalFolders(year: string): string[] {
  return ['applications', 'evaluations', 'messages', 'check-ins', 'preferences', 'reviews', 'notes', 'matching', 'mailings'].map((folder) => `${folder}/${year}/`);
}
const matchesFile = (year: string) => `matches/${year}.json`;
export const summaryPath = (year: string) => `reports/${programYearSchema.parse(year)}-summary.json`;

const YEAR_IN_PATH = /^(?:applications|evaluations|messages|check-ins|preferences|reviews|notes|matching|mailings)\/(\d{4}-\d{4})\/|^matches\/(\d{4}-\d{4})\.json$/;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day of a program year: the last day of the settings' last mentoring month, in its second calendar year. */
export function programYearEnds(year: string, settings: Pick<Settings, 'program'>): string {
  const second = Number(programYearSchema.parse(year).slice(5));
  const afterEnd = new Date(Date.UTC(second, settings.program.endMonth, 1)); // the first day of the month after
  return addDays(afterEnd.toISOString().slice(0, 10), -1);
}

/** The first day on which the year's records are deleted: `months` after the day after its end. */
export function deletionDay(year: string, settings: Pick<Settings, 'program' | 'recordRetentionMonths'>): string {
  const dayAfter = addDays(programYearEnds(year, settings), 1);
  const [y, m] = dayAfter.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + settings.recordRetentionMonths, 1)).toISOString().slice(0, 10);
}

/** The day the committee is told what will go. */
export const NOTICE_DAYS = 14;
export const noticeDay = (year: string, settings: Pick<Settings, 'program' | 'recordRetentionMonths'>) => addDays(deletionDay(year, settings), -NOTICE_DAYS);

export const yearSummarySchema = z.object({
  schemaVersion: z.literal(1),
  programYear: programYearSchema,
  /** When the year's personal records were deleted (ISO 8601 UTC). */
  deletedAt: z.iso.datetime(),
  applications: z.object({ mentor: z.number().int(), mentee: z.number().int() }),
  evaluations: z.object({ mentor: z.number().int(), mentee: z.number().int() }),
  messages: z.number().int(),
  pairs: z.object({ total: z.number().int(), active: z.number().int(), ended: z.number().int() }),
  /** Check-ins by answer ("met", "not-yet", "need-help"). */
  checkIns: z.record(z.string(), z.number().int()),
  /** Files deleted, by folder. */
  deletedFiles: z.record(z.string(), z.number().int()),
});
export type YearSummary = z.infer<typeof yearSummarySchema>;

export interface YearPlan {
  programYear: string;
  endedOn: string;
  noticeOn: string;
  deleteOn: string;
  /** Files that would go, by folder (e.g. "applications/2026-2027/": 40). */
  folders: Record<string, number>;
  files: number;
  /** What this run did (or, in a dry run, would do). */
  action: 'keep' | 'notify' | 'delete';
  /** Whether it was done: the email sent, the commit made (false in a dry run). */
  done: boolean;
}

function yearFiles(all: ReadonlyMap<string, StoredFile>, year: string): StoredFile[] {
  const prefixes = personalFolders(year);
  return [...all.values()].filter((file) => file.path === matchesFile(year) || prefixes.some((prefix) => file.path.startsWith(prefix)));
}

const json = (file: StoredFile | undefined): unknown => {
  if (!file) return undefined;
  try {
    return JSON.parse(file.content);
  } catch {
    return undefined;
  }
};

/** The year's counts, from its files (before they go). */
export function summarise(year: string, files: readonly StoredFile[], deletedAt: Date): YearSummary {
  const count = (prefix: string) => files.filter((file) => file.path.startsWith(prefix) && file.path.endsWith('.json')).length;
  const matches = json(files.find((file) => file.path === matchesFile(year))) as { pairs?: Array<{ status?: string }> } | undefined;
  const pairs = Array.isArray(matches?.pairs) ? matches.pairs : [];
  const checkIns: Record<string, number> = {};
  for (const file of files.filter((each) => each.path.startsWith(`check-ins/${year}/`))) {
    const answer = (json(file) as { answer?: unknown } | undefined)?.answer;
    if (typeof answer === 'string') checkIns[answer] = (checkIns[answer] ?? 0) + 1;
  }
  const deletedFiles: Record<string, number> = {};
  for (const file of files) {
    const folder = file.path === matchesFile(year) ? 'matches/' : `${file.path.split('/')[0]}/`;
    deletedFiles[folder] = (deletedFiles[folder] ?? 0) + 1;
  }
  return {
    schemaVersion: 1,
    programYear: year,
    deletedAt: deletedAt.toISOString(),
    applications: { mentor: count(`applications/${year}/mentor/`), mentee: count(`applications/${year}/mentee/`) },
    evaluations: { mentor: count(`evaluations/${year}/mentor/`), mentee: count(`evaluations/${year}/mentee/`) },
    messages: count(`messages/${year}/`),
    pairs: { total: pairs.length, active: pairs.filter((pair) => pair.status === 'active').length, ended: pairs.filter((pair) => pair.status === 'ended').length },
    checkIns,
    deletedFiles,
  };
}

function folderCounts(year: string, files: readonly StoredFile[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of files) {
    const folder = file.path === matchesFile(year) ? matchesFile(year) : `${file.path.split('/').slice(0, 2).join('/')}/`;
    counts[folder] = (counts[folder] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The committee's notice: what goes on which day, in folders and counts. */
export function noticeLines(plan: YearPlan, settings: Settings): string[] {
  return [
    `On ${plan.deleteOn}, the personal records of the program year ${plan.programYear} will be deleted from the records repository, ${settings.recordRetentionMonths} month${settings.recordRetentionMonths === 1 ? '' : 's'} after that year ended (${plan.endedOn}), as the privacy notice on the forms promises.`,
    '',
    `What will go (${plan.files} files):`,
    ...Object.entries(plan.folders).map(([folder, count]) => `- ${folder}: ${count} file${count === 1 ? '' : 's'}`),
    '',
    `The year’s counts (applications, pairs, evaluations, check-ins) stay in ${summaryPath(plan.programYear)}, so reports still work.`,
    'If the committee needs anything from these records, export it before that day. The deleted files stay in the repository’s history until it is rewritten (docs/privacy.md says how).',
    'To see the same list at any time: npm run retention -- --dry-run',
  ];
}

/** Every program year that has records, oldest first. */
async function yearsWithRecords(all: ReadonlyMap<string, StoredFile>): Promise<string[]> {
  const years = new Set<string>();
  for (const path of all.keys()) {
    const found = YEAR_IN_PATH.exec(path);
    const year = found?.[1] ?? found?.[2];
    if (year) years.add(year);
  }
  return [...years].sort();
}

export interface RetentionOptions {
  dryRun?: boolean;
}

/** Looks at every year with records, and notifies or deletes as each one's dates say. */
export async function runRetention(ports: RetentionPorts, options: RetentionOptions = {}): Promise<YearPlan[]> {
  const { settings } = ports;
  const now = ports.now();
  const today = zonedDate(now, settings.timeZone);
  const all = await ports.records.readFolder('');
  const plans: YearPlan[] = [];
  for (const year of await yearsWithRecords(all)) {
    const files = yearFiles(all, year);
    const deleteOn = deletionDay(year, settings);
    const noticeOn = noticeDay(year, settings);
    const action: YearPlan['action'] = today >= deleteOn ? 'delete' : today === noticeOn ? 'notify' : 'keep';
    const plan: YearPlan = {
      programYear: year,
      endedOn: programYearEnds(year, settings),
      noticeOn,
      deleteOn,
      folders: folderCounts(year, files),
      files: files.length,
      action,
      done: false,
    };
    plans.push(plan);
    if (options.dryRun || action === 'keep' || files.length === 0) continue;
    if (action === 'notify') {
      plan.done = await notifyCommittee(ports, `Records of ${year} will be deleted on ${deleteOn}`, noticeLines(plan, settings));
      ports.log(`retention: ${year}: notice of ${files.length} files to delete on ${deleteOn} ${plan.done ? 'sent' : 'not sent'}.`);
      continue;
    }
    await deleteYear(ports.records, year, files, now);
    plan.done = true;
    ports.log(`retention: ${year}: ${files.length} files deleted, counts kept in ${summaryPath(year)}.`);
  }
  return plans;
}

/** The year's personal records out, its summary in (kept as it is when an earlier run wrote it), in one commit. */
async function deleteYear(records: RecordsStore, year: string, files: readonly StoredFile[], now: Date): Promise<void> {
  const existing = await records.readFile(summaryPath(year));
  const writes = existing ? [] : [{ path: summaryPath(year), content: `${JSON.stringify(summarise(year, files, now), null, 2)}\n`, expectedSha: null }];
  await records.commit(
    { writes, deletes: files.map((file) => ({ path: file.path, expectedSha: file.sha })) },
    `Delete the personal records of ${year} after the retention period: ${files.length} files; counts kept in ${summaryPath(year)}`,
  );
}

/** The plans as plain sentences, for the command. */
export function formatPlans(plans: readonly YearPlan[], dryRun: boolean): string {
  if (plans.length === 0) return 'No program year has records.';
  return plans
    .map((plan) => {
      const what =
        plan.action === 'delete'
          ? plan.files === 0
            ? 'its personal records are already deleted'
            : `${dryRun ? 'would delete' : 'deleted'} ${plan.files} files`
          : plan.action === 'notify'
            ? `${dryRun ? 'would email' : plan.done ? 'emailed' : 'could not email'} the committee: ${plan.files} files go on ${plan.deleteOn}`
            : `kept until ${plan.deleteOn} (the committee is emailed on ${plan.noticeOn})`;
      const folders = Object.entries(plan.folders).map(([folder, count]) => `    ${folder} ${count}`);
      return [`${plan.programYear} (ended ${plan.endedOn}): ${what}`, ...(plan.action !== 'keep' && plan.files > 0 ? folders : [])].join('\n');
    })
    .join('\n');
}
