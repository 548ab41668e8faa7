/**
 * First steps for a new pair, taken from the program's own guidance: the sections of the program
 * page that say what mentors and mentees commit to (content/program/mentor-responsibilities.md
 * and mentee-responsibilities.md, edited by the committee in the CMS). Read at run time, so the
 * introduction says what the program page says. When a section is missing (another association
 * may have renamed it), a short built-in text is used instead.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Role } from '../../../src/schemas/application.ts';
import { contentPath } from '../../../src/lib/contentDir.ts';

export interface GuidanceSource {
  /** The role's guidance as Markdown, or null when there is none. */
  firstSteps(role: Role): Promise<string | null>;
}

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/;

const GUIDANCE_FILES: Record<Role, string> = { mentor: 'mentor-responsibilities.md', mentee: 'mentee-responsibilities.md' };

/**
 * Reads content/program under `rootDir` (the working directory: on Netlify the function's root,
 * where netlify.toml's included_files puts these two files). The folder is resolved from a
 * variable, as loadSettings does, so the bundler's file tracer leaves it to included_files.
 */
export function createFileGuidanceSource(rootDir: string = process.cwd()): GuidanceSource {
  return {
    async firstSteps(role) {
      try {
        const text = await readFile(resolve(rootDir, contentPath('program'), GUIDANCE_FILES[role]), 'utf8');
        const body = text
          .replace(/^\uFEFF/, '')
          .replace(FRONT_MATTER, '')
          .trim();
        return body === '' ? null : body;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

/** Used when the program has no guidance section for the role. */
export const BUILT_IN_FIRST_STEPS: Record<Role, string> = {
  mentor:
    '- **Make the first move.** Read your mentee’s answers below and write to introduce yourself soon.\n- **Start with a conversation** about what your mentee hopes to get from the year.\n- **Agree how to keep in touch**, and look out for the monthly topic at the start of each month.',
  mentee:
    '- **Reply when your mentor writes.** If you have not heard from them within a week or two, write to them yourself.\n- **Plan your first conversation** and think about what you hope to get from the year.\n- **Look out for the monthly topic** at the start of each month.',
};

export function createMemoryGuidanceSource(guidance: Partial<Record<Role, string>>): GuidanceSource {
  return { firstSteps: async (role) => guidance[role] ?? null };
}
