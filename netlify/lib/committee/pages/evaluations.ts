/**
 * /committee/evaluations/: the running year's end-of-program evaluations, per role: how many
 * answered out of the people in pairs, each question's answers as counts and per cents with a
 * bar chart (inline SVG, its figures in the table beside it), and the free-text answers. A group
 * of fewer than five answers shows "fewer than 5" and nothing else (reports/evaluations.ts).
 */
import type { Role } from '../../../../src/schemas/application.ts';
import { loadMatches } from '../../matching/applications.ts';
import { barChartSvg } from '../../reports/barChart.ts';
import { loadEvaluations, type RoleSummary, SMALL_GROUP, summariseEvaluations } from '../../reports/evaluations.ts';
import type { WorkspacePorts } from '../ports.ts';
import { panel, table } from '../views/components.ts';
import { type Html, html, trusted } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';

const PLURAL: Record<Role, string> = { mentee: 'mentees', mentor: 'mentors' };
const HEADING: Record<Role, string> = { mentee: 'Mentees', mentor: 'Mentors' };

function roleSection(year: string, summary: RoleSummary): Html {
  const heading = html`<h2 id="${summary.role}-answers">${HEADING[summary.role]}</h2>`;
  if (summary.suppressed) {
    return html`<section class="workspace-section" aria-labelledby="${summary.role}-answers">${heading}
${panel(html`<p><strong>Fewer than 5</strong> of the ${summary.inPairs} ${PLURAL[summary.role]} who were in a pair have answered. With so few answers someone could be recognised, so no figures and no written answers are shown until at least ${SMALL_GROUP} have answered.</p>`)}
</section>`;
  }
  return html`<section class="workspace-section" aria-labelledby="${summary.role}-answers">${heading}
<p class="lede"><strong>${summary.answered}</strong> of the ${summary.inPairs} ${PLURAL[summary.role]} who were in a pair answered${summary.percentAnswered === null ? '' : ` (${summary.percentAnswered}%)`}.</p>
${summary.questions.map(
  (question) => html`<h3 id="${summary.role}-${question.id}">${question.label}</h3>
<figure class="chart-figure" aria-labelledby="${summary.role}-${question.id}">
${trusted(barChartSvg(question.choices.map((choice) => ({ label: choice.label, values: [choice.percent] }))))}
<figcaption class="meta">${question.answered} answered. The same figures are in the table below.</figcaption>
</figure>
${table(
  `${question.label} (${PLURAL[summary.role]}, ${year})`,
  [
    { heading: 'Answer', cell: (row: (typeof question.choices)[number]) => row.label },
    { heading: 'Count', cell: (row) => row.count, numeric: true },
    { heading: 'Per cent', cell: (row) => `${row.percent}%`, numeric: true },
  ],
  question.choices,
  'No answers to this question.',
)}`,
)}
${summary.text.map(
  (question) => html`<h3>${question.label}</h3>
${question.answers.length > 0 ? html`<ul class="free-text">${question.answers.map((answer) => html`<li>${answer}</li>`)}</ul>` : html`<p class="empty-state">No one wrote anything here.</p>`}`,
)}
</section>`;
}

export async function evaluationsPage(ports: WorkspacePorts): Promise<WorkspacePage> {
  const year = ports.settings.programYears.running;
  const [{ evaluations, skipped }, matches] = await Promise.all([loadEvaluations(ports.records, year), loadMatches(ports.records, year)]);
  if (skipped.length > 0) ports.log(`committee: evaluations ${year}: ${skipped.length} file(s) could not be read`);
  const summary = summariseEvaluations(year, evaluations, matches?.matches.pairs ?? [], skipped);
  return {
    title: 'Evaluations',
    section: '/committee/evaluations/',
    body: html`<h1>Evaluations for ${year}</h1>
<p>What mentors and mentees said in the end-of-program evaluation. Someone who sent it twice counts once, with their latest answers. Names are not shown here; a group with fewer than ${SMALL_GROUP} answers shows no figures at all, so no one can be singled out.</p>
${skipped.length > 0 ? panel(html`<p>${skipped.length} evaluation file${skipped.length === 1 ? '' : 's'} could not be read and ${skipped.length === 1 ? 'is' : 'are'} left out.</p>`) : ''}
${summary.roles.map((role) => roleSection(year, role))}
<p><a href="/committee/exports/">Download the evaluations as a spreadsheet (CSV)</a></p>`,
  };
}
