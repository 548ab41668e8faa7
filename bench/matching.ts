/**
 * Matching time at 100×60, 500×300 and 2,000×1,200 (mentees × mentors), through the engine's own
 * benchmark (bench/matchingBenchmark.ts: generated applications, the full proposeMatches,
 * median of its runs). Baseline beside it: the least any exhaustive matcher must do, building
 * each person's profile and scoring every mentor–mentee pair once (compatibility.ts), timed here
 * on the same generated applications.
 */
import { readFileSync } from 'node:fs';
import { contentPath } from '../src/lib/contentDir.ts';
import type { MenteeApplication, MentorApplication } from '../src/schemas/application.ts';
import { DEFAULT_MATCHING_SETTINGS } from '../src/schemas/settings.ts';
import { parseSettings } from '../netlify/lib/config/loadSettings.ts';
import { BENCHMARK_SIZES, benchmarkMatching } from './matchingBenchmark.ts';
import { matchingVocabulary, menteeProfile, mentorProfile, quickAssess } from '../netlify/lib/matching/compatibility.ts';
import { generateSampleApplications } from '../netlify/lib/matching/sampleApplications.ts';
import { median, round } from './lib/common.ts';

/** The engine's own target (issue 7): under 1 s at 500×300. */
export const MATCHING_TARGET_MS = 1000;

/** The shipped settings: the generated applications answer their application forms. */
const settings = parseSettings(readFileSync(contentPath('settings.yaml'), 'utf8'));
const vocabulary = matchingVocabulary(settings);

function scoreEveryPairMs(mentees: number, mentors: number, runs: number): number {
  const records = generateSampleApplications({ programYear: '2026-2027', mentors, mentees, seed: 1, settings });
  const times: number[] = [];
  let checksum = 0;
  for (let run = 0; run < runs + 1; run += 1) {
    const started = performance.now();
    const mentorProfiles = records
      .filter((record) => record.role === 'mentor')
      .map((record) => mentorProfile({ id: record.id, answers: record.answers as MentorApplication }, '2026-2027', vocabulary));
    const menteeProfiles = records
      .filter((record) => record.role === 'mentee')
      .map((record) => menteeProfile({ id: record.id, answers: record.answers as MenteeApplication }, '2026-2027', vocabulary));
    for (const mentor of mentorProfiles) {
      for (const mentee of menteeProfiles) {
        const score = quickAssess(mentor, mentee, DEFAULT_MATCHING_SETTINGS);
        if (typeof score === 'number') checksum += score;
      }
    }
    if (run > 0) times.push(performance.now() - started); // the first run warms up
  }
  if (Number.isNaN(checksum)) throw new Error('bench: pair scores are not numbers');
  return median(times);
}

export function measureMatching() {
  const engine = benchmarkMatching({ application: settings.application });
  return BENCHMARK_SIZES.map((size, index) => {
    const result = engine[index]!;
    const big = size.mentees * size.mentors > 1_000_000;
    return {
      ...result,
      baselineScoreAllPairsMs: round(scoreEveryPairMs(size.mentees, size.mentors, big ? 1 : 5), 1),
      targetMs: size.mentees === 500 ? MATCHING_TARGET_MS : null,
    };
  });
}

if (import.meta.main) console.log(JSON.stringify(measureMatching(), null, 2));
