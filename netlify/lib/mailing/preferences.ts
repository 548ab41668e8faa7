/**
 * Email preferences: preferences/<year>/<personId>.json. A person may pause the monthly emails
 * (and start them again), or tell the committee they are leaving the program. Paused and leaving
 * people get no monthly email; the committee hears of a leaver by a notice that names the record.
 */
import { z } from 'zod';
import { programYear } from '../../../src/schemas/primitives.ts';
import type { RecordsStore } from '../records/ports.ts';
import { updateJsonRecord } from './ledger.ts';
import { type MailingPorts, notifyCommittee } from './ports.ts';
import { describeRefusal, type LinkRefusal, verifyPreferenceLink } from './signedLinks.ts';

export const PREFERENCE_CHOICES = ['pause', 'resume', 'leave'] as const;
export type PreferenceChoice = (typeof PREFERENCE_CHOICES)[number];

export const PREFERENCE_LABELS: Record<PreferenceChoice, { label: string; hint: string }> = {
  pause: { label: 'Pause the monthly emails', hint: 'You stay in the program; we stop sending you the monthly topic until you start it again here.' },
  resume: { label: 'Send me the monthly emails again', hint: 'From the next monthly email on.' },
  leave: { label: 'I am leaving the program', hint: 'We stop the emails and tell the committee, who will get in touch about your partner.' },
};

export type PreferenceStatus = 'receiving' | 'paused' | 'leaving';

export const preferenceRecordSchema = z.object({
  schemaVersion: z.literal(1),
  programYear,
  personId: z.uuid(),
  role: z.enum(['mentor', 'mentee']),
  status: z.enum(['receiving', 'paused', 'leaving']),
  /** Optional words for the committee (leaving). */
  note: z.string().max(2000).optional(),
  updatedAt: z.iso.datetime(),
  /** Every change, oldest first: what was chosen, when, and how (the page or a mail client's one-click). */
  history: z.array(z.object({ status: z.enum(['receiving', 'paused', 'leaving']), at: z.iso.datetime(), via: z.enum(['page', 'one-click']) })),
});
export type PreferenceRecord = z.infer<typeof preferenceRecordSchema>;

/** Built only from checked values: a signed link's claims. */
export function preferencePath(year: string, personId: string): string {
  programYear.parse(year);
  z.uuid().parse(personId);
  return `preferences/${year}/${personId}.json`;
}

const STATUS_OF: Record<PreferenceChoice, PreferenceStatus> = { pause: 'paused', resume: 'receiving', leave: 'leaving' };

/** The status of everyone with a preference record in the year (others are receiving). */
export async function loadPreferences(records: RecordsStore, year: string): Promise<Map<string, PreferenceStatus>> {
  // One bulk read of the year's preferences (a couple of requests on GitHub, however many).
  const folderFiles = await records.readFolder(`preferences/${year}`);
  const statuses = new Map<string, PreferenceStatus>();
  const files = [...folderFiles.entries()]
    .filter(([path]) => path.endsWith('.json'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, file]) => file);
  for (const file of files) {
    if (!file) continue;
    try {
      const record = preferenceRecordSchema.parse(JSON.parse(file.content));
      statuses.set(record.personId, record.status);
    } catch {
      // A hand-edited file that no longer reads: treat the person as paused, the safe side.
      const personId = /\/([0-9a-f-]{36})\.json$/i.exec(file.path)?.[1];
      if (personId) statuses.set(personId, 'paused');
    }
  }
  return statuses;
}

/** Records a choice; answers whether the stored status changed (a repeated click changes nothing). */
export async function savePreference(
  records: RecordsStore,
  who: { programYear: string; personId: string; role: 'mentor' | 'mentee' },
  choice: PreferenceChoice,
  details: { note?: string | undefined; via: 'page' | 'one-click'; now: Date },
): Promise<{ path: string; status: PreferenceStatus; changed: boolean }> {
  const path = preferencePath(who.programYear, who.personId);
  const status = STATUS_OF[choice];
  const at = details.now.toISOString();
  let changed = false;
  await updateJsonRecord(
    records,
    path,
    preferenceRecordSchema,
    () => ({ schemaVersion: 1 as const, programYear: who.programYear, personId: who.personId, role: who.role, status: 'receiving' as const, updatedAt: at, history: [] }),
    `Email preferences: ${status} (${who.programYear}/${who.personId})`,
    (current) => {
      const note = details.note?.trim() || undefined;
      if (current.history.length > 0 && current.status === status && (note === undefined || note === current.note)) {
        changed = false;
        return null;
      }
      changed = true;
      return { ...current, status, ...(note === undefined ? {} : { note }), updatedAt: at, history: [...current.history, { status, at, via: details.via }] };
    },
  );
  return { path, status, changed };
}

/** The posted choice when it is one of PREFERENCE_CHOICES; otherwise undefined (the page asks again). */
export function parsePreferenceChoice(value: unknown): PreferenceChoice | undefined {
  return PREFERENCE_CHOICES.find((choice) => choice === value);
}

export type PreferenceOutcome = { kind: 'refused'; reason: LinkRefusal; sentence: string } | { kind: 'saved'; path: string; status: PreferenceStatus; changed: boolean };

/**
 * A choice made through a signed preference link (the page's form, or a mail client's one-click):
 * the link is checked, the choice saved, and a leaver is reported to the committee by record path
 * only. A refused link records nothing.
 */
export async function choosePreference(
  ports: MailingPorts,
  request: { token: string | null | undefined; choice: PreferenceChoice; note?: string | undefined; via: 'page' | 'one-click' },
): Promise<PreferenceOutcome> {
  const { choice, note, via } = request;
  const verified = verifyPreferenceLink(request.token, ports.signingSecret, ports.now());
  if (!verified.ok) {
    ports.log(`preferences: link refused (${verified.reason}); nothing recorded.`);
    return { kind: 'refused', reason: verified.reason, sentence: describeRefusal(verified.reason, ports.settings.contactEmail) };
  }
  const saved = await savePreference(ports.records, verified.claims, choice, { note, via, now: ports.now() });
  ports.log(`preferences: ${saved.path} ${saved.changed ? `set to ${saved.status}` : 'unchanged'} (${via}).`);
  if (saved.changed && saved.status === 'leaving') {
    await notifyCommittee(ports, 'A participant is leaving the program', [
      `The ${verified.claims.role} ${verified.claims.personId} told us they are leaving the ${verified.claims.programYear} program, so their monthly emails have stopped.`,
      `Record: ${saved.path}`,
      `In: ${ports.records.description}`,
      `Please get in touch with them and their partner (see matches/${verified.claims.programYear}.json).`,
    ]);
  }
  return { kind: 'saved', ...saved };
}
