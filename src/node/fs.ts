/**
 * `fs`: Node 24's file-system module over a process's VFS (src/fs/vfs.ts).
 * The VFS answers synchronously with values or negative errnos; this module
 * validates arguments exactly as Node does (internal/fs-args.ts), resolves
 * relative paths against the process's cwd, keeps the process's fd table, and
 * turns errnos into Node's errors through `ErrnoError` (the one such layer).
 *
 * Each call is written once as a "prep" that validates its arguments and
 * returns a thunk doing the synchronous work; the `*Sync`, callback and
 * promise forms are generated from it: the callback form validates
 * synchronously (throwing as Node does) and runs the thunk through
 * `host.defer`, the promise form rejects instead of throwing.
 * https://nodejs.org/docs/latest-v24.x/api/fs.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ErrnoError } from '../fs/errno-error.js';
import type { Vfs, VfsStat } from '../fs/vfs.js';
import { Buffer } from './buffer.js';
import {
  AbortError, absolute, accessModeArg, bytesOf, constants, encodeName, encodingArg, ERR_FS_EISDIR,
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, fdArg, flagsArg,
  isArrayBufferView, isURL, joinPath, modeArg, optionsArg, pathArg, resolvePath, timeArg, validateBoolean,
  validateFunction, validateInteger, validateObject, validateUint32,
} from './internal/fs-args.js';
import { cpImpl, type CpOptions } from './internal/fs-cp.js';
import { Dir } from './internal/fs-dir.js';
import { FdTable, type OpenFile } from './internal/fs-fd-table.js';
import { BigIntStats, Dirent, direntType, makeStats, Stats as StatsClass } from './internal/fs-stats.js';
import { callableClass } from './internal/callable-class.js';
import { createStreams } from './internal/fs-streams.js';
import { createWatching, LocalWatchers } from './internal/fs-watch.js';
import { createPromises } from './fs-promises.js';
import { globMatches } from './internal/fs-glob.js';
import { deprecate } from './util.js';

/** `fs.Stats`: callable without `new`, and deprecated when user code constructs it (DEP0180). */
const Stats: typeof StatsClass = deprecate(callableClass(StatsClass), 'fs.Stats constructor is deprecated.', 'DEP0180');

/** What a process gives its `fs`. */
export interface FsHost {
  /** The process's VFS instance. */
  vfs: Vfs;
  /** Called after every successful mutation (the kernel replicates and fires watchers). */
  changed(): void;
  /** The process's cwd, for relative paths. */
  cwd(): string;
  /** The process's umask, applied to modes of created files and directories. */
  umask(): number;
  /** Runs a callback-API completion the way the host's event loop wants (keeps the process alive until it runs). Default `setTimeout(fn, 0)`. */
  defer?(fn: () => void): void;
  /**
   * Kernel-backed watching of an absolute path; returns an unsubscribe
   * function. Without it, `fs.watch` sees only this fs's own mutations.
   */
  watch?(path: string, recursive: boolean, listener: (event: 'rename' | 'change', filename: string) => void): () => void;
  /** Bytes written to fd 1 or 2 (`fs.writeSync(1, …)`); dropped when absent. */
  writeStdio?(fd: 1 | 2, bytes: Uint8Array): void;
  /** Synchronous stdin bytes for `fs.readSync(0, …)`; null/absent means EOF. */
  readStdin?(max: number): Uint8Array | null;
  /** `fs.read(0, …)`: up to `max` bytes of stdin when they come, null at EOF. */
  readStdinAsync?(max: number, callback: (bytes: Uint8Array | null) => void): void;
  /** Max open files (EMFILE beyond). Default 1024. */
  fdLimit?: number;
}

const { O_CREAT, O_TRUNC, O_APPEND, O_EXCL, O_WRONLY, O_RDWR, S_IFMT, S_IFDIR, S_IFLNK } = constants;
const EPERM = -1;
const EBADF = -9;
const EISDIR = -21;
const EINVAL = -22;
const ENOENT = -2;
const EEXIST = -17;
const ENOTDIR = -20;
const kEmpty = Object.freeze({});

function fail(errno: number, syscall: string, path?: string, dest?: string): never {
  throw ErrnoError.fromErrno(errno, syscall, path, dest);
}

/**
 * Seconds (as Node passes them to libuv) to the ms Node's stat would report
 * back: libuv truncates to a timespec, Node reports µs precision.
 */
function toMs(seconds: number): number {
  const sec = Math.floor(seconds);
  const nsec = Math.trunc((seconds - sec) * 1e9);
  return sec * 1000 + Math.floor(nsec / 1000) / 1000;
}

const isDirMode = (mode: number) => (mode & S_IFMT) === S_IFDIR;

/** Arguments of read/readSync after Node's overload resolution. */
interface ReadArgs { fd: number; buffer: Uint8Array; offset: number; length: number; position: number | bigint | null }

function validateBuffer(buffer: unknown, name = 'buffer'): asserts buffer is ArrayBufferView {
  if (!isArrayBufferView(buffer)) throw ERR_INVALID_ARG_TYPE(name, 'an instance of Buffer, TypedArray, or DataView', buffer);
}

function validatePosition(position: unknown, name: string, length: number): void {
  if (typeof position === 'number') validateInteger(position, name, -1);
  else if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw ERR_OUT_OF_RANGE(name, `>= -1 && <= ${max}`, position);
  } else throw ERR_INVALID_ARG_TYPE(name, 'of type number or bigint', position);
}

function validateOffsetLengthRead(offset: number, length: number, bufferLength: number): void {
  if (offset < 0) throw ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) throw ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
}

function validateOffsetLengthWrite(offset: number, length: number, byteLength: number): void {
  if (offset > byteLength) throw ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (!Number.isInteger(length)) throw ERR_OUT_OF_RANGE('length', 'an integer', length);
}

/** `readSync`'s overloads: (fd, buffer, offset, length, position) or (fd, buffer, options). */
export function readArgs(argc: number, fd: unknown, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown): ReadArgs {
  const fdn = fdArg(fd);
  validateBuffer(buffer);
  let offset: any = offsetOrOptions;
  if (argc <= 3 || (typeof offsetOrOptions === 'object' && offsetOrOptions !== null)) {
    if (offsetOrOptions !== undefined && offsetOrOptions !== null) validateObject(offsetOrOptions, 'options');
    const o: any = offsetOrOptions ?? kEmpty;
    offset = o.offset ?? 0;
    length = o.length ?? buffer.byteLength - offset;
    position = o.position ?? null;
  }
  if (offset === undefined) offset = 0;
  else validateInteger(offset, 'offset', 0);
  let len = (length as number) | 0;
  if (len !== 0) {
    if (buffer.byteLength === 0) throw ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
    validateOffsetLengthRead(offset, len, buffer.byteLength);
  }
  if (position == null) position = -1;
  validatePosition(position, 'position', len);
  if (len < 0) len = 0;
  return { fd: fdn, buffer: bytesOf(buffer), offset, length: len, position: position as number | bigint };
}

