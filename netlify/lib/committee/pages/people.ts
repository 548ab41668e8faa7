/**
 * /committee/people/: access and erasure requests. The committee finds a person by email (a
 * POSTed form: the address never goes into a URL), sees how many records of each kind hold
 * something about them, downloads all of it as one JSON file, or erases it in one commit after
 * typing the address again. The work is in privacy/personRecords.ts.
 */
import { withSecurityHeaders } from '../../http/securityHeaders.ts';
import { accessExport, describeCounts, emailInput, erasePerson, findPersonRecords, type PersonRecords } from '../../privacy/personRecords.ts';
import type { RecordsStore } from '../../records/ports.ts';
import type { WorkspacePorts } from '../ports.ts';
import type { RouteAnswer } from '../routes.ts';
import { errorSummary, type FieldError, hidden, notice, panel, problem, problemSummary, table, textField } from '../views/components.ts';
import { type Html, html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';

const SECTION = '/committee/people/';

const KIND_LABELS: Record<string, string> = {
  application: 'Applications',
  evaluation: 'Evaluations',
  message: 'Messages to the committee',
  'check-in': 'Check-ins',
  preference: 'Email preferences',
  review: 'The committee’s reviews',
  note: 'The committee’s notes',
  proposal: 'Matching proposals that mention them',
  matches: 'Pairs (in the matches file)',
  constraints: 'Matching decisions (locked or never-pair)',
  'mailing-ledger': 'Mailing records (ids only)',
};

interface PeopleState {
  email?: string;
  errors?: FieldError[];
  problem?: string;
  /** A failure whose outcome cannot be told yet (not "nothing was changed"). */
  uncertain?: string;
  flash?: string;
  status?: number;
  found?: PersonRecords | null;
  confirm?: string;
}

function findForm(state: PeopleState): Html {
  return html`<form class="form" method="post" action="${SECTION}" novalidate>
${hidden('intent', 'find')}
${textField({
  id: 'email',
  name: 'email',
  type: 'text',
  label: 'Email address',
  hint: 'The address the person used on their application, evaluation or message. It is not kept anywhere by this search.',
  value: state.email,
  errors: state.errors?.filter((error) => error.field === 'email'),
  maxLength: 320,
})}
<button class="button" type="submit">Find their records</button>
</form>`;
}

function foundSection(found: PersonRecords, state: PeopleState): Html {
  const counts = new Map<string, number>();
  for (const file of found.files) counts.set(file.kind, (counts.get(file.kind) ?? 0) + 1);
  for (const mention of found.mentions) counts.set(mention.kind, (counts.get(mention.kind) ?? 0) + mention.entries.length);
  const rows = [...counts].map(([kind, count]) => ({ kind, count }));
  return html`<h2>What the records hold about ${found.email}</h2>
<p>${describeCounts(found)}.</p>
${table(
  `Records about ${found.email}`,
  [
    { heading: 'Kind of record', cell: (row: { kind: string; count: number }) => KIND_LABELS[row.kind] ?? row.kind },
    { heading: 'How many', cell: (row) => row.count, numeric: true },
  ],
  rows,
  'No records.',
)}
<h3>Answer an access request</h3>
<p>Download everything above as one file and send it to the person, from the committee’s address, within a month of their request.</p>
<form class="form" method="post" action="${SECTION}">
${hidden('intent', 'download')}${hidden('email', found.email)}
<button class="button" type="submit">Download their records (JSON)</button>
</form>
<h3>Answer an erasure request</h3>
${panel(html`<p>Erasing deletes their applications, evaluations, messages, check-ins, preferences, the committee’s reviews and notes about them, and proposals that mention them, all in one change. Their pairs stay in the matches file as ended and marked erased, so their partner’s record still makes sense. The mailing records keep only ids. The erasure log keeps the date, your login and ids, nothing else.</p>
<p>This cannot be undone from the workspace. The deleted files stay in the records’ history until it is rewritten: see the privacy guide.</p>`)}
<form class="form" method="post" action="${SECTION}" novalidate>
${hidden('intent', 'erase')}${hidden('email', found.email)}
${textField({
  id: 'confirm',
  name: 'confirm',
  type: 'text',
  label: 'To confirm, type their email address again',
  value: state.confirm,
  errors: state.errors?.filter((error) => error.field === 'confirm'),
  maxLength: 320,
})}
<button class="button button-warning" type="submit">Erase everything about this person</button>
</form>`;
}

export function peoplePage(state: PeopleState = {}): WorkspacePage {
  const body = html`<h1>People: access and erasure requests</h1>
${notice(state.flash)}${problem(state.problem)}${state.uncertain ? problemSummary({ title: 'We cannot tell yet whether the erasure went through', text: state.uncertain }) : ''}${errorSummary(state.errors ?? [])}
<p>When someone asks what the program holds about them, or asks for it to be deleted, find them here by the email address they used. The law gives you a month to answer.</p>
${findForm(state)}
${state.found === null ? panel(html`<h2>No records found</h2><p>No application, evaluation or message in the records uses ${state.email ?? 'that address'}. Nothing was changed. Ask the person whether they used another address.</p>`, { status: true }) : ''}
${state.found ? foundSection(state.found, state) : ''}`;
  return { title: `${state.errors?.length ? 'Error: ' : ''}People`, section: SECTION, body, ...(state.status ? { status: state.status } : {}) };
}

/** The sentence after an erasure, from counts in the address (never the person's address). */
export function peopleNotice(query: URLSearchParams): string | undefined {
  if (query.get('done') !== 'erased') return undefined;
  if (!query.has('files')) return 'The person’s records were erased in one change. Tell them it is done.';
  const files = Number(query.get('files') ?? 0);
  const pairs = Number(query.get('pairs') ?? 0);
  return `The person’s records were erased in one change: ${files} file${files === 1 ? '' : 's'} deleted${pairs > 0 ? `, ${pairs} pair${pairs === 1 ? '' : 's'} marked erased` : ''}. Tell them it is done.`;
}

function checkEmail(value: unknown, field: string): { email: string } | { error: FieldError } {
  const parsed = emailInput.safeParse(typeof value === 'string' ? value : '');
  return parsed.success ? { email: parsed.data.toLowerCase() } : { error: { field, message: parsed.error.issues[0]!.message } };
}

export async function peopleAction(ports: WorkspacePorts, store: RecordsStore, fields: Record<string, unknown>, login: string): Promise<RouteAnswer> {
  const intent = fields.intent;
  const checked = checkEmail(fields.email, 'email');
  if ('error' in checked) return peoplePage({ email: String(fields.email ?? ''), errors: [checked.error], status: 400 });
  const { email } = checked;
  if (intent === 'find' || intent === 'download') {
    const found = await findPersonRecords(ports.records, email);
    if (!found || intent === 'find') return peoplePage({ email, found, status: found ? 200 : 404 });
    ports.log(`committee: access request answered by ${login}: ${found.files.length} records, ${found.mentions.length} mentions`);
    const day = ports.now().toISOString().slice(0, 10);
    return new Response(accessExport(found, ports.now()), {
      status: 200,
      headers: withSecurityHeaders({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="records-${day}.json"`,
        'X-Robots-Tag': 'noindex, nofollow',
      }),
    });
  }
  if (intent !== 'erase') return null;
  const confirm = typeof fields.confirm === 'string' ? fields.confirm.trim() : '';
  if (confirm.toLowerCase() !== email) {
    const found = await findPersonRecords(ports.records, email);
    if (!found) return peoplePage({ email, found: null, status: 404 });
    return peoplePage({
      email,
      found,
      confirm,
      status: 400,
      errors: [
        {
          field: 'confirm',
          message: confirm === '' ? 'Type their email address again to confirm the erasure.' : 'The address you typed is not the same: type it exactly as shown above.',
        },
      ],
    });
  }
  const outcome = await erasePerson(store, { email, by: login, now: ports.now(), logYear: ports.settings.programYears.running });
  switch (outcome.kind) {
    case 'not-found':
      return peoplePage({ email, found: null, status: 404 });
    case 'erased':
      ports.log(`committee: erasure ${outcome.erasureId} by ${login}: ${outcome.files} files, ${outcome.pairs} pairs`);
      return { redirect: `${SECTION}?done=erased&files=${outcome.files}&pairs=${outcome.pairs}` };
    case 'conflict':
      return peoplePage({
        email,
        found: await findPersonRecords(ports.records, email),
        status: 409,
        problem: 'Someone changed one of these records while you were erasing them, so nothing was erased. Check what is shown now and erase again.',
      });
    case 'unavailable':
      ports.log(`committee: erasure ${outcome.erasureId} by ${login}: the records store failed (landed: ${String(outcome.changed)})`);
      if (outcome.changed === true) return { redirect: `${SECTION}?done=erased` };
      if (outcome.changed === false) {
        return peoplePage({
          email,
          status: 503,
          problem: 'GitHub, where the records are kept, failed part way. Nothing was erased: every record is as it was. Try again in a few minutes.',
        });
      }
      return peoplePage({
        email,
        status: 503,
        uncertain:
          'GitHub, where the records are kept, failed and then stopped answering. An erasure is all or nothing: either every record is gone or none is. Find the person again in a few minutes to see which.',
      });
  }
}
