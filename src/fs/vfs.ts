/**
 * `Vfs`: the synchronous binding over one instance of the WASM filesystem
 * (wasm/vfs). Several instances — the kernel worker and every process worker —
 * may share one `WebAssembly.Memory` (shared build) and then see one tree; the
 * WASM side serialises calls with a lock word in that memory.
 *
 * Every method takes ABSOLUTE paths (callers resolve cwd) and returns a value
 * or a NEGATIVE Linux errno; nothing here throws for filesystem errors (see
 * `check()` in errno-error.ts for the layer that does). Paths and data move
 * through this instance's scratch area (layout.ts: SCR_*): paths ≤ 4095 UTF-8
 * bytes, data in SCR_DATA_SIZE pieces.
 */
import * as L from './layout.js';
import type { VfsOp } from './vfs-op.js';

export type { VfsOp } from './vfs-op.js';

/** Result of `stat`/`lstat`/`fstat`, shaped like Node's `fs.Stats` number fields. */
export interface VfsStat {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
}

/** One `readdir` entry. */
export interface VfsDirent {
  name: string;
  type: 'file' | 'dir' | 'symlink';
}

/** Space accounting: bytes charged to the quota (contents, directories, inode pages). */
export interface VfsUsage {
  bytesUsed: number;
  inodes: number;
  quota: number;
}

/** Options for `Vfs.attach`. */
export interface VfsAttachOptions {
  /** Clock for timestamps, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * Whether this thread may block in `atomic.wait` (shared build only).
   * Default: false on a browser main thread (where it traps), else true.
   */
  canBlock?: boolean;
  /** Record successful mutations for `takeLog()`. Default false. */
  log?: boolean;
  /**
   * Whether logged writes carry their bytes (needed to replay them on another
   * memory). Default true; false when the log only says what changed.
   */
  logData?: boolean;
}

/** Options for `Vfs.format`. */
export interface VfsFormatOptions extends VfsAttachOptions {
  /** Bytes the filesystem may use before ENOSPC. Default 1 GiB. */
  quota?: number;
}

/** Linux open(2) flags understood by `Vfs.open`. */
export const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  CREAT: L.O_CREAT,
  EXCL: L.O_EXCL,
  TRUNC: L.O_TRUNC,
  APPEND: L.O_APPEND,
  DIRECTORY: L.O_DIRECTORY,
  NOFOLLOW: L.O_NOFOLLOW,
} as const;

/** Device number reported in `stat().dev`. */
export const VFS_DEV = 0x766b;

interface VfsExports {
  heapBase(): number;
  format(quota: number): number;
  attach(): number;
  detach(): void;
  setTime(t: number): void;
  setCanBlock(v: number): void;
  setQuota(q: number): void;
  usage(): number;
  lastWritePosition(): number;
  lastOpenCreated(): number;
  stat(len: number, follow: number): number;
  fstat(ino: number): number;
  readlink(len: number): number;
  readdir(len: number, off: number): number;
  realpath(len: number): number;
  access(len: number, mode: number): number;
  open(len: number, flags: number, mode: number): number;
  close(ino: number): number;
  read(ino: number, len: number, pos: number): number;
  write(ino: number, len: number, pos: number): number;
  ftruncate(ino: number, len: number): number;
  truncate(len: number, size: number): number;
  mkdir(len: number, mode: number): number;
  rmdir(len: number): number;
  unlink(len: number): number;
  symlink(tlen: number, len: number): number;
  link(lenA: number, lenB: number): number;
  rename(lenA: number, lenB: number): number;
  chmod(len: number, mode: number, follow: number): number;
  chown(len: number, uid: number, gid: number, follow: number): number;
  utimes(len: number, atime: number, mtime: number, follow: number): number;
  fchmod(ino: number, mode: number): number;
  fchown(ino: number, uid: number, gid: number): number;
  futimes(ino: number, atime: number, mtime: number): number;
}

