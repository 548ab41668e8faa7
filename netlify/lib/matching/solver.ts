import { munkres } from 'munkres';

/**
 * The optimisation step: choose pairs that maximise, in this order, (1) how many mentees are
 * matched, (2) how many priority mentees are matched, (3) the total fit. The package `munkres`
 * (Hungarian algorithm, O(M²N)) solves it once each mentor is expanded into one column per place
 * they offer; docs/adr/0011-matching-solver.md records why this package and the measurements.
 */

export interface AssignmentProblem {
  /** Number of mentees (rows). */
  mentees: number;
  /** Places each mentor still has; its length is the number of mentors. */
  capacities: readonly number[];
  /** Priority mentees, by row. */
  priority: readonly boolean[];
  /**
   * Fit of each (mentee, mentor) from 0 to 100, row-major (index mentee × mentors + mentor);
   * -1 where the pair is not allowed, which is then never chosen.
   */
  fit: Int16Array;
}

/** Returns the chosen [mentee, mentor] index pairs, sorted by mentee. Deterministic for the same input. */
export function solveAssignment(problem: AssignmentProblem): Array<[number, number]> {
  const mentorCount = problem.capacities.length;
  if (problem.fit.length !== problem.mentees * mentorCount) throw new RangeError('The fit table does not match the numbers of mentees and mentors.');
  const allowed = (mentee: number, mentor: number) => problem.fit[mentee * mentorCount + mentor]! >= 0 && problem.capacities[mentor]! > 0;

  // Only rows and columns that have an allowed pair take part: a smaller matrix, the same optimum.
  const rows: number[] = [];
  const mentorUsed = new Uint8Array(mentorCount);
  for (let mentee = 0; mentee < problem.mentees; mentee++) {
    let any = false;
    for (let mentor = 0; mentor < mentorCount; mentor++) {
      if (allowed(mentee, mentor)) {
        any = true;
        mentorUsed[mentor] = 1;
      }
    }
    if (any) rows.push(mentee);
  }
  if (rows.length === 0) return [];
  const slotMentor: number[] = [];
  for (let mentor = 0; mentor < mentorCount; mentor++) {
    if (mentorUsed[mentor]) for (let place = 0; place < problem.capacities[mentor]!; place++) slotMentor.push(mentor);
  }

  // Lexicographic goals as one weight: a match is worth more than any priority and fit gain
  // elsewhere, and a priority match more than any total of fits. Whole numbers stay exact in
  // doubles while n·(match weight) < 2^53, i.e. up to about 40,000 mentees.
  const n = rows.length;
  const priorityWeight = 101 * (n + 1);
  const matchWeight = (priorityWeight + 101) * (n + 1);
  if (n * (matchWeight + priorityWeight + 100) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`Too many mentees (${n}) to weigh exactly in one run.`);
  }

  // Cost matrix: 0 means "leave unmatched"; an allowed pair costs minus its weight. The package
  // runs fastest with no more rows than columns (it walks rows), so the longer side goes across.
  const costOf = (mentee: number, slot: number) => {
    const fit = problem.fit[mentee * mentorCount + slotMentor[slot]!]!;
    return fit < 0 ? 0 : -(matchWeight + (problem.priority[mentee] ? priorityWeight : 0) + fit);
  };
  const menteesAcross = rows.length > slotMentor.length;
  const matrix = menteesAcross
    ? slotMentor.map((_, slot) => Float64Array.from(rows, (mentee) => costOf(mentee, slot)))
    : rows.map((mentee) => Float64Array.from(slotMentor, (_, slot) => costOf(mentee, slot)));

  const chosen: Array<[number, number]> = [];
  for (const [y, x] of munkres(matrix)) {
    if (matrix[y]![x]! >= 0) continue;
    const [row, slot] = menteesAcross ? [x, y] : [y, x];
    chosen.push([rows[row]!, slotMentor[slot]!]);
  }
  return chosen.sort((a, b) => a[0] - b[0]);
}
