/**
 * /committee/health/: the running year's health report on one page (reports/health.ts), the
 * same figures as CSV (/committee/health/health-<year>.csv) and printable (print CSS leaves the
 * navigation out); /committee/exports/: the CSV exports of npm run export, as downloads
 * (/committee/exports/<year>-<kind>.csv, matching/exportService.ts).
 */
import type { Role } from '../../../../src/schemas/application.ts';
import { formatMonth } from '../../../../src/lib/zonedTime.ts';
import { withSecurityHeaders } from '../../http/securityHeaders.ts';
import { EXPORT_KINDS, type ExportKind, exportFile } from '../../matching/exportService.ts';
import { barChartSvg } from '../../reports/barChart.ts';
import { attentionSentence } from '../../pairs/attention.ts';
import { loadPairsOfYear, type PairView } from '../../pairs/pairsOfYear.ts';
import { sharedReads } from '../../records/sharedReads.ts';
import { healthCsv, loadHealth, type MonthFigures } from '../../reports/health.ts';
import type { WorkspacePorts } from '../ports.ts';
import { panel, table } from '../views/components.ts';
import { type Html, html, trusted } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';
import { pairName } from './pairs.ts';

const PLURAL: Record<Role, string> = { mentee: 'Mentees', mentor: 'Mentors' };
const rate = (value: number | null) => (value === null ? '–' : `${value}%`);

const EXPORT_LABELS: Record<ExportKind, string> = {
  mentees: 'Mentee applications',
  mentors: 'Mentor applications',
  pairs: 'Pairs',
  'check-ins': 'Check-ins',
  evaluations: 'Evaluations',
};

function exportLinks(year: string, kinds: readonly ExportKind[]): Html {
  return html`<ul class="downloads">${kinds.map(
    (kind) => html`<li><a href="/committee/exports/${year}-${kind}.csv" download>${EXPORT_LABELS[kind]}, ${year} (CSV)</a></li>`,
  )}</ul>`;
}

/**
 * The health figures and the pairs needing attention (by the pairs page's own rules,
 * pairs/attention.ts through loadPairsOfYear), read together: what both need (the applications,
 * the pairs, the check-ins) is read once.
 */
async function loadReport(ports: WorkspacePorts, year: string) {
  const records = sharedReads(ports.records);
  // Asked for first, the year's applications also answer the per-role reads of the figures.
  void records.readFolder(`applications/${year}`).catch(() => {});
  const [health, pairsOfYear] = await Promise.all([loadHealth(records, ports.settings, year, ports.now()), loadPairsOfYear(records, ports.settings, ports.now())]);
  return { ...health, attention: pairsOfYear.pairs.filter((view) => view.reasons.length > 0) };
}

