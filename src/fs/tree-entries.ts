/**
 * FileSystemTree (API.md) ↔ snapshot entries. The tree is the friendly,
 * JSON-like shape users write; entries are what the VFS and the snapshot
 * format work with. Validation happens here, before anything is applied, so a
 * malformed tree leaves the filesystem untouched.
 */
import { badPath, type SnapshotEntry } from './snapshot-format.js';

export type TreeNode =
  | { file: { contents: string | Uint8Array } }
  | { file: { symlink: string } }
  | { directory: Tree };
export type Tree = { [name: string]: TreeNode };

const encoder = new TextEncoder();

/** A tree that cannot be mounted; `path` names the offending node. */
export class TreeFormatError extends TypeError {
  readonly code = 'ERR_VERKLET_TREE';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`invalid FileSystemTree at '${path}': ${message}`);
  }
}

export function treeToEntries(tree: unknown, now = Date.now()): SnapshotEntry[] {
  const entries: SnapshotEntry[] = [];
  walk(tree, '', entries, now);
  return entries;
}

function walk(tree: unknown, prefix: string, out: SnapshotEntry[], now: number): void {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree) || tree instanceof Uint8Array)
    throw new TreeFormatError('expected an object of names', prefix || '.');
  for (const [name, node] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (name.includes('/')) throw new TreeFormatError(`a name may not contain '/' (nest a { directory } instead)`, path);
    const why = badPath(path);
    if (why) throw new TreeFormatError(why, path);
    if (node === null || typeof node !== 'object') throw new TreeFormatError('expected { file } or { directory }', path);
    const n = node as Record<string, unknown>;
    if ('directory' in n) {
      out.push({ kind: 'dir', path, mode: 0o40755, mtimeMs: now });
      walk(n.directory, path, out, now);
    } else if ('file' in n && n.file !== null && typeof n.file === 'object') {
      const f = n.file as Record<string, unknown>;
      if ('symlink' in f) {
        if (typeof f.symlink !== 'string' || !f.symlink || f.symlink.includes('\0'))
          throw new TreeFormatError('symlink must be a non-empty string', path);
        out.push({ kind: 'symlink', path, mode: 0o120777, mtimeMs: now, target: f.symlink });
      } else if (typeof f.contents === 'string') {
        out.push({ kind: 'file', path, mode: 0o100644, mtimeMs: now, data: encoder.encode(f.contents) });
      } else if (f.contents instanceof Uint8Array) {
        out.push({ kind: 'file', path, mode: 0o100644, mtimeMs: now, data: f.contents });
      } else throw new TreeFormatError('file.contents must be a string or a Uint8Array', path);
    } else throw new TreeFormatError('expected { file: { contents | symlink } } or { directory: {...} }', path);
  }
}

/** Builds a tree from entries (strings for UTF-8 text, bytes otherwise). */
export function entriesToTree(entries: Iterable<SnapshotEntry>): Tree {
  const root: Tree = {};
  const dirs = new Map<string, Tree>([['', root]]);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const e of entries) {
    const slash = e.path.lastIndexOf('/');
    const parent = dirs.get(slash < 0 ? '' : e.path.slice(0, slash));
    if (!parent) continue;
    const name = e.path.slice(slash + 1);
    if (e.kind === 'dir') {
      const child: Tree = {};
      dirs.set(e.path, child);
      parent[name] = { directory: child };
    } else if (e.kind === 'symlink') parent[name] = { file: { symlink: e.target } };
    else if (e.kind === 'file') {
      let contents: string | Uint8Array = e.data;
      try {
        contents = decoder.decode(e.data);
      } catch {
        // binary: keep bytes
      }
      parent[name] = { file: { contents } };
    }
  }
  return root;
}
