import { relative, resolve, sep } from 'node:path';
import { applicationSchemas, type MenteeApplication, type MentorApplication } from '../../../src/schemas/application.ts';
import type { ApplicationContent } from '../../../src/schemas/applicationContent.ts';
import { fieldMeta } from '../../../src/schemas/formField.ts';
import { loadCheckIns } from '../reports/checkInRecords.ts';
import { CHOICE_QUESTIONS, EVALUATION_SCHEMAS, loadEvaluations } from '../reports/evaluations.ts';
import { CHECK_IN_LABELS } from '../mailing/signedLinks.ts';
import type { RecordsStore } from './ports.ts';
import { type StoredApplication, loadApplications, loadMatches } from './applications.ts';
import { areaLabel, isPriorityMentee, libraryTypeLabel, type MatchingVocabulary, matchingVocabulary, menteeProfile, timeZoneLabel, wayLabel } from './compatibility.ts';
import { type CsvValue, toCsv, UTF8_BOM } from './csv.ts';

/**
 * `npm run export` and the workspace's downloads: the year's applications as one CSV per role,
 * its pairs, its check-ins and its evaluations, for the committee's own spreadsheets. Columns are documented in docs/matching.md. The files hold personal data, so
 * they go to a local folder outside the site (default .data/exports), never into what is published.
 */

const COMMON_COLUMNS = [
  'id',
  'submitted_at',
  'latest',
  'name',
  'email',
  'pronouns',
  'membership',
  'career_stage',
  'institution_type',
  'institution',
  'interests',
  'interests_other',
  'goals',
  'communication',
  'time_zone',
] as const;

export const APPLICATION_CSV_COLUMNS = {
  mentor: [...COMMON_COLUMNS, 'years_experience', 'expertise', 'capacity', 'active_mentees'],
  mentee: [...COMMON_COLUMNS, 'priority', 'active_mentor'],
} as const;

function commonCells(application: StoredApplication<MentorApplication | MenteeApplication>, vocabulary: MatchingVocabulary): CsvValue[] {
  const { answers } = application;
  return [
    application.id,
    application.submittedAt,
    application.latest,
    answers.name,
    answers.email,
    answers.pronouns,
    answers.membership,
    answers.careerStage,
    libraryTypeLabel(answers.institutionType, vocabulary),
    answers.institution,
    answers.interests.map((area) => areaLabel(area, vocabulary)).join('; '),
    answers.interestsOther,
    answers.goals,
    answers.communication.map(wayLabel).join('; '),
    `${timeZoneLabel(answers.timeZone)} (${answers.timeZone})`,
  ];
}

export interface ExportFile {
  fileName: string;
  content: string;
  rows: number;
}

/** Builds the two CSV files (nothing is written here); the choices' labels come from the settings' application forms. */
export async function exportApplications(
  store: RecordsStore,
  programYear: string,
  settings: { application: ApplicationContent },
): Promise<{ files: ExportFile[]; skipped: number }> {
  const vocabulary = matchingVocabulary(settings);
  const applications = await loadApplications(store, programYear, applicationSchemas(settings));
  const matches = await loadMatches(store, programYear);
  const active = (matches?.matches.pairs ?? []).filter((pair) => pair.status === 'active');
  const names = new Map([...applications.mentors, ...applications.mentees].map((application) => [application.id, application.answers.name]));
  const partnersOf = (id: string, side: 'mentor' | 'mentee') =>
    active
      .filter((pair) => pair[side] === id)
      .map((pair) => names.get(side === 'mentor' ? pair.mentee : pair.mentor) ?? 'unknown application')
      .join('; ');

  const mentorRows = applications.mentors.map((mentor) => [
    ...commonCells(mentor, vocabulary),
    mentor.answers.yearsExperience,
    mentor.answers.expertise.map((area) => areaLabel(area, vocabulary)).join('; '),
    mentor.answers.capacity,
    partnersOf(mentor.id, 'mentor'),
  ]);
  const menteeRows = applications.mentees.map((mentee) => [
    ...commonCells(mentee, vocabulary),
    isPriorityMentee(menteeProfile(mentee, programYear, vocabulary)),
    partnersOf(mentee.id, 'mentee'),
  ]);
  return {
    files: [
      { fileName: `${programYear}-mentors.csv`, content: UTF8_BOM + toCsv(APPLICATION_CSV_COLUMNS.mentor, mentorRows), rows: mentorRows.length },
      { fileName: `${programYear}-mentees.csv`, content: UTF8_BOM + toCsv(APPLICATION_CSV_COLUMNS.mentee, menteeRows), rows: menteeRows.length },
    ],
    skipped: applications.skipped.length,
  };
}

export const PAIR_CSV_COLUMNS = [
  'pair_id',
  'status',
  'since',
  'ended_on',
  'end_reason',
  'mentor_id',
  'mentor_name',
  'mentor_email',
  'mentee_id',
  'mentee_name',
  'mentee_email',
] as const;
export const CHECK_IN_CSV_COLUMNS = ['month', 'pair_id', 'role', 'person_id', 'name', 'answer', 'note', 'recorded_at'] as const;
export const EVALUATION_CSV_COLUMNS = [
  'id',
  'role',
  'submitted_at',
  'name',
  'email',
  'overall',
  'contact_frequency',
  'topics_useful',
  'again',
  'highlights',
  'improvements',
] as const;

