import { z } from 'zod';
import { cms } from './cmsField.ts';
import { optionalField, slug } from './primitives.ts';

/**
 * The part of content/settings.yaml that puts the application forms in the association's own
 * words: who may apply, the membership question, the areas of the profession (and which of them
 * the program prioritises), the kinds of institution, and the words the matching tool ignores.
 * The application schemas (application.ts) and the matching vocabulary are built from it, so
 * the code names no association, profession or area.
 */

/** Stored values the kit gives a meaning of its own; no area or institution type may use them. */
export const RESERVED_CHOICE_IDS = ['not-sure', 'other'] as const;

/** At most this many areas: the matching tool keeps each person's areas in one 32-bit mask. */
export const MAX_AREAS = 24;

/** A line of text the forms show: trimmed, at least a few characters. */
function wording(options: { label: string; hint: string; missing: string; multiline?: boolean }) {
  return z
    .string({ error: options.missing })
    .trim()
    .min(3, options.missing)
    .meta(cms({ label: options.label, hint: options.hint, ...(options.multiline ? { multiline: true } : {}) }));
}

/** The short name every choice is stored under in the applications. */
function choiceId(example: string) {
  return slug.meta(
    cms({
      label: 'Short name',
      hint: `Stored in each application: lower-case letters, digits and hyphens, for example ${example}. Do not change it once applications have come in, or their answers will no longer be recognised.`,
    }),
  );
}

/** The optional line under a choice's label. */
const choiceHint = optionalField(
  z
    .string()
    .trim()
    .meta(cms({ label: 'Explanation', hint: 'Optional. A short line shown under the label, when the label alone is not enough.' })),
);

/** One answer of a radio group or checkbox list. */
export const choiceContentSchema = z.object({
  /** Stored value, e.g. `early-career`. */
  id: choiceId('early-career'),
  /** What applicants read, e.g. "Early career". */
  label: wording({ label: 'Label', hint: 'What applicants read on the form.', missing: 'Give the choice a label of at least 3 characters.' }),
  /** A line under the label, when the label alone is not enough. */
  hint: choiceHint,
});
export type ChoiceContent = z.infer<typeof choiceContentSchema>;

/** One area of the profession that mentees choose among and mentors offer. */
export const areaContentSchema = z.object({
  /** Stored value, e.g. `cataloging`. */
  id: choiceId('cataloging'),
  /** What applicants read, e.g. "Cataloging". */
  label: wording({ label: 'Label', hint: 'The name of the area, as applicants read it on the form.', missing: 'Give the area a name of at least 3 characters.' }),
  /** A line under the label, when the name alone is not enough. */
  hint: choiceHint,
  /** Mentees interested in a priority area come first when mentors are short. */
  priority: z
    .boolean()
    .default(false)
    .meta(
      cms({
        label: 'Priority area',
        hint: 'Switch on for the areas the program gives priority to: when there are not enough mentors, mentees interested in a priority area (or not sure yet) are matched first.',
      }),
    ),
});
export type AreaContent = z.infer<typeof areaContentSchema>;

/** A word as the matching tool compares words: lower case, no accents. */
const matchingWord = z
  .string({ error: 'Write one word in lower-case letters, for example library.' })
  .regex(/^[a-z]+(-[a-z]+)*$/, 'Write one word in lower-case letters without accents or spaces, for example library.');

