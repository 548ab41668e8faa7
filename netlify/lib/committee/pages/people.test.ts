/**
 * /committee/people/ through the workspace's handler on a real local git records store: a
 * search by a POSTed email, the download, the typed confirmation, and one signed commit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceClient, workspaceTestPorts } from '../../../../tests/servers/harness/workspaceHarness.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPorts } from '../../../../tests/servers/harness/mailingTestPorts.ts';
import { PERSON_EMAIL, personFixture } from '../../../../tests/support/personFixture.ts';
import { createLocalGitRecordsStore } from '../../records/localGitRecordsStore.ts';
import type { RecordsStore } from '../../records/ports.ts';
import type { WorkspacePorts } from '../ports.ts';

let dir: string;
let records: RecordsStore;
let ports: WorkspacePorts;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'people-records-'));
  records = createLocalGitRecordsStore({ dir, log: () => {} });
  await records.createFiles(
    Object.entries(personFixture().files).map(([path, content]) => ({ path, content })),
    'Fixture',
  );
  ports = workspaceTestPorts({ records, mailing: testPorts(), now: () => new Date('2026-12-01T14:00:00Z') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const client = workspaceClient(() => ports);
const post = (fields: Record<string, string>) => client.post('/committee/people/', fields);
const commits = () => execFileSync('git', ['-C', dir, 'log', '--format=%s'], { encoding: 'utf8' }).trim().split('\n');

describe('the people page', () => {
  it('finds a person by a posted address and shows what is held, by kind', async () => {
    const answer = await post({ intent: 'find', email: 'MENTEE0@example.org' });
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).toContain(`What the records hold about ${PERSON_EMAIL}`);
    expect(page).toContain('11 records and 3 other files naming them by id');
    expect(page).toContain('Download their records (JSON)');
  });

  it('says so when nobody has the address, and asks for a real address', async () => {
    const missing = await post({ intent: 'find', email: 'nobody@example.org' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Nothing was changed');
    const bad = await post({ intent: 'find', email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#email"');
  });

  it('downloads everything as one JSON attachment that is never cached', async () => {
    const answer = await post({ intent: 'download', email: PERSON_EMAIL });
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="records-2026-12-01.json"');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = await answer.json();
    expect(body.records).toHaveLength(11);
  });

  it('erases only after the address is typed again, in one commit signed with the login', async () => {
    const before = commits().length;
    const wrong = await post({ intent: 'erase', email: PERSON_EMAIL, confirm: 'someone@example.org' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('href="#confirm"');
    expect(commits()).toHaveLength(before);
    const done = await post({ intent: 'erase', email: PERSON_EMAIL, confirm: ` ${PERSON_EMAIL.toUpperCase()} ` });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/committee/people/?done=erased&files=11&pairs=1');
    expect(commits()).toHaveLength(before + 1);
    expect(commits()[0]).toMatch(/^Erase a person’s records on request \(erasure [0-9a-f-]{36}\): 11 files deleted, 1 pair marked erased, by jdoe$/);
    const again = await post({ intent: 'erase', email: PERSON_EMAIL, confirm: PERSON_EMAIL });
    expect(again.status).toBe(404);
    expect(commits()).toHaveLength(before + 1);
  });
});
