/**
 * First steps for a new pair, in the introduction emails: written for people already matched
 * (what to do this week), not the program page's commitments for applicants. The committee
 * writes them in the settings (content/settings.yaml → introductionEmails, edited in the CMS);
 * a short built-in list stands in when a role's is empty. The emails link to /mentors/ and
 * /mentees/ for everything else.
 */
import type { Role } from '../../../src/schemas/application.ts';
import type { Settings } from '../../../src/schemas/settings.ts';

/** Used when the settings give no first steps for the role. */
export const BUILT_IN_FIRST_STEPS: Record<Role, string> = {
  mentor:
    '- **Make the first move.** Read your mentee’s answers below and write to introduce yourself soon.\n- **Start with a conversation** about what your mentee hopes to get from the year.\n- **Agree how to keep in touch**, and look out for the monthly topic at the start of each month.',
  mentee:
    '- **Reply when your mentor writes.** If you have not heard from them within a week or two, write to them yourself.\n- **Plan your first conversation** and think about what you hope to get from the year.\n- **Look out for the monthly topic** at the start of each month.',
};

/** A role's first steps as Markdown: the committee's, or the built-in ones. */
export function firstStepsFor(settings: Pick<Settings, 'introductionEmails'>, role: Role): string {
  const written = role === 'mentor' ? settings.introductionEmails.mentorFirstSteps : settings.introductionEmails.menteeFirstSteps;
  return written ?? BUILT_IN_FIRST_STEPS[role];
}
