/**
 * /committee/matching/: make a proposal (the engine of `npm run match`), read every proposed
 * pair with its fit and reason and every unmatched mentee with the reason, lock or forbid a
 * pair or give a mentee another mentor, re-run, and accept (matches/<year>.json, as
 * `npm run match -- --accept` writes it). A page loaded before the files changed is refused.
 */
import { fieldText } from '../formFields.ts';
import { zonedDate } from '../../../../src/lib/zonedTime.ts';
import { acceptProposal, listProposals, ProposalError, proposalJsonPath } from '../../matching/acceptService.ts';
import { loadConstraints, loadMatches, parseJsonFile } from '../../matching/applications.ts';
import { type ConstraintChange, rankedMentorsFor, StaleConstraintsError, saveConstraintChange } from '../../matching/committeeChoices.ts';
import { type ProposalFile, proposalFileSchema } from '../../matching/proposal.ts';
import { createProposal } from '../../matching/proposeService.ts';
import type { RecordsStore } from '../../records/ports.ts';
import type { WorkspacePorts } from '../ports.ts';
import { hidden, notice, panel, problem, table, tag } from '../views/components.ts';
import { type Html, html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';
import { yearOf } from './applications.ts';

const DONE: Record<string, string> = {
  proposed: 'A new proposal was made. Read it below, then accept it or change the committee’s choices and make another.',
  accepted: 'The proposal was accepted: the pairs are in the matches file. Introduce the new pairs next.',
  'already-accepted': 'Every pair of this proposal was already accepted; nothing changed.',
  choice: 'The committee’s choice was saved. Make a new proposal to see it applied.',
};

async function readProposal(store: RecordsStore, year: string, stamp: string): Promise<ProposalFile | null> {
  let path: string;
  try {
    path = proposalJsonPath(year, stamp);
  } catch {
    return null;
  }
  const file = await store.readFile(path);
  return file ? parseJsonFile(path, file.content, proposalFileSchema) : null;
}

const pairForm = (
  year: string,
  stamp: string,
  constraintsSha: string | null,
  intent: 'lock' | 'forbid',
  pair: { mentor: string; mentee: string },
  label: string,
  names: string,
): Html =>
  html`<form class="inline-form" method="post" action="/committee/matching/?year=${year}&amp;proposal=${stamp}">
${hidden('intent', intent)}${hidden('mentor', pair.mentor)}${hidden('mentee', pair.mentee)}${hidden('constraintsSha', constraintsSha ?? '')}
<button class="button button-secondary button-small" type="submit">${label}<span class="visually-hidden"> ${names}</span></button>
</form>`;

export async function matchingPage(ports: WorkspacePorts, url: URL, state: { problem?: string } = {}): Promise<WorkspacePage> {
  const year = yearOf(url, ports.settings);
  const [stamps, constraints, matches] = await Promise.all([listProposals(ports.records, year), loadConstraints(ports.records, year), loadMatches(ports.records, year)]);
  const stamp = url.searchParams.get('proposal') ?? stamps[0];
  const proposal = stamp ? await readProposal(ports.records, year, stamp) : null;
  const done = DONE[url.searchParams.get('done') ?? ''];
  const chooseFor = url.searchParams.get('mentee');
  const current = proposal && (matches?.sha ?? null) === proposal.basedOn.matchesSha && constraints.sha === proposal.basedOn.constraintsSha;
  const names = new Map<string, string>(
    proposal
      ? [
          ...proposal.pairs.flatMap((p) => [[p.mentor, p.mentorName] as const, [p.mentee, p.menteeName] as const]),
          ...proposal.unmatched.map((u) => [u.mentee, u.menteeName] as const),
          ...proposal.mentors.map((m) => [m.mentor, m.mentorName] as const),
        ]
      : [],
  );
  const nameOf = (id: string) => names.get(id) ?? `application ${id.slice(0, 8)}`;

  let alternatives: Html = html``;
  if (proposal && chooseFor) {
    const ranked = await rankedMentorsFor(ports.records, ports.settings, proposal, chooseFor);
    alternatives = html`<section class="workspace-section" aria-labelledby="alternatives">
<h2 id="alternatives">Another mentor for ${nameOf(chooseFor)}</h2>
<p>Mentors the matching rules allow for this mentee who still have places in this proposal, best fit first. Choosing one locks the pair; make a new proposal to see the rest rearranged.</p>
${table(
  `Compatible mentors for ${nameOf(chooseFor)}`,
  [
    { heading: 'Mentor', cell: (row: (typeof ranked)[number]) => html`${row.mentorName}${row.current ? html` ${tag('In this proposal')}` : ''}` },
    { heading: 'Fit', cell: (row) => row.fit, numeric: true },
    { heading: 'Places left', cell: (row) => row.placesLeft, numeric: true },
    {
      heading: 'Choose',
      cell: (row) =>
        pairForm(year, proposal.stamp, constraints.sha, 'lock', { mentor: row.mentor, mentee: chooseFor }, 'Give this mentor', `${row.mentorName} to ${nameOf(chooseFor)}`),
    },
  ],
  ranked,
  'No other mentor fits this mentee under the matching rules.',
)}
</section>`;
  }

  const choices = [
    ...constraints.constraints.locked.map((pair) => ({ ...pair, list: 'locked' as const })),
    ...constraints.constraints.exclude.map((pair) => ({ ...pair, list: 'exclude' as const })),
  ];
  const body = html`<h1>Matching for ${year}</h1>
${notice(done)}${problem(state.problem)}
<form class="form" method="post" action="/committee/matching/?year=${year}">
${hidden('intent', 'propose')}
<p>A proposal pairs every mentee it can with a mentor, keeps the pairs already active and the committee’s choices, and explains each pair. Nothing is sent to anyone.</p>
<button class="button" type="submit">${stamps.length > 0 ? 'Make a new proposal' : 'Make a proposal'}</button>
</form>
${
  choices.length > 0
    ? table(
        'The committee’s choices',
        [
          { heading: 'Mentor', cell: (row: (typeof choices)[number]) => nameOf(row.mentor) },
          { heading: 'Mentee', cell: (row) => nameOf(row.mentee) },
          { heading: 'Choice', cell: (row) => (row.list === 'locked' ? 'Always pair' : 'Never pair') },
          {
            heading: 'Change',
            cell: (row) => html`<form class="inline-form" method="post" action="/committee/matching/?year=${year}${proposal ? html`&amp;proposal=${proposal.stamp}` : ''}">
${hidden('intent', 'remove')}${hidden('list', row.list)}${hidden('mentor', row.mentor)}${hidden('mentee', row.mentee)}${hidden('constraintsSha', constraints.sha ?? '')}
<button class="button button-secondary button-small" type="submit">Remove<span class="visually-hidden"> the choice for ${nameOf(row.mentor)} and ${nameOf(row.mentee)}</span></button></form>`,
          },
        ],
        choices,
        '',
      )
    : ''
}
${alternatives}
${
  proposal
    ? html`<section class="workspace-section" aria-labelledby="proposal">
<h2 id="proposal">Proposal of ${proposal.createdAt.slice(0, 16).replace('T', ' ')} UTC</h2>
<ul class="figures">
<li><strong>${proposal.summary.matched}</strong> mentees matched</li>
<li><strong>${proposal.summary.unmatched}</strong> not matched</li>
<li><strong>${proposal.summary.priorityMatched}</strong> of ${proposal.summary.priorityMentees} priority mentees matched</li>
<li><strong>${proposal.summary.mentors}</strong> mentors, ${proposal.summary.places} places</li>
</ul>
${proposal.warnings.length > 0 ? panel(html`<h3>Worth knowing</h3><ul>${proposal.warnings.map((warning) => html`<li>${warning}</li>`)}</ul>`) : ''}
${
  current
    ? html`<form class="form" method="post" action="/committee/matching/?year=${year}&amp;proposal=${proposal.stamp}">
${hidden('intent', 'accept')}${hidden('proposal', proposal.stamp)}${hidden('matchesSha', matches?.sha ?? '')}
<p>Accepting puts the ${proposal.summary.matched} pairs in the matches file. No email is sent until you introduce them.</p>
<button class="button" type="submit">Accept this proposal</button>
</form>`
    : panel(html`<p>The matches or the committee’s choices have changed since this proposal was made. Make a new proposal to accept.</p>`)
}
${table(
  `Proposed pairs (${proposal.pairs.length})`,
  [
    {
      heading: 'Mentee',
      cell: (row: ProposalFile['pairs'][number]) =>
        html`<a href="/committee/applications/${row.mentee}/?year=${year}">${row.menteeName}</a>${row.priority ? html` ${tag('Priority')}` : ''}`,
    },
    { heading: 'Mentor', cell: (row) => html`<a href="/committee/applications/${row.mentor}/?year=${year}">${row.mentorName}</a>` },
    { heading: 'Fit', cell: (row) => row.fit, numeric: true },
    {
      heading: 'Why',
      cell: (row) => html`${row.kept === 'active' ? html`${tag('Already a pair', 'good')} ` : row.kept === 'committee' ? html`${tag('Committee’s choice')} ` : ''}${row.reason}`,
    },
    {
      heading: 'Change',
      cell: (row) =>
        row.kept === 'active'
          ? ''
          : html`<div class="actions">${row.kept === 'committee' ? '' : pairForm(year, proposal.stamp, constraints.sha, 'lock', row, 'Lock', `${row.mentorName} and ${row.menteeName}`)}
${pairForm(year, proposal.stamp, constraints.sha, 'forbid', row, 'Never pair', `${row.mentorName} and ${row.menteeName}`)}
<a href="/committee/matching/?year=${year}&amp;proposal=${proposal.stamp}&amp;mentee=${row.mentee}#alternatives">Another mentor<span class="visually-hidden"> for ${row.menteeName}</span></a></div>`,
    },
  ],
  proposal.pairs,
  'This proposal has no pairs.',
)}
${table(
  `Mentees not matched (${proposal.unmatched.length})`,
  [
    {
      heading: 'Mentee',
      cell: (row: ProposalFile['unmatched'][number]) =>
        html`<a href="/committee/applications/${row.mentee}/?year=${year}">${row.menteeName}</a>${row.priority ? html` ${tag('Priority')}` : ''}`,
    },
    { heading: 'Why', cell: (row) => row.explanation },
    {
      heading: 'Change',
      cell: (row) =>
        html`<a href="/committee/matching/?year=${year}&amp;proposal=${proposal.stamp}&amp;mentee=${row.mentee}#alternatives">Choose a mentor<span class="visually-hidden"> for ${row.menteeName}</span></a>`,
    },
  ],
  proposal.unmatched,
  'Every mentee has a mentor in this proposal.',
)}
</section>`
    : html`<p class="empty-state">No proposal for ${year} yet.</p>`
}
${stamps.length > 1 ? html`<h2>Earlier proposals</h2><ul>${stamps.map((each) => html`<li><a href="/committee/matching/?year=${year}&amp;proposal=${each}"${each === proposal?.stamp ? html` aria-current="page"` : ''}>${each}</a></li>`)}</ul>` : ''}`;
  return { title: `Matching for ${year}`, section: '/committee/matching/', body, status: state.problem ? 409 : 200 };
}

/** POST /committee/matching/: propose, accept, or change the committee's choices. */
export async function matchingAction(ports: WorkspacePorts, store: RecordsStore, url: URL, fields: Record<string, unknown>): Promise<{ redirect: string } | { problem: string }> {
  const year = yearOf(url, ports.settings);
  const intent = fieldText(fields.intent);
  if (intent === 'propose') {
    const outcome = await createProposal(store, { programYear: year, settings: ports.settings.matching, application: ports.settings.application, now: ports.now() });
    return { redirect: `/committee/matching/?year=${year}&proposal=${outcome.stamp}&done=proposed` };
  }
  if (intent === 'accept') {
    const stamp = fieldText(fields.proposal);
    const matches = await loadMatches(store, year);
    if ((matches?.sha ?? '') !== fieldText(fields.matchesSha))
      return { problem: 'The matches file changed after you opened this page, so nothing was accepted. Make a new proposal and accept that one.' };
    try {
      const outcome = await acceptProposal(store, { programYear: year, proposal: stamp, today: zonedDate(ports.now(), ports.settings.timeZone) });
      return { redirect: `/committee/matching/?year=${year}&proposal=${stamp}&done=${outcome.alreadyAccepted ? 'already-accepted' : 'accepted'}` };
    } catch (error) {
      if (error instanceof ProposalError) return { problem: error.message.replace(/ Make a new proposal \(npm run match[^)]*\)/, ' Make a new proposal') };
      throw error;
    }
  }
  if (intent === 'lock' || intent === 'forbid' || intent === 'remove') {
    const mentor = fieldText(fields.mentor);
    const mentee = fieldText(fields.mentee);
    const change: ConstraintChange =
      intent === 'remove' ? { kind: 'remove', list: fieldText(fields.list) === 'exclude' ? 'exclude' : 'locked', mentor, mentee } : { kind: intent, mentor, mentee };
    try {
      await saveConstraintChange(store, year, change, fieldText(fields.constraintsSha) || null);
    } catch (error) {
      if (error instanceof StaleConstraintsError) return { problem: `${error.message} Nothing was changed; look at the choices as they are now and try again.` };
      if (error instanceof Error && error.name === 'ZodError') return { problem: 'That pair is not one of this year’s applications.' };
      throw error;
    }
    const proposal = fieldText(fields.proposal) || url.searchParams.get('proposal') || '';
    return { redirect: `/committee/matching/?year=${year}${proposal ? `&proposal=${proposal}` : ''}&done=choice` };
  }
  return { problem: 'That is not something this page can do.' };
}