const ENAMETOOLONG = -36;
const EBADF = -9;
const EINVAL = -22;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DIRENT_TYPES = ['file', 'file', 'dir', 'symlink'] as const;

function onBrowserMainThread(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document !== undefined && g.WorkerGlobalScope === undefined;
}

/** The synchronous binding over one VFS instance. */
const NO_DATA = new Uint8Array(0);

export class Vfs {
  readonly #ex: VfsExports;
  readonly #memory: WebAssembly.Memory;
  readonly #now: () => number;
  #scratch: number;
  #buf: ArrayBufferLike | undefined;
  #u8 = new Uint8Array(0);
  #dv = new DataView(new ArrayBuffer(0));
  #fixedTime: number | undefined;
  #log: VfsOp[] | undefined;
  /** Log mode: path each open ino was opened by, and how many opens this instance holds. */
  readonly #openPaths = new Map<number, { path: string; refs: number }>();

  private constructor(instance: WebAssembly.Instance, memory: WebAssembly.Memory, scratch: number, opts: VfsAttachOptions) {
    this.#ex = instance.exports as unknown as VfsExports;
    this.#memory = memory;
    this.#scratch = scratch;
    this.#now = opts.now ?? Date.now;
    if (opts.log) this.#log = [];
    this.#logData = opts.logData ?? true;
  }

  /** Compiles `vfs.wasm` or `vfs-shared.wasm` from bytes, a URL or a fetch Response. */
  static async compile(source: BufferSource | URL | string | Response): Promise<WebAssembly.Module> {
    if (typeof source === 'string' || source instanceof URL) source = await fetch(source);
    if (typeof Response !== 'undefined' && source instanceof Response) source = await source.arrayBuffer();
    return WebAssembly.compile(source as BufferSource);
  }

  /**
   * Makes a memory suitable for the given build: shared (max 65536 pages) for
   * vfs-shared.wasm, plain for vfs.wasm.
   */
  static createMemory(shared: boolean, initialPages = 2): WebAssembly.Memory {
    return shared
      ? new WebAssembly.Memory({ initial: initialPages, maximum: 65536, shared: true })
      : new WebAssembly.Memory({ initial: initialPages });
  }

  /**
   * Initialises a fresh memory (superblock, allocator, root `/` 0o40755) and
   * returns the first instance over it. Call once per memory. Pass an
   * already-created `WebAssembly.Instance` (made over `{ env: { memory } }`)
   * instead of a module where synchronous instantiation is not allowed
   * (Chromium's main thread refuses modules over 4 KB).
   */
  static format(module: WebAssembly.Module | WebAssembly.Instance, memory: WebAssembly.Memory, options: VfsFormatOptions = {}): Vfs {
    const instance = Vfs.#instantiate(module, memory);
    const ex = instance.exports as unknown as VfsExports;
    ex.setTime((options.now ?? Date.now)());
    const r = ex.format(options.quota ?? 2 ** 30);
    if (r < 0) throw new Error(`VFS format failed (errno ${-r}); heapBase=${ex.heapBase()}`);
    return Vfs.#attachInstance(instance, memory, options);
  }

  /**
   * Joins a memory that `format` initialised — or a byte-for-byte copy of one
   * (copy the bytes into a new memory of at least the same size, then attach).
   * Allocates this instance's scratch area; release it with `dispose()`.
   */
  static attach(module: WebAssembly.Module | WebAssembly.Instance, memory: WebAssembly.Memory, options: VfsAttachOptions = {}): Vfs {
    return Vfs.#attachInstance(Vfs.#instantiate(module, memory), memory, options);
  }

