/**
 * /committee/applications/: a table per role with search (name or email) and filters (status,
 * area, time zone), sortable; /committee/applications/<id>/: one application in full, with
 * the committee's review form (a record of its own, reviews/<year>/<id>.json).
 */
import { fieldText } from '../formFields.ts';
import { applicationChoices, type Role } from '../../../../src/schemas/application.ts';
import { TIME_ZONES } from '../../../../src/schemas/choices.ts';
import { recordEnvelopeSchema } from '../../../../src/schemas/record.ts';
import type { Settings } from '../../../../src/schemas/settings.ts';
import { applicationLink } from '../../privacy/applicationLink.ts';
import { RecordsConflictError, type RecordsStore } from '../../records/ports.ts';
import { applyReview, DECISION_LABELS, parseReview, type ReviewInput, reviewInputSchema, reviewPath } from '../../reviews/reviews.ts';
import type { WorkspacePorts } from '../ports.ts';
import { errorSummary, type FieldError, hidden, notice, panel, problem, radios, select, summaryList, table, tag, textField } from '../views/components.ts';
import { type Html, html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';
import { type ApplicationRow, loadYearRecords } from '../yearRecords.ts';

const ROLES = { mentee: 'Mentees', mentor: 'Mentors' } as const;
const SORTS = { submitted: 'Newest first', name: 'Name', status: 'Status' } as const;

export function yearOf(url: URL, settings: Settings): string {
  const asked = url.searchParams.get('year') ?? '';
  const known = [settings.programYears.applications, settings.programYears.running];
  return known.includes(asked) ? asked : settings.programYears.applications;
}

export function statusTag(row: Pick<ApplicationRow, 'status'>): Html {
  const kind = row.status === 'eligible' ? 'good' : row.status === 'new' ? 'neutral' : 'warn';
  return tag(DECISION_LABELS[row.status], kind);
}

function areaLabels(settings: Settings): Map<string, string> {
  const choices = applicationChoices(settings.application);
  return new Map([...choices.interests, ...choices.expertise].map((choice) => [choice.value, choice.label]));
}

const zoneLabel = (zone: string) => TIME_ZONES.find((choice) => choice.value === zone)?.label ?? zone;

export async function applicationsPage(ports: WorkspacePorts, url: URL): Promise<WorkspacePage> {
  const year = yearOf(url, ports.settings);
  const role: Role = url.searchParams.get('role') === 'mentor' ? 'mentor' : 'mentee';
  const query = (url.searchParams.get('q') ?? '').trim();
  const status = url.searchParams.get('status') ?? '';
  const area = url.searchParams.get('area') ?? '';
  const zone = url.searchParams.get('zone') ?? '';
  const sort = (url.searchParams.get('sort') ?? 'submitted') as keyof typeof SORTS;
  const records = await loadYearRecords(ports.records, ports.settings, year);
  const labels = areaLabels(ports.settings);
  const needle = query.toLowerCase();
  const rows = records.applications
    .filter((row) => row.role === role)
    .filter((row) => !needle || row.name.toLowerCase().includes(needle) || row.email.toLowerCase().includes(needle))
    .filter((row) => !status || row.status === status)
    .filter((row) => !area || row.areas.includes(area) || (area === 'priority' && row.priority))
    .filter((row) => !zone || row.timeZone === zone)
    .sort((a, b) =>
      sort === 'name'
        ? a.name.localeCompare(b.name, 'en')
        : sort === 'status'
          ? a.status.localeCompare(b.status) || a.name.localeCompare(b.name, 'en')
          : b.submittedAt.localeCompare(a.submittedAt),
    );
  const areaChoices = [...new Set(records.applications.filter((row) => row.role === role).flatMap((row) => row.areas))].map((value) => ({
    value,
    label: labels.get(value) ?? value,
  }));
  const zones = [...new Set(records.applications.filter((row) => row.role === role).map((row) => row.timeZone))].map((value) => ({ value, label: zoneLabel(value) }));
  const filtered = query || status || area || zone;
  const body = html`<h1>Applications for ${year}</h1>
<nav aria-label="Role"><ul class="tabs">${(['mentee', 'mentor'] as const).map(
    (each) =>
      html`<li><a href="/committee/applications/?year=${year}&amp;role=${each}"${each === role ? html` aria-current="page"` : ''}>${ROLES[each]} (${records.applications.filter((row) => row.role === each && row.latest).length})</a></li>`,
  )}</ul></nav>
<form class="form filters" method="get" action="/committee/applications/">
${hidden('year', year)}${hidden('role', role)}
${textField({ id: 'q', name: 'q', label: 'Search by name or email', value: query, type: 'search' })}
${select({ id: 'status', name: 'status', label: 'Status', selected: status, choices: [{ value: '', label: 'Any status' }, ...Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }))] })}
${select({
  id: 'area',
  name: 'area',
  label: role === 'mentor' ? 'Area of expertise' : 'Area of interest',
  selected: area,
  choices: [{ value: '', label: 'Any area' }, ...(role === 'mentee' ? [{ value: 'priority', label: 'Any priority area' }] : []), ...areaChoices],
})}
${select({ id: 'zone', name: 'zone', label: 'Time zone', selected: zone, choices: [{ value: '', label: 'Any time zone' }, ...zones] })}
${select({ id: 'sort', name: 'sort', label: 'Sort by', selected: sort, choices: Object.entries(SORTS).map(([value, label]) => ({ value, label })) })}
<button class="button" type="submit">Show applications</button>
${filtered ? html` <a href="/committee/applications/?year=${year}&amp;role=${role}">Clear filters</a>` : ''}
</form>
${table(
  `${ROLES[role]}: ${rows.length} application${rows.length === 1 ? '' : 's'}${filtered ? ' matching the filters' : ''}`,
  [
    {
      heading: 'Name',
      cell: (row: ApplicationRow) =>
        html`<a href="/committee/applications/${row.id}/?year=${year}">${row.name}</a>${row.latest ? '' : html` <span class="meta">(replaced by a later one)</span>`}`,
    },
    { heading: 'Email', cell: (row) => row.email },
    { heading: 'Status', cell: (row) => html`${statusTag(row)}${row.paired === 'active' ? html` ${tag('In a pair', 'good')}` : ''}` },
    {
      heading: role === 'mentor' ? 'Expertise' : 'Interests',
      cell: (row) => html`${row.priority ? html`${tag('Priority')} ` : ''}${row.areas.map((value) => labels.get(value) ?? value).join(', ')}`,
    },
    { heading: 'Time zone', cell: (row) => zoneLabel(row.timeZone) },
    { heading: 'Sent', cell: (row) => row.submittedAt.slice(0, 10) },
  ],
  rows,
  filtered ? 'No applications match these filters.' : `No ${role} applications for ${year} yet.`,
)}
${records.skipped.length > 0 ? html`<p class="meta">${records.skipped.length} application file${records.skipped.length === 1 ? '' : 's'} could not be read and ${records.skipped.length === 1 ? 'is' : 'are'} not shown.</p>` : ''}`;
  return { title: `Applications for ${year}`, section: '/committee/applications/', body };
}

/**
 * The applicant's own link, only where emails are kept on this computer (npm start, never a
 * deploy): there nobody receives the confirmation, and sample applicants were never sent one.
 */
async function localApplicantLink(ports: WorkspacePorts, year: string, role: Role, id: string): Promise<string | null> {
  if (!ports.localOutbox) return null;
  const file = await ports.records.readFile(`applications/${year}/${role}/${id}.json`);
  const record = file ? recordEnvelopeSchema.safeParse(JSON.parse(file.content)) : null;
  return record?.success ? applicationLink(record.data, ports.settings, ports.siteUrl, ports.mailing.signingSecret) : null;
}

async function findApplication(store: RecordsStore, settings: Settings, year: string, id: string) {
  const records = await loadYearRecords(store, settings, year);
  return records.applications.find((row) => row.id === id) ?? null;
}

export interface ReviewFormState {
  errors?: FieldError[];
  values?: Partial<Record<'decision' | 'reason' | 'note', string>>;
  problem?: string;
  flash?: string;
}

export async function applicationPage(ports: WorkspacePorts, url: URL, id: string, state: ReviewFormState = {}): Promise<WorkspacePage | null> {
  const year = yearOf(url, ports.settings);
  const row = await findApplication(ports.records, ports.settings, year, id);
  if (!row) return null;
  const reviewFile = await ports.records.readFile(reviewPath(year, id));
  const review = parseReview(reviewFile);
  const labels = areaLabels(ports.settings);
  const answers = Object.entries(row.answers)
    .filter(([key]) => !key.startsWith('agree'))
    .map(([key, value]) => ({
      label: ANSWER_LABELS[key] ?? key,
      value: Array.isArray(value) ? value.map((item) => labels.get(String(item)) ?? String(item)).join(', ') : key === 'timeZone' ? zoneLabel(String(value)) : String(value),
    }));
  const ownLink = await localApplicantLink(ports, year, row.role, id);
  const body = html`<p><a href="/committee/applications/?year=${year}&amp;role=${row.role}">Back to the ${row.role} applications</a></p>
<h1>${row.name} <span class="meta">(${row.role})</span></h1>
${notice(state.flash)}${problem(state.problem)}${errorSummary(state.errors ?? [])}
<p>${statusTag(row)} Sent on ${row.submittedAt.slice(0, 10)}.${row.paired === 'active' ? ' In an active pair.' : ''}</p>
${ownLink ? panel(html`<p>On this computer only: <a href="${ownLink}">open the applicant’s own page</a>, the one the link in their confirmation email opens, to try correcting or withdrawing the application as they would.</p>`) : ''}
${review?.reason ? html`<p>Reason: ${review.reason}</p>` : ''}
<h2>The application</h2>
${summaryList(answers)}
<h2>The committee’s notes</h2>
${review && review.notes.length > 0 ? html`<ul class="notes">${review.notes.map((note) => html`<li><p>${note.text}</p><p class="meta">${note.by}, ${note.at.slice(0, 16).replace('T', ' ')} UTC</p></li>`)}</ul>` : html`<p class="empty-state">No notes yet.</p>`}
<h2>Record a review</h2>
<form class="form" method="post" action="/committee/applications/${row.id}/?year=${year}" novalidate>
${hidden('reviewSha', reviewFile?.sha ?? '')}
${radios({
  id: 'decision',
  name: 'decision',
  legend: 'What has the committee decided?',
  checked: state.values?.decision,
  errors: state.errors,
  choices: [
    { value: 'eligible', label: 'Eligible', hint: 'Membership in good standing confirmed.' },
    { value: 'not-eligible', label: 'Not eligible', hint: 'Give the reason below. The application is left out of matching.' },
    { value: 'withdrawn', label: 'Withdrawn', hint: 'The applicant has withdrawn. The application is left out of matching.' },
    { value: 'keep', label: 'No decision: add a note only' },
  ],
})}
${textField({ id: 'reason', name: 'reason', label: 'Reason (needed for “Not eligible”)', value: state.values?.reason, errors: state.errors, maxLength: 500, rows: 2 })}
${textField({ id: 'note', name: 'note', label: 'Note for the committee (optional)', hint: 'Only the committee sees it.', value: state.values?.note, errors: state.errors, maxLength: 2000 })}
<button class="button" type="submit">Save the review</button>
</form>`;
  return { title: row.name, section: '/committee/applications/', body, status: state.errors?.length || state.problem ? (state.problem ? 409 : 400) : 200 };
}

const ANSWER_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  pronouns: 'Pronouns',
  membership: 'Membership',
  careerStage: 'Career stage',
  institutionType: 'Kind of institution',
  institution: 'Institution',
  interests: 'Areas of interest',
  interestsOther: 'Other area',
  goals: 'Hopes for the year',
  communication: 'Ways to keep in touch',
  timeZone: 'Time zone',
  yearsExperience: 'Years of experience',
  expertise: 'Areas of expertise',
  capacity: 'Mentees they can take',
};

