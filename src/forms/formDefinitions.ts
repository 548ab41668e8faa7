import type { z } from 'zod';
import { mentorApplicationSchema, menteeApplicationSchema } from '../schemas/application.ts';
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
  /** Page URL (ARCHITECTURE.md). */
  page: string;
  /** Endpoint the form posts to. */
  endpoint: string;
  /** The page's h1. */
  title: string;
  /** Applications are refused outside the application window. */
  needsOpenWindow: boolean;
  /** Which program year the record belongs to. */
  programYear: 'applications' | 'running';
  submitLabel: string;
  /** Email subject line for the sender's confirmation. */
  confirmationSubject: string;
}

export const FORM_DEFINITIONS = {
  'mentor-application': {
    id: 'mentor-application',
    schema: mentorApplicationSchema,
    recordType: 'application',
    role: 'mentor',
    page: '/apply/mentor/',
    endpoint: '/api/applications/mentor',
    title: 'Apply to be a mentor',
    needsOpenWindow: true,
    programYear: 'applications',
    submitLabel: 'Send my application',
    confirmationSubject: 'We have your mentor application',
  },
  'mentee-application': {
    id: 'mentee-application',
    schema: menteeApplicationSchema,
    recordType: 'application',
    role: 'mentee',
    page: '/apply/mentee/',
    endpoint: '/api/applications/mentee',
    title: 'Apply to be a mentee',
    needsOpenWindow: true,
    programYear: 'applications',
    submitLabel: 'Send my application',
    confirmationSubject: 'We have your mentee application',
  },
  'mentor-evaluation': {
    id: 'mentor-evaluation',
    schema: mentorEvaluationSchema,
    recordType: 'evaluation',
    role: 'mentor',
    page: '/evaluation/mentor/',
    endpoint: '/api/evaluations/mentor',
    title: 'Mentor evaluation',
    needsOpenWindow: false,
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
    needsOpenWindow: false,
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
    needsOpenWindow: false,
    programYear: 'running',
    submitLabel: 'Send my message',
    confirmationSubject: 'The committee has your message',
  },
} as const satisfies Record<FormDefinition['id'], FormDefinition>;

export type FormId = keyof typeof FORM_DEFINITIONS;

/** The form an endpoint path serves, e.g. /api/applications/mentor. */
export function formForEndpoint(path: string): FormDefinition | undefined {
  return Object.values(FORM_DEFINITIONS).find((form) => form.endpoint === path.replace(/\/+$/, ''));
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
