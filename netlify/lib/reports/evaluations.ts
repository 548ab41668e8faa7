/**
 * The year's end-of-program evaluations, summarised for the committee: per role, how many
 * answered out of the people who were in a pair, each question's answers as counts and
 * percentages, and the free-text answers. A group of fewer than five answers shows no figures
 * and no free text at all ("fewer than 5"), so nobody can be singled out.
 *
 * Records: evaluations/<year>/<role>/<id>.json (record envelopes whose answers follow
 * src/schemas/evaluation.ts). Someone who sent the form twice counts once, with their latest
 * answers. The summary itself (summariseEvaluations) is pure; loadEvaluations reads the store.
 */
import type { Role } from '../../../src/schemas/application.ts';
import { type Evaluation, menteeEvaluationSchema, mentorEvaluationSchema } from '../../../src/schemas/evaluation.ts';
import { fieldMeta } from '../../../src/schemas/formField.ts';
import type { Pair } from '../../../src/schemas/record.ts';
import { recordEnvelopeSchema } from '../../../src/schemas/record.ts';
import type { RecordsStore } from '../records/ports.ts';

/** Fewer answers than this in a group: no figures, no free text. */
export const SMALL_GROUP = 5;
export const ROLES: readonly Role[] = ['mentee', 'mentor'];
export const EVALUATION_SCHEMAS = { mentor: mentorEvaluationSchema, mentee: menteeEvaluationSchema } as const;

/** The questions with choices, and the free-text ones, in the form's order. */
export const CHOICE_QUESTIONS = ['overall', 'contactFrequency', 'topicsUseful', 'again'] as const;
export const TEXT_QUESTIONS = ['highlights', 'improvements'] as const;
type ChoiceQuestion = (typeof CHOICE_QUESTIONS)[number];
type TextQuestion = (typeof TEXT_QUESTIONS)[number];

export interface StoredEvaluation {
  id: string;
  role: Role;
  submittedAt: string;
  answers: Evaluation;
}

export interface ChoiceFigure {
  value: string;
  label: string;
  count: number;
  /** Whole per cent of the group's answers to this question. */
  percent: number;
}

export interface QuestionSummary {
  id: ChoiceQuestion;
  label: string;
  /** How many answered this question. */
  answered: number;
  choices: ChoiceFigure[];
}

export interface TextAnswers {
  id: TextQuestion;
  label: string;
  /** Oldest first; empty when the group is suppressed. */
  answers: string[];
}

export type RoleSummary =
  | { role: Role; inPairs: number; suppressed: true }
  | { role: Role; inPairs: number; suppressed: false; answered: number; percentAnswered: number | null; questions: QuestionSummary[]; text: TextAnswers[] };

export interface EvaluationSummary {
  programYear: string;
  roles: RoleSummary[];
  /** Files that could not be read, by path (no content). */
  skipped: string[];
}

/** Whole per cent, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

/** The people (application ids) of a role who were in a pair this year, active or ended. */
export function peopleInPairs(pairs: readonly Pair[], role: Role): Set<string> {
  return new Set(pairs.map((pair) => pair[role]));
}

/** One answer per person (by email, case-insensitive): the latest. */
export function latestPerPerson(evaluations: readonly StoredEvaluation[]): StoredEvaluation[] {
  const latest = new Map<string, StoredEvaluation>();
  for (const evaluation of evaluations) {
    const key = `${evaluation.role}/${evaluation.answers.email.trim().toLowerCase()}`;
    const seen = latest.get(key);
    if (!seen || seen.submittedAt < evaluation.submittedAt) latest.set(key, evaluation);
  }
  return [...latest.values()].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
}

/** The summary of one role's answers: pure, so the suppression rule is tested on its own. */
export function summariseRole(role: Role, evaluations: readonly StoredEvaluation[], inPairs: number): RoleSummary {
  const answers = latestPerPerson(evaluations.filter((evaluation) => evaluation.role === role)).map((evaluation) => evaluation.answers);
  if (answers.length < SMALL_GROUP) return { role, inPairs, suppressed: true };
  const shape = EVALUATION_SCHEMAS[role].shape;
  const questions = CHOICE_QUESTIONS.map((id): QuestionSummary => {
    const meta = fieldMeta(shape[id]);
    const given = answers.map((answer) => answer[id]).filter((value): value is NonNullable<typeof value> => value !== undefined);
    return {
      id,
      label: meta.label,
      answered: given.length,
      choices: (meta.choices ?? []).map((choice) => {
        const count = given.filter((value) => value === choice.value).length;
        return { value: choice.value, label: choice.label, count, percent: percent(count, given.length) ?? 0 };
      }),
    };
  });
  const text = TEXT_QUESTIONS.map(
    (id): TextAnswers => ({
      id,
      label: fieldMeta(shape[id]).label.replace(/\s*\(optional\)$/, ''),
      answers: answers.map((answer) => answer[id]?.trim() ?? '').filter((value) => value !== ''),
    }),
  );
  return { role, inPairs, suppressed: false, answered: answers.length, percentAnswered: percent(answers.length, inPairs), questions, text };
}

export function summariseEvaluations(programYear: string, evaluations: readonly StoredEvaluation[], pairs: readonly Pair[], skipped: string[] = []): EvaluationSummary {
  return { programYear, roles: ROLES.map((role) => summariseRole(role, evaluations, peopleInPairs(pairs, role).size)), skipped };
}

/** Every readable evaluation of the year (one bulk read); unreadable files are named in `skipped`. */
export async function loadEvaluations(store: RecordsStore, programYear: string): Promise<{ evaluations: StoredEvaluation[]; skipped: string[] }> {
  const evaluations: StoredEvaluation[] = [];
  const skipped: string[] = [];
  for (const [path, file] of await store.readFolder(`evaluations/${programYear}`)) {
    if (!path.endsWith('.json')) continue;
    const role = path.split('/')[2];
    try {
      const envelope = recordEnvelopeSchema.parse(JSON.parse(file.content));
      if (envelope.type !== 'evaluation' || envelope.programYear !== programYear || envelope.role !== role || (role !== 'mentor' && role !== 'mentee')) throw new Error();
      evaluations.push({ id: envelope.id, role, submittedAt: envelope.submittedAt, answers: EVALUATION_SCHEMAS[role].parse(envelope.answers) });
    } catch {
      skipped.push(path);
    }
  }
  return { evaluations, skipped };
}
