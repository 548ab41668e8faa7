import { createHash } from 'node:crypto';

/**
 * Git object ids computed the way git does, so the stand-in's shas are the ones GitHub (and
 * `git hash-object`) would give for the same bytes.
 */
export function gitBlobSha(content: Buffer): string {
  return gitObjectSha('blob', content);
}

export function gitObjectSha(type: 'blob' | 'tree' | 'commit', body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

export interface TreeEntry {
  name: string;
  type: 'blob' | 'tree';
  mode: '100644' | '040000';
  sha: string;
  /** Blobs only. */
  size?: number;
}

export interface BuiltTrees {
  rootSha: string;
  /** Every tree of this snapshot by sha, root included. */
  trees: Map<string, TreeEntry[]>;
}

/** Builds git tree objects for a flat map of path -> blob, as a commit of those files would hold. */
export function buildTrees(files: ReadonlyMap<string, { sha: string; size: number }>): BuiltTrees {
  const trees = new Map<string, TreeEntry[]>();

  const build = (prefix: string, paths: string[]): string => {
    const blobs: TreeEntry[] = [];
    const folders = new Map<string, string[]>();
    for (const path of paths) {
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) {
        const file = files.get(path)!;
        blobs.push({ name: rest, type: 'blob', mode: '100644', sha: file.sha, size: file.size });
      } else {
        const name = rest.slice(0, slash);
        folders.set(name, [...(folders.get(name) ?? []), path]);
      }
    }
    const entries = [...blobs];
    for (const [name, inner] of folders) {
      entries.push({ name, type: 'tree', mode: '040000', sha: build(`${prefix}${name}/`, inner) });
    }
    // git orders entries by name, a folder's name compared as if it ended with '/'.
    const sortKey = (entry: TreeEntry) => Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name);
    entries.sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
    const body = Buffer.concat(entries.flatMap((entry) => [Buffer.from(`${entry.mode === '040000' ? '40000' : entry.mode} ${entry.name}\0`), Buffer.from(entry.sha, 'hex')]));
    const sha = gitObjectSha('tree', body);
    trees.set(sha, entries);
    return sha;
  };

  const rootSha = build('', [...files.keys()]);
  return { rootSha, trees };
}
