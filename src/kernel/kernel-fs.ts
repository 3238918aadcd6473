/**
 * The kernel's side of the filesystem: it formats the VFS memory at boot,
 * serves `runtime.fs`, `mount` and `export`, hands each new process what it
 * needs to open the VFS, and turns mutations into watch events.
 *
 * With shared memory every process attaches to the kernel's memory; their
 * writes are visible everywhere at once, and they send the kernel only
 * path-level notices for watchers. Without shared memory a process gets a
 * private copy of the memory's bytes at start and sends its mutation log
 * back; the kernel replays it on the authoritative copy (docs/architecture.md,
 * "Filesystem consistency").
 */
import { Vfs, type VfsOp, type VfsStat } from '../fs/vfs.js';
import { check, ErrnoError } from '../fs/errno-error.js';
import { decodeSnapshot, encodeSnapshot, type SnapshotEntry } from '../fs/snapshot-format.js';
import { entriesToTree, treeToEntries, type Tree } from '../fs/tree-entries.js';
import type { FsAttach } from './protocol.js';
import type { FsProvider } from './kernel.js';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

export interface StatResult {
  size: number;
  mtimeMs: number;
  mode: number;
  kind: 'file' | 'dir' | 'symlink' | 'other';
}

export type WatchSink = (watchId: number, event: 'rename' | 'change', filename: string) => void;

interface Watcher {
  id: number;
  path: string;
  recursive: boolean;
  sink: WatchSink;
}

export class KernelFs implements FsProvider {
  readonly vfs: Vfs;
  readonly shared: boolean;
  readonly #module: WebAssembly.Module;
  readonly #watchers = new Map<number, Watcher>();
  #nextWatch = 1;
  /** Hears every mutation (persistence schedules commits from it). */
  onOps: ((ops: readonly VfsOp[]) => void) | undefined;
  /**
   * Without shared memory: passes every mutation, data included, on to the
   * running processes' copies, all but the one it came from (`fromPid`;
   * undefined for runtime.fs). Called before watchers hear of it, so a
   * process's copy holds the change by the time its watcher fires.
   */
  replicate: ((ops: readonly unknown[], fromPid: number | undefined) => void) | undefined;

  private constructor(module: WebAssembly.Module, vfs: Vfs, shared: boolean) {
    this.#module = module;
    this.vfs = vfs;
    this.shared = shared;
  }

  static async create(url: string, shared: boolean, dirs: string[], options: { quota?: number } = {}): Promise<KernelFs> {
    const module = await Vfs.compile(url);
    const memory = Vfs.createMemory(shared, 16);
    const quota = options.quota !== undefined && Number.isFinite(options.quota) && options.quota > 0 ? options.quota : undefined;
    // The kernel's own log feeds watchers and persistence, which need paths, not bytes;
    // without shared memory it also feeds the processes' copies, which need the bytes.
    const vfs = Vfs.format(module, memory, { log: true, logData: !shared, quota });
    const fs = new KernelFs(module, vfs, shared);
    for (const dir of dirs) fs.mkdir(dir, true);
    vfs.takeLog();
    return fs;
  }