/** POST /committee/applications/<id>/: the review, as one commit; a stale form changes nothing. */
export async function saveReview(
  ports: WorkspacePorts,
  store: RecordsStore,
  url: URL,
  id: string,
  fields: Record<string, unknown>,
  by: string,
): Promise<{ page: WorkspacePage | null } | { redirect: string }> {
  const year = yearOf(url, ports.settings);
  const values = { decision: fieldText(fields.decision), reason: fieldText(fields.reason), note: fieldText(fields.note) };
  const parsed = reviewInputSchema.safeParse({ decision: values.decision || undefined, reason: values.reason, note: values.note });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'decision'), message: issue.message }));
    return { page: await applicationPage(ports, url, id, { errors, values }) };
  }
  const row = await findApplication(store, ports.settings, year, id);
  if (!row) return { page: null };
  const path = reviewPath(year, id);
  const current = await store.readFile(path);
  const expected = fieldText(fields.reviewSha) || null;
  if ((current?.sha ?? null) !== expected) {
    return {
      page: await applicationPage(ports, url, id, {
        values,
        problem: 'Someone else saved a review of this application after you opened the page. Read the review as it is now, then record yours again.',
      }),
    };
  }
  const input: ReviewInput = parsed.data;
  const next = applyReview(parseReview(current), input, { applicationId: id, role: row.role, programYear: year, by, at: ports.now().toISOString() });
  const what = input.decision === 'keep' ? 'note' : DECISION_LABELS[input.decision].toLowerCase();
  try {
    await store.writeFile(path, `${JSON.stringify(next, null, 2)}\n`, `Review ${row.role} application ${id} (${what})`, current?.sha ?? null);
  } catch (error) {
    if (error instanceof RecordsConflictError) {
      return {
        page: await applicationPage(ports, url, id, { values, problem: 'Someone else saved a review of this application at the same moment. Read it, then record yours again.' }),
      };
    }
    throw error;
  }
  return { redirect: `/committee/applications/${id}/?year=${year}&done=review` };
}
