/**
 * The behaviour every RecordsStore adapter owes the services, as one vitest suite that each
 * adapter's test file runs against a real backend (the GitHub stand-in, a temporary git folder).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitBlobSha } from '../servers/github/gitObjects.ts';
import { MAX_FILES_PER_COMMIT, RecordsConflictError, type RecordsStore } from '../../netlify/lib/records/ports.ts';

export interface ContractSubject {
  store: RecordsStore;
  /** Commits made by writes so far (a repository's first commit excluded). */
  commitCount(): Promise<number>;
  close(): Promise<void>;
  /**
   * Another writer on the same records, as a second function instance would be (its own store
   * object); default: the same store.
   */
  otherWriter?(): RecordsStore;
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
      await expect(store.writeFile('check-ins/2026-2027/2026-10/absent.json', 'x', 'Record check-in', sha('x'))).rejects.toBeInstanceOf(RecordsConflictError);
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

    it('reads every file under a folder in bulk, with content and sha, in path order', async () => {
      const files = {
        'applications/2026-2027/mentor/b.json': '{"b":1}',
        'applications/2026-2027/mentee/z.json': 'Zoë ✓ 🎉\r\n',
        'applications/2026-2027/mentor/a.json': '',
        'applications/2026-20270/mentor/not-this-year.json': 'x',
        'messages/2026-2027/m.json': 'm',
      };
      await store.createFiles(
        Object.entries(files).map(([path, content]) => ({ path, content })),
        'Add files',
      );
      const year = await store.readFolder('applications/2026-2027');
      expect([...year.keys()]).toEqual(['applications/2026-2027/mentee/z.json', 'applications/2026-2027/mentor/a.json', 'applications/2026-2027/mentor/b.json']);
      for (const [path, file] of year) expect(file).toEqual({ path, content: files[path as keyof typeof files], sha: sha(files[path as keyof typeof files]) });
      expect([...(await store.readFolder('applications/2026-2027/mentor/')).keys()]).toEqual(['applications/2026-2027/mentor/a.json', 'applications/2026-2027/mentor/b.json']);
      expect((await store.readFolder('check-ins')).size).toBe(0);
      expect([...(await store.readFolder('')).keys()]).toEqual(Object.keys(files).sort());
    });

    it('keeps unicode text byte for byte, with the sha of its UTF-8 bytes', async () => {
      const content = JSON.stringify({ name: 'Zoë Ångström-Nguyễn', note: '日本語のメモ — “quotes” ✓ 🎉', crlf: 'a\r\nb' });
      const { file } = await store.createFile('messages/2026-2027/unicode.json', content, 'Add message (ünïcode)');
      expect(file.sha).toBe(sha(content));
      expect(await store.readFile('messages/2026-2027/unicode.json')).toEqual({ path: 'messages/2026-2027/unicode.json', content, sha: sha(content) });
    });

    it('creates many files in one commit, leaving existing and repeated paths untouched and reported', async () => {
      await store.createFile('applications/2026-2027/mentor/a.json', 'original', 'Add a');
      const result = await store.createFiles(
        [
          { path: 'applications/2026-2027/mentor/a.json', content: 'replayed' },
          { path: 'applications/2026-2027/mentee/b.json', content: 'b' },
          { path: 'messages/2026-2027/c.json', content: 'c ✓' },
          { path: 'applications/2026-2027/mentee/b.json', content: 'b again' },
        ],
        'Add held records\n\nAdd b\nAdd c',
      );
      expect(result).toEqual({
        created: ['applications/2026-2027/mentee/b.json', 'messages/2026-2027/c.json'],
        alreadyStored: ['applications/2026-2027/mentor/a.json', 'applications/2026-2027/mentee/b.json'],
      });
      expect(await subject.commitCount()).toBe(2);
      expect((await store.readFile('applications/2026-2027/mentor/a.json'))?.content).toBe('original');
      expect(await store.readFile('applications/2026-2027/mentee/b.json')).toEqual({ path: 'applications/2026-2027/mentee/b.json', content: 'b', sha: sha('b') });
      expect((await store.readFile('messages/2026-2027/c.json'))?.sha).toBe(sha('c ✓'));
      expect(await store.listFiles('applications/2026-2027')).toEqual(['applications/2026-2027/mentee/b.json', 'applications/2026-2027/mentor/a.json']);
    });

    it('makes no commit when every file of a batch is already stored', async () => {
      await store.createFiles([{ path: 'messages/2026-2027/x.json', content: 'x' }], 'Add x');
      expect(await store.createFiles([{ path: 'messages/2026-2027/x.json', content: 'y' }], 'Add x again')).toEqual({ created: [], alreadyStored: ['messages/2026-2027/x.json'] });
      expect(await store.createFiles([], 'Nothing')).toEqual({ created: [], alreadyStored: [] });
      expect(await subject.commitCount()).toBe(1);
    });

    it('names in a batch’s message only the files that commit holds, when given a function', async () => {
      await store.createFile('messages/2026-2027/m1.json', 'm1', 'Add m1');
      const asked: string[][] = [];
      await store.createFiles(
        ['m1', 'm2', 'm3'].map((name) => ({ path: `messages/2026-2027/${name}.json`, content: name })),
        (files) => {
          asked.push(files.map((file) => file.path));
          return `Add ${files.length} messages`;
        },
      );
      expect(asked.at(-1)).toEqual(['messages/2026-2027/m2.json', 'messages/2026-2027/m3.json']);
      expect(await subject.commitCount()).toBe(2);
    });

    it(`commits at most ${MAX_FILES_PER_COMMIT} files at a time`, async () => {
      const files = Array.from({ length: MAX_FILES_PER_COMMIT + 20 }, (_, index) => ({
        path: `check-ins/2026-2027/2026-10/p${String(index).padStart(3, '0')}.json`,
        content: `${index}`,
      }));
      const result = await store.createFiles(files, 'Add check-ins');
      expect(result.created).toEqual(files.map((file) => file.path));
      expect(await subject.commitCount()).toBe(2);
      expect(await store.listFiles('check-ins/2026-2027')).toHaveLength(files.length);
    });

    it('keeps create-only semantics while another writer creates one of the batch’s paths', async () => {
      const other = subject.otherWriter?.() ?? store;
      const files = Array.from({ length: 8 }, (_, index) => ({ path: `messages/2026-2027/batch-${index}.json`, content: `ours ${index}` }));
      const [batch, theirs, solo] = await Promise.all([
        store.createFiles(files, 'Add a batch'),
        other.createFile('messages/2026-2027/batch-3.json', 'theirs', 'Add batch-3'),
        other.createFile('messages/2026-2027/solo.json', 'solo', 'Add solo'),
      ]);
      const contested = (await store.readFile('messages/2026-2027/batch-3.json'))!.content;
      if (batch.created.includes('messages/2026-2027/batch-3.json')) {
        expect(contested).toBe('ours 3');
        expect(theirs).toMatchObject({ created: false, file: { content: 'ours 3' } });
      } else {
        expect(batch.alreadyStored).toEqual(['messages/2026-2027/batch-3.json']);
        expect(contested).toBe('theirs');
        expect(theirs.created).toBe(true);
      }
      expect(solo.created).toBe(true);
      expect([...batch.created, ...batch.alreadyStored].sort()).toEqual(files.map((file) => file.path).sort());
      for (const [index, file] of files.entries()) if (index !== 3) expect((await store.readFile(file.path))?.content).toBe(file.content);
      expect(await store.listFiles('messages/2026-2027')).toHaveLength(9);
      expect(await subject.commitCount()).toBe(2 + (theirs.created ? 1 : 0));
    });

    it('refuses a batch with a path outside the records layout before writing any of it', async () => {
      await expect(
        store.createFiles(
          [
            { path: 'messages/2026-2027/fine.json', content: 'x' },
            { path: '../escape.json', content: 'x' },
          ],
          'Bad batch',
        ),
      ).rejects.toThrow(/Not a valid record path/);
      await expect(store.createFiles([{ path: 'messages/2026-2027/fine.json', content: 'x' }], ' ')).rejects.toThrow(/needs a message/);
      expect(await subject.commitCount()).toBe(0);
      expect(await store.readFile('messages/2026-2027/fine.json')).toBeNull();
    });

    it('writes and deletes many files in one commit', async () => {
      await store.createFiles(
        ['a', 'b', 'c'].map((name) => ({ path: `applications/2026-2027/mentee/${name}.json`, content: name })),
        'Add three',
      );
      const matches = await store.createFile('matches/2026-2027.json', 'v1', 'Add matches');
      const result = await store.commit(
        {
          writes: [
            { path: 'matches/2026-2027.json', content: 'v2 ✓', expectedSha: matches.file.sha },
            { path: 'erasures/2026-2027.json', content: 'log', expectedSha: null },
          ],
          deletes: [
            { path: 'applications/2026-2027/mentee/a.json', expectedSha: sha('a') },
            { path: 'applications/2026-2027/mentee/b.json' },
            { path: 'messages/2026-2027/gone.json' },
          ],
        },
        'Erase a person',
      );
      expect(result).toEqual({
        written: [
          { path: 'matches/2026-2027.json', content: 'v2 ✓', sha: sha('v2 ✓') },
          { path: 'erasures/2026-2027.json', content: 'log', sha: sha('log') },
        ],
        deleted: ['applications/2026-2027/mentee/a.json', 'applications/2026-2027/mentee/b.json'],
      });
      expect(await subject.commitCount()).toBe(3);
      expect(await store.listFiles('applications')).toEqual(['applications/2026-2027/mentee/c.json']);
      expect(await store.readFile('applications/2026-2027/mentee/a.json')).toBeNull();
      expect((await store.readFile('matches/2026-2027.json'))?.content).toBe('v2 ✓');
      expect([...(await store.readFolder('')).keys()]).toEqual(['applications/2026-2027/mentee/c.json', 'erasures/2026-2027.json', 'matches/2026-2027.json']);
    });

    it('changes nothing when one sha of a commit is stale, and makes no commit for no change', async () => {
      await store.createFiles(
        [
          { path: 'messages/2026-2027/m1.json', content: 'm1' },
          { path: 'matches/2026-2027.json', content: 'v1' },
        ],
        'Add two',
      );
      await expect(
        store.commit({ writes: [{ path: 'matches/2026-2027.json', content: 'v2', expectedSha: sha('v0') }], deletes: [{ path: 'messages/2026-2027/m1.json' }] }, 'Stale'),
      ).rejects.toBeInstanceOf(RecordsConflictError);
      await expect(store.commit({ deletes: [{ path: 'messages/2026-2027/m1.json', expectedSha: sha('other') }] }, 'Stale delete')).rejects.toBeInstanceOf(RecordsConflictError);
      await expect(store.commit({ writes: [{ path: 'matches/2026-2027.json', content: 'v2', expectedSha: null }] }, 'Exists')).rejects.toBeInstanceOf(RecordsConflictError);
      expect(await store.commit({ deletes: [{ path: 'messages/2026-2027/absent.json' }] }, 'Nothing')).toEqual({ written: [], deleted: [] });
      await expect(store.commit({ deletes: [{ path: '../escape.json' }] }, 'Bad')).rejects.toThrow(/Not a valid record path/);
      await expect(store.commit({ writes: [{ path: 'messages/2026-2027/m1.json', content: 'x' }], deletes: [{ path: 'messages/2026-2027/m1.json' }] }, 'Twice')).rejects.toThrow(
        /twice/,
      );
      expect(await subject.commitCount()).toBe(1);
      expect((await store.readFile('messages/2026-2027/m1.json'))?.content).toBe('m1');
      expect((await store.readFile('matches/2026-2027.json'))?.content).toBe('v1');
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
