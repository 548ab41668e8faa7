import { areaLabel, type MatchingVocabulary } from './compatibility.ts';
import { toCsv } from './csv.ts';
import type { ProposalFile } from './proposal.ts';

/**
 * The two views of a proposal the committee reads: a Markdown report (it renders on GitHub, in
 * the private records repository) and a CSV for their spreadsheet, one row per mentee.
 */

/** Text made safe inside a Markdown table cell: no table breaks, no links or HTML. */
export function markdownCell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]<>|#~])/g, '\\$1')
    .trim();
}

export function proposalMarkdown(proposal: ProposalFile): string {
  const { summary } = proposal;
  const lines: string[] = [];
  const created = proposal.createdAt.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC');
  lines.push(`# Matching proposal for ${proposal.programYear}`, '');
  lines.push(`Made ${created} (proposal \`${proposal.stamp}\`). Nothing is final until the committee accepts it:`, '');
  lines.push('```sh', `npm run match -- --year ${proposal.programYear} --accept ${proposal.stamp}`, '```', '');

  lines.push('## Summary', '');
  lines.push(`- ${count(summary.mentees, 'mentee')} and ${count(summary.mentors, 'mentor')} offering ${count(summary.places, 'place')}.`);
  lines.push(`- ${count(summary.matched, 'pair')} proposed${summary.kept > 0 ? `, ${summary.kept} of them kept as they were (locked or already active)` : ''}.`);
  lines.push(`- ${count(summary.unmatched, 'mentee')} without a mentor${summary.unmatched > 0 ? ' (listed below with the reason)' : ''}.`);
  lines.push(`- Priority mentees (interested in the priority areas, or not sure yet): ${summary.priorityMatched} of ${summary.priorityMentees} matched.`);
  const roomLeft = proposal.mentors.filter((mentor) => mentor.assigned < mentor.capacity);
  lines.push(`- ${count(roomLeft.length, 'mentor')} with places left.`, '');

  if (proposal.warnings.length > 0) {
    lines.push('## Please check', '');
    for (const warning of proposal.warnings) lines.push(`- ${markdownCell(warning)}`);
    lines.push('');
  }

  lines.push('## Proposed pairs', '');
  if (proposal.pairs.length === 0) lines.push('No pairs could be proposed.', '');
  else {
    lines.push('| Mentor | Mentee | Fit | Why |', '|---|---|---:|---|');
    for (const pair of proposal.pairs) {
      const mentee = `${markdownCell(pair.menteeName)}${pair.priority ? '' : ' (not priority)'}`;
      lines.push(`| ${markdownCell(pair.mentorName)} | ${mentee} | ${pair.fit} | ${markdownCell(pair.reason)} |`);
    }
    lines.push('');
  }

  lines.push('## Mentees without a mentor', '');
  if (proposal.unmatched.length === 0) lines.push('Every mentee has a proposed mentor.', '');
  else {
    lines.push('| Mentee | Priority | Why, and what would help |', '|---|---|---|');
    for (const mentee of proposal.unmatched) {
      lines.push(`| ${markdownCell(mentee.menteeName)} | ${mentee.priority ? 'yes' : 'no'} | ${markdownCell(mentee.explanation)} |`);
    }
    lines.push('');
  }

  lines.push('## Mentors with places left', '');
  if (roomLeft.length === 0) lines.push('Every place is taken.', '');
  else {
    lines.push('| Mentor | Places offered | Proposed mentees |', '|---|---:|---:|');
    for (const mentor of roomLeft) lines.push(`| ${markdownCell(mentor.mentorName)} | ${mentor.capacity} | ${mentor.assigned} |`);
    lines.push('');
  }

  lines.push('## Settings used', '');
  lines.push('Weights and rules from content/settings.yaml (`matching`), explained in docs/matching.md:', '');
  lines.push('```json', JSON.stringify(proposal.settings, null, 2), '```', '');
  return `${lines.join('\n')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Columns of the proposal CSV, documented in docs/matching.md. */
export const PROPOSAL_CSV_COLUMNS = ['status', 'mentee_name', 'mentee_id', 'priority', 'mentor_name', 'mentor_id', 'fit', 'shared_areas', 'reason'] as const;

/** One row per mentee: proposed, kept (locked or already active) or unmatched. */
export function proposalCsv(proposal: ProposalFile, vocabulary: MatchingVocabulary): string {
  const rows = [
    ...proposal.pairs.map((pair) => [
      pair.kept === null ? 'proposed' : pair.kept === 'committee' ? 'locked' : 'active',
      pair.menteeName,
      pair.mentee,
      pair.priority,
      pair.mentorName,
      pair.mentor,
      pair.fit,
      pair.sharedAreas.map((area) => areaLabel(area, vocabulary)).join('; '),
      pair.reason,
    ]),
    ...proposal.unmatched.map((mentee) => ['unmatched', mentee.menteeName, mentee.mentee, mentee.priority, '', '', '', '', mentee.explanation]),
  ];
  return toCsv(PROPOSAL_CSV_COLUMNS, rows);
}
