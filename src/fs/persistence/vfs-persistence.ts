/**
 * The glue between a VFS and a PersistenceStore, so the kernel's side is a
 * few calls: `open` restores the key into the VFS at boot, `noteOps` feeds
 * the mutation log (the same ops watchers get) to a CommitScheduler that
 * commits only the changed paths, `flush` saves now (teardown, pagehide),
 * `close` saves and lets go of the key.
 *
 * It needs only the read side of the VFS (lstat, readdir, readlink,
 * readFile), structurally: `Vfs` from src/fs/vfs.ts fits as is.
 */
import type { SnapshotEntry } from '../snapshot-format.js';
import { CommitScheduler, type CommitSchedulerOptions } from './commit-scheduler.js';
import { PersistenceStore, type CommitEntry, type CommitResult, type OpenOptions } from './persistence-store.js';

/** What persistence reads from the VFS; results are errno numbers (< 0) on failure, as `Vfs` returns them. */
export interface PersistedVfs {
  stat(path: string, follow?: boolean): { mode: number; size: number; mtimeMs: number } | number;
  readdir(path: string): { name: string }[] | number;
  readlink(path: string): string | number;
  readFile(path: string): Uint8Array | number;
}

/** The fields of a VFS op (src/fs/vfs-op.ts) that say which paths it touched. */
export interface TouchedPaths {
  path: string;
  dest?: string;
}

export interface VfsPersistenceOptions extends OpenOptions {
  vfs: PersistedVfs;
  /** Absolute folder that is persisted (the runtime's workdir). */
  dir: string;
  /** Writes the restored entries into the VFS at `dir` (the kernel's mount). Not called when nothing is stored. */
  mount(entries: SnapshotEntry[]): void | Promise<void>;
  scheduler?: CommitSchedulerOptions;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

export class VfsPersistence {
  /**
   * Opens the key (following `onConflict`), restores it into the VFS through
   * `mount`, and starts watching for changes. Ops reported while `mount` runs
   * are ignored: they are the restore itself.
   */
  static async open(options: VfsPersistenceOptions): Promise<VfsPersistence> {
    const store = await PersistenceStore.open(options);
    const p = new VfsPersistence(store, options);
    try {
      const entries = await store.restore();
      if (entries?.length) {
        p.#muted = true;
        try {
          await options.mount(entries);
        } finally {
          p.#muted = false;
        }
      }
    } catch (err) {
      await store.close();
      throw err;
    }
    return p;
  }

  readonly store: PersistenceStore;
  readonly #vfs: PersistedVfs;
  readonly #dir: string;
  readonly #scheduler: CommitScheduler;
  #muted = false;
  #closed = false;

  private constructor(store: PersistenceStore, options: VfsPersistenceOptions) {
    this.store = store;
    this.#vfs = options.vfs;
    this.#dir = options.dir === '/' ? '' : options.dir.replace(/\/+$/, '');
    this.#scheduler = new CommitScheduler((paths) => this.#commit(paths), options.scheduler);
  }

  /** Where the files are kept: what `capabilities.persistentFilesystem` reports. */
  get backend(): PersistenceStore['backend'] {
    return this.store.backend;
  }

  /** The key in use (differs from the requested one after a fork). */
  get key(): string {
    return this.store.key;
  }

  get readonly(): boolean {
    return this.store.readonly;
  }

  /** Feeds mutations (the VFS op log, or path-level notices); schedules a commit when any is under `dir`. */
  noteOps(ops: Iterable<TouchedPaths>): void {
    if (this.#muted || this.#closed || this.store.readonly) return;
    const paths: string[] = [];
    for (const op of ops) {
      const a = this.#rel(op.path);
      if (a !== undefined) paths.push(a);
      if (op.dest !== undefined) {
        const b = this.#rel(op.dest);
        if (b !== undefined) paths.push(b);
      }
    }
    if (paths.length) this.#scheduler.schedule(paths);
  }

  /** Commits pending changes now. */
  flush(): Promise<void> {
    return this.#scheduler.flush();
  }

  /** Commits pending changes, then releases the key. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#scheduler.dispose();
    } finally {
      await this.store.close();
    }
  }

  #commit(paths: Set<string>): Promise<CommitResult> {
    // '' (the persisted folder itself) means "look at everything".
    if (paths.has('')) return this.store.commit({ entries: this.#walk(''), read: this.#read });
    return this.store.commit({ changed: paths, lookup: this.#lookup, walk: this.#walk, read: this.#read });
  }

  #rel(path: string): string | undefined {
    if (path === this.#dir || (this.#dir === '' && path === '/')) return '';
    if (!path.startsWith(`${this.#dir}/`)) return undefined;
    return path.slice(this.#dir.length + 1);
  }

  #abs(rel: string): string {
    return rel ? `${this.#dir}/${rel}` : this.#dir || '/';
  }

  readonly #lookup = (rel: string): CommitEntry | null => {
    const abs = this.#abs(rel);
    const st = this.#vfs.stat(abs, false);
    if (typeof st === 'number') return null;
    switch (st.mode & S_IFMT) {
      case S_IFDIR:
        return { kind: 'dir', path: rel, mode: st.mode, mtimeMs: st.mtimeMs };
      case S_IFREG:
        return { kind: 'file', path: rel, mode: st.mode, mtimeMs: st.mtimeMs, size: st.size };
      case S_IFLNK: {
        const target = this.#vfs.readlink(abs);
        return typeof target === 'number' ? null : { kind: 'symlink', path: rel, mode: st.mode, mtimeMs: st.mtimeMs, target };
      }
      default:
        return null; // devices, fifos: not persisted
    }
  };

  readonly #walk = (rel: string): CommitEntry[] => {
    const out: CommitEntry[] = [];
    const visit = (dirRel: string) => {
      const list = this.#vfs.readdir(this.#abs(dirRel));
      if (typeof list === 'number') return;
      for (const d of list) {
        const child = dirRel ? `${dirRel}/${d.name}` : d.name;
        const e = this.#lookup(child);
        if (!e) continue;
        out.push(e);
        if (e.kind === 'dir') visit(child);
      }
    };
    visit(rel);
    return out;
  };

  readonly #read = (rel: string): Uint8Array => {
    const data = this.#vfs.readFile(this.#abs(rel));
    if (typeof data === 'number') throw Object.assign(new Error(`persistence: cannot read '${this.#abs(rel)}' (errno ${data})`), { errno: data });
    return data;
  };
}
