import { applicationSchemas } from '../../../src/schemas/application.ts';
import type { ApplicationContent } from '../../../src/schemas/applicationContent.ts';
import { type RecordEnvelope, recordEnvelopeSchema, recordPath } from '../../../src/schemas/record.ts';
import { programMonths } from '../../../src/lib/programMonths.ts';
import { zonedMonth } from '../../../src/lib/zonedTime.ts';
import type { NewFile, RecordsStore } from '../records/ports.ts';

/**
 * Realistic but clearly fake applications for trying the matching workbench locally: invented
 * surnames, @example.org addresses, made-up institutions. Seeded, so the same options give the
 * same applications. The areas, institution types and career stages are the settings' own; the
 * made-up institutions and phrases are those of a library association (the kit's first user),
 * used for whichever of their areas and types the settings have.
 */

export interface SampleOptions {
  programYear: string;
  mentors: number;
  mentees: number;
  /** Same seed, same applications. */
  seed?: number;
  /** The settings whose application forms the samples answer. */
  settings: { application: ApplicationContent };
  /** Submission days, YYYY-MM-DD (defaults: 1 June to 15 July of the program year's first year). */
  opens?: string;
  closes?: string;
}

/** A small seeded pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST_NAMES = [
  'Avery',
  'Jordan',
  'Priya',
  'Mateo',
  'Aiko',
  'Samira',
  'Noah',
  'Lena',
  'Kwame',
  'Rosa',
  'Elif',
  'Tomasz',
  'Mei',
  'Omar',
  'Ines',
  'Dmitri',
  'Grace',
  'Luca',
  'Amara',
  'Finn',
  'Yara',
  'Hugo',
  'Nadia',
  'Ravi',
  'Sofia',
  'Theo',
  'Zainab',
  'Eli',
  'Hana',
  'Marcus',
  'Chloe',
  'Diego',
  'Freya',
  'Kofi',
  'Maya',
  'Arjun',
  'Leila',
  'Sven',
  'Tala',
  'Wen',
];
// Invented surnames, so nobody mistakes a sample for a real applicant.
const SURNAMES = [
  'Exampleton',
  'Sampleby',
  'Testwell',
  'Demoford',
  'Mockridge',
  'Placeholder',
  'Fictionsworth',
  'Dummond',
  'Specimenz',
  'Notreal',
  'Madeupson',
  'Pretendley',
  'Fakesmith',
  'Samplewood',
  'Trialsson',
  'Draftwick',
];
const PRONOUNS = ['she/her', 'he/him', 'they/them'];

const INSTITUTIONS: ReadonlyArray<{ name: string; type: string }> = [
  { name: 'Example State University', type: 'academic' },
  { name: 'University of Sampleton Libraries', type: 'academic' },
  { name: 'Fictional College', type: 'academic' },
  { name: 'Demo Institute of Technology', type: 'academic' },
  { name: 'Testville Community College', type: 'academic' },
  { name: 'Northwind Public Library', type: 'public' },
  { name: 'Demo County Library System', type: 'public' },
  { name: 'Placeholder Medical Center Library', type: 'special' },
  { name: 'Mock & Partners Law Library', type: 'special' },
  { name: 'National Library of Exampleland', type: 'government' },
  { name: 'Sampleton High School', type: 'school' },
  { name: 'Example Serials Company', type: 'vendor' },
  { name: 'Pretend Press', type: 'vendor' },
];
const LIS_SCHOOLS = ['Sampleton School of Information', 'Example State University iSchool', 'Fictional College of Library Science'];

const OTHER_AREAS = [
  'music librarianship',
  'archives and special collections',
  'research data services',
  'information literacy instruction',
  'open educational resources',
  'library systems',
];

const AREA_PHRASES: Readonly<Record<string, readonly string[]>> = {
  cataloging: ['original cataloging', 'RDA and authority control', 'copy cataloging workflows'],
  metadata: ['metadata standards', 'linked data', 'metadata for digital collections'],
  acquisitions: ['acquisitions budgets', 'vendor negotiations', 'approval plans'],
  'e-resources': ['electronic resources licensing', 'link resolvers and discovery', 'usage statistics'],
  'scholarly-communication': ['open access publishing', 'institutional repositories', 'copyright questions'],
  'digital-preservation': ['digital preservation', 'file format migration', 'preservation planning'],
};
const MENTEE_GOALS = [
  'build confidence before my first job interviews',
  'understand what a day in technical services looks like',
  'find out which specialisation suits me',
  'grow my professional network beyond my school',
  'get feedback on my resume and cover letters',
  'learn how to get involved in committee service',
  'prepare for a conference presentation',
  'balance coursework with a part-time position',
];
const MENTOR_GOALS = [
  'share what I have learned about job searching',
  'support someone at the start of their path',
  'practise leadership and coaching skills',
  'stay in touch with new ideas coming from library schools',
  'help a newcomer find their place in the association',
  'reflect on my own practice by explaining it',
];
const TIME_ZONE_WEIGHTS: ReadonlyArray<[string, number]> = [
  ['America/New_York', 35],
  ['America/Chicago', 20],
  ['America/Denver', 7],
  ['America/Phoenix', 3],
  ['America/Los_Angeles', 17],
  ['America/Halifax', 2],
  ['America/St_Johns', 1],
  ['America/Anchorage', 1],
  ['Pacific/Honolulu', 1],
  ['Europe/London', 4],
  ['Europe/Berlin', 3],
  ['Asia/Kolkata', 1],
  ['Australia/Sydney', 2],
  ['Etc/UTC', 3],
];

/** Builds the sample records: mentors first, then mentees, each a valid record envelope. */
export function generateSampleApplications(options: SampleOptions): RecordEnvelope[] {
  const content = options.settings.application;
  const schemas = applicationSchemas(options.settings);
  const AREAS = content.areas.choices.map((area) => area.id);
  const areaWords = new Map(content.areas.choices.map((area) => [area.id, area.label.charAt(0).toLowerCase() + area.label.slice(1)]));
  const phrasesOf = (area: string): readonly string[] => AREA_PHRASES[area] ?? [areaWords.get(area) ?? area];
  // A type or stage the settings do not have is replaced by one they do, without drawing a number.
  const types = content.institutionType.choices.map((type) => type.id);
  const typeOf = (wanted: string, index: number) => (types.includes(wanted) ? wanted : types[index % types.length]!);
  const stages = content.careerStages.map((stage) => stage.id);
  const stageOf = (wanted: string, fallback: number) => (stages.includes(wanted) ? wanted : stages[Math.max(0, Math.min(fallback, stages.length - 1))]!);
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (probability: number) => random() < probability;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const count = min + Math.floor(random() * (max - min + 1));
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
    return chosen;
  };
  const weighted = (choices: ReadonlyArray<[string, number]>): string => {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = random() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[0]![0];
  };
  const firstYear = options.programYear.slice(0, 4);
  const opens = Date.parse(`${options.opens ?? `${firstYear}-06-01`}T04:00:00Z`);
  const closes = Date.parse(`${options.closes ?? `${firstYear}-07-15`}T23:00:00Z`);
  const usedNames = new Set<string>();

  // Every sample person has a name of their own, so the committee's report is easy to follow.
  const uniqueName = (): { name: string; emailLocal: string } => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const first = pick(FIRST_NAMES);
      const last = pick(SURNAMES);
      if (!usedNames.has(`${first} ${last}`)) return { name: `${first} ${last}`, emailLocal: `${first}.${last}` };
    }
    for (let n = 0; ; n++) {
      const first = pick(FIRST_NAMES);
      const last = pick(SURNAMES);
      const initial = String.fromCharCode(65 + (n % 26));
      const name = `${first} ${initial}. ${last}${n >= 26 ? ` ${Math.floor(n / 26) + 1}` : ''}`;
      if (!usedNames.has(name)) return { name, emailLocal: name.replace(/[^A-Za-z0-9]+/g, '.') };
    }
  };

  const person = () => {
    const { name, emailLocal } = uniqueName();
    usedNames.add(name);
    const email = `${emailLocal}@example.org`.toLowerCase();
    const communication = ['email', 'video', 'phone', 'chat'].filter((_, index) => chance([0.9, 0.6, 0.25, 0.3][index]!));
    return {
      name,
      email,
      ...(chance(0.5) ? { pronouns: pick(PRONOUNS) } : {}),
      membership: chance(0.8) ? 'member' : 'joining',
      communication: communication.length > 0 ? communication : ['email'],
      timeZone: weighted(TIME_ZONE_WEIGHTS),
      agreeCodeOfConduct: true,
      agreeFullYear: true,
      agreeSharing: true,
    };
  };
  const envelope = (role: 'mentor' | 'mentee', answers: Record<string, unknown>): RecordEnvelope =>
    recordEnvelopeSchema.parse({
      schemaVersion: 1,
      id: seededUuid(random),
      type: 'application',
      role,
      programYear: options.programYear,
      submittedAt: new Date(Math.floor((opens + random() * (closes - opens)) / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      answers,
    });

  const records: RecordEnvelope[] = [];
  for (let index = 0; index < options.mentors; index++) {
    const institution = pick(INSTITUTIONS);
    const expertise: string[] = some(AREAS, 1, 4);
    const other = chance(0.15) ? pick(OTHER_AREAS) : undefined;
    if (other) expertise.push('other');
    const phrase = phrasesOf(expertise[0]!)[0];
    const answers = schemas.mentor.parse({
      ...person(),
      careerStage: chance(0.6) ? stageOf('mid-career', stages.length - 2) : stageOf('senior', stages.length - 1),
      institutionType: typeOf(institution.type, index),
      institution: institution.name,
      interests: expertise,
      ...(other ? { interestsOther: other } : {}),
      goals: `After years working with ${phrase}, I would like to ${pick(MENTOR_GOALS)} and ${pick(MENTOR_GOALS)}.`,
      yearsExperience: 4 + Math.floor(random() * 30),
      expertise,
      capacity: chance(0.6) ? 1 : chance(0.75) ? 2 : 3,
    });
    records.push(envelope('mentor', answers));
  }
  for (let index = 0; index < options.mentees; index++) {
    const student = chance(0.55);
    const institution = student ? { name: pick(LIS_SCHOOLS), type: 'lis-school' } : pick(INSTITUTIONS);
    const roll = random();
    const interests: string[] = roll < 0.15 ? ['not-sure'] : roll < 0.22 ? ['not-sure', pick(AREAS)] : roll < 0.27 ? ['other'] : some(AREAS, 1, 3);
    const other = interests.includes('other') ? pick(OTHER_AREAS) : chance(0.08) ? pick(OTHER_AREAS) : undefined;
    if (other && !interests.includes('other')) interests.push('other');
    const area = interests.find((value) => AREAS.includes(value));
    const topic = area ? pick(phrasesOf(area)) : (other ?? 'the different areas of the profession');
    const answers = schemas.mentee.parse({
      ...person(),
      careerStage: student ? stageOf('student', 0) : stageOf('early-career', 1),
      institutionType: typeOf(institution.type, index),
      institution: institution.name,
      interests,
      ...(other ? { interestsOther: other } : {}),
      goals: `I would like to explore ${topic}, ${pick(MENTEE_GOALS)} and ${pick(MENTEE_GOALS)}.`,
    });
    records.push(envelope('mentee', answers));
  }
  return records;
}

/** A version 4 UUID drawn from the seeded generator (so samples are reproducible). */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** Writes sample records into the store, one commit each; existing files are left alone. */
export async function writeSampleApplications(store: RecordsStore, records: readonly RecordEnvelope[]): Promise<{ created: number; existing: number }> {
  let created = 0;
  for (const record of records) {
    const path = recordPath(record);
    const result = await store.createFile(path, `${JSON.stringify(record, null, 2)}\n`, `Add sample ${record.role} application ${record.id}`);
    if (result.created) created++;
  }
  return { created, existing: records.length - created };
}

/** What a whole sample year needs beyond the applications' options. */
export interface SampleYearOptions extends SampleOptions {
  /** The settings for the program months and time zone, as well as the forms. */
  settings: { application: ApplicationContent; program: { startMonth: number; endMonth: number }; timeZone: string };
  /** Check-ins are written for the program months up to this instant's month. */
  now: Date;
}

export interface SampleYear {
  programYear: string;
  /** Every file to create: applications, reviews, the matches file, the introductions ledger, check-ins, messages, a preference, evaluations. */
  files: NewFile[];
  counts: { applications: number; pairs: number; checkIns: number; messages: number; evaluations: number };
}

const SAMPLE_NOTES = ['(Sample) We talked about conference proposals.', '(Sample) A short call this month; more next time.', '(Sample) We swapped reading lists.'];
const SAMPLE_HELP_NOTES = ['(Sample) We cannot find a time that suits us both.', '(Sample) My mentor has not replied for a while.'];
const SAMPLE_MESSAGES: ReadonlyArray<{ reason: string; message: string }> = [
  { reason: 'need-help', message: '(Sample message) We are not sure what to talk about next month. Could the committee suggest something?' },
  { reason: 'match-not-working', message: '(Sample message) Our schedules never line up and we have only met once. Could we talk about what to do?' },
  { reason: 'leaving', message: '(Sample message) I have started a new job with little free time, so I need to leave the program. Thank you for everything.' },
];
const SAMPLE_HIGHLIGHTS = [
  '(Sample) Having someone outside my library to ask honest questions.',
  '(Sample) The monthly topics gave us a reason to meet.',
  '(Sample) Practising for interviews together.',
  '(Sample) Learning how committees in the association work.',
];
const SAMPLE_IMPROVEMENTS = ['(Sample) An online get-together for all pairs half way through.', '(Sample) Shorter emails.', '(Sample) Topics a little earlier in the month.'];

/** The record as a file, as the forms and the workspace write them. */
const asFile = (path: string, value: unknown): NewFile => ({ path, content: `${JSON.stringify(value, null, 2)}\n` });

/**
 * A whole, clearly fake program year: the applications (all reviewed, one mentee not eligible
 * and one withdrawn), accepted pairs (one ended), the introductions ledger, check-ins for the
 * program months so far (one pair quiet for two months, one asking for help), three messages
 * to the committee and a mentee who said they are leaving, and evaluations: most mentees
 * answer, and fewer than five mentors, so both a summary and the small-group rule can be seen.
 * Seeded: the same options give the same files.
 */
export function generateSampleYear(options: SampleYearOptions): SampleYear {
  const { programYear } = options;
  const applications = generateSampleApplications(options);
  const random = seededRandom((options.seed ?? 1) * 7919 + 17);
  const firstYear = Number(programYear.slice(0, 4));
  const currentMonth = zonedMonth(options.now, options.settings.timeZone);
  const months = programMonths(programYear, options.settings.program).filter((month) => month <= currentMonth);
  const mentors = applications.filter((record) => record.role === 'mentor');
  const mentees = applications.filter((record) => record.role === 'mentee');
  const files: NewFile[] = applications.map((record) => asFile(recordPath(record), record));
  // Nothing is dated after now (a day later this month is moved back to now).
  const nowIso = options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const notAfterNow = (iso: string) => (iso > nowIso ? nowIso : iso);

  // Reviews: everyone eligible, but one mentee not eligible and one who withdrew.
  const decidedAt = `${firstYear}-07-25T15:00:00Z`;
  const decisionOf = (index: number, role: string) =>
    role === 'mentee' && index === 0
      ? { decision: 'not-eligible', reason: '(Sample) Not a member and not joining.' }
      : role === 'mentee' && index === 1
        ? { decision: 'withdrawn', reason: '(Sample) Withdrew before matching.' }
        : { decision: 'eligible' };
  for (const [role, list] of [
    ['mentor', mentors],
    ['mentee', mentees],
  ] as const) {
    list.forEach((record, index) => {
      files.push(
        asFile(`reviews/${programYear}/${record.id}.json`, {
          schemaVersion: 1,
          applicationId: record.id,
          role,
          programYear,
          ...decisionOf(index, role),
          decidedBy: 'sample-committee',
          decidedAt,
          notes: [],
        }),
      );
    });
  }

  // Pairs: the eligible mentees, in turn, with a mentor who has room; two are left without a match.
  const capacityLeft = new Map(mentors.map((mentor) => [mentor.id, Number(mentor.answers.capacity ?? 1)]));
  const since = `${firstYear}-08-20`;
  const pairs: Array<{ id: string; mentor: string; mentee: string; status: 'active' | 'ended'; since: string; ended?: { on: string; reason: string } }> = [];
  let mentorIndex = 0;
  for (const mentee of mentees.slice(2, Math.max(2, mentees.length - 2))) {
    for (let tries = 0; tries < mentors.length; tries++) {
      const mentor = mentors[mentorIndex % mentors.length]!;
      mentorIndex++;
      if ((capacityLeft.get(mentor.id) ?? 0) > 0) {
        capacityLeft.set(mentor.id, capacityLeft.get(mentor.id)! - 1);
        pairs.push({ id: `p-${String(pairs.length + 1).padStart(3, '0')}`, mentor: mentor.id, mentee: mentee.id, status: 'active', since });
        break;
      }
    }
  }
  // One pair ended half way through the months so far.
  const endMonth = months.length >= 2 ? months[Math.floor(months.length / 2)]! : null;
  const endedPair = endMonth && pairs.length > 3 ? pairs[pairs.length - 1]! : null;
  if (endedPair && endMonth) Object.assign(endedPair, { status: 'ended', ended: { on: `${endMonth}-10`, reason: '(Sample) The mentee took on a new job and had no time left.' } });
  files.push(asFile(`matches/${programYear}.json`, { programYear, pairs }));
  files.push(
    asFile(`mailings/${programYear}/introductions.json`, {
      schemaVersion: 1,
      kind: 'introductions',
      programYear,
      batches: [
        {
          idempotencyKey: `sample-introductions-${programYear}`,
          sentAt: `${firstYear}-08-25T14:00:00Z`,
          pairs: pairs.map((pair) => ({ pair: pair.id, mentor: pair.mentor, mentee: pair.mentee, emailIds: ['sample-not-sent'] })),
        },
      ],
      unmatched: [],
      lease: null,
    }),
  );

  // Check-ins: most people answer most months; pair 2 is quiet for the last two months; pair 3 asks for help this month.
  let checkIns = 0;
  pairs.forEach((pair, index) => {
    months.forEach((month, monthIndex) => {
      if (pair.ended && month > pair.ended.on.slice(0, 7)) return;
      const last = monthIndex === months.length - 1;
      const quiet = index === 1 && monthIndex >= months.length - 2;
      for (const role of ['mentor', 'mentee'] as const) {
        if (!quiet && random() > 0.8) continue;
        const roll = random();
        const answer = quiet ? 'not-yet' : index === 2 && last && role === 'mentee' ? 'need-help' : roll < 0.68 ? 'met' : roll < 0.95 ? 'not-yet' : 'need-help';
        const note = answer === 'need-help' ? pick(random, SAMPLE_HELP_NOTES) : random() < 0.15 ? pick(random, SAMPLE_NOTES) : undefined;
        files.push(
          asFile(`check-ins/${programYear}/${month}/${pair.id}-${role}.json`, {
            schemaVersion: 1,
            programYear,
            month,
            pairId: pair.id,
            personId: pair[role],
            role,
            answer,
            ...(note ? { note } : {}),
            recordedAt: notAfterNow(`${month}-${String(3 + Math.floor(random() * 20)).padStart(2, '0')}T15:00:00Z`),
          }),
        );
        checkIns++;
      }
    });
  });

  // Messages from people in pairs, and a mentee who said they are leaving (their preference record).
  const lastMonth = months.at(-1) ?? `${firstYear}-09`;
  const personOf = (id: string) => applications.find((record) => record.id === id)!;
  const writers = [pairs[0]?.mentee, pairs[1]?.mentor, endedPair?.mentee ?? pairs[3]?.mentee].filter((id): id is string => id !== undefined);
  writers.forEach((id, index) => {
    const person = personOf(id);
    const sample = SAMPLE_MESSAGES[index]!;
    const messageId = seededUuid(random);
    files.push(
      asFile(`messages/${programYear}/${messageId}.json`, {
        schemaVersion: 1,
        id: messageId,
        type: 'message',
        programYear,
        submittedAt: notAfterNow(`${lastMonth}-${String(2 + index * 3).padStart(2, '0')}T16:30:00Z`),
        answers: { name: person.answers.name, email: person.answers.email, senderRole: person.role, reason: sample.reason, message: sample.message },
      }),
    );
  });
  const leaver = pairs[4]?.mentee;
  if (leaver && months.length > 0) {
    const at = notAfterNow(`${lastMonth}-06T12:00:00Z`);
    files.push(
      asFile(`preferences/${programYear}/${leaver}.json`, {
        schemaVersion: 1,
        programYear,
        personId: leaver,
        role: 'mentee',
        status: 'leaving',
        note: '(Sample) I am moving abroad for a year.',
        updatedAt: at,
        history: [{ status: 'leaving', at, via: 'page' }],
      }),
    );
  }

  // Evaluations: about three in four mentees in pairs, and four mentors (fewer than five: no figures shown).
  let evaluations = 0;
  if (months.length > 0) {
    const answering = [...pairs.filter(() => random() < 0.75).map((pair) => pair.mentee), ...[...new Set(pairs.map((pair) => pair.mentor))].slice(0, 4)];
    for (const id of [...new Set(answering)]) {
      const person = personOf(id);
      const role = person.role as 'mentor' | 'mentee';
      const evaluationId = seededUuid(random);
      const rating = String(Math.min(5, 3 + Math.floor(random() * 3.4)));
      files.push(
        asFile(`evaluations/${programYear}/${role}/${evaluationId}.json`, {
          schemaVersion: 1,
          id: evaluationId,
          type: 'evaluation',
          role,
          programYear,
          submittedAt: notAfterNow(`${lastMonth}-${String(10 + Math.floor(random() * 15)).padStart(2, '0')}T18:00:00Z`),
          answers: {
            name: person.answers.name,
            email: person.answers.email,
            overall: rating,
            contactFrequency: pick(random, ['fortnightly', 'monthly', 'monthly', 'less-often', 'weekly']),
            topicsUseful: pick(random, ['very', 'somewhat', 'somewhat', 'not-used']),
            ...(random() < 0.7 ? { highlights: pick(random, SAMPLE_HIGHLIGHTS) } : {}),
            ...(random() < 0.4 ? { improvements: pick(random, SAMPLE_IMPROVEMENTS) } : {}),
            again: pick(random, ['yes', 'yes', 'maybe', 'no']),
          },
        }),
      );
      evaluations++;
    }
  }
  return {
    programYear,
    files,
    counts: { applications: applications.length, pairs: pairs.length, checkIns, messages: writers.length, evaluations },
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Writes a sample year in one commit, leaving any file already there as it is.
 * A year whose matches file is not the sample's own (real pairs, or other samples) is left
 * alone entirely: its check-ins would name pairs it does not have.
 */
export async function writeSampleYear(store: RecordsStore, year: SampleYear): Promise<{ created: number; existing: number; refused: boolean }> {
  const matches = year.files.find((file) => file.path === `matches/${year.programYear}.json`)!;
  const current = await store.readFile(matches.path);
  if (current && current.content !== matches.content) return { created: 0, existing: 0, refused: true };
  const folders = [
    ...new Set(
      year.files.map((file) =>
        file.path
          .split('/')
          .slice(0, 2)
          .join('/')
          .replace(/\.json$/, ''),
      ),
    ),
  ];
  const existing = new Set((await Promise.all(folders.map((folder) => (folder.startsWith('matches/') ? [current?.path ?? ''] : store.listFiles(folder))))).flat());
  const missing = year.files.filter((file) => !existing.has(file.path));
  if (missing.length > 0) {
    await store.commit(
      { writes: missing.map((file) => ({ path: file.path, content: file.content, expectedSha: null })) },
      `Add a sample program year ${year.programYear} (${missing.length} made-up records)`,
    );
  }
  return { created: missing.length, existing: year.files.length - missing.length, refused: false };
}