export async function healthPage(ports: WorkspacePorts): Promise<WorkspacePage> {
  const year = ports.settings.programYears.running;
  const { figures, skipped, attention } = await loadReport(ports, year);
  const { mentees } = figures;
  const allMentees = mentees.matched + mentees.unmatched;
  const monthColumns = [
    { heading: 'Month', cell: (row: MonthFigures) => formatMonth(row.month) },
    { heading: 'Pairs', cell: (row: MonthFigures) => row.pairs, numeric: true },
    { heading: 'People who answered', cell: (row: MonthFigures) => `${row.answered} of ${row.expected}`, numeric: true },
    { heading: 'Response rate', cell: (row: MonthFigures) => rate(row.responseRate), numeric: true },
    { heading: 'Pairs who met', cell: (row: MonthFigures) => `${row.met} of ${row.pairs}`, numeric: true },
    { heading: '“We met” rate', cell: (row: MonthFigures) => rate(row.metRate), numeric: true },
    { heading: 'Asked for help', cell: (row: MonthFigures) => row.needHelp, numeric: true },
  ];
  const body = html`<h1>Program health: ${year}</h1>
<p class="no-print">A report on the year so far, for the committee’s annual report. <strong>Print this report</strong> with your browser’s Print command (Ctrl+P, or ⌘P on a Mac): the navigation is left out of the printout.</p>
<p class="no-print"><a href="/committee/health/health-${year}.csv" download>Download these figures (CSV)</a></p>
${skipped > 0 ? panel(html`<p>${skipped} record file${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'is' : 'are'} left out of these figures.</p>`) : ''}
<section aria-labelledby="health-applications"><h2 id="health-applications">Applications</h2>
${table(
  `Applications for ${year}, by role`,
  [
    { heading: 'Role', cell: (row: (typeof figures.applications)[number]) => PLURAL[row.role] },
    { heading: 'Applications', cell: (row) => row.total, numeric: true },
    { heading: 'Eligible', cell: (row) => row.eligible, numeric: true },
    { heading: 'Not eligible', cell: (row) => row.notEligible, numeric: true },
    { heading: 'Withdrawn', cell: (row) => row.withdrawn, numeric: true },
    { heading: 'Not reviewed yet', cell: (row) => row.notReviewed, numeric: true },
  ],
  figures.applications,
  'No applications.',
)}</section>
<section aria-labelledby="health-matching"><h2 id="health-matching">Matching and pairs</h2>
${table(
  `Mentees matched and not matched, ${year}`,
  [
    { heading: 'Mentees', cell: (row: { label: string; count: number }) => row.label },
    { heading: 'Number', cell: (row) => row.count, numeric: true },
  ],
  [
    { label: 'Matched (in an active pair)', count: mentees.matched },
    { label: 'Not matched', count: mentees.unmatched },
    { label: 'Not matched: not eligible', count: mentees.notEligible },
    { label: 'Not matched: withdrawn', count: mentees.withdrawn },
    { label: 'Not matched: their pair ended', count: mentees.pairEnded },
    { label: 'Not matched: no match found', count: mentees.noMatch },
  ],
  'No mentees.',
)}
<ul class="figures">
<li><strong>${mentees.matched}</strong> of ${allMentees} mentees matched</li>
<li><strong>${figures.pairs.active}</strong> pairs active</li>
<li><strong>${figures.pairs.ended}</strong> pairs ended</li>
<li><strong>${attention.length}</strong> pairs need attention</li>
</ul></section>
${attentionSection(attention, figures.pairs.active)}
<section aria-labelledby="health-check-ins"><h2 id="health-check-ins">Monthly check-ins</h2>
<p>Each month, each person in a pair is asked whether they met. The response rate is the share of people who answered; the “We met” rate is the share of pairs in which someone answered “We met”.</p>
${
  figures.months.length === 0
    ? html`<p class="empty-state">The program’s first month has not begun yet.</p>`
    : html`<figure class="chart-figure" aria-labelledby="health-check-ins">
<ul class="chart-legend"><li><span class="chart-key chart-key-1"></span>Response rate</li><li><span class="chart-key chart-key-2"></span>“We met” rate</li></ul>
${trusted(
  barChartSvg(
    figures.months.map((month) => ({ label: formatMonth(month.month), values: [month.responseRate, month.metRate] })),
    2,
  ),
)}
<figcaption class="meta">The same figures are in the table below.</figcaption>
</figure>
${table(`Check-ins by program month, ${year}`, monthColumns, figures.months, 'No months yet.')}
<p>All months so far: ${figures.checkIns.answered} of ${figures.checkIns.expected} answers (${rate(figures.checkIns.responseRate)}); someone said “We met” in ${figures.checkIns.met} of ${figures.checkIns.pairMonths} pair-months (${rate(figures.checkIns.metRate)}).</p>`
}</section>
<section aria-labelledby="health-evaluations"><h2 id="health-evaluations">Evaluations</h2>
${table(
  `Evaluation responses, ${year}`,
  [
    { heading: 'Role', cell: (row: (typeof figures.evaluations)[number]) => PLURAL[row.role] },
    { heading: 'In a pair', cell: (row) => row.inPairs, numeric: true },
    { heading: 'Answered', cell: (row) => (row.suppressed ? 'fewer than 5' : row.answered), numeric: true },
    { heading: 'Response rate', cell: (row) => (row.suppressed ? 'not shown' : rate(row.responseRate)), numeric: true },
  ],
  figures.evaluations,
  'No evaluations.',
)}
<p class="no-print"><a href="/committee/evaluations/">Read the evaluations</a></p></section>
<section class="no-print" aria-labelledby="health-exports"><h2 id="health-exports">Exports</h2>
<p>The same spreadsheets as <code>npm run export</code>. They hold names, addresses and answers: keep them on the committee’s own computers.</p>
${exportLinks(year, EXPORT_KINDS)}
<p><a href="/committee/exports/">All exports</a></p></section>`;
  return { title: 'Program health', section: '/committee/health/', body };
}

