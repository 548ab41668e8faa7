import { DEFAULT_MATCHING_SETTINGS, type MatchingSettings } from '../src/schemas/settings.ts';
import type { MenteeApplication, MentorApplication } from '../src/schemas/application.ts';
import type { ApplicationContent } from '../src/schemas/applicationContent.ts';
import { matchingVocabulary } from '../netlify/lib/matching/compatibility.ts';
import { proposeMatches } from '../netlify/lib/matching/engine.ts';
import { buildProposalFile } from '../netlify/lib/matching/proposal.ts';
import { proposalCsv, proposalMarkdown } from '../netlify/lib/matching/report.ts';
import { generateSampleApplications } from '../netlify/lib/matching/sampleApplications.ts';

/**
 * Speed of the matching engine on generated applications, for the benchmark suite (not a timed
 * test): `benchmarkMatching()` returns plain JSON; scripts/bench-matching.ts prints it.
 * Sizes are mentees × mentors (applications per role).
 */
export interface MatchingBenchmark {
  mentees: number;
  mentors: number;
  places: number;
  matched: number;
  unmatched: number;
  /** Wall time of proposeMatches (scoring every pair, solving, explaining), median of the runs. */
  engineMs: number;
  /** Building the JSON, Markdown and CSV files of the proposal. */
  reportMs: number;
  runs: number;
  /** Resident memory after the runs, in MB. */
  rssMb: number;
}

export const BENCHMARK_SIZES: ReadonlyArray<{ mentees: number; mentors: number }> = [
  { mentees: 100, mentors: 60 },
  { mentees: 500, mentors: 300 },
  { mentees: 2000, mentors: 1200 },
];

export function benchmarkMatching(options: {
  /** The application forms the generated applications answer (content/settings.yaml → application). */
  application: ApplicationContent;
  sizes?: ReadonlyArray<{ mentees: number; mentors: number }>;
  runs?: number;
  seed?: number;
  settings?: MatchingSettings;
}): MatchingBenchmark[] {
  const settings = options.settings ?? DEFAULT_MATCHING_SETTINGS;
  const vocabulary = matchingVocabulary(options);
  return (options.sizes ?? BENCHMARK_SIZES).map(({ mentees, mentors }) => {
    const records = generateSampleApplications({ programYear: '2026-2027', mentors, mentees, seed: options.seed ?? 1, settings: options });
    const input = {
      programYear: '2026-2027',
      settings,
      vocabulary,
      mentors: records.filter((record) => record.role === 'mentor').map((record) => ({ id: record.id, answers: record.answers as MentorApplication })),
      mentees: records.filter((record) => record.role === 'mentee').map((record) => ({ id: record.id, answers: record.answers as MenteeApplication })),
    };
    // Fewer repeats for the big size: one run there already takes seconds.
    const runs = options.runs ?? (mentees * mentors > 1_000_000 ? 1 : 5);
    const times: number[] = [];
    let result = proposeMatches(input);
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      result = proposeMatches(input);
      times.push(performance.now() - started);
    }
    const reportStarted = performance.now();
    const proposal = buildProposalFile(result, {
      stamp: '2026-08-03T140509Z',
      createdAt: new Date('2026-08-03T14:05:09Z'),
      settings,
      basedOn: { matchesSha: null, constraintsSha: null, mentorApplications: mentors, menteeApplications: mentees },
    });
    proposalMarkdown(proposal);
    proposalCsv(proposal, vocabulary);
    JSON.stringify(proposal);
    const reportMs = performance.now() - reportStarted;
    times.sort((a, b) => a - b);
    return {
      mentees,
      mentors,
      places: result.summary.places,
      matched: result.summary.matched,
      unmatched: result.summary.unmatched,
      engineMs: Math.round(times[Math.floor(times.length / 2)]!),
      reportMs: Math.round(reportMs),
      runs,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    };
  });
}
