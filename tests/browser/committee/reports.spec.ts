/**
 * The running year's reports in the workspace, on the served site with its local records store:
 * the evaluations (a group of five or more with figures, a chart and written answers; a smaller
 * group shown only as "fewer than 5"), the health report (figures, the check-ins chart, the
 * pairs needing attention with links, the CSV download) and the exports (a CSV download). Without
 * JavaScript, with axe on each page; then the health, evaluations and exports pages with
 * JavaScript at 390 px.
 *
 * The records are shared with the other browser tests of this run, so the figures asserted are
 * counted from the records themselves (this test adds the pairs fixture and the evaluations of
 * five of its mentees; before it, no test writes a mentor evaluation).
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { parseSettings } from '../../../netlify/lib/config/loadSettings.ts';
import { createLocalGitRecordsStore } from '../../../netlify/lib/records/localGitRecordsStore.ts';
import { EVALUATIONS } from '../../support/reportsFixtureYear.ts';
import { matchesFileSchema } from '../../../src/schemas/record.ts';
import { type PairsYearFixture, writePairsYear } from '../../fixtures/pairsYear.ts';
import { expectAccessible, expectNoSidewaysScroll, signInLocally } from '../support/committee.ts';
import { LANE_FOLDERS } from '../support/lane.ts';

const RECORDS_DIR = LANE_FOLDERS.records;
const settings = parseSettings(readFileSync('content/settings.yaml', 'utf8'));
const store = createLocalGitRecordsStore({ dir: RECORDS_DIR, log: () => {} });
/** The unit tests' mentee evaluations of persons 11 to 15 (person 11 sent it twice), given here by the fixture's first five mentees. */
const MENTEE_EVALUATIONS = EVALUATIONS.filter((evaluation) => evaluation.role === 'mentee' && evaluation.answers.email !== 'person16@example.org');

let fixture: PairsYearFixture;
test.beforeAll(async () => {
  fixture = await writePairsYear(store, settings);
  const people = [...new Set(MENTEE_EVALUATIONS.map((evaluation) => evaluation.answers.email))];
  await store.createFiles(
    MENTEE_EVALUATIONS.map((evaluation) => {
      const mentee = fixture.mentees[people.indexOf(evaluation.answers.email)]!;
      const answers = { ...evaluation.answers, name: mentee.name, email: mentee.email };
      return {
        path: `evaluations/${fixture.year}/mentee/${evaluation.id}.json`,
        content: `${JSON.stringify({ schemaVersion: 1, id: evaluation.id, type: 'evaluation', role: 'mentee', programYear: fixture.year, submittedAt: evaluation.submittedAt, answers })}\n`,
      };
    }),
    `Test fixture: mentee evaluations for ${fixture.year}`,
  );
});

/** People of a role who sent an evaluation this year, one per email address (as the page counts them). */
async function evaluators(role: 'mentor' | 'mentee'): Promise<number> {
  const files = await store.readFolder(`evaluations/${fixture.year}/${role}`);
  return new Set([...files.values()].map((file) => String(JSON.parse(file.content).answers.email).trim().toLowerCase())).size;
}

async function yearPairs() {
  return matchesFileSchema.parse(JSON.parse((await store.readFile(fixture.matchesPath))!.content)).pairs;
}

