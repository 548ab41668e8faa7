import type { CommitMessage, RecordsStore } from './ports.ts';

/**
 * The records store as the committee workspace uses it: every commit message ends with the
 * signed-in member's login ("…, by jdoe"), so each change in the records' history says who
 * made it. The services stay as they are; only their commit messages are signed.
 */
export function attributedStore(store: RecordsStore, login: string): RecordsStore {
  const by = (message: string) => `${message}, by ${login}`;
  const signed = (message: CommitMessage): CommitMessage => (typeof message === 'string' ? by(message) : (files) => by(message(files)));
  return {
    description: store.description,
    ...(store.webUrl ? { webUrl: (path: string) => store.webUrl!(path) } : {}),
    ...(store.foldersComeWithEverything ? { foldersComeWithEverything: true } : {}),
    createFile: (path, content, message) => store.createFile(path, content, by(message)),
    createFiles: (files, message) => store.createFiles(files, signed(message)),
    readFile: (path) => store.readFile(path),
    writeFile: (path, content, message, expectedSha) => store.writeFile(path, content, by(message), expectedSha),
    commit: (changes, message) => store.commit(changes, by(message)),
    listFiles: (folder) => store.listFiles(folder),
    readFolder: (folder) => store.readFolder(folder),
  };
}