/**
 * Functions assigned to properties (`fs.readFileSync = function …`) get no
 * name from the engine; Node's have their property's name (`fs.readFileSync.name`
 * is 'readFileSync', which loggers and wrappers such as graceful-fs read).
 */
function nameFunctions(obj: Record<string, unknown>): void {
  for (const key of Object.keys(obj)) {
    const fn = obj[key];
    if (typeof fn === 'function' && fn.name === '') Object.defineProperty(fn, 'name', { value: key, configurable: true });
  }
}

/** Creates `fs` for one process. The result has Node's full `fs` surface, with `promises`. */
export function createFs(host: FsHost): any {
  const vfs = host.vfs;
  const defer = host.defer ? host.defer.bind(host) : (fn: () => void) => void setTimeout(fn, 0);
  const table = new FdTable(host.fdLimit);
  const local = new LocalWatchers();
  const A = (p: string) => absolute(host.cwd(), p);

  /** After a successful mutation of `abs`. */
  function mutated(abs: string, event: 'rename' | 'change', abs2?: string): void {
    host.changed();
    if (!host.watch && local.active) {
      local.notify(resolvePath('/', abs), event);
      if (abs2 !== undefined) local.notify(resolvePath('/', abs2), event);
    }
  }

  function statOf(abs: string, follow: boolean, syscall: string, path: string): VfsStat {
    const s = vfs.stat(abs, follow);
    if (typeof s === 'number') fail(s, syscall, path);
    return s;
  }

  function file(fd: number, syscall: string): OpenFile {
    const f = table.get(fd);
    if (!f) fail(EBADF, syscall);
    return f;
  }

  // ------------------------------------------------------------ fd operations

  function openImpl(path: string, flags: number, mode: number): number {
    const abs = A(path);
    const existed = local.active && !host.watch && flags & O_CREAT ? typeof vfs.stat(abs, true) !== 'number' : true;
    const ino = vfs.open(abs, flags, mode & ~host.umask());
    if (ino < 0) fail(ino, 'open', path);
    const st = vfs.fstat(ino) as VfsStat;
    const acc = flags & 3;
    const fd = table.add({
      ino, flags, position: 0, path: abs,
      readable: acc === 0 || acc === O_RDWR,
      writable: acc === O_WRONLY || acc === O_RDWR,
      append: (flags & O_APPEND) !== 0,
      isDir: isDirMode(st.mode),
    });
    if (fd < 0) {
      vfs.close(ino);
      fail(fd, 'open', path);
    }
    if (flags & (O_CREAT | O_TRUNC)) {
      if (!existed) mutated(abs, 'rename');
      else if (flags & O_TRUNC && !isDirMode(st.mode)) mutated(abs, 'change');
      else host.changed();
    }
    return fd;
  }

  function closeImpl(fd: number): void {
    if (fd <= 2) return;
    const f = table.delete(fd);
    if (!f) fail(EBADF, 'close');
    if (!f.internal) vfs.close(f.ino);
  }

  function readImpl(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | bigint | null, syscall = 'read'): number {
    if (length === 0) return 0;
    if (fd === 0 && !table.get(0)) {
      const got = host.readStdin?.(length);
      if (!got) return 0;
      buffer.set(got.subarray(0, length), offset);
      return Math.min(got.length, length);
    }
    if (fd <= 2) fail(EBADF, syscall);
    const f = file(fd, syscall);
    if (!f.readable) fail(EBADF, syscall);
    if (f.isDir) fail(EISDIR, syscall);
    const explicit = position !== null && position !== -1 && position !== -1n;
    const pos = explicit ? Number(position) : f.position;
    const n = vfs.read(f.ino, buffer.subarray(offset, offset + length), pos);
    if (n < 0) fail(n, syscall);
    if (!explicit) f.position += n;
    return n;
  }

  function writeImpl(fd: number, data: Uint8Array, position: number | null, syscall = 'write'): number {
    if (fd === 1 || fd === 2) {
      if (!table.get(fd)) {
        host.writeStdio?.(fd, data.slice());
        return data.length;
      }
    }
    if (fd === 0) fail(EBADF, syscall);
    const f = file(fd, syscall);
    if (!f.writable) fail(EBADF, syscall);
    if (data.length === 0) return 0;
    // pwrite(2) (an explicit position) never moves the offset; with O_APPEND Linux still appends.
    const explicit = position !== null && position >= 0;
    const n = vfs.write(f.ino, data, f.append ? null : explicit ? position : f.position);
    if (n < 0) fail(n, syscall);
    if (!explicit) {
      if (f.append) {
        const st = vfs.fstat(f.ino);
        if (typeof st !== 'number') f.position = st.size;
      } else f.position += n;
    }
    mutated(f.path, 'change');
    return n;
  }

  function fstatImpl(fd: number, syscall = 'fstat'): VfsStat {
    if (fd <= 2 && !table.get(fd)) {
      return { dev: 0, ino: fd + 1, mode: 0o20620, nlink: 1, uid: 0, gid: 0, rdev: 34816, size: 0, blksize: 1024, blocks: 0,
        atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0 };
    }
    const f = file(fd, syscall);
    if (f.internal) {
      // An anonymous inode, as fstat(2) shows libuv's epoll/eventfd descriptors.
      return { dev: 14, ino: 1000 + fd, mode: 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0,
        atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0 };
    }
    const s = vfs.fstat(f.ino);
    if (typeof s === 'number') fail(s, syscall);
    return s;
  }

  function ftruncateImpl(fd: number, len: number): void {
    const f = file(fd, 'ftruncate');
    if (!f.writable || f.isDir) fail(EINVAL, 'ftruncate');
    const r = vfs.ftruncate(f.ino, len);
    if (r < 0) fail(r, 'ftruncate');
    mutated(f.path, 'change');
  }

  /** Remaining bytes of an open file from its position (readFile on an fd) or from 0. */
  function readAll(fd: number, fromPosition: boolean): Uint8Array {
    const f = file(fd, 'read');
    if (!f.readable) fail(EBADF, 'read');
    if (f.isDir) fail(EISDIR, 'read');
    const st = vfs.fstat(f.ino) as VfsStat;
    const start = fromPosition ? f.position : 0;
    const out = new Uint8Array(Math.max(0, st.size - start));
    const n = readImpl(fd, out, 0, out.length, fromPosition ? null : 0);
    return n === out.length ? out : out.subarray(0, n);
  }

  // ------------------------------------------------------------ whole-file helpers

  function readFileImpl(path: any, options: any): any {
    let bytes: Uint8Array;
    if (typeof path === 'number') bytes = readAll(path, true);
    else {
      const fd = openImpl(path, flagsArg(options.flag), 0o666);
      try {
        bytes = readAll(fd, false);
      } finally {
        closeImpl(fd);
      }
    }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return options.encoding && options.encoding !== 'buffer' ? buf.toString(options.encoding) : buf;
  }

  function writeAllImpl(path: any, data: Uint8Array, options: any): void {
    if (typeof path === 'number') {
      let off = 0;
      while (off < data.length) {
        const n = writeImpl(path, data.subarray(off), null);
        if (n <= 0) break;
        off += n;
      }
      return;
    }
    const fd = openImpl(path, flagsArg(options.flag), modeArg(options.mode, 'mode', 0o666));
    try {
      // A short write (the quota ran out mid-way) is retried, and the retry reports ENOSPC, as Node's loop does.
      const append = table.get(fd)!.append;
      let off = 0;
      while (off < data.length) {
        const n = writeImpl(fd, data.subarray(off), append ? null : off);
        if (n <= 0) break;
        off += n;
      }
    } finally {
      closeImpl(fd);
    }
  }

  function dataArg(data: unknown, encoding: any, name = 'data'): Uint8Array {
    if (isArrayBufferView(data)) return bytesOf(data);
    if (typeof data !== 'string') throw ERR_INVALID_ARG_TYPE(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    return Buffer.from(data, encoding || 'utf8');
  }

  function pathOrFd(p: unknown): any {
    return typeof p === 'number' ? fdArg(p, 'fd') : pathArg(p);
  }

  // ------------------------------------------------------------ namespace operations

  function mkdirImpl(path: string, recursive: boolean, mode: number): string | undefined {
    const m = mode & ~host.umask();
    if (!recursive) {
      const abs = A(path);
      const r = vfs.mkdir(abs, m);
      if (r < 0) fail(r, 'mkdir', path);
      mutated(abs, 'rename');
      return undefined;
    }
    // Node's MKDirpSync (src/node_file.cc), step for step: a stack of paths
    // as written; reports the first directory created in the same form.
    const stack = [path];
    let first: string | undefined;
    while (stack.length) {
      const next = stack.pop()!;
      const r = vfs.mkdir(A(next), m);
      if (r === 0) {
        first ??= next;
        mutated(A(next), 'rename');
        continue;
      }
      if (r === -13 || r === -28 || r === ENOTDIR || r === EPERM) fail(r, 'mkdir', path);
      if (r === ENOENT) {
        const cut = next.lastIndexOf('/');
        const dirname = cut < 0 ? next : next.slice(0, cut);
        if (dirname !== next) {
          stack.push(next, dirname);
          continue;
        }
        if (stack.length === 0) fail(EEXIST, 'mkdir', path);
        continue;
      }
      const st = vfs.stat(A(next), true);
      if (typeof st === 'number') fail(st, 'mkdir', path);
      if (!isDirMode(st.mode)) fail(r === EEXIST && stack.length > 0 ? ENOTDIR : EEXIST, 'mkdir', path);
    }
    return first;
  }

  function readdirImpl(path: string, options: any): any[] {
    const list = (dir: string, shown: string) => {
      const r = vfs.readdir(A(dir));
      if (typeof r === 'number') fail(r, 'scandir', shown);
      return r;
    };
    const enc = options.encoding;
    if (!options.recursive) {
      const entries = list(path, path);
      return options.withFileTypes
        ? entries.map((e) => new Dirent(encodeName(e.name, enc), direntType(e.type), path))
        : entries.map((e) => encodeName(e.name, enc));
    }
    const out: any[] = [];
    const queue = [path];
    for (let i = 0; i < queue.length; i++) {
      const dir = queue[i]!;
      const entries = list(dir, i === 0 ? path : dir);
      for (const e of entries) {
        if (options.withFileTypes) {
          const d = new Dirent(encodeName(e.name, enc), direntType(e.type), dir);
          out.push(d);
          if (e.type === 'dir') queue.push(joinPath(dir, e.name));
        } else {
          const full = joinPath(dir, e.name);
          out.push(encodeName(relative(path, full), enc));
          const s = vfs.stat(A(full), true);
          if (typeof s !== 'number' && isDirMode(s.mode)) queue.push(full);
        }
      }
    }
    return out;
  }

  function relative(from: string, to: string): string {
    const a = resolvePath(host.cwd(), from).split('/').filter(Boolean);
    const b = resolvePath(host.cwd(), to).split('/').filter(Boolean);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
  }

  function rmImpl(path: string, options: any): void {
    const abs = A(path);
    const s = vfs.stat(abs, false);
    if (typeof s === 'number') {
      if (s === ENOENT && options.force) return;
      // Node 24's rmSync ignores ENOTDIR too when both recursive and force are set.
      if (s === ENOTDIR && options.force && options.recursive) return;
      fail(s, 'lstat', path);
    }
    if (isDirMode(s.mode)) {
      if (!options.recursive) throw ERR_FS_EISDIR('rm', path);
      removeTree(abs, path);
      return;
    }
    const r = vfs.unlink(abs);
    if (r < 0) fail(r, 'rm', path);
    mutated(abs, 'rename');
  }

  function removeTree(abs: string, shown: string): void {
    const entries = vfs.readdir(abs);
    if (typeof entries === 'number') fail(entries, 'scandir', shown);
    for (const e of entries) {
      const child = `${abs === '/' ? '' : abs}/${e.name}`;
      if (e.type === 'dir') removeTree(child, child);
      else {
        const r = vfs.unlink(child);
        if (r < 0) fail(r, 'unlink', child);
        mutated(child, 'rename');
      }
    }
    const r = vfs.rmdir(abs);
    if (r < 0) fail(r, 'rmdir', shown);
    mutated(abs, 'rename');
  }

  /** libuv's uv__fs_copyfile, step by step (its order decides which error wins). */
  function copyFileImpl(src: string, dest: string, mode: number): void {
    const sabs = A(src);
    const dabs = A(dest);
    const excl = (mode & constants.COPYFILE_EXCL) !== 0;
    const sino = vfs.open(sabs, 0, 0);
    if (sino < 0) fail(sino, 'copyfile', src, dest);
    const sst = vfs.fstat(sino) as VfsStat;
    const existed = typeof vfs.stat(dabs, true) !== 'number';
    const dino = vfs.open(dabs, O_WRONLY | O_CREAT | (excl ? O_EXCL : 0), sst.mode & 0o7777 & ~host.umask());
    if (dino < 0) {
      vfs.close(sino);
      fail(dino, 'copyfile', src, dest);
    }
    let err = 0;
    let done = false;
    if (!excl) {
      const dst = vfs.fstat(dino) as VfsStat;
      if (dst.ino === sst.ino) done = true;
      else err = Math.min(0, vfs.ftruncate(dino, 0));
    }
    if (!done && err === 0) {
      vfs.chmod(dabs, sst.mode & 0o7777, true);
      if (isDirMode(sst.mode)) err = EISDIR;
      else {
        const data = new Uint8Array(sst.size);
        const n = vfs.read(sino, data, 0);
        if (n < 0) err = n;
        else if (n > 0) err = Math.min(0, vfs.write(dino, data.subarray(0, n), 0));
      }
    }
    vfs.close(sino);
    vfs.close(dino);
    if (err < 0) {
      vfs.unlink(dabs);
      if (existed) mutated(dabs, 'rename');
      fail(err, 'copyfile', src, dest);
    }
    if (!done) mutated(dabs, existed ? 'change' : 'rename');
  }

  /** Node's JS `realpathSync` (lib/fs.js): lexical resolve, then lstat each component, following links. */
  function realpathImpl(path: string): string {
    let p = resolvePath(host.cwd(), path);
    const seen = new Map<string, string>();
    let parts = p.split('/').filter(Boolean);
    let current = '';
    let hops = 0;
    for (let i = 0; i < parts.length; i++) {
      const base = `${current}/${parts[i]}`;
      const s = vfs.stat(base, false);
      if (typeof s === 'number') fail(s, 'lstat', base);
      if ((s.mode & S_IFMT) !== S_IFLNK) {
        current = base;
        continue;
      }
      // Node keys seen links by dev:ino, so a link met again by another path is not stat'ed again.
      let target = seen.get(`${s.dev}:${s.ino}`);
      if (target === undefined) {
        const st = vfs.stat(base, true);
        if (typeof st === 'number') fail(st, 'stat', base);
        const link = vfs.readlink(base);
        if (typeof link === 'number') fail(link, 'readlink', base);
        target = link;
        seen.set(`${s.dev}:${s.ino}`, link);
      }
      if (++hops > 1000) fail(-40, 'stat', base);
      p = resolvePath(current || '/', [target, ...parts.slice(i + 1)].join('/'));
      parts = p.split('/').filter(Boolean);
      current = '';
      i = -1;
    }
    return current || '/';
  }

  // ------------------------------------------------------------ the preps

  type Prep = (...args: any[]) => () => any;
  const preps: Record<string, Prep> = {};
  const STATS_OPTS = { bigint: false };

  preps.access = (path, mode) => {
    const p = pathArg(path);
    const m = accessModeArg(mode, constants.F_OK);
    return () => {
      const r = vfs.access(A(p), m);
      if (r < 0) fail(r, 'access', p);
    };
  };
  preps.open = (path, flags, mode) => {
    const p = pathArg(path);
    const f = flagsArg(flags);
    const m = modeArg(mode, 'mode', 0o666);
    return () => openImpl(p, f, m);
  };
  preps.close = (fd) => {
    const n = fdArg(fd);
    return () => closeImpl(n);
  };
  preps.stat = (path, options = STATS_OPTS) => {
    const p = pathArg(path);
    return () => makeStats(statOf(A(p), true, 'stat', p), !!options?.bigint);
  };
  preps.lstat = (path, options = STATS_OPTS) => {
    const p = pathArg(path);
    return () => makeStats(statOf(A(p), false, 'lstat', p), !!options?.bigint);
  };
  preps.fstat = (fd, options = STATS_OPTS) => {
    const n = fdArg(fd);
    return () => makeStats(fstatImpl(n), !!options?.bigint);
  };
  preps.readFile = (path, options) => {
    const p = pathOrFd(path);
    const o = optionsArg(options, { flag: 'r', encoding: null as any });
    return () => {
      if (o.signal?.aborted) throw AbortError(o.signal.reason);
      return readFileImpl(p, o);
    };
  };
  preps.writeFile = (path, data, options) => {
    const p = pathOrFd(path);
    const o = optionsArg(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
    const bytes = dataArg(data, o.encoding);
    return () => {
      if (o.signal?.aborted) throw AbortError(o.signal.reason);
      writeAllImpl(p, bytes, o);
    };
  };
  preps.appendFile = (path, data, options) => {
    const p = pathOrFd(path);
    const o = optionsArg(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
    if (!o.flag || typeof p === 'number') o.flag = 'a';
    const bytes = dataArg(data, o.encoding);
    return () => writeAllImpl(p, bytes, o);
  };
  preps.readdir = (path, options) => {
    const p = pathArg(path);
    const o = optionsArg(options, { encoding: 'utf8', withFileTypes: false, recursive: false });
    if (o.recursive != null) validateBoolean(o.recursive, 'options.recursive');
    return () => readdirImpl(p, o);
  };
  preps.mkdir = (path, options, modeName = 'options.mode') => {
    const p = pathArg(path);
    let mode = 0o777;
    let recursive = false;
    if (typeof options === 'number' || typeof options === 'string') mode = modeArg(options, 'mode');
    else if (options) {
      if (options.recursive !== undefined) {
        recursive = options.recursive;
        validateBoolean(recursive, 'options.recursive');
      }
      if (options.mode !== undefined) mode = modeArg(options.mode, modeName);
    }
    return () => mkdirImpl(p, recursive, mode);
  };
  let nonPortableTemplateWarned = false;
  preps.mkdtemp = (prefix, options, showName = false) => {
    const o = optionsArg(options, { encoding: 'utf8' });
    const p = pathArg(prefix, 'prefix');
    if (!nonPortableTemplateWarned && typeof p === 'string' && p.endsWith('X')) {
      nonPortableTemplateWarned = true;
      (globalThis as any).process?.emitWarning('mkdtemp() templates ending with X are not portable. ' +
        'For details see: https://nodejs.org/api/fs.html');
    }
    return () => {
      const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      for (let attempt = 0; attempt < 100; attempt++) {
        let name = p;
        for (let i = 0; i < 6; i++) name += chars[Math.floor(Math.random() * chars.length)];
        const r = vfs.mkdir(A(name), 0o700 & ~host.umask());
        if (r === EEXIST) continue;
        // Node's sync form names the template, the async forms the name tried.
        if (r < 0) fail(r, 'mkdtemp', showName ? name : `${p}XXXXXX`);
        mutated(A(name), 'rename');
        return encodeName(name, o.encoding);
      }
      return fail(EEXIST, 'mkdtemp', `${p}XXXXXX`);
    };
  };
  preps.rm = (path, options) => {
    const p = pathArg(path);
    if (options !== undefined) validateObject(options, 'options');
    const o = { force: false, recursive: false, maxRetries: 0, retryDelay: 100, ...(options ?? {}) };
    validateBoolean(o.force, 'options.force');
    validateBoolean(o.recursive, 'options.recursive');
    return () => rmImpl(p, o);
  };
  preps.rmdir = (path, options) => {
    const p = pathArg(path);
    const recursive = !!options?.recursive;
    return () => {
      if (recursive) {
        const s = vfs.stat(A(p), false);
        if (typeof s === 'number') fail(s, 'rmdir', p);
        if (!isDirMode(s.mode)) fail(ENOTDIR, 'rmdir', p);
        removeTree(A(p), p);
        return;
      }
      const r = vfs.rmdir(A(p));
      if (r < 0) fail(r, 'rmdir', p);
      mutated(A(p), 'rename');
    };
  };
  preps.unlink = (path) => {
    const p = pathArg(path);
    return () => {
      const r = vfs.unlink(A(p));
      if (r < 0) fail(r, 'unlink', p);
      mutated(A(p), 'rename');
    };
  };
  preps.rename = (oldPath, newPath) => {
    const a = pathArg(oldPath, 'oldPath');
    const b = pathArg(newPath, 'newPath');
    return () => {
      const r = vfs.rename(A(a), A(b));
      if (r < 0) fail(r, 'rename', a, b);
      mutated(A(a), 'rename', A(b));
    };
  };
  preps.copyFile = (src, dest, mode) => {
    const s = pathArg(src, 'src');
    const d = pathArg(dest, 'dest');
    const m = accessModeArg(mode, 0);
    return () => copyFileImpl(s, d, m);
  };
  preps.symlink = (target, path, type) => {
    const t = pathArg(target, 'target');
    const p = pathArg(path);
    if (type != null && type !== 'dir' && type !== 'file' && type !== 'junction') {
      throw ERR_INVALID_ARG_VALUE('type', type, "must be one of: 'dir', 'file', 'junction', null, undefined");
    }
    return () => {
      const r = vfs.symlink(t, A(p));
      if (r < 0) fail(r, 'symlink', t, p);
      mutated(A(p), 'rename');
    };
  };
  preps.link = (existingPath, newPath) => {
    const a = pathArg(existingPath, 'existingPath');
    const b = pathArg(newPath, 'newPath');
    return () => {
      const r = vfs.link(A(a), A(b));
      if (r < 0) fail(r, 'link', a, b);
      mutated(A(b), 'rename');
    };
  };
  preps.readlink = (path, options, name = 'path') => {
    const p = pathArg(path, name);
    const o = optionsArg(options, { encoding: 'utf8' });
    return () => {
      const r = vfs.readlink(A(p));
      if (typeof r === 'number') fail(r, 'readlink', p);
      return encodeName(r, o.encoding);
    };
  };
  preps.realpath = (path, options) => {
    // Node's JS realpath stringifies whatever is not a string or URL (`p += ''`) before validating.
    const p = pathArg(typeof path === 'string' || isURL(path) ? path : `${path}`);
    const o = optionsArg(options, { encoding: 'utf8' });
    return () => encodeName(realpathImpl(p), o.encoding);
  };
  preps.realpathNative = (path, options) => {
    const p = pathArg(path);
    const o = optionsArg(options, { encoding: 'utf8' });
    return () => {
      const r = vfs.realpath(A(p));
      if (typeof r === 'number') fail(r, 'realpath', p);
      return encodeName(r, o.encoding);
    };
  };
  preps.chmod = (path, mode) => {
    const p = pathArg(path);
    const m = modeArg(mode, 'mode');
    return () => {
      const r = vfs.chmod(A(p), m, true);
      if (r < 0) fail(r, 'chmod', p);
      mutated(A(p), 'change');
    };
  };
  preps.fchmod = (fd, mode) => {
    const n = fdArg(fd);
    const m = modeArg(mode, 'mode');
    return () => {
      const f = file(n, 'fchmod');
      const r = f.internal ? EBADF : vfs.fchmod(f.ino, m);
      if (r < 0) fail(r, 'fchmod');
      mutated(f.path, 'change');
    };
  };
  const chownPrep = (syscall: string, follow: boolean): Prep => (path, uid, gid) => {
    const p = pathArg(path);
    validateInteger(uid, 'uid', -1, 4294967295);
    validateInteger(gid, 'gid', -1, 4294967295);
    return () => {
      const r = vfs.chown(A(p), uid, gid, follow);
      if (r < 0) fail(r, syscall, p);
      mutated(A(p), 'change');
    };
  };
  preps.chown = chownPrep('chown', true);
  preps.lchown = chownPrep('lchown', false);
  preps.fchown = (fd, uid, gid) => {
    const n = fdArg(fd);
    validateInteger(uid, 'uid', -1, 4294967295);
    validateInteger(gid, 'gid', -1, 4294967295);
    return () => {
      const f = file(n, 'fchown');
      const r = f.internal ? EBADF : vfs.fchown(f.ino, uid, gid);
      if (r < 0) fail(r, 'fchown');
      mutated(f.path, 'change');
    };
  };
  const utimesPrep = (syscall: string, follow: boolean): Prep => (path, atime, mtime) => {
    const p = pathArg(path);
    const a = timeArg(atime);
    const m = timeArg(mtime);
    return () => {
      const r = vfs.utimes(A(p), toMs(a), toMs(m), follow);
      if (r < 0) fail(r, syscall, p);
      mutated(A(p), 'change');
    };
  };
  preps.utimes = utimesPrep('utime', true);
  preps.lutimes = utimesPrep('lutime', false);
  preps.futimes = (fd, atime, mtime) => {
    const n = fdArg(fd);
    const a = timeArg(atime);
    const m = timeArg(mtime);
    return () => {
      const f = file(n, 'futime');
      const r = f.internal ? EBADF : vfs.futimes(f.ino, toMs(a), toMs(m));
      if (r < 0) fail(r, 'futime');
      mutated(f.path, 'change');
    };
  };
  preps.truncate = (path, len = 0) => {
    if (typeof path === 'number') return preps.ftruncate!(path, len);
    const p = pathArg(path);
    return () => {
      const fd = openImpl(p, O_RDWR, 0o666);
      try {
        // truncateSync opens first (ENOENT wins); the callback form checks len at once (truncateAsync).
        validateInteger(len, 'len');
        ftruncateImpl(fd, Math.max(0, len));
      } finally {
        closeImpl(fd);
      }
    };
  };
  preps.truncateAsync = (path, len = 0) => {
    if (typeof path !== 'number') validateInteger(len, 'len');
    return preps.truncate!(path, len);
  };
  preps.ftruncate = (fd, len = 0) => {
    const n = fdArg(fd);
    validateInteger(len, 'len');
    return () => ftruncateImpl(n, Math.max(0, len));
  };
  preps.fsync = (fd) => {
    const n = fdArg(fd);
    return () => void fstatImpl(n, 'fsync');
  };
  preps.fdatasync = (fd) => {
    const n = fdArg(fd);
    return () => void fstatImpl(n, 'fdatasync');
  };
  preps.opendir = (path, options) => {
    const p = pathArg(path);
    const o = optionsArg(options, { encoding: 'utf8', bufferSize: 32, recursive: false });
    validateUint32(o.bufferSize, 'options.bufferSize', true);
    return () => {
      const s = vfs.stat(A(p), true);
      if (typeof s === 'number') fail(s, 'opendir', p);
      if (!isDirMode(s.mode)) fail(ENOTDIR, 'opendir', p);
      return new Dir(p, o, (dir, shown) => {
        const r = vfs.readdir(A(dir));
        if (typeof r === 'number') fail(r, 'scandir', shown);
        return r.map((e) => new Dirent(encodeName(e.name, o.encoding), direntType(e.type), dir));
      }, defer);
    };
  };
  preps.mkdtempAsync = (prefix, options) => preps.mkdtemp!(prefix, options, true);
  preps.cp = (src, dest, options, asyncForm = false) => {
    const s = pathArg(src, 'src');
    const d = pathArg(dest, 'dest');
    const o: CpOptions = { dereference: false, errorOnExist: false, force: true, preserveTimestamps: false, recursive: false, verbatimSymlinks: false, ...(options ?? {}) };
    if (options !== undefined) validateObject(options, 'options');
    if (o.filter !== undefined) validateFunction(o.filter, 'options.filter');
    return () => cpImpl(cpHost, s, d, o, asyncForm);
  };
  preps.cpAsync = (src, dest, options) => preps.cp!(src, dest, options, true);

  // ------------------------------------------------------------ the three forms

  const fs: any = {};
  const makeSync = (prep: Prep) => function (...args: any[]) { return prep(...args)(); };
  function makeCallback(name: string, prep: Prep, arity: number, spread?: (r: any) => any[]) {
    const required = REQUIRED[name] ?? 1;
    const fn = function (this: unknown, ...args: any[]) {
      const cb = args[args.length - 1];
      if (typeof cb !== 'function' || args.length - 1 < required) {
        if (PATH_FIRST.has(name)) prep(...args);
        throw ERR_INVALID_ARG_TYPE('cb', 'of type function', args.length >= arity ? cb : undefined);
      }
      args.pop();
      const run = prep(...args);
      defer(() => {
        let result: any;
        try {
          result = run();
        } catch (err) {
          cb(err);
          return;
        }
        if (spread) cb(null, ...spread(result));
        else if (result === undefined) cb(null);
        else cb(null, result);
      });
    };
    Object.defineProperty(fn, 'name', { value: name });
    return fn;
  }

  /** Arguments before the callback that Node never shifts (a function there is not taken as the callback). */
  const REQUIRED: Record<string, number> = {
    rename: 2, link: 2, symlink: 2, copyFile: 2, cp: 2, chmod: 2, fchmod: 2, chown: 3, lchown: 3, fchown: 3,
    utimes: 3, lutimes: 3, futimes: 3, writeFile: 2, appendFile: 2,
  };
  /** Calls that validate the path (or length) before the callback. */
  const PATH_FIRST = new Set(['open', 'truncate', 'ftruncate']);
  const arities: Record<string, number> = {
    access: 3, open: 4, close: 2, stat: 3, lstat: 3, fstat: 3, readFile: 3, writeFile: 4, appendFile: 4,
    readdir: 3, mkdir: 3, mkdtemp: 3, rm: 3, rmdir: 3, unlink: 2, rename: 3, copyFile: 4, symlink: 4, link: 3,
    readlink: 3, realpath: 3, chmod: 3, fchmod: 3, chown: 4, lchown: 4, fchown: 4, utimes: 4, lutimes: 4,
    futimes: 4, truncate: 3, ftruncate: 3, fsync: 2, fdatasync: 2, opendir: 3, cp: 4,
  };
  // statSync/lstatSync({ throwIfNoEntry: false }) answer undefined for ENOENT and ENOTDIR.
  const noEntryOk = (prep: Prep): Prep => (path, options) => {
    const run = prep(path, options);
    if (options?.throwIfNoEntry !== false) return run;
    return () => {
      try {
        return run();
      } catch (err: any) {
        if (err?.code === 'ENOENT' || err?.code === 'ENOTDIR') return undefined;
        throw err;
      }
    };
  };
  for (const [name, arity] of Object.entries(arities)) {
    fs[`${name}Sync`] = makeSync(preps[name]!);
    fs[name] = makeCallback(name, preps[`${name}Async`] ?? preps[name]!, arity);
  }
  // opendirSync's errors name no path (Node 24); the async forms' do.
  fs.opendirSync = function opendirSync(path: any, options?: any) {
    try {
      return preps.opendir!(path, options)();
    } catch (err: any) {
      if (err instanceof ErrnoError && err.syscall === 'opendir') throw ErrnoError.fromErrno(err.errno, 'opendir');
      throw err;
    }
  };
  fs.statSync = makeSync(noEntryOk(preps.stat!));
  fs.lstatSync = makeSync(noEntryOk(preps.lstat!));
  fs.realpathSync.native = makeSync(preps.realpathNative!);
  fs.realpath.native = makeCallback('realpath', preps.realpathNative!, 3);
  fs.lchmod = undefined;
  fs.lchmodSync = undefined;
  // mkdtempDisposableSync (Node 24): a directory removed on dispose.
  fs.mkdtempDisposableSync = (prefix: any, options?: any) => {
    const path = fs.mkdtempSync(prefix, options);
    const abs = resolvePath(host.cwd(), String(path));
    const remove = () => fs.rmSync(abs, { recursive: true, force: true });
    return { path: abs, remove, [(Symbol as any).dispose ?? Symbol.for('nodejs.dispose')]: remove };
  };

  // read / write / readv / writev have overloads and multi-value callbacks.
  fs.readSync = function (fd: any, buffer: any, offsetOrOptions?: any, length?: any, position?: any) {
    const a = readArgs(arguments.length, fd, buffer, offsetOrOptions, length, position);
    return readImpl(a.fd, a.buffer, a.offset, a.length, a.position);
  };
  fs.read = function (fd: any, buffer: any, offsetOrOptions?: any, length?: any, position?: any, callback?: any) {
    const n = fdArg(fd);
    let argc = arguments.length;
    let offset = offsetOrOptions;
    let params: any;
    if (argc <= 4) {
      if (argc === 4) {
        // fs.read(fd, buffer, options, callback)
        validateObject(offsetOrOptions, 'options');
        callback = length;
        params = offsetOrOptions;
      } else if (argc === 3) {
        // fs.read(fd, bufferOrParams, callback)
        if (!isArrayBufferView(buffer)) {
          params = buffer;
          ({ buffer = Buffer.alloc(16384) } = params ?? kEmpty);
        }
        callback = offsetOrOptions;
      } else {
        // fs.read(fd, callback)
        callback = buffer;
        buffer = Buffer.alloc(16384);
      }
      if (params !== undefined) validateObject(params, 'options');
      ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? kEmpty);
      argc = 5;
    }
    validateFunction(callback, 'cb');
    const a = readArgs(5, n, buffer, offset, length, position);
    if (a.fd === 0 && !table.get(0) && host.readStdinAsync && a.length > 0) {
      host.readStdinAsync(a.length, (bytes) => {
        if (bytes) a.buffer.set(bytes, a.offset);
        callback(null, bytes ? bytes.length : 0, buffer);
      });
      return;
    }
    defer(() => {
      let r: number;
      try {
        r = readImpl(a.fd, a.buffer, a.offset, a.length, a.position);
      } catch (err) {
        callback(err, 0, buffer);
        return;
      }
      callback(null, r, buffer);
    });
  };

  function writeArgs(fd: any, buffer: any, offsetOrOptions: any, length: any, position: any): { fd: number; data: Uint8Array; position: number | null } {
    const n = fdArg(fd);
    if (isArrayBufferView(buffer)) {
      let offset = offsetOrOptions;
      if (typeof offset === 'object' && offset !== null) {
        ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? kEmpty);
      }
      if (position === undefined) position = null;
      if (typeof offset !== 'number') offset = 0;
      if (typeof length !== 'number') length = buffer.byteLength - offset;
      if (typeof position !== 'number') position = null;
      validateOffsetLengthWrite(offset, length, buffer.byteLength);
      return { fd: n, data: bytesOf(buffer).subarray(offset, offset + length), position };
    }
    if (typeof buffer !== 'string') {
      throw ERR_INVALID_ARG_TYPE('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
    }
    if (typeof length === 'string' || length == null) encodingArg(length);
    return { fd: n, data: Buffer.from(buffer, typeof length === 'string' ? length : 'utf8'), position: typeof offsetOrOptions === 'number' ? offsetOrOptions : null };
  }
  fs.writeSync = function (fd: any, buffer: any, offsetOrOptions?: any, length?: any, position?: any) {
    const a = writeArgs(fd, buffer, offsetOrOptions, length, position);
    return writeImpl(a.fd, a.data, a.position);
  };
  fs.write = function (fd: any, buffer: any, ...rest: any[]) {
    const cb = rest.pop();
    validateFunction(cb, 'cb');
    const a = writeArgs(fd, buffer, rest[0], rest[1], rest[2]);
    defer(() => {
      let r: number;
      try {
        r = writeImpl(a.fd, a.data, a.position);
      } catch (err) {
        cb(err);
        return;
      }
      cb(null, r, buffer);
    });
  };
  function vecArgs(fd: any, buffers: any, position: any) {
    const n = fdArg(fd);
    if (!Array.isArray(buffers) || !buffers.every(isArrayBufferView)) {
      throw ERR_INVALID_ARG_TYPE('buffers', 'an instance of ArrayBufferView[]', buffers);
    }
    if (typeof position !== 'number') position = null;
    return { fd: n, buffers: buffers as ArrayBufferView[], position: position as number | null };
  }
  function readvImpl(fd: number, buffers: ArrayBufferView[], position: number | null): number {
    let total = 0;
    for (const b of buffers) {
      const u8 = bytesOf(b);
      const r = readImpl(fd, u8, 0, u8.length, position === null ? null : position + total, 'read');
      total += r;
      if (r < u8.length) break;
    }
    return total;
  }
  function writevImpl(fd: number, buffers: ArrayBufferView[], position: number | null): number {
    const all = Buffer.concat(buffers.map(bytesOf));
    return writeImpl(fd, all, position, 'write');
  }
  fs.readvSync = (fd: any, buffers: any, position?: any) => {
    const a = vecArgs(fd, buffers, position);
    return readvImpl(a.fd, a.buffers, a.position);
  };
  fs.writevSync = (fd: any, buffers: any, position?: any) => {
    const a = vecArgs(fd, buffers, position);
    return writevImpl(a.fd, a.buffers, a.position);
  };
  fs.readv = (fd: any, buffers: any, position: any, cb?: any) => {
    if (typeof position === 'function') [cb, position] = [position, null];
    validateFunction(cb, 'cb');
    const a = vecArgs(fd, buffers, position);
    defer(() => {
      let r: number;
      try { r = readvImpl(a.fd, a.buffers, a.position); } catch (err) { cb(err); return; }
      cb(null, r, buffers);
    });
  };
  fs.writev = (fd: any, buffers: any, position: any, cb?: any) => {
    if (typeof position === 'function') [cb, position] = [position, null];
    validateFunction(cb, 'cb');
    const a = vecArgs(fd, buffers, position);
    defer(() => {
      let r: number;
      try { r = writevImpl(a.fd, a.buffers, a.position); } catch (err) { cb(err); return; }
      cb(null, r, buffers);
    });
  };

  // Node 24 warns once (DEP0187) when existsSync gets a value of the wrong type; fs.exists stays silent.
  const warnExistsType = deprecate(() => {}, 'Passing invalid argument types to fs.existsSync is deprecated', 'DEP0187');
  function existsImpl(path: any, warn: boolean): boolean {
    let p: string;
    try {
      p = pathArg(path);
    } catch (e: any) {
      if (warn && e?.code === 'ERR_INVALID_ARG_TYPE') warnExistsType();
      return false;
    }
    return typeof vfs.stat(A(p), true) !== 'number';
  }
  fs.existsSync = (path: any) => existsImpl(path, true);
  fs.exists = function exists(path: any, callback: any) {
    validateFunction(callback, 'cb');
    const r = existsImpl(path, false);
    defer(() => callback(r));
  };
  Object.defineProperty(fs.exists, Symbol.for('nodejs.util.promisify.custom'), {
    value: (path: any) => new Promise((resolve) => fs.exists(path, resolve)),
  });

  // ------------------------------------------------------------ streams, watch, classes

  const cpHost = {
    cwd: () => host.cwd(),
    lstat: (abs: string) => vfs.stat(abs, false),
    stat: (abs: string) => vfs.stat(abs, true),
    readdir: (abs: string) => vfs.readdir(abs),
    readlink: (abs: string) => vfs.readlink(abs),
    mkdir: (abs: string, mode: number) => {
      const r = vfs.mkdir(abs, mode & ~host.umask());
      if (r === 0) mutated(abs, 'rename');
      return r;
    },
    unlink: (abs: string) => {
      const r = vfs.unlink(abs);
      if (r === 0) mutated(abs, 'rename');
      return r;
    },
    symlink: (target: string, abs: string) => {
      const r = vfs.symlink(target, abs);
      if (r === 0) mutated(abs, 'rename');
      return r;
    },
    copyFile: (src: string, dest: string) => copyFileImpl(src, dest, 0),
    chmod: (abs: string, mode: number) => vfs.chmod(abs, mode, true),
    utimes: (abs: string, a: number, m: number) => vfs.utimes(abs, a, m, true),
  };

  Object.assign(fs, { constants, Stats, Dirent, Dir, _toUnixTimestamp: timeArg });
  // fs.F_OK & co. are deprecated getters (DEP0176, Node 24): non-enumerable, warning once for all four.
  for (const name of ['F_OK', 'R_OK', 'W_OK', 'X_OK'] as const) {
    const value = constants[name];
    Object.defineProperty(fs, name, {
      get: deprecate(() => value, `fs.${name} is deprecated, use fs.constants.${name} instead`, 'DEP0176'),
      enumerable: false,
      configurable: false,
    });
  }
  Object.defineProperty(fs, 'BigIntStats', { value: BigIntStats, enumerable: false });
  Object.assign(fs, createStreams(fs));
  Object.assign(fs, createWatching({
    fs,
    watchHook: host.watch ? host.watch.bind(host) : undefined,
    local,
    resolve: (p: string) => resolvePath(host.cwd(), p),
    exists: (abs: string) => vfs.stat(abs, true),
  }));
  const globFs = { readdirSync: fs.readdirSync, lstatSync: fs.lstatSync, statSync: fs.statSync };
  fs.globSync = function globSync(pattern: any, options?: any) {
    return globMatches(globFs, (p: string) => resolvePath(host.cwd(), p), pattern, options);
  };
  fs.glob = function glob(pattern: any, options: any, callback?: any) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'callback');
    let result: any[];
    try {
      result = fs.globSync(pattern, options);
    } catch (err) {
      defer(() => callback(err));
      return;
    }
    defer(() => callback(null, result));
  };
  fs.openAsBlob = async (path: any) => new Blob([fs.readFileSync(path)]);
  fs.statfsSync = () => {
    const u = vfs.usage();
    return { type: 0x01021994, bsize: 4096, blocks: Math.floor(u.quota / 4096), bfree: Math.floor((u.quota - u.bytesUsed) / 4096),
      bavail: Math.floor((u.quota - u.bytesUsed) / 4096), files: 1 << 20, ffree: (1 << 20) - u.inodes };
  };
  fs.statfs = (path: any, options: any, cb?: any) => {
    if (typeof options === 'function') cb = options;
    validateFunction(cb, 'cb');
    const r = fs.statfsSync(path);
    defer(() => cb(null, r));
  };

  fs.promises = createPromises({
    preps, defer, fs,
    fd: {
      open: (path: string, flags: number, mode: number) => openImpl(path, flags, mode),
      close: closeImpl,
      read: readImpl,
      write: writeImpl,
      fstat: fstatImpl,
      ftruncate: ftruncateImpl,
      readAll,
      readv: readvImpl,
      writev: writevImpl,
    },
    readArgs,
    writeArgs,
  });
  // Writing a stream or iterable with a signal: Node opens the file first and
  // checks the signal after each step, so an abort that lands while the write
  // is under way rejects with an AbortError even when no chunk was left to write.
  for (const name of ['writeFile', 'appendFile'] as const) {
    const inner = fs.promises[name];
    fs.promises[name] = async function (path: any, data: any, options?: any) {
      const signal = options && typeof options === 'object' ? options.signal : undefined;
      const result = await inner.call(this, path, data, options);
      if (signal?.aborted && typeof data !== 'string' && !ArrayBuffer.isView(data)) throw AbortError(signal.reason);
      return result;
    };
  }
  /**
   * Takes the lowest free fd for the runtime itself (the host calls it when a
   * stdio stream opens, where libuv takes descriptors in Node), so the numbers
   * user code gets match Node's.
   */
  Object.defineProperty(fs, 'reserveFd', {
    enumerable: false,
    value: () => table.add({ ino: 0, flags: 0, position: 0, path: '', readable: false, writable: false, append: false, isDir: false, internal: true }),
  });
  /** Closes every open fd (process exit). */
  Object.defineProperty(fs, 'closeAll', {
    enumerable: false,
    value: () => { for (const fd of table.fds()) try { closeImpl(fd); } catch { /* already closed */ } },
  });
  nameFunctions(fs);
  nameFunctions(fs.promises);
  return fs;
}

export { constants, Stats, BigIntStats, Dirent, Dir };
