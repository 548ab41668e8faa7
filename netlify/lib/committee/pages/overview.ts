/** /committee/: the years that applications are for and that is running, at a glance, and what to do next. */
import { listProposals } from '../../matching/acceptService.ts';
import { generateSampleApplications, generateSampleYear, writeSampleApplications, writeSampleYear } from '../../matching/sampleApplications.ts';
import type { RecordsStore } from '../../records/ports.ts';
import { listHeldForReview } from '../../submissions/heldForReview.ts';
import { topicWarning } from './monthlyTopics.ts';
import type { WorkspacePorts } from '../ports.ts';
import { notice, panel, table } from '../views/components.ts';
import { html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';
import { loadYearRecords, yearSummary } from '../yearRecords.ts';

const ROLE_PLURAL = { mentee: 'Mentees', mentor: 'Mentors' } as const;

export async function overviewPage(ports: WorkspacePorts, flash: string | undefined): Promise<WorkspacePage> {
  const { applications: applicationsYear, running } = ports.settings.programYears;
  const years = applicationsYear === running ? [running] : [applicationsYear, running];
  const sections = await Promise.all(
    years.map(async (year) => {
      const [records, proposals] = await Promise.all([loadYearRecords(ports.records, ports.settings, year), listProposals(ports.records, year)]);
      const summary = yearSummary(records);
      const next: Array<{ text: string; href: string }> = [];
      const newCount = summary.byRole.reduce((sum, role) => sum + role.new, 0);
      if (newCount > 0) next.push({ text: `Review ${newCount} new application${newCount === 1 ? '' : 's'}`, href: `/committee/applications/?year=${year}&status=new` });
      if (summary.menteesUnmatched > 0)
        next.push({
          text:
            proposals.length > 0
              ? `Look at the latest proposal and accept it (${summary.menteesUnmatched} mentees not yet matched)`
              : `Make a matching proposal for ${summary.menteesUnmatched} mentees not yet matched`,
          href: `/committee/matching/?year=${year}`,
        });
      if (summary.notIntroduced > 0)
        next.push({ text: `Introduce ${summary.notIntroduced} new pair${summary.notIntroduced === 1 ? '' : 's'}`, href: `/committee/mailings/?year=${year}` });
      const label = year === applicationsYear && year !== running ? `${year}: applications` : year === running && year !== applicationsYear ? `${year}: running now` : `${year}`;
      return html`<section class="workspace-section" aria-labelledby="year-${year}">
<h2 id="year-${year}">${label}</h2>
${table(
  `Applications for ${year}`,
  [
    { heading: 'Role', cell: (row: (typeof summary.byRole)[number]) => ROLE_PLURAL[row.role] },
    { heading: 'All', cell: (row) => html`<a href="/committee/applications/?year=${year}&amp;role=${row.role}">${row.total}</a>`, numeric: true },
    { heading: 'New', cell: (row) => row.new, numeric: true },
    { heading: 'Eligible', cell: (row) => row.eligible, numeric: true },
    { heading: 'Not eligible', cell: (row) => row.notEligible, numeric: true },
    { heading: 'Withdrawn', cell: (row) => row.withdrawn, numeric: true },
  ],
  summary.byRole,
  'No applications yet.',
)}
<ul class="figures">
<li><strong>${summary.menteesMatched}</strong> mentees matched</li>
<li><strong>${summary.menteesUnmatched}</strong> mentees not matched</li>
<li><strong>${summary.pairsActive}</strong> pairs active</li>
<li><strong>${summary.pairsEnded}</strong> pairs ended</li>
</ul>
<h3>What needs doing</h3>
${next.length > 0 ? html`<ul class="next-steps">${next.map((step) => html`<li><a href="${step.href}">${step.text}</a></li>`)}</ul>` : html`<p class="empty-state">Nothing needs doing for ${year} right now.</p>`}
</section>`;
    }),
  );
  // On the committee's own computer, a year of fake applications to try the workspace on.
  const samples = ports.localSignIn
    ? html`<form class="form" method="post" action="/committee/">
<input type="hidden" name="intent" value="sample-applications">
<h2>Try it with sample applications</h2>
<p>This copy of the site keeps its records on this computer. Add 12 mentor and 20 mentee applications from made-up people for ${applicationsYear} to try the workspace${ports.settings.programYears.running === applicationsYear ? '' : html`, and a whole made-up year for ${ports.settings.programYears.running}, the year running now (pairs, monthly check-ins, messages and evaluations)`}; adding them again adds nothing new.</p>
<button class="button button-secondary" type="submit">Add sample applications</button>
</form>`
    : '';
  const outbox = ports.localOutbox
    ? panel(html`<p>This copy of the site sends no email: each one is kept on this computer instead. <a href="/committee/outbox/">Read the emails kept on this computer</a>.</p>`)
    : '';
  const held = await heldCount(ports);
  const warning = await topicWarning(ports);
  const heldNote =
    held === null
      ? panel(
          html`<p>The list of submissions held for review could not be read just now, so it is not shown. Everything else on this page is up to date. Reload the page in a few minutes to see them.</p>`,
        )
      : held > 0
        ? panel(
            html`<p><a href="/committee/held/">${held} submission${held === 1 ? ' is' : 's are'} held for review</a>: ${held === 1 ? 'it' : 'they'} arrived so fast that a program may have sent ${held === 1 ? 'it' : 'them'}. Release the ones a person sent.</p>`,
          )
        : '';
  return {
    title: 'Overview',
    section: '/committee/',
    body: html`<h1>Committee workspace</h1>${notice(flash)}${warning ? panel(html`<p><a href="/committee/mailings/monthly/">Next month has no topic yet</a>: ${warning}</p>`, { kind: 'warning' }) : ''}${heldNote}${sections}${samples}${outbox}`,
  };
}

/**
 * How many submissions are held for review, or null when the queue (Netlify Blobs) cannot be
 * read: the overview then shows everything else rather than failing as a whole.
 */
async function heldCount(ports: WorkspacePorts): Promise<number | null> {
  try {
    return (await listHeldForReview(ports.submissions.reviewQueue, ports.now())).length;
  } catch (error) {
    ports.log(`committee: overview: the held-for-review queue could not be read (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
}

/** POST /committee/ intent=sample-applications: only with the local records store (never on a deploy). */
export async function addSampleApplications(ports: WorkspacePorts, store: RecordsStore): Promise<number | null> {
  if (!ports.localSignIn) return null;
  const programYear = ports.settings.programYears.applications;
  const { opens, closes } = ports.settings.applicationWindow;
  const records = generateSampleApplications({ programYear, mentors: 12, mentees: 20, seed: 1, settings: ports.settings, opens, closes });
  return (await writeSampleApplications(store, records)).created;
}

/**
 * With the same button, locally only: a whole made-up running year (pairs, check-ins for the
 * months so far, messages, evaluations) to try the part of the workspace for the running year.
 * Nothing is added when the running year is also the applications year or already has other pairs.
 */
export async function addSampleYear(ports: WorkspacePorts, store: RecordsStore): Promise<number> {
  const { running, applications } = ports.settings.programYears;
  if (!ports.localSignIn || running === applications) return 0;
  const year = generateSampleYear({ programYear: running, mentors: 12, mentees: 20, seed: 2, settings: ports.settings, now: ports.now() });
  const written = await writeSampleYear(store, year);
  ports.log(`committee: sample year ${running}: ${written.created} file(s) added${written.refused ? ' (refused: the year has other pairs)' : ''}`);
  return written.created;
}
