/**
 * The evaluations, health and exports pages through the workspace's handler, on a real local git
 * records store holding the running year of tests/support/reportsFixtureYear.ts (answers known): the small
 * group shows "fewer than 5" and none of its words, the health figures and their CSV, the export
 * downloads (the same files as npm run export, formulas defused), and the local sample year.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countingReads, workspaceClient, workspaceTestPorts } from '../../../tests/servers/harness/workspaceHarness.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { exportYear } from '../matching/exportService.ts';
import { createLocalGitRecordsStore } from '../records/localGitRecordsStore.ts';
import type { RecordsStore } from '../records/ports.ts';
import { EVALUATIONS, id, PAIRS } from '../../../tests/support/reportsFixtureYear.ts';
import type { WorkspacePorts } from './ports.ts';

let dir: string;
let records: RecordsStore;
let ports: WorkspacePorts;

const mailing = testPorts();
const YEAR = mailing.settings.programYears.running;

/** The fixture year as records: applications for everyone in it, the pairs, evaluations, a few check-ins. */
async function writeFixtureYear(store: RecordsStore) {
  const application = (n: number, role: 'mentor' | 'mentee') => ({
    path: `applications/${YEAR}/${role}/${id(n)}.json`,
    content: JSON.stringify({
      schemaVersion: 1,
      id: id(n),
      type: 'application',
      role,
      programYear: YEAR,
      submittedAt: '2026-06-10T12:00:00Z',
      answers: {
        name: n === 11 ? '=HYPERLINK("http://evil.example","x")' : `Person ${n}`,
        email: `person${n}@example.org`,
        membership: 'member',
        communication: ['email'],
        timeZone: 'America/New_York',
        agreeCodeOfConduct: true,
        agreeFullYear: true,
        agreeSharing: true,
        careerStage: role === 'mentor' ? 'mid-career' : 'student',
        institutionType: 'academic',
        institution: 'Example University',
        interests: ['cataloging'],
        goals: 'To learn and to share what I know about cataloging.',
        ...(role === 'mentor' ? { yearsExperience: 10, expertise: ['cataloging'], capacity: 2 } : {}),
      },
    }),
  });
  await store.createFiles(
    [
      ...[1, 2, 3, 4].map((n) => application(n, 'mentor')),
      ...[11, 12, 13, 14, 15, 16, 17, 18].map((n) => application(n, 'mentee')),
      { path: `matches/${YEAR}.json`, content: JSON.stringify({ programYear: YEAR, pairs: PAIRS }) },
      ...EVALUATIONS.map((evaluation) => ({
        path: `evaluations/${YEAR}/${evaluation.role}/${evaluation.id}.json`,
        content: JSON.stringify({
          schemaVersion: 1,
          id: evaluation.id,
          type: 'evaluation',
          role: evaluation.role,
          programYear: YEAR,
          submittedAt: evaluation.submittedAt,
          answers: evaluation.answers,
        }),
      })),
      ...(['mentor', 'mentee'] as const).map((role) => ({
        path: `check-ins/${YEAR}/2026-09/p-1-${role}.json`,
        content: JSON.stringify({
          schemaVersion: 1,
          programYear: YEAR,
          month: '2026-09',
          pairId: 'p-1',
          personId: role === 'mentor' ? id(1) : id(11),
          role,
          answer: 'met',
          ...(role === 'mentee' ? { note: '+1 we met twice' } : {}),
          recordedAt: '2026-09-10T12:00:00Z',
        }),
      })),
    ],
    'Fixture year',
  );
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reports-records-'));
  records = createLocalGitRecordsStore({ dir, log: () => {} });
  await writeFixtureYear(records);
  ports = workspaceTestPorts({ records, mailing, now: () => new Date('2026-11-20T16:00:00Z') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const { get, post } = workspaceClient(() => ports);

describe('the evaluations page', () => {
  it('summarises the large group with counts, per cents and a chart, and shows only “fewer than 5” for the small one', async () => {
    const response = await get('/committee/evaluations/');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`Evaluations for ${YEAR}`);
    expect(page).toContain('<strong>6</strong> of the 8 mentees who were in a pair answered (75%).');
    expect(page).toContain('<svg class="chart"');
    expect(page).toMatch(/<td>Excellent<\/td><td class="numeric">2<\/td><td class="numeric">33%<\/td>/);
    expect(page).toContain('Talking every month');
    expect(page).not.toContain('An earlier answer');
    expect(page).toContain('<strong>Fewer than 5</strong> of the 4 mentors who were in a pair have answered.');
    expect(page).not.toContain('Only mentor text');
    // No names on the page.
    expect(page).not.toContain('Person 1');
  });
});

describe('the health page', () => {
  it('shows the year’s figures with a chart and a table, the print hint, and the CSV', async () => {
    const page = await (await get('/committee/health/')).text();
    expect(page).toContain(`Program health: ${YEAR}`);
    expect(page).toContain('Print this report');
    expect(page).toContain(`href="/committee/health/health-${YEAR}.csv"`);
    expect(page).toContain('<svg class="chart"');
    expect(page).toContain('Check-ins by program month');
    expect(page).toContain('<td>September 2026</td><td class="numeric">7</td><td class="numeric">2 of 14</td>');
    expect(page).toContain('<td class="numeric">fewer than 5</td>');
    const csv = await get(`/committee/health/health-${YEAR}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="health-${YEAR}.csv"`);
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const text = await csv.text();
    expect(text).toContain('Pairs,Pairs ended,1,,\r\n');
    expect(text).toContain('Evaluations,Mentors: answered,fewer than 5,4,\r\n');
    expect((await get('/committee/health/health-1999-2000.csv')).status).toBe(404);
  });

  it('lists the pairs needing attention by the pairs page’s rules, each linking to its pair, and counts them in the CSV', async () => {
    const page = await (await get('/committee/health/')).text();
    const section = page.slice(page.indexOf('id="health-attention"'), page.indexOf('id="health-check-ins"'));
    // November 2026: no “We met” in October or November for the pairs matched in August; p-6 was
    // matched in October (too soon to say) and p-8 has ended.
    expect(section).toContain('Pairs needing attention (6)');
    for (const pair of ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-7']) expect(section).toContain(`href="/committee/pairs/${pair}/"`);
    expect(section).not.toContain('/committee/pairs/p-6/');
    expect(section).not.toContain('/committee/pairs/p-8/');
    expect(section).toContain('<a href="/committee/pairs/p-2/">Person 12 and Person 1</a>');
    expect(section).toContain('No “We met” in October 2026 or November 2026.');
    expect(page).toContain('<li><strong>6</strong> pairs need attention</li>');
    // The names are for the committee's screen, not the printed annual report.
    expect(page).toContain('<section class="no-print" aria-labelledby="health-attention">');
    expect(await (await get(`/committee/health/health-${YEAR}.csv`)).text()).toContain('Pairs,Pairs needing attention,6,7,86\r\n');
  });

  it('reads each folder and file it needs once, though the figures and the attention list both need the applications, pairs and check-ins', async () => {
    const counting = countingReads(records);
    ports = workspaceTestPorts({ records: counting.store, mailing, now: () => new Date('2026-11-20T16:00:00Z') });
    expect((await get('/committee/health/')).status).toBe(200);
    const repeated = [...new Set(counting.reads)].filter((read) => counting.timesRead(read) > 1);
    expect(repeated).toEqual([]);
    expect(counting.reads).toContain(`readFolder applications/${YEAR}`);
    expect(counting.reads).toContain(`readFile matches/${YEAR}.json`);
  });

  it('says when no pair needs attention', async () => {
    ports.now = () => new Date('2026-09-20T12:00:00Z');
    const page = await (await get('/committee/health/')).text();
    expect(page).toContain('No pair needs attention right now.');
    expect(page).toContain('<li><strong>0</strong> pairs need attention</li>');
  });

  it('says so when the program has not begun', async () => {
    ports.now = () => new Date('2026-08-10T12:00:00Z');
    expect(await (await get('/committee/health/')).text()).toContain('The program’s first month has not begun yet.');
  });
});

describe('the exports', () => {
  it('are the files of npm run export, as downloads, with formulas defused', async () => {
    const page = await (await get('/committee/exports/')).text();
    for (const kind of ['mentees', 'mentors', 'pairs', 'check-ins', 'evaluations']) expect(page).toContain(`href="/committee/exports/${YEAR}-${kind}.csv"`);
    const { files } = await exportYear(records, YEAR, mailing.settings);
    expect(files.map((file) => file.fileName)).toEqual(['mentors', 'mentees', 'pairs', 'check-ins', 'evaluations'].map((kind) => `${YEAR}-${kind}.csv`));
    for (const file of files) {
      const response = await get(`/committee/exports/${file.fileName}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file.fileName}"`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      // Byte for byte, the byte-order mark included.
      expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(file.content);
    }
    const pairs = files.find((file) => file.fileName.endsWith('-pairs.csv'))!;
    expect(pairs.rows).toBe(8);
    expect(pairs.content).toContain('p-8,ended,2026-08-20,2026-10-05,Moved away,');
    // A name or a note that a spreadsheet would run as a formula is written as text.
    expect(pairs.content).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(pairs.content).not.toMatch(/,=HYPERLINK/);
    const checkIns = files.find((file) => file.fileName.endsWith('-check-ins.csv'))!;
    expect(checkIns.content).toContain("We met,'+1 we met twice,");
    const evaluations = files.find((file) => file.fileName.endsWith('-evaluations.csv'))!;
    expect(evaluations.rows).toBe(EVALUATIONS.length);
    expect(evaluations.content).toContain('Excellent,About once a month,Very useful,Yes');
    expect((await get(`/committee/exports/${YEAR}-secrets.csv`)).status).toBe(404);
    expect((await get('/committee/exports/1999-2000-pairs.csv')).status).toBe(404);
  });
});

describe('the sample year from the overview', () => {
  it('is added with the sample applications on the local site only, in one commit, and adding it again adds nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'reports-empty-'));
    try {
      ports.records = createLocalGitRecordsStore({ dir: empty, log: () => {} });
      expect((await post('/committee/', { intent: 'sample-applications' })).status).toBe(404);
      ports.localSignIn = true;
      const response = await post('/committee/', { intent: 'sample-applications' });
      expect(response.status).toBe(303);
      const location = response.headers.get('location')!;
      expect(location).toMatch(/^\/committee\/\?done=samples&count=32&year-records=\d+$/);
      const log = execFileSync('git', ['-C', empty, 'log', '--format=%s'], { encoding: 'utf8' }).trim().split('\n');
      expect(log[0]).toMatch(new RegExp(`^Add a sample program year ${YEAR} \\(\\d+ made-up records\\), by jdoe$`));
      expect(log.filter((line) => line.startsWith('Add a sample program year'))).toHaveLength(1);
      const notice = await (await get(location)).text();
      expect(notice).toContain('32 sample applications were added.');
      expect(notice).toContain('A sample running year was added too');
      expect((await ports.records.listFiles(`evaluations/${YEAR}`)).length).toBeGreaterThan(5);
      const again = await post('/committee/', { intent: 'sample-applications' });
      expect(again.headers.get('location')).toBe('/committee/?done=samples&count=0&year-records=0');
      const health = await (await get('/committee/health/')).text();
      expect(health).toContain('<strong>1</strong> pairs ended');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
