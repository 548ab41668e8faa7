import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationStatus, describeApplicationStatus } from '../../src/lib/applicationStatus.ts';
import { escapeHtml } from '../../src/lib/escapeHtml.ts';
import { secondAssociationSettings } from '../support/contentPacks.ts';
import { buildSiteFromPack, type PackBuild } from '../support/secondAssociationBuild.ts';
import { TEST_NOW } from '../testClock.ts';

/**
 * The whole site built from the second association's content pack (CONTENT_DIR=
 * tests/fixtures/second-association, into test-results/second-association-dist): nothing of the
 * shipped association is left in what is published, and the pack's own names, areas and
 * questions are.
 */

const settings = secondAssociationSettings();
let build: PackBuild;

/** Every built file whose text a reader or a browser gets. */
const TEXT_FILES = new Set(['.html', '.js', '.mjs', '.css', '.xml', '.ics', '.txt', '.json', '.webmanifest', '.svg']);

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && TEXT_FILES.has(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name));
}

const page = (path: string) => readFileSync(join(build.outDir, path), 'utf8');

beforeAll(() => {
  build = buildSiteFromPack();
}, 600_000);

describe('the site built from the second association’s content', () => {
  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('has no trace of the shipped association in any page, script, stylesheet, feed or calendar', () => {
    const files = builtFiles(build.outDir);
    expect(files.map((file) => extname(file))).toEqual(expect.arrayContaining(['.html', '.js', '.css', '.xml', '.ics']));
    const naming = files.filter((file) => /nasig/i.test(readFileSync(file, 'utf8'))).map((file) => relative(build.outDir, file));
    expect(naming).toEqual([]);
  });

  it('names the pack’s association and program, and says what it says', () => {
    const home = page('index.html');
    expect(home).toContain(`<title>${escapeHtml(settings.organisation.programName)}</title>`);
    expect(home).toContain(escapeHtml(settings.introduction.lede));
    expect(home).toContain(escapeHtml(settings.introduction.description));
    expect(home).toContain(escapeHtml(settings.organisation.committeeName));
    // The application window is open at the test clock, in the pack's time zone (Sydney's).
    const status = applicationStatus(settings, new Date(TEST_NOW));
    expect(status.state).toBe('open');
    expect(home).toContain(escapeHtml(describeApplicationStatus(status, settings.timeZone)));
  });

  it('asks the pack’s questions about the pack’s areas on the application forms', () => {
    const menteeForm = page('apply/mentee/index.html');
    const mentorForm = page('apply/mentor/index.html');
    // A plain post goes to the form's own page; the script posts to the API address.
    expect(menteeForm).toContain('action="/apply/mentee/"');
    expect(menteeForm).toContain('data-endpoint="/api/applications/mentee"');
    expect(menteeForm).toContain('<a href="/mentees/">what mentees commit to</a>');
    for (const area of settings.application.areas.choices) {
      expect(menteeForm, area.id).toContain(escapeHtml(area.label));
      expect(mentorForm, area.id).toContain(`value="${area.id}"`);
    }
    for (const text of [
      settings.application.membership.question,
      settings.application.membership.member,
      settings.application.membership.joining,
      settings.application.codeOfConduct.agreement,
      settings.application.institutionType.question,
      settings.application.areas.question,
      settings.application.menteeIntro,
      ...settings.application.careerStages.map((stage) => stage.label),
      ...settings.application.institutionType.choices.map((type) => type.label),
    ]) {
      expect(menteeForm).toContain(escapeHtml(text));
    }
    expect(mentorForm).toContain(escapeHtml(settings.application.experienceQuestion));
    expect(mentorForm).toContain(escapeHtml(settings.application.mentorIntro));
    expect(mentorForm).toContain('<a href="https://srhs.example.org/code-of-ethics">SRHS Code of Ethics</a>');
  });

  it('shows the pack’s own logo and colours, and its guides for mentors and mentees', () => {
    const logo = settings.organisation.logo!;
    expect(page('index.html')).toContain(`<img class="site-logo" src="${logo}"`);
    expect(readFileSync(join(build.outDir, logo), 'utf8')).toBe(readFileSync(join('tests/fixtures/second-association', logo), 'utf8'));
    expect(page('theme.css')).toContain(`--highlight:${settings.colours.highlight}`);
    expect(page('mentors/index.html')).toContain('What mentors agree to');
    expect(page('mentees/index.html')).toContain('What mentees agree to');
    expect(page('index.html')).not.toContain('What mentors agree to');
  });

  it('publishes the pack’s topics and timeline', () => {
    expect(existsSync(join(build.outDir, 'topics/2026-07-first-conversations/index.html'))).toBe(true);
    expect(page('topics/index.html')).toContain('Explaining flood risk to people who live with it');
    const calendar = page('calendar.ics');
    for (const phase of settings.timeline) expect(calendar).toContain(phase.title);
    expect(page('sitemap-index.xml')).toContain('https://mentoring.srhs.example.org/');
  });
});
