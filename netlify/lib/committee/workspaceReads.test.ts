/**
 * On GitHub each folder read downloads an archive of the whole records repository, so a
 * workspace page reads the repository once however many loaders it has (the speed target of
 * 1 s per page rests on this; bench/workspace.ts measures it at 50 ms a request).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { pairFixture } from '../../../tests/servers/harness/mailingFixtures.ts';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { workspaceClient, workspaceTestPorts } from '../../../tests/servers/harness/workspaceHarness.ts';
import { createGitHubRecordsStore } from '../records/githubRecordsStore.ts';
import type { WorkspacePorts } from './ports.ts';

const TOKEN = 'ghp_workspace_reads';
let github: FakeGitHub;
let ports: WorkspacePorts;

beforeEach(async () => {
  const mailing = testPorts();
  const fixture = pairFixture(6, 'workspace-reads', mailing.settings.programYears.running);
  github = await startFakeGitHub({ owner: 'example-association', repo: 'mentoring-records', token: TOKEN, files: fixture.files });
  const records = createGitHubRecordsStore({ repo: 'example-association/mentoring-records', branch: github.branch, token: TOKEN, baseUrl: github.url, log: () => {} });
  ports = workspaceTestPorts({ records, mailing, now: () => new Date('2026-10-02T14:00:00Z') });
});
afterEach(() => github.stop());

const { get } = workspaceClient(() => ports);

describe('workspace pages on the GitHub records store', () => {
  it.each(['/committee/', '/committee/pairs/', '/committee/health/', '/committee/mailings/monthly/', '/committee/applications/?role=mentee'])(
    '%s downloads the repository at most once',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      await response.text();
      expect(github.state.count({ kind: 'get-archive' })).toBeLessThanOrEqual(1);
      expect(github.state.count({ kind: 'get-tree' })).toBe(0);
    },
  );
});
