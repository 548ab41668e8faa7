import type { z } from 'zod';
import { applicationSchemas, type Role } from '../schemas/application.ts';
import type { ApplicationContent } from '../schemas/applicationContent.ts';
import { menteeEvaluationSchema, mentorEvaluationSchema } from '../schemas/evaluation.ts';
import { messageSchema } from '../schemas/message.ts';
import type { RecordType } from '../schemas/record.ts';

/**
 * Each public form: its schema, where it lives and where it posts. Pages render from this, the
 * functions validate and store from it, so a form and its endpoint cannot drift apart.
 */
export interface FormDefinition {
  id: 'mentor-application' | 'mentee-application' | 'mentor-evaluation' | 'mentee-evaluation' | 'message';
  /** zod object schema of the answers; field metadata drives the HTML. */
  schema: z.ZodObject;
  recordType: RecordType;
  role?: 'mentor' | 'mentee';
  /** Page URL (docs/architecture.md, "Pages"). */
  page: string;
  /** Endpoint the form posts to. */
  endpoint: string;
  /** The page's h1. */
  title: string;
  /** When the form takes answers: applications in the application window, evaluations in the evaluation window, messages always. */
  window: 'applications' | 'evaluations' | 'always';
  /** Which program year the record belongs to. */
  programYear: 'applications' | 'running';
  submitLabel: string;
  /** Email subject line for the sender's confirmation. */
  confirmationSubject: string;
}

/** The application form of one role, its questions in the association's words (content/settings.yaml → application). */
function applicationForm(role: Role, schema: z.ZodObject): FormDefinition & { id: `${Role}-application` } {
  return {
    id: `${role}-application`,
    schema,
    recordType: 'application',
    role,
    page: `/apply/${role}/`,
    endpoint: `/api/applications/${role}`,
    title: `Apply to be a ${role}`,
    window: 'applications',
    programYear: 'applications',
    submitLabel: 'Send my application',
    confirmationSubject: `We have your ${role} application`,
  };
}

/** The application forms, built from the settings' application content; once per settings object. */
const applicationFormsBuilt = new WeakMap<ApplicationContent, Record<Role, FormDefinition>>();

export function applicationForms(settings: { application: ApplicationContent }): Record<Role, FormDefinition> {
  let forms = applicationFormsBuilt.get(settings.application);
  if (!forms) {
    const schemas = applicationSchemas(settings);
    forms = { mentor: applicationForm('mentor', schemas.mentor), mentee: applicationForm('mentee', schemas.mentee) };
    applicationFormsBuilt.set(settings.application, forms);
  }
  return forms;
}

/**
 * The forms whose questions are the same for every association: the evaluations and the message
 * to the committee. The application forms depend on the content: `applicationForms(settings)`,
 * or every form at once with `formDefinitions(settings)`.
 */
export const FORM_DEFINITIONS = {
  'mentor-evaluation': {
    id: 'mentor-evaluation',
    schema: mentorEvaluationSchema,
    recordType: 'evaluation',
    role: 'mentor',
    page: '/evaluation/mentor/',
    endpoint: '/api/evaluations/mentor',
    title: 'Mentor evaluation',
    window: 'evaluations',
    programYear: 'running',
    submitLabel: 'Send my evaluation',
    confirmationSubject: 'Thank you for your evaluation',
  },
  'mentee-evaluation': {
    id: 'mentee-evaluation',
    schema: menteeEvaluationSchema,
    recordType: 'evaluation',
    role: 'mentee',
    page: '/evaluation/mentee/',
    endpoint: '/api/evaluations/mentee',
    title: 'Mentee evaluation',
    window: 'evaluations',
    programYear: 'running',
    submitLabel: 'Send my evaluation',
    confirmationSubject: 'Thank you for your evaluation',
  },
  message: {
    id: 'message',
    schema: messageSchema,
    recordType: 'message',
    page: '/contact/',
    endpoint: '/api/messages',
    title: 'Write to the committee',
    window: 'always',
    programYear: 'running',
    submitLabel: 'Send my message',
    confirmationSubject: 'The committee has your message',
  },
} as const satisfies Record<Exclude<FormDefinition['id'], `${Role}-application`>, FormDefinition>;

export type FormId = FormDefinition['id'];

/** Every public form of one association's site, by id. */
export function formDefinitions(settings: { application: ApplicationContent }): Record<FormId, FormDefinition> {
  const applications = applicationForms(settings);
  return { 'mentor-application': applications.mentor, 'mentee-application': applications.mentee, ...FORM_DEFINITIONS };
}

/** The form an endpoint path serves, e.g. /api/applications/mentor. */
export function formForEndpoint(path: string, settings: { application: ApplicationContent }): FormDefinition | undefined {
  return Object.values(formDefinitions(settings)).find((form) => form.endpoint === path.replace(/\/+$/, ''));
}

/** Names the form posts besides the answers: never stored as answers. */
export const CONTROL_FIELDS = {
  /** Client-made UUID; a retried post lands on the same record. */
  submissionId: 'submissionId',
  /** Milliseconds since the page loaded when JavaScript sent it (minimum fill time). */
  elapsedMs: 'elapsedMs',
  /** Honeypot: hidden from people, filled by bots. */
  honeypot: 'website',
} as const;