/** content/settings.yaml → application: the application forms in the association's words. */
export const applicationContentSchema = z
  .object({
    /** Who mentors are, at the top of the mentor application page. */
    mentorIntro: wording({
      label: 'Who mentors are',
      hint: 'One or two sentences at the top of the mentor application page saying who can be a mentor.',
      missing: 'Say in a sentence who can be a mentor.',
      multiline: true,
    }),
    /** Who mentees are, at the top of the mentee application page. */
    menteeIntro: wording({
      label: 'Who mentees are',
      hint: 'One or two sentences at the top of the mentee application page saying who can be a mentee.',
      missing: 'Say in a sentence who can be a mentee.',
      multiline: true,
    }),
    /** What every applicant needs (membership, the code of conduct), after the sentence above; links as [text](https://…). */
    requirements: wording({
      label: 'What every applicant needs',
      hint: 'Shown on both application pages after the sentence above, for example membership and the code of conduct. Write a link as [the words](https://address).',
      missing: 'Say in a sentence what every applicant needs, such as membership.',
      multiline: true,
    }),
    /** The membership question on both forms; its two answers are stored as `member` and `joining`. */
    membership: z
      .object({
        /** The question, e.g. "Are you a member in good standing?". */
        question: wording({ label: 'Question', hint: 'The membership question, as applicants read it on both forms.', missing: 'Write the membership question.' }),
        /** Help under the question. */
        hint: optionalField(
          z
            .string()
            .trim()
            .meta(cms({ label: 'Explanation', hint: 'Optional. A line under the question, for example when membership is needed or what it costs.' })),
        ),
        /** The answer of people who are members. */
        member: wording({ label: 'Answer for members', hint: 'The answer people choose when they are members already.', missing: 'Write the answer for members.' }),
        /** The answer of people who will join before the program starts. */
        joining: wording({
          label: 'Answer for people joining',
          hint: 'The answer people choose when they will join or renew before the program starts.',
          missing: 'Write the answer for people who will join.',
        }),
        /** What the form says when the question is left unanswered. */
        missing: wording({
          label: 'Message when unanswered',
          hint: 'What the form says when the question is left unanswered, for example “Select whether you are a member.”',
          missing: 'Write the message shown when the question is left unanswered.',
        }),
      })
      .meta(cms({ label: 'Membership question', hint: 'The question both forms ask about membership of the association.' })),
    /** The tick box every applicant ticks to follow the association's code of conduct. */
    codeOfConduct: z
      .object({
        /** The tick box's words. */
        agreement: wording({
          label: 'Agreement',
          hint: 'The words next to the tick box, for example “I will follow the Code of Conduct in all program communications.”',
          missing: 'Write the words of the code of conduct agreement.',
        }),
        /** What the form says when the box is not ticked. */
        missing: wording({
          label: 'Message when not ticked',
          hint: 'What the form says when the box is left unticked, for example “Confirm that you will follow the Code of Conduct.”',
          missing: 'Write the message shown when the box is left unticked.',
        }),
      })
      .meta(cms({ label: 'Code of conduct agreement', hint: 'The tick box every applicant must tick to take part.' })),
    /** Where applicants are in their career, in order. */
    careerStages: z
      .array(choiceContentSchema)
      .min(1, 'List at least one career stage.')
      .meta(cms({ label: 'Career stages', hint: 'The answers to “Career stage”, in the order the form lists them.', itemSummary: '{{fields.label}}', itemLabel: 'career stage' })),
    /** The kind of institution applicants work or study at; "Other" is always offered last. */
    institutionType: z
      .object({
        /** The question, e.g. "Type of library or institution". */
        question: wording({
          label: 'Question',
          hint: 'The question, as applicants read it, for example “Type of institution”.',
          missing: 'Write the question about the type of institution.',
        }),
        /** What the form says when it is left unanswered. */
        missing: wording({
          label: 'Message when unanswered',
          hint: 'What the form says when the question is left unanswered, for example “Select the type of institution.”',
          missing: 'Write the message shown when the question is left unanswered.',
        }),
        /** The kinds offered; pairs from the same kind score higher. */
        choices: z
          .array(choiceContentSchema)
          .min(1, 'List at least one type of institution.')
          .meta(
            cms({
              label: 'Types',
              hint: 'The answers offered, in order. “Other” is always added at the end. The matching tool favours pairs from the same type.',
              itemSummary: '{{fields.label}}',
              itemLabel: 'kind of institution',
            }),
          ),
      })
      .meta(cms({ label: 'Type of institution', hint: 'The question about the kind of place applicants work or study at.' })),
    /** The name of the applicant's employer or school. */
    institutionName: z
      .object({
        /** The question, e.g. "Library, employer or school". */
        question: wording({
          label: 'Question',
          hint: 'The question, as applicants read it, for example “Employer or school”.',
          missing: 'Write the question about the institution’s name.',
        }),
        /** What the form says when it is left empty. */
        missing: wording({
          label: 'Message when empty',
          hint: 'What the form says when the answer is left empty, for example “Enter the name of your employer or school.”',
          missing: 'Write the message shown when the answer is left empty.',
        }),
      })
      .meta(cms({ label: 'Name of institution', hint: 'The question about where applicants work or study; pairs from the same place are never proposed.' })),
    /** The mentor form's question about years of experience, e.g. "Years of experience in libraries". */
    experienceQuestion: wording({
      label: 'Years of experience question',
      hint: 'The mentor form’s question about experience, for example “Years of experience in the profession”.',
      missing: 'Write the question about years of experience.',
    }),
    /** The areas of the profession: mentees say which interest them, mentors which they know. */
    areas: z
      .object({
        /** The mentee's question, e.g. "Which areas of librarianship interest you?". */
        question: wording({
          label: 'Question',
          hint: 'The question about areas of interest, as applicants read it, for example “Which areas of the profession interest you?”',
          missing: 'Write the question about areas of interest.',
        }),
        /** The areas, in the order the forms list them; "Not sure yet" and "Something else" follow. */
        choices: z
          .array(areaContentSchema)
          .min(1, 'List at least one area.')
          .max(MAX_AREAS, `List at most ${MAX_AREAS} areas.`)
          .meta(
            cms({
              label: 'Areas',
              hint: `The areas applicants choose from, in order (at most ${MAX_AREAS}). “Not sure yet” and “Something else” are always added at the end.`,
              itemSummary: '{{fields.label}}',
              itemLabel: 'subject area',
            }),
          ),
      })
      .meta(cms({ label: 'Areas of the profession', hint: 'What mentees are interested in and mentors know; the matching tool pairs people by them.' })),
    /** Words too common among this association's applicants to tell pairs apart (the profession's own words, its name). */
    commonWords: z
      .array(matchingWord)
      .default([])
      .meta(
        cms({
          label: 'Words every applicant uses',
          hint: 'Words so common in this profession’s goals that two people both using one says nothing about them as a pair, such as the profession’s name and the association’s. One lower-case word each; everyday English words are ignored already.',
          itemLabel: 'word',
        }),
      ),
    /** Words left out when comparing institution names ("University of Example Library" is "University of Example"). */
    institutionWords: z
      .array(matchingWord)
      .default([])
      .meta(
        cms({
          label: 'Words left out of institution names',
          hint: 'Words that do not tell two institutions apart, so that “University of Example Library” and “University of Example” count as the same place. One lower-case word each.',
          itemLabel: 'word',
        }),
      ),
  })
  .meta(
    cms({
      label: 'Application forms',
      hint: 'The mentor and mentee applications in the association’s own words: who may apply, the membership question, the areas of the profession and the kinds of institution.',
    }),
  );
export type ApplicationContent = z.infer<typeof applicationContentSchema>;

/** Checks across the application fields; each issue names the field to fix. */
export function checkApplicationContent(application: ApplicationContent, ctx: z.RefinementCtx): void {
  const lists = [
    { path: ['careerStages'], items: application.careerStages, what: 'career stages', reserved: [] as readonly string[] },
    { path: ['institutionType', 'choices'], items: application.institutionType.choices, what: 'types of institution', reserved: RESERVED_CHOICE_IDS },
    { path: ['areas', 'choices'], items: application.areas.choices, what: 'areas', reserved: RESERVED_CHOICE_IDS },
  ];
  for (const list of lists) {
    const seen = new Set<string>();
    list.items.forEach((item, index) => {
      if (list.reserved.includes(item.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['application', ...list.path, index, 'id'],
          message: `The short name "${item.id}" is kept for the forms’ own “Not sure yet” and “Other” answers; choose another one.`,
        });
      }
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['application', ...list.path, index, 'id'], message: `Two ${list.what} share the short name "${item.id}".` });
      seen.add(item.id);
    });
  }
}