  attachFor(): FsAttach {
    this.#flushOwn();
    if (this.shared) return { module: this.#module, memory: this.vfs.memory };
    return { module: this.#module, bytes: this.vfs.memory.buffer.slice(0) as ArrayBuffer };
  }

  /** A process's mutations: replayed here without shared memory, and passed to watchers. */
  applyLog(ops: unknown[], fromPid?: number): void {
    const log = ops as VfsOp[];
    if (!this.shared) {
      this.vfs.apply(log);
      this.replicate?.(log, fromPid);
    }
    this.#notify(log);
  }

  // ------------------------------------------------------------ runtime.fs

  readFile(path: string): Uint8Array {
    return check(this.vfs.readFile(path), 'open', path);
  }

  writeFile(path: string, data: Uint8Array): void {
    check(this.vfs.writeFile(path, data), 'open', path);
    this.#flushOwn();
  }

  readdir(path: string): { name: string; kind: 'file' | 'dir' | 'symlink' }[] {
    return check(this.vfs.readdir(path), 'scandir', path).map((d) => ({ name: d.name, kind: d.type }));
  }

  stat(path: string): StatResult {
    const st = check<VfsStat>(this.vfs.stat(path, true), 'stat', path);
    return { size: st.size, mtimeMs: st.mtimeMs, mode: st.mode, kind: kindOf(st.mode) };
  }

  mkdir(path: string, recursive: boolean): void {
    if (!recursive) {
      check(this.vfs.mkdir(path, 0o777), 'mkdir', path);
    } else {
      let prefix = '';
      for (const part of path.split('/').filter(Boolean)) {
        prefix += `/${part}`;
        const r = this.vfs.mkdir(prefix, 0o777);
        if (r < 0) {
          const st = this.vfs.stat(prefix, true);
          if (typeof st === 'number' || kindOf(st.mode) !== 'dir') check(r, 'mkdir', path);
        }
      }
    }
    this.#flushOwn();
  }

  rm(path: string, recursive: boolean, force: boolean): void {
    const st = this.vfs.stat(path, false);
    if (typeof st === 'number') {
      if (force && st === -2) return;
      check(st, 'rm', path);
      return;
    }
    if (kindOf(st.mode) === 'dir') {
      if (!recursive) {
        const err = new ErrnoError('ERR_FS_EISDIR', 'rm', path);
        err.message = `Path is a directory: rm returned EISDIR (is a directory) ${path}`;
        throw err;
      }
      this.#removeTree(path);
    } else check(this.vfs.unlink(path), 'rm', path);
    this.#flushOwn();
  }

  rename(from: string, to: string): void {
    check(this.vfs.rename(from, to), 'rename', from, to);
    this.#flushOwn();
  }

  watch(path: string, recursive: boolean, sink: WatchSink): number {
    check(this.vfs.stat(path, true), 'watch', path);
    const id = this.#nextWatch++;
    this.#watchers.set(id, { id, path: path === '/' ? '' : path, recursive, sink });
    return id;
  }

  unwatch(id: number): void {
    this.#watchers.delete(id);
  }

  // ------------------------------------------------------------ mount / export

  /**
   * Applies a tree or snapshot at `mountPoint`, all or nothing: the input is
   * validated completely first, and a failure while applying (e.g. ENOSPC)
   * restores what was there.
   */
  mount(input: Tree | Uint8Array, mountPoint: string): number {
    const entries = input instanceof Uint8Array ? decodeSnapshot(input) : treeToEntries(input);
    for (const e of entries) if (e.kind === 'blob') throw new TypeError(`mount: '${e.path}' refers to stored contents; only self-contained snapshots can be mounted`);
    return this.mountEntries(entries, mountPoint);
  }

  /** Applies validated entries at `mountPoint`, all or nothing. */
  mountEntries(entries: SnapshotEntry[], mountPoint: string): number {
    const undo: (() => void)[] = [];
    const base = mountPoint === '/' ? '' : mountPoint;
    try {
      this.#mkdirpUndoable(mountPoint, undo);
      for (const entry of entries) this.#applyEntry(`${base}/${entry.path}`, entry, undo);
      // Adding children touched the directories' mtimes: set theirs last, deepest first.
      for (const entry of [...entries].reverse())
        if (entry.kind === 'dir') check(this.vfs.utimes(`${base}/${entry.path}`, entry.mtimeMs, entry.mtimeMs, false), 'utime', entry.path);
    } catch (err) {
      for (const step of undo.reverse()) {
        try {
          step();
        } catch {
          // best effort: keep undoing the rest
        }
      }
      this.vfs.takeLog();
      throw err;
    }
    this.#flushOwn();
    return entries.length;
  }

  exportEntries(root: string, exclude: string[]): SnapshotEntry[] {
    const out: SnapshotEntry[] = [];
    const matchers = exclude.map(globToRegExp);
    const walk = (abs: string, rel: string) => {
      for (const d of check(this.vfs.readdir(abs), 'scandir', abs)) {
        const childRel = rel ? `${rel}/${d.name}` : d.name;
        if (matchers.some((m) => m.test(childRel))) continue;
        const childAbs = `${abs === '/' ? '' : abs}/${d.name}`;
        const st = check<VfsStat>(this.vfs.stat(childAbs, false), 'lstat', childAbs);
        const kind = kindOf(st.mode);
        if (kind === 'dir') {
          out.push({ kind: 'dir', path: childRel, mode: st.mode, mtimeMs: st.mtimeMs });
          walk(childAbs, childRel);
        } else if (kind === 'symlink') {
          out.push({ kind: 'symlink', path: childRel, mode: st.mode, mtimeMs: st.mtimeMs, target: check(this.vfs.readlink(childAbs), 'readlink', childAbs) });
        } else if (kind === 'file') {
          out.push({ kind: 'file', path: childRel, mode: st.mode, mtimeMs: st.mtimeMs, data: check(this.vfs.readFile(childAbs), 'open', childAbs) });
        }
      }
    };
    walk(root, '');
    return out;
  }

  exportSnapshot(root: string, exclude: string[]): Uint8Array {
    return encodeSnapshot(this.exportEntries(root, exclude));
  }

  exportTree(root: string, exclude: string[]): Tree {
    return entriesToTree(this.exportEntries(root, exclude));
  }

  // ------------------------------------------------------------ internals

  #applyEntry(path: string, entry: SnapshotEntry, undo: (() => void)[]): void {
    const existing = this.vfs.stat(path, false);
    if (typeof existing !== 'number') {
      const kind = kindOf(existing.mode);
      if (entry.kind === 'dir' && kind === 'dir') {
        check(this.vfs.chmod(path, entry.mode & 0o7777, false), 'chmod', path);
        return;
      }
      // Replace what is there, keeping a way back.
      const saved = this.exportEntries(parentOf(path), []).filter((e) => e.path === baseOf(path) || e.path.startsWith(`${baseOf(path)}/`));
      this.#removeTree(path);
      undo.push(() => {
        this.#removeTree(path, true);
        for (const e of saved) this.#applyEntry(`${parentOf(path)}/${e.path}`.replace(/^\/\//, '/'), e, []);
      });
    }
    switch (entry.kind) {
      case 'dir':
        check(this.vfs.mkdir(path, entry.mode & 0o7777), 'mkdir', path);
        undo.push(() => this.#removeTree(path, true));
        break;
      case 'file':
        check(this.vfs.writeFile(path, entry.data, entry.mode & 0o7777), 'open', path);
        undo.push(() => this.vfs.unlink(path));
        check(this.vfs.chmod(path, entry.mode & 0o7777, false), 'chmod', path);
        break;
      case 'symlink':
        check(this.vfs.symlink(entry.target, path), 'symlink', entry.target, path);
        undo.push(() => this.vfs.unlink(path));
        break;
      case 'blob':
        break;
    }
    check(this.vfs.utimes(path, entry.mtimeMs, entry.mtimeMs, false), 'utime', path);
  }

  #mkdirpUndoable(path: string, undo: (() => void)[]): void {
    let prefix = '';
    for (const part of path.split('/').filter(Boolean)) {
      prefix += `/${part}`;
      const st = this.vfs.stat(prefix, true);
      if (typeof st !== 'number') {
        if (kindOf(st.mode) !== 'dir') check(-20, 'mkdir', prefix);
        continue;
      }
      check(this.vfs.mkdir(prefix, 0o755), 'mkdir', prefix);
      const created = prefix;
      undo.push(() => this.vfs.rmdir(created));
    }
  }

  #removeTree(path: string, quiet = false): void {
    const st = this.vfs.stat(path, false);
    if (typeof st === 'number') {
      if (!quiet) check(st, 'rm', path);
      return;
    }
    if (kindOf(st.mode) === 'dir') {
      const entries = this.vfs.readdir(path);
      if (typeof entries !== 'number') for (const d of entries) this.#removeTree(`${path === '/' ? '' : path}/${d.name}`, quiet);
      const r = this.vfs.rmdir(path);
      if (!quiet) check(r, 'rmdir', path);
    } else {
      const r = this.vfs.unlink(path);
      if (!quiet) check(r, 'unlink', path);
    }
  }