  static #instantiate(module: WebAssembly.Module | WebAssembly.Instance, memory: WebAssembly.Memory): WebAssembly.Instance {
    return module instanceof WebAssembly.Instance ? module : new WebAssembly.Instance(module, { env: { memory } });
  }

  static #attachInstance(instance: WebAssembly.Instance, memory: WebAssembly.Memory, options: VfsAttachOptions): Vfs {
    const ex = instance.exports as unknown as VfsExports;
    ex.setCanBlock((options.canBlock ?? !onBrowserMainThread()) ? 1 : 0);
    const scratch = ex.attach();
    if (scratch < 0) throw new Error(`VFS attach failed (errno ${-scratch}): memory not formatted or full`);
    return new Vfs(instance, memory, scratch >>> 0, options);
  }

  /** Frees this instance's scratch area; the Vfs is unusable afterwards. */
  dispose(): void {
    if (this.#scratch === 0) return;
    this.#ex.detach();
    this.#scratch = 0;
  }

  /** The memory this instance works on. */
  get memory(): WebAssembly.Memory {
    return this.#memory;
  }

  // ------------------------------------------------------------ plumbing

  get #shared(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.#memory.buffer instanceof SharedArrayBuffer;
  }

  #bytes(): Uint8Array {
    const b = this.#memory.buffer;
    if (b !== this.#buf) {
      this.#buf = b;
      this.#u8 = new Uint8Array(b);
      this.#dv = new DataView(b);
    }
    return this.#u8;
  }

  /** Encodes `path` into scratch path slot A (0) or B (4096); byte length or -ENAMETOOLONG. */
  #path(path: string, slot: 0 | 4096 = 0): number {
    if (this.#scratch === 0) return EBADF;
    const start = this.#scratch + slot;
    const dst = this.#bytes().subarray(start, start + L.PATH_MAX);
    // Browsers refuse encodeInto on shared memory: encode, then copy.
    if (this.#shared) {
      const bytes = encoder.encode(path);
      if (bytes.length >= L.PATH_MAX) return ENAMETOOLONG;
      dst.set(bytes);
      return bytes.length;
    }
    const { read, written } = encoder.encodeInto(path, dst);
    if (read < path.length || written >= L.PATH_MAX) return ENAMETOOLONG;
    return written;
  }

  #text(offset: number, len: number): string {
    const start = this.#scratch + offset;
    return decoder.decode(this.#bytes().slice(start, start + len));
  }

  #clock(): number {
    const t = this.#fixedTime ?? this.#now();
    this.#ex.setTime(t);
    return t;
  }

  #logData = true;

  #record(op: VfsOp): void {
    this.#log?.push(op);
  }

  #statOut(): VfsStat {
    this.#bytes();
    const dv = this.#dv;
    const p = this.#scratch + L.SCR_DATA;
    const mode = dv.getUint16(p + L.I_MODE, true);
    const type = mode & L.S_IFMT;
    const isDir = type === L.S_IFDIR;
    const size = dv.getUint32(p + L.I_SIZE, true);
    // ext4's st_blocks: 512-byte units of whole 4 KiB blocks; a symlink
    // target under 60 bytes lives in the inode itself (a "fast" symlink).
    const blocks = isDir ? 8 : type === L.S_IFLNK && size < 60 ? 0 : Math.ceil(size / 4096) * 8;
    return {
      dev: VFS_DEV,
      ino: dv.getUint32(p + L.ST_INO, true),
      mode,
      nlink: dv.getUint32(p + L.I_NLINK, true),
      uid: dv.getUint32(p + L.I_UID, true),
      gid: dv.getUint32(p + L.I_GID, true),
      rdev: 0,
      size: isDir ? 4096 : size,
      blksize: 4096,
      blocks,
      atimeMs: dv.getFloat64(p + L.I_ATIME, true),
      mtimeMs: dv.getFloat64(p + L.I_MTIME, true),
      ctimeMs: dv.getFloat64(p + L.I_CTIME, true),
      birthtimeMs: dv.getFloat64(p + L.I_BIRTHTIME, true),
    };
  }

  // ------------------------------------------------------------ queries

  /** stat(2) (`follow`) or lstat(2). */
  stat(path: string, follow = true): VfsStat | number {
    const n = this.#path(path);
    if (n < 0) return n;
    const r = this.#ex.stat(n, follow ? 1 : 0);
    return r < 0 ? r : this.#statOut();
  }

  /** fstat(2) of an ino returned by `open`. */
  fstat(ino: number): VfsStat | number {
    if (this.#scratch === 0) return EBADF;
    const r = this.#ex.fstat(ino);
    return r < 0 ? r : this.#statOut();
  }

  /** readlink(2): the symlink's target. */
  readlink(path: string): string | number {
    const n = this.#path(path);
    if (n < 0) return n;
    const r = this.#ex.readlink(n);
    return r < 0 ? r : this.#text(L.SCR_DATA, r);
  }

  /** Directory entries in insertion order (no `.`/`..`). */
  readdir(path: string): VfsDirent[] | number {
    const n = this.#path(path);
    if (n < 0) return n;
    const out: VfsDirent[] = [];
    let off = 0;
    for (;;) {
      const r = this.#ex.readdir(n, off);
      if (r < 0) return r;
      if (r === 0) return out;
      const u8 = this.#bytes();
      const dv = this.#dv;
      const base = this.#scratch + L.SCR_DATA;
      let p = 0;
      while (p < r) {
        const len = dv.getUint16(base + p + L.D_NAMELEN, true);
        const type = DIRENT_TYPES[u8[base + p + L.D_TYPE]!] ?? 'file';
        out.push({ name: decoder.decode(u8.slice(base + p + L.D_NAME, base + p + L.D_NAME + len)), type });
        p += L.D_NAME + len;
      }
      off += r;
    }
  }

  /** realpath(3): canonical absolute path with symlinks resolved. */
  realpath(path: string): string | number {
    const n = this.#path(path);
    if (n < 0) return n;
    const r = this.#ex.realpath(n);
    return r < 0 ? r : this.#text(L.SCR_DATA, r);
  }

  /** access(2) with F_OK 0 / R_OK 4 / W_OK 2 / X_OK 1, checked against the owner bits. */
  access(path: string, mode = 0): number {
    const n = this.#path(path);
    return n < 0 ? n : this.#ex.access(n, mode);
  }

  /** Filesystem usage and quota. */
  usage(): VfsUsage {
    this.#ex.usage();
    this.#bytes();
    const p = this.#scratch + L.SCR_DATA;
    return { bytesUsed: this.#dv.getFloat64(p, true), quota: this.#dv.getFloat64(p + 8, true), inodes: this.#dv.getUint32(p + 16, true) };
  }

  /** Changes the quota (bytes). */
  setQuota(bytes: number): void {
    this.#ex.setQuota(bytes);
  }

  // ------------------------------------------------------------ open files

  /**
   * open(2) with Linux O_* flags; returns the ino, which holds an open
   * reference until `close(ino)` (an unlinked inode lives until then). Access
   * modes are not enforced here: the fd layer owns them, and O_APPEND too
   * (pass `position: null` to `write`). No umask is applied.
   */
  open(path: string, flags: number, mode = 0o666): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const ino = this.#ex.open(n, flags, mode);
    if (ino < 0 || !this.#log) return ino;
    const known = this.#openPaths.get(ino);
    if (known) known.refs++;
    else this.#openPaths.set(ino, { path, refs: 1 });
    // O_CREAT is logged only when it created the file, so a watcher can tell
    // a new name ('rename') from a truncation ('change'), as inotify does.
    const created = this.#ex.lastOpenCreated() !== 0;
    const logged = created ? flags : flags & ~L.O_CREAT;
    if (logged & (L.O_CREAT | L.O_TRUNC)) {
      const keep = L.O_ACCMODE | L.O_CREAT | L.O_TRUNC | L.O_DIRECTORY | L.O_NOFOLLOW;
      this.#record({ op: 'open', path, flags: logged & keep, mode, t });
    }
    return ino;
  }

  /** Drops an open reference taken by `open`. */
  close(ino: number): number {
    if (this.#scratch === 0) return EBADF;
    const r = this.#ex.close(ino);
    const known = this.#openPaths.get(ino);
    if (r === 0 && known && --known.refs === 0) this.#openPaths.delete(ino);
    return r;
  }

  /** Reads into `target` from byte `position`; returns bytes read (0 at EOF). */
  read(ino: number, target: Uint8Array, position: number): number {
    if (this.#scratch === 0) return EBADF;
    let done = 0;
    while (done < target.length) {
      const r = this.#ex.read(ino, Math.min(target.length - done, L.SCR_DATA_SIZE), position + done);
      if (r < 0) return done > 0 ? done : r;
      if (r === 0) break;
      const start = this.#scratch + L.SCR_DATA;
      target.set(this.#bytes().subarray(start, start + r), done);
      done += r;
    }
    return done;
  }

  /**
   * Writes `data` at `position` (`null`: at end of file, as O_APPEND does);
   * a position past EOF zero-fills the gap. Returns bytes written.
   */
  write(ino: number, data: Uint8Array, position: number | null): number {
    if (this.#scratch === 0) return EBADF;
    const t = this.#clock();
    let done = 0;
    let start = -1;
    do {
      const n = Math.min(data.length - done, L.SCR_DATA_SIZE);
      const dst = this.#scratch + L.SCR_DATA;
      this.#bytes().set(data.subarray(done, done + n), dst);
      const pos = done === 0 ? (position ?? -1) : start + done;
      const r = this.#ex.write(ino, n, pos);
      if (r < 0) {
        if (done === 0) return r;
        break;
      }
      if (done === 0) start = this.#ex.lastWritePosition();
      done += r;
    } while (done < data.length);
    if (this.#log && done > 0) {
      const path = this.#loggedPath(ino);
      if (path !== undefined) this.#record({ op: 'write', path, position: start, data: this.#logData ? data.slice(0, done) : NO_DATA, t });
    }
    return done;
  }

  /** ftruncate(2). */
  ftruncate(ino: number, len: number): number {
    if (this.#scratch === 0) return EBADF;
    const t = this.#clock();
    const r = this.#ex.ftruncate(ino, len);
    if (r === 0 && this.#log) {
      const path = this.#loggedPath(ino);
      if (path !== undefined) this.#record({ op: 'truncate', path, len, t });
    }
    return r;
  }

  /** Path an open ino is logged under, or undefined when it has no name left. */
  #loggedPath(ino: number): string | undefined {
    const known = this.#openPaths.get(ino);
    if (!known || this.#ex.fstat(ino) < 0) return undefined;
    this.#bytes();
    const nlink = this.#dv.getUint32(this.#scratch + L.SCR_DATA + L.I_NLINK, true);
    return nlink > 0 ? known.path : undefined;
  }

  /** Whole contents of a file. */
  readFile(path: string): Uint8Array | number {
    const ino = this.open(path, O.RDONLY, 0);
    if (ino < 0) return ino;
    let result: Uint8Array | number;
    const st = this.fstat(ino);
    if (typeof st === 'number') {
      result = st;
    } else if ((st.mode & L.S_IFMT) === L.S_IFDIR) {
      result = -21;
    } else {
      const buf = new Uint8Array(st.size);
      const r = this.read(ino, buf, 0);
      result = r < 0 ? r : r === buf.length ? buf : buf.subarray(0, r);
    }
    this.close(ino);
    return result;
  }

  /** Creates or replaces a file's contents (O_WRONLY|O_CREAT|O_TRUNC). Returns 0. */
  writeFile(path: string, data: Uint8Array, mode = 0o666): number {
    const ino = this.open(path, O.WRONLY | O.CREAT | O.TRUNC, mode);
    if (ino < 0) return ino;
    const r = data.length > 0 ? this.write(ino, data, 0) : 0;
    this.close(ino);
    return r < 0 ? r : 0;
  }

  // ------------------------------------------------------------ namespace

  #path2(a: string, b: string): [number, number] | number {
    const na = this.#path(a, 0);
    if (na < 0) return na;
    const nb = this.#path(b, 4096);
    if (nb < 0) return nb;
    return [na, nb];
  }

  /** mkdir(2) (not recursive; no umask applied). */
  mkdir(path: string, mode = 0o777): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const r = this.#ex.mkdir(n, mode);
    if (r === 0) this.#record({ op: 'mkdir', path, mode, t });
    return r;
  }

  /** rmdir(2). */
  rmdir(path: string): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const r = this.#ex.rmdir(n);
    if (r === 0) this.#record({ op: 'rmdir', path, t });
    return r;
  }

  /** unlink(2); an open inode survives until closed. */
  unlink(path: string): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const r = this.#ex.unlink(n);
    if (r === 0) this.#record({ op: 'unlink', path, t });
    return r;
  }

  /** rename(2) with POSIX replace semantics. */
  rename(from: string, to: string): number {
    const p = this.#path2(from, to);
    if (typeof p === 'number') return p;
    const t = this.#clock();
    const r = this.#ex.rename(p[0], p[1]);
    if (r === 0 && this.#log) {
      this.#record({ op: 'rename', path: from, dest: to, t });
      for (const entry of this.#openPaths.values()) {
        if (entry.path === from) entry.path = to;
        else if (entry.path.startsWith(from + '/')) entry.path = to + entry.path.slice(from.length);
      }
    }
    return r;
  }

  /** symlink(2): creates `path` pointing at `target` (stored verbatim). */
  symlink(target: string, path: string): number {
    const n = this.#path(path, 0);
    if (n < 0) return n;
    const tn = this.#path(target, 4096);
    if (tn < 0) return tn;
    const t = this.#clock();
    const r = this.#ex.symlink(tn, n);
    if (r === 0) this.#record({ op: 'symlink', target, path, t });
    return r;
  }

  /** link(2): `newPath` becomes another name of `existing` (symlinks not followed). */
  link(existing: string, newPath: string): number {
    const p = this.#path2(existing, newPath);
    if (typeof p === 'number') return p;
    const t = this.#clock();
    const r = this.#ex.link(p[0], p[1]);
    if (r === 0) this.#record({ op: 'link', path: existing, dest: newPath, t });
    return r;
  }

  /** chmod(2) (`follow`) or lchmod. */
  chmod(path: string, mode: number, follow = true): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const r = this.#ex.chmod(n, mode, follow ? 1 : 0);
    if (r === 0) this.#record({ op: 'chmod', path, mode, follow, t });
    return r;
  }

  /** chown(2) (`follow`) or lchown; -1 leaves an id unchanged. */
  chown(path: string, uid: number, gid: number, follow = true): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const r = this.#ex.chown(n, uid, gid, follow ? 1 : 0);
    if (r === 0) this.#record({ op: 'chown', path, uid, gid, follow, t });
    return r;
  }

  /** utimes(2) (`follow`) or lutimes, times in ms. */
  utimes(path: string, atimeMs: number, mtimeMs: number, follow = true): number {
    const n = this.#path(path);
    if (n < 0) return n;
    const t = this.#clock();
    const r = this.#ex.utimes(n, atimeMs, mtimeMs, follow ? 1 : 0);
    if (r === 0) this.#record({ op: 'utimes', path, atimeMs, mtimeMs, follow, t });
    return r;
  }

  /** fchmod(2) of an ino returned by `open` (works after rename or unlink). */
  fchmod(ino: number, mode: number): number {
    if (this.#scratch === 0) return EBADF;
    const t = this.#clock();
    const r = this.#ex.fchmod(ino, mode);
    if (r === 0 && this.#log) {
      const path = this.#loggedPath(ino);
      if (path !== undefined) this.#record({ op: 'chmod', path, mode, follow: true, t });
    }
    return r;
  }

  /** fchown(2); -1 leaves an id unchanged. */
  fchown(ino: number, uid: number, gid: number): number {
    if (this.#scratch === 0) return EBADF;
    const t = this.#clock();
    const r = this.#ex.fchown(ino, uid, gid);
    if (r === 0 && this.#log) {
      const path = this.#loggedPath(ino);
      if (path !== undefined) this.#record({ op: 'chown', path, uid, gid, follow: true, t });
    }
    return r;
  }

  /** futimens(2), times in ms. */
  futimes(ino: number, atimeMs: number, mtimeMs: number): number {
    if (this.#scratch === 0) return EBADF;
    const t = this.#clock();
    const r = this.#ex.futimes(ino, atimeMs, mtimeMs);
    if (r === 0 && this.#log) {
      const path = this.#loggedPath(ino);
      if (path !== undefined) this.#record({ op: 'utimes', path, atimeMs, mtimeMs, follow: true, t });
    }
    return r;
  }

  /** truncate(2). */
  truncate(path: string, len: number): number {
    const n = this.#path(path);
    if (n < 0) return n;
    if (!(len >= 0)) return EINVAL;
    const t = this.#clock();
    const r = this.#ex.truncate(n, len);
    if (r === 0) this.#record({ op: 'truncate', path, len, t });
    return r;
  }

  // ------------------------------------------------------------ replication

  /** Whether mutations are being logged. */
  get logging(): boolean {
    return this.#log !== undefined;
  }

  /** Starts or stops logging (stopping discards the pending log). */
  set logging(on: boolean) {
    this.#log = on ? (this.#log ?? []) : undefined;
  }

  /** Returns the mutations logged since the last call and clears the log. */
  takeLog(): VfsOp[] {
    const log = this.#log ?? [];
    if (this.#log) this.#log = [];
    return log;
  }

  /**
   * Replays ops (from another instance's `takeLog()`) on this one, with their
   * original timestamps. Returns each op's result (0/bytes or -errno). Ops
   * are not re-logged unless `options.log` is true.
   */
  apply(ops: readonly VfsOp[], options: { log?: boolean } = {}): number[] {
    const saved = this.#log;
    if (!options.log) this.#log = undefined;
    const results: number[] = [];
    try {
      for (const op of ops) {
        this.#fixedTime = op.t;
        results.push(this.#applyOne(op));
      }
    } finally {
      this.#fixedTime = undefined;
      this.#log = saved;
    }
    return results;
  }

  #applyOne(op: VfsOp): number {
    switch (op.op) {
      case 'open': {
        const ino = this.open(op.path, op.flags, op.mode);
        if (ino >= 0) this.close(ino);
        return ino < 0 ? ino : 0;
      }
      case 'write': {
        const ino = this.open(op.path, O.WRONLY, 0);
        if (ino < 0) return ino;
        const r = this.write(ino, op.data, op.position);
        this.close(ino);
        return r;
      }
      case 'truncate': return this.truncate(op.path, op.len);
      case 'mkdir': return this.mkdir(op.path, op.mode);
      case 'rmdir': return this.rmdir(op.path);
      case 'unlink': return this.unlink(op.path);
      case 'rename': return this.rename(op.path, op.dest);
      case 'symlink': return this.symlink(op.target, op.path);
      case 'link': return this.link(op.path, op.dest);
      case 'chmod': return this.chmod(op.path, op.mode, op.follow);
      case 'chown': return this.chown(op.path, op.uid, op.gid, op.follow);
      case 'utimes': return this.utimes(op.path, op.atimeMs, op.mtimeMs, op.follow);
    }
  }
}
