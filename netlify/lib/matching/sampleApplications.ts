import { applicationSchemas } from '../../../src/schemas/application.ts';
import type { ApplicationContent } from '../../../src/schemas/applicationContent.ts';
import { type RecordEnvelope, recordEnvelopeSchema, recordPath } from '../../../src/schemas/record.ts';
import type { RecordsStore } from '../records/recordsStore.ts';

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
