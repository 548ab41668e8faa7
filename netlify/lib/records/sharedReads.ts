/**
 * A records store for one page's worth of reading: the same file or folder asked for twice (two
 * loaders of one page both reading the year's applications, say) is read once and both get the
 * answer, and a folder inside one already read is taken from it. On GitHub each folder read
 * downloads an archive, so this saves whole requests. Only
 * for reads that belong together in time: any write through it forgets what was read, and it is
 * never kept beyond the page it was made for. Callers share the answer: they must not change it.
 * Where a folder read downloads the whole repository anyway (GitHub's archive), the first folder
 * read takes the root, and every later folder and file is served from that one snapshot.
 */
import { checkRecordPath, folderPrefix } from './recordPaths.ts';
import type { RecordsStore, StoredFile } from './ports.ts';

export function sharedReads(store: RecordsStore): RecordsStore {
  let files = new Map<string, Promise<StoredFile | null>>();
  let folders = new Map<string, Promise<Map<string, StoredFile>>>();
  let listings = new Map<string, Promise<string[]>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    let answer = cache.get(key);
    if (!answer) {
      answer = read();
      cache.set(key, answer);
      // A failed read is not kept: asking again asks the store again.
      answer.catch(() => cache.delete(key));
    }
    return answer;
  };
  const clear = () => {
    files = new Map();
    folders = new Map();
    listings = new Map();
  };
  // Forgotten when a write starts and again when it ends, so no read from before it is served after.
  const forget = <T>(write: () => Promise<T>): Promise<T> => {
    clear();
    return write().finally(clear);
  };
  const everything = () => folders.get('');
  const inFolder = (all: Map<string, StoredFile>, prefix: string) => new Map([...all].filter(([path]) => path.startsWith(prefix)));
  return {
    description: store.description,
    ...(store.webUrl ? { webUrl: (path: string) => store.webUrl!(path) } : {}),
    ...(store.foldersComeWithEverything ? { foldersComeWithEverything: true } : {}),
    readFile: (path) => {
      const snapshot = everything();
      if (snapshot) return snapshot.then((all) => all.get(checkRecordPath(path)) ?? null);
      return once(files, path, () => store.readFile(path));
    },
    readFolder: (folder) => {
      const prefix = folderPrefix(folder);
      if (store.foldersComeWithEverything && prefix !== '') return once(folders, '', () => store.readFolder('')).then((all) => inFolder(all, prefix));
      // A folder inside one already read (a role's applications inside the year's) is taken from it.
      const inside = folder.replace(/\/+$/, '');
      const outer = [...folders.keys()].find((read) => inside.startsWith(`${read.replace(/\/+$/, '')}/`));
      if (outer !== undefined) return folders.get(outer)!.then((files) => new Map([...files].filter(([path]) => path.startsWith(`${inside}/`))));
      return once(folders, folder, () => store.readFolder(folder));
    },
    listFiles: (folder) => {
      const snapshot = everything();
      if (snapshot) return snapshot.then((all) => [...inFolder(all, folderPrefix(folder)).keys()]);
      return once(listings, folder, () => store.listFiles(folder));
    },
    createFile: (path, content, message) => forget(() => store.createFile(path, content, message)),
    createFiles: (list, message) => forget(() => store.createFiles(list, message)),
    writeFile: (path, content, message, expectedSha) => forget(() => store.writeFile(path, content, message, expectedSha)),
    commit: (changes, message) => forget(() => store.commit(changes, message)),
  };
}
