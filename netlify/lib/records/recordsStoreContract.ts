/**
 * The behaviour every RecordsStore adapter owes the services, as one vitest suite that each
 * adapter's test file runs against a real backend (the GitHub stand-in, a temporary git folder).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitBlobSha } from '../../../tests/servers/github/gitObjects.ts';
import { RecordsConflictError, type RecordsStore } from './recordsStore.ts';

export interface ContractSubject {
  store: RecordsStore;
  /** Commits made by writes so far (a repository's first commit excluded). */
  commitCount(): Promise<number>;
  close(): Promise<void>;
}

const sha = (text: string) => gitBlobSha(Buffer.from(text, 'utf8'));

export function describeRecordsStoreContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`${name} keeps the records store contract`, () => {
    let subject: ContractSubject;
    let store: RecordsStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.close();
    });

    it('creates a file in one commit and returns its git blob sha', async () => {
      const content = '{"id":"a1"}\n';
      const result = await store.createFile('applications/2026-2027/mentor/a1.json', content, 'Add mentor application a1');
      expect(result).toEqual({ created: true, file: { path: 'applications/2026-2027/mentor/a1.json', content, sha: sha(content) } });
      expect(await subject.commitCount()).toBe(1);
    });

    it('leaves an existing file alone when a create is replayed, and says so', async () => {
      const first = await store.createFile('messages/2026-2027/m1.json', 'first', 'Add message m1');
      const replay = await store.createFile('messages/2026-2027/m1.json', 'second', 'Add message m1');
      expect(replay).toEqual({ created: false, file: first.file });
      expect((await store.readFile('messages/2026-2027/m1.json'))?.content).toBe('first');
      expect(await subject.commitCount()).toBe(1);
    });

    it('reads a file, or null when there is none or the path is a folder', async () => {
      await store.createFile('matches/2026-2027.json', '{"pairs":[]}', 'Add matches');
      expect(await store.readFile('matches/2026-2027.json')).toEqual({ path: 'matches/2026-2027.json', content: '{"pairs":[]}', sha: sha('{"pairs":[]}') });
      expect(await store.readFile('matches/2025-2026.json')).toBeNull();
      expect(await store.readFile('matches')).toBeNull();
    });

    it('replaces a file at the sha it was read at, in one more commit', async () => {
      const { file } = await store.createFile('mailings/2026-2027/introductions.json', '[]', 'Start the introductions ledger');
      const written = await store.writeFile(file.path, '["p1"]', 'Introduce pair p1', file.sha);
      expect(written).toEqual({ path: file.path, content: '["p1"]', sha: sha('["p1"]') });
      expect(await store.readFile(file.path)).toEqual(written);
      expect(await subject.commitCount()).toBe(2);
    });

    it('refuses a stale sha with RecordsConflictError and changes nothing', async () => {
      const { file } = await store.createFile('preferences/2026-2027/p1.json', 'v1', 'Add preference');
      await store.writeFile(file.path, 'v2', 'Update preference', file.sha);
      await expect(store.writeFile(file.path, 'v3', 'Update preference again', file.sha)).rejects.toBeInstanceOf(RecordsConflictError);
      expect((await store.readFile(file.path))?.content).toBe('v2');
      expect(await subject.commitCount()).toBe(2);
    });

    it('writes with expectedSha null only while the file does not exist', async () => {
      const created = await store.writeFile('check-ins/2026-2027/2026-10/pair1-mentor.json', 'yes', 'Record check-in', null);
      expect(created.sha).toBe(sha('yes'));
      await expect(store.writeFile(created.path, 'again', 'Record check-in', null)).rejects.toBeInstanceOf(RecordsConflictError);
      await expect(store.writeFile('check-ins/2026-2027/2026-10/absent.json', 'x', 'Record check-in', sha('x'))).rejects.toBeInstanceOf(
        RecordsConflictError,
      );
      expect(await store.readFile('check-ins/2026-2027/2026-10/absent.json')).toBeNull();
    });

    it('lists every file under a folder, recursively and sorted, and nothing for an absent folder', async () => {
      const paths = [
        'applications/2026-2027/mentor/b.json',
        'applications/2026-2027/mentee/z.json',
        'applications/2026-2027/mentor/a.json',
        'applications/2026-20270/mentor/not-this-year.json',
        'applications/2026-2027.json',
        'evaluations/2026-2027/mentor/e.json',
      ];
      for (const path of paths) await store.createFile(path, path, `Add ${path}`);
      const expected = ['applications/2026-2027/mentee/z.json', 'applications/2026-2027/mentor/a.json', 'applications/2026-2027/mentor/b.json'];
      expect(await store.listFiles('applications/2026-2027')).toEqual(expected);
      expect(await store.listFiles('applications/2026-2027/')).toEqual(expected);
      expect(await store.listFiles('applications/2026-2027/mentor')).toEqual(expected.slice(1));
      expect(await store.listFiles('messages/2026-2027')).toEqual([]);
      expect(await store.listFiles('')).toEqual([...paths].sort());
    });

    it('keeps unicode text byte for byte, with the sha of its UTF-8 bytes', async () => {
      const content = JSON.stringify({ name: 'Zoë Ångström-Nguyễn', note: '日本語のメモ — “quotes” ✓ 🎉', crlf: 'a\r\nb' });
      const { file } = await store.createFile('messages/2026-2027/unicode.json', content, 'Add message (ünïcode)');
      expect(file.sha).toBe(sha(content));
      expect(await store.readFile('messages/2026-2027/unicode.json')).toEqual({ path: 'messages/2026-2027/unicode.json', content, sha: sha(content) });
    });

    it('refuses paths outside the records layout before touching anything', async () => {
      for (const path of ['../escape.json', '/absolute.json', 'a//b.json', '.git/config', 'a/./b.json', 'a\\b.json', '']) {
        await expect(store.createFile(path, 'x', 'Bad path')).rejects.toThrow(/Not a valid record path/);
      }
      await expect(store.listFiles('../')).rejects.toThrow(/Not a valid record path/);
      expect(await subject.commitCount()).toBe(0);
    });
  });
}
