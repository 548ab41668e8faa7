/**
 * The emails kept on this computer, read in the workspace: written by the real outbox mailer,
 * listed newest first, one shown with its links clickable; no such page when the workspace has
 * no local outbox (a deploy, or Resend configured).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPorts } from '../../../../tests/servers/harness/mailingTestPorts.ts';
import { createMemoryQueue } from '../../../../tests/servers/harness/memoryQueue.ts';
import { workspaceClient, workspaceTestPorts } from '../../../../tests/servers/harness/workspaceHarness.ts';
import { runtimeFor, workspacePorts } from '../../composition.ts';
import { loadSettings } from '../../config/loadSettings.ts';
import { createOutboxMailer } from '../../mailer/outboxMailer.ts';
import { createOutboxReader } from '../../mailer/outboxReader.ts';
import { generateSampleApplications, writeSampleApplications } from '../../matching/sampleApplications.ts';
import { openApplication } from '../../privacy/myApplication.ts';
import type { WorkspacePorts } from '../ports.ts';

let dir: string;
let ports: WorkspacePorts;
const { get } = workspaceClient(() => ports);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-page-'));
  const mailing = testPorts();
  ports = { ...workspaceTestPorts({ records: mailing.records, mailing, now: () => new Date('2026-10-02T14:00:00Z') }), localOutbox: createOutboxReader(dir) };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the emails kept on this computer', () => {
  it('lists them newest first and shows one with its links clickable', async () => {
    let clock = new Date('2026-10-01T09:00:00Z');
    const mailer = createOutboxMailer({ dir, now: () => clock, log: () => {} });
    const from = 'NASIG Mentoring <mentoring@example.org>';
    await mailer.send(
      {
        from,
        to: ['zoe@example.org'],
        subject: 'We have your mentee application',
        text: 'Thank you, Zoë.\n\nSee or change it: http://localhost:8888/my-application/?token=abc.def&x=1.',
        html: '<p>Thank you</p>',
      },
      { idempotencyKey: 'one' },
    );
    clock = new Date('2026-10-01T10:00:00Z');
    await mailer.send(
      { from, to: ['committee@example.org'], subject: 'New mentee application', text: 'Record: applications/x.json', html: '<p>New</p>' },
      { idempotencyKey: 'two' },
    );

    const list = await (await get('/committee/outbox/')).text();
    expect(list).toContain('Emails, newest first: 2');
    expect(list.indexOf('New mentee application')).toBeLessThan(list.indexOf('We have your mentee application'));
    const link = /href="(\/committee\/outbox\/[^"]+\.eml\/)">We have your mentee application/.exec(list)?.[1];
    expect(link).toBeDefined();

    const email = await get(link!);
    expect(email.status).toBe(200);
    const page = await email.text();
    expect(page).toContain('Thank you, Zoë.');
    expect(page).toContain('<a href="http://localhost:8888/my-application/?token=abc.def&amp;x=1">http://localhost:8888/my-application/?token=abc.def&amp;x=1</a>.');
    expect(page).toContain('zoe@example.org');
  });

  it('answers 404 for a file the outbox did not write, and has no page without a local outbox', async () => {
    expect((await get('/committee/outbox/20261001T090000000Z-0123456789ab-0.eml/')).status).toBe(404);
    expect((await get('/committee/outbox/..%2F..%2Fetc%2Fpasswd/')).status).toBe(404);
    expect(await (await get('/committee/')).text()).toContain('Read the emails kept on this computer');
    ports = { ...ports, localOutbox: undefined };
    expect((await get('/committee/outbox/')).status).toBe(404);
    expect(await (await get('/committee/')).text()).not.toContain('Read the emails kept on this computer');
  });

  it('offers an application’s own link on its page only where emails stay on this computer, and the link opens that application', async () => {
    const year = ports.settings.programYears.applications;
    const samples = generateSampleApplications({ programYear: year, mentors: 1, mentees: 1, seed: 5, settings: ports.settings });
    await writeSampleApplications(ports.records, samples);
    const [path] = await ports.records.listFiles(`applications/${year}/mentee`);
    const id = path!.split('/').at(-1)!.replace('.json', '');
    const page = await (await get(`/committee/applications/${id}/?year=${year}`)).text();
    const link = /On this computer only: <a href="([^"]+)">open the applicant’s own page<\/a>/.exec(page)?.[1];
    expect(link).toBeDefined();
    const opened = await openApplication(
      { ...ports.mailing, records: ports.records, heldEmails: createMemoryQueue() },
      new URL(link!.replaceAll('&amp;', '&')).searchParams.get('token'),
    );
    expect(opened.kind === 'refused' ? opened.reason : opened.record.id).toBe(id);

    ports = { ...ports, localOutbox: undefined };
    expect(await (await get(`/committee/applications/${id}/?year=${year}`)).text()).not.toContain('open the applicant’s own page');
  });

  it('is given to the workspace only on this computer with the outbox mailer, never on a deploy or with Resend', async () => {
    const settings = await loadSettings();
    const base = { RECORDS_DIR: join(dir, 'records'), MAIL_OUTBOX_DIR: dir, COMMITTEE_SESSION_SECRET: 'a-long-enough-secret-for-the-test-0123456789' };
    const portsFor = (env: Record<string, string>, context?: string) =>
      workspacePorts(
        runtimeFor(context ? ({ deploy: { context } } as never) : undefined, { env, log: () => {} }),
        settings,
        context ? ({ deploy: { context } } as never) : undefined,
      );
    expect(portsFor(base).localOutbox?.dir).toBe(dir);
    expect(portsFor(base, 'deploy-preview').localOutbox).toBeUndefined();
    expect(portsFor({ ...base, RESEND_API_KEY: 're_test_key', MAIL_FROM: 'Mentoring <m@example.org>' }).localOutbox).toBeUndefined();
  });
});