  /** The kernel's own mutations reach watchers too. */
  #flushOwn(): void {
    const ops = this.vfs.takeLog();
    if (!ops.length) return;
    if (!this.shared) this.replicate?.(ops, undefined);
    this.#notify(ops);
  }

  #notify(ops: readonly VfsOp[]): void {
    this.onOps?.(ops);
    if (!this.#watchers.size) return;
    for (const op of ops) {
      // inotify as libuv maps it: IN_MODIFY/IN_ATTRIB are 'change', names appearing or going are 'rename'.
      // The VFS logs O_CREAT (0o100) on an `open` only when it created the file; an O_TRUNC of an existing one is IN_MODIFY.
      const event: 'rename' | 'change' =
        op.op === 'write' || op.op === 'truncate' || op.op === 'chmod' || op.op === 'chown' || op.op === 'utimes' ||
        (op.op === 'open' && (op.flags & 0o100) === 0) ? 'change' : 'rename';
      const paths = op.op === 'rename' ? [op.path, op.dest] : op.op === 'link' ? [op.dest] : [op.path];
      for (const p of paths) this.#dispatch(p, event);
    }
  }

  #dispatch(path: string, event: 'rename' | 'change'): void {
    for (const w of this.#watchers.values()) {
      if (path === w.path) {
        w.sink(w.id, event, baseOf(path));
        continue;
      }
      if (!path.startsWith(`${w.path}/`)) continue;
      const rel = path.slice(w.path.length + 1);
      if (w.recursive || !rel.includes('/')) w.sink(w.id, event, rel);
    }
  }
}

export function kindOf(mode: number): 'file' | 'dir' | 'symlink' | 'other' {
  const t = mode & S_IFMT;
  return t === S_IFDIR ? 'dir' : t === S_IFLNK ? 'symlink' : t === S_IFREG ? 'file' : 'other';
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `node_modules`, `dist/**`, `*.log`: a pattern matches a path or any of its parents. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\.?\//, '')
    .replace(/\/$/, '')
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
    .join('.*');
  return glob.includes('/') ? new RegExp(`^${body}(/.*)?$`) : new RegExp(`(^|/)${body}(/.*)?$`);
}
