import { relative, resolve, sep } from 'node:path';
import { applicationSchemas, type MenteeApplication, type MentorApplication } from '../../../src/schemas/application.ts';
import type { ApplicationContent } from '../../../src/schemas/applicationContent.ts';
import type { RecordsStore } from '../records/recordsStore.ts';
import { type StoredApplication, loadApplications, loadMatches } from './applications.ts';
import { areaLabel, isPriorityMentee, libraryTypeLabel, type MatchingVocabulary, matchingVocabulary, menteeProfile, timeZoneLabel, wayLabel } from './compatibility.ts';
import { type CsvValue, toCsv, UTF8_BOM } from './csv.ts';

/**
 * `npm run export`: the year's applications as one CSV per role, for the committee's own
 * spreadsheets. Columns are documented in docs/matching.md. The files hold personal data, so
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