/** The pairs needing attention, each linking to its page with the reasons; names stay off the printout. */
function attentionSection(attention: readonly PairView[], active: number): Html {
  return html`<section class="no-print" aria-labelledby="health-attention"><h2 id="health-attention">Pairs needing attention</h2>
${
  attention.length === 0
    ? html`<p class="empty-state">${active === 0 ? 'There are no active pairs yet.' : 'No pair needs attention right now.'}</p>`
    : html`<p>These pairs asked for help, have not met lately, have someone pausing or leaving, or sent a message that is not yet handled. Open a pair to see its check-ins and messages.</p>
${table(
  `Pairs needing attention (${attention.length})`,
  [
    { heading: 'Pair', cell: (view: PairView) => html`<a href="/committee/pairs/${view.pair.id}/">${pairName(view)}</a>` },
    { heading: 'Why', cell: (view) => html`<ul class="reasons">${view.reasons.map((reason) => html`<li>${attentionSentence(reason)}</li>`)}</ul>` },
  ],
  attention,
  '',
)}`
}
<p><a href="/committee/pairs/">All pairs and their check-ins</a></p></section>`;
}

/** GET /committee/health/health-<year>.csv: the health page's figures (the running year only). */
export async function healthDownload(ports: WorkspacePorts, year: string): Promise<Response | null> {
  if (year !== ports.settings.programYears.running) return null;
  const { figures, attention } = await loadReport(ports, year);
  ports.log(`committee: health ${year} downloaded as CSV`);
  return csvResponse(`health-${year}.csv`, healthCsv(figures, { pairsNeedingAttention: attention.length }));
}

function csvResponse(fileName: string, content: string): Response {
  return new Response(content, {
    status: 200,
    headers: withSecurityHeaders({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"`, 'X-Robots-Tag': 'noindex, nofollow' }),
  });
}

export async function exportsPage(ports: WorkspacePorts): Promise<WorkspacePage> {
  const { running, applications } = ports.settings.programYears;
  return {
    title: 'Exports',
    section: '/committee/health/',
    body: html`<h1>Exports</h1>
<p>Spreadsheets (CSV) of the program’s records: the same files as <code>npm run export</code>. They hold names, addresses and answers, so keep them on the committee’s own computers and delete them when they are no longer needed. A cell that a spreadsheet could take for a formula starts with an apostrophe.</p>
<h2>${running}: running now</h2>
${exportLinks(running, EXPORT_KINDS)}
${applications === running ? '' : html`<h2>${applications}: applications</h2>${exportLinks(applications, ['mentees', 'mentors', 'pairs'])}`}`,
  };
}

/** GET /committee/exports/<year>-<kind>.csv: one export file (the two years the workspace knows). */
export async function exportDownload(ports: WorkspacePorts, year: string, kind: string): Promise<Response | null> {
  const { running, applications } = ports.settings.programYears;
  if (![running, applications].includes(year) || !(EXPORT_KINDS as readonly string[]).includes(kind)) return null;
  const file = await exportFile(ports.records, year, kind as ExportKind, ports.settings);
  ports.log(`committee: export ${file.fileName} downloaded (${file.rows} rows)`);
  return csvResponse(file.fileName, file.content);
}