/** The kinds of file, as their names end: <year>-<kind>.csv. */
export const EXPORT_KINDS = ['mentors', 'mentees', 'pairs', 'check-ins', 'evaluations'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Everyone who applied in the year, by application id, as the other files name them. */
async function namesOf(store: RecordsStore, programYear: string, settings: { application: ApplicationContent }) {
  const applications = await loadApplications(store, programYear, applicationSchemas(settings));
  return new Map([...applications.mentors, ...applications.mentees].map((application) => [application.id, { name: application.answers.name, email: application.answers.email }]));
}

/** The year's pairs, active and ended, with both people's names and addresses. */
export async function exportPairs(store: RecordsStore, programYear: string, settings: { application: ApplicationContent }): Promise<ExportFile> {
  const [matches, people] = await Promise.all([loadMatches(store, programYear), namesOf(store, programYear, settings)]);
  const rows = (matches?.matches.pairs ?? []).map((pair) => {
    const ended = (pair as typeof pair & { ended?: { on?: string; reason?: string } }).ended;
    return [
      pair.id,
      pair.status,
      pair.since,
      ended?.on,
      ended?.reason,
      pair.mentor,
      people.get(pair.mentor)?.name ?? 'unknown application',
      people.get(pair.mentor)?.email,
      pair.mentee,
      people.get(pair.mentee)?.name ?? 'unknown application',
      people.get(pair.mentee)?.email,
    ];
  });
  return { fileName: `${programYear}-pairs.csv`, content: UTF8_BOM + toCsv(PAIR_CSV_COLUMNS, rows), rows: rows.length };
}

/** Every check-in answer of the year, month by month. */
export async function exportCheckIns(store: RecordsStore, programYear: string, settings: { application: ApplicationContent }): Promise<ExportFile> {
  const [{ checkIns }, people] = await Promise.all([loadCheckIns(store, programYear), namesOf(store, programYear, settings)]);
  const rows = [...checkIns]
    .sort((a, b) => a.month.localeCompare(b.month) || a.pairId.localeCompare(b.pairId) || a.role.localeCompare(b.role))
    .map((entry) => [entry.month, entry.pairId, entry.role, entry.personId, people.get(entry.personId)?.name, CHECK_IN_LABELS[entry.answer], entry.note, entry.recordedAt]);
  return { fileName: `${programYear}-check-ins.csv`, content: UTF8_BOM + toCsv(CHECK_IN_CSV_COLUMNS, rows), rows: rows.length };
}

/** Every evaluation of the year as sent (both roles), the choices in the form's words. */
export async function exportEvaluations(store: RecordsStore, programYear: string): Promise<ExportFile> {
  const { evaluations } = await loadEvaluations(store, programYear);
  const label = (role: 'mentor' | 'mentee', question: (typeof CHOICE_QUESTIONS)[number], value: string) =>
    fieldMeta(EVALUATION_SCHEMAS[role].shape[question]).choices?.find((choice) => choice.value === value)?.label ?? value;
  const rows = [...evaluations]
    .sort((a, b) => a.role.localeCompare(b.role) || a.submittedAt.localeCompare(b.submittedAt))
    .map((evaluation) => [
      evaluation.id,
      evaluation.role,
      evaluation.submittedAt,
      evaluation.answers.name,
      evaluation.answers.email,
      ...CHOICE_QUESTIONS.map((question) => label(evaluation.role, question, evaluation.answers[question])),
      evaluation.answers.highlights,
      evaluation.answers.improvements,
    ]);
  return { fileName: `${programYear}-evaluations.csv`, content: UTF8_BOM + toCsv(EVALUATION_CSV_COLUMNS, rows), rows: rows.length };
}

/** One file of the year's export, by kind (the workspace's download). */
export async function exportFile(store: RecordsStore, programYear: string, kind: ExportKind, settings: { application: ApplicationContent }): Promise<ExportFile> {
  if (kind === 'pairs') return exportPairs(store, programYear, settings);
  if (kind === 'check-ins') return exportCheckIns(store, programYear, settings);
  if (kind === 'evaluations') return exportEvaluations(store, programYear);
  const { files } = await exportApplications(store, programYear, settings);
  return files.find((file) => file.fileName === `${programYear}-${kind}.csv`)!;
}

/** Every file of the year's export (npm run export): applications per role, pairs, check-ins, evaluations. */
export async function exportYear(store: RecordsStore, programYear: string, settings: { application: ApplicationContent }): Promise<{ files: ExportFile[]; skipped: number }> {
  const [applications, pairs, checkIns, evaluations] = await Promise.all([
    exportApplications(store, programYear, settings),
    exportPairs(store, programYear, settings),
    exportCheckIns(store, programYear, settings),
    exportEvaluations(store, programYear),
  ]);
  return { files: [...applications.files, pairs, checkIns, evaluations], skipped: applications.skipped };
}

/** The export folder is not a safe place for personal data. */
export class ExportFolderError extends Error {
  override name = 'ExportFolderError';
}

/** Folders of the project that are published or built into the site: exports never go there. */
const PUBLISHED_FOLDERS = ['public', 'dist', 'src', 'content', 'admin', '.netlify', 'netlify'];

/**
 * The export folder, resolved, or an error when it lies inside a folder that is published (or
 * built into the site), or is the project folder itself.
 */
export function checkExportFolder(outDir: string, projectRoot: string): string {
  const folder = resolve(projectRoot, outDir);
  const inside = relative(resolve(projectRoot), folder);
  if (inside === '') throw new ExportFolderError('Choose a folder for the export, not the project folder itself (the default is .data/exports).');
  const first = inside.split(sep)[0]!;
  if (!inside.startsWith('..') && PUBLISHED_FOLDERS.includes(first)) {
    throw new ExportFolderError(`Exports hold personal data and must not go into ${first}/, which is part of the site. Use a folder such as .data/exports.`);
  }
  return folder;
}