/** Clicks a download link and gives the file's name and text. */
async function download(page: Page, name: string): Promise<{ fileName: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
  return { fileName: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

test.describe('the reports without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('evaluations: figures, a chart with its table and written answers for the mentees; only “fewer than 5” for the mentors', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const mentors = await evaluators('mentor');
    // The small-group rule needs a small group: no earlier test sends a mentor evaluation.
    expect(mentors).toBeLessThan(5);
    const mentees = await evaluators('mentee');
    const menteesInPairs = new Set((await yearPairs()).map((pair) => pair.mentee)).size;
    const mentorsInPairs = new Set((await yearPairs()).map((pair) => pair.mentor)).size;

    await signInLocally(page);
    await page.getByRole('link', { name: 'Evaluations', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Evaluations for ${fixture.year}`);

    const menteeSection = page.getByRole('region', { name: 'Mentees', exact: true });
    await expect(menteeSection.locator('.lede')).toHaveText(new RegExp(`^${mentees} of the ${menteesInPairs} mentees who were in a pair answered \\(\\d+%\\)\\.$`));
    // Each question's chart is a figure named by its question; the bars are drawn for the eye
    // only, and the table beside it holds the same figures as text.
    const chart = menteeSection.getByRole('figure', { name: 'How would you rate the program overall?' });
    await expect(chart).toBeVisible();
    await expect(chart.locator('svg.chart')).toHaveAttribute('aria-hidden', 'true');
    await expect(chart.locator('svg.chart rect.chart-bar').first()).toBeVisible();
    await expect(chart.locator('figcaption')).toContainText('The same figures are in the table below.');
    const table = menteeSection.getByRole('table', { name: new RegExp(`^How would you rate the program overall\\? \\(mentees, ${fixture.year}\\)$`) });
    await expect(table.getByRole('row', { name: /^Excellent \d+ \d+%$/ })).toBeVisible();
    // Written answers: the latest of someone who sent it twice, never the earlier one; no names.
    await expect(menteeSection.locator('.free-text')).toContainText(['Talking every month']);
    await expect(page.getByText('An earlier answer')).toHaveCount(0);
    await expect(page.getByText(fixture.mentees[0]!.name)).toHaveCount(0);

    const mentorSection = page.getByRole('region', { name: 'Mentors', exact: true });
    await expect(mentorSection).toContainText(`Fewer than 5 of the ${mentorsInPairs} mentors who were in a pair have answered.`);
    await expect(mentorSection.getByRole('figure')).toHaveCount(0);
    await expect(mentorSection.getByRole('table')).toHaveCount(0);
    await expectAccessible(page, browser);
  });

  test('health: the year’s figures, the check-ins chart, the pairs needing attention with links, and the CSV', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const pairs = await yearPairs();
    const active = pairs.filter((pair) => pair.status === 'active').length;
    await signInLocally(page);
    await page.getByRole('link', { name: 'Health', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Program health: ${fixture.year}`);
    await expect(page.locator('.figures').first()).toContainText(`${active} pairs active`);

    const chart = page.getByRole('figure', { name: 'Monthly check-ins' });
    await expect(chart.locator('svg.chart')).toHaveAttribute('aria-hidden', 'true');
    await expect(chart.locator('svg.chart text.chart-label', { hasText: 'May 2027' })).toHaveCount(1);
    const months = page.getByRole('table', { name: `Check-ins by program month, ${fixture.year}` });
    await expect(months.getByRole('row', { name: /^May 2027 / })).toBeVisible();
    await expect(page.getByRole('table', { name: `Evaluation responses, ${fixture.year}` }).getByRole('row', { name: /^Mentors / })).toContainText('fewer than 5');

    // The pairs needing attention, by the pairs page's rules: the one that asked for help, the
    // quiet one and the one whose mentor is leaving; never the pair that is going well.
    const attention = page.getByRole('table', { name: /^Pairs needing attention \(\d+\)$/ });
    for (const key of ['help', 'quiet', 'leaving'] as const) {
      const { mentee, mentor } = fixture.pairs[key];
      await expect(attention.getByRole('link', { name: `${mentee.name} and ${mentor.name}`, exact: true })).toHaveAttribute('href', `/committee/pairs/${fixture.pairs[key].id}/`);
    }
    await expect(attention).toContainText('The mentor said they are leaving the program.');
    await expect(attention.getByRole('link', { name: `${fixture.pairs.fine.mentee.name} and ${fixture.pairs.fine.mentor.name}`, exact: true })).toHaveCount(0);
    await expectAccessible(page, browser);

    const csv = await download(page, 'Download these figures (CSV)');
    expect(csv.fileName).toBe(`health-${fixture.year}.csv`);
    expect(csv.text.startsWith('\uFEFFsection,figure,count,out_of,percent\r\n')).toBe(true);
    expect(csv.text).toContain(`Pairs,Pairs active,${active},,\r\n`);
    expect(csv.text).toContain('Evaluations,Mentors: answered,fewer than 5,');

    await attention.getByRole('link', { name: `${fixture.pairs.help.mentee.name} and ${fixture.pairs.help.mentor.name}`, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${fixture.pairs.help.mentee.name} and ${fixture.pairs.help.mentor.name}`);
  });

  test('exports: the list of spreadsheets, and one downloaded', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInLocally(page);
    await page.goto('/committee/health/');
    await page.getByRole('link', { name: 'All exports', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exports');
    for (const label of ['Mentee applications', 'Mentor applications', 'Pairs', 'Check-ins', 'Evaluations'])
      await expect(page.getByRole('link', { name: `${label}, ${fixture.year} (CSV)`, exact: true })).toBeVisible();
    await expectAccessible(page, browser);

    const pairsCsv = await download(page, `Pairs, ${fixture.year} (CSV)`);
    expect(pairsCsv.fileName).toBe(`${fixture.year}-pairs.csv`);
    const rows = pairsCsv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toMatch(/^pair_id,status,/);
    expect(rows.length - 1).toBe((await yearPairs()).length);
    expect(rows.find((row) => row.startsWith('p-help,'))).toContain(fixture.pairs.help.mentor.name);
    const evaluationsCsv = await download(page, `Evaluations, ${fixture.year} (CSV)`);
    expect(evaluationsCsv.text).toContain('Talking every month');
  });
});

test('with JavaScript, the health, evaluations and exports pages read at 390 px without sideways scrolling, pass axe, and download', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInLocally(page);
  await page.goto('/committee/health/');
  await expect(page.getByRole('figure', { name: 'Monthly check-ins' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await page.goto('/committee/evaluations/');
  await expect(page.getByRole('region', { name: 'Mentees', exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/committee/exports/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exports');
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  const checkIns = await download(page, `Check-ins, ${fixture.year} (CSV)`);
  expect(checkIns.fileName).toBe(`${fixture.year}-check-ins.csv`);
  const lines = checkIns.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^month,pair_id,role,/);
  expect(lines.some((line) => line.includes(',p-help,'))).toBe(true);
});
