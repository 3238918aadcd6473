/**
 * `fs.Stats`, `BigIntStats` and `fs.Dirent` as Node 24 shapes them
 * (lib/internal/fs/utils.js): own number fields in Node's order, lazy Date
 * getters for atime/mtime/ctime/birthtime on the prototype, and the
 * `is*()` type predicates on a shared base.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { VfsStat } from '../../fs/vfs.js';
import { constants } from './fs-args.js';

const { S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK } = constants;
const kType = Symbol('type');

abstract class StatsBase {
  declare mode: number | bigint;
  _checkModeProperty(property: number): boolean {
    return (Number(this.mode) & S_IFMT) === property;
  }
  isDirectory(): boolean { return this._checkModeProperty(S_IFDIR); }
  isFile(): boolean { return this._checkModeProperty(S_IFREG); }
  isBlockDevice(): boolean { return this._checkModeProperty(S_IFBLK); }
  isCharacterDevice(): boolean { return this._checkModeProperty(S_IFCHR); }
  isSymbolicLink(): boolean { return this._checkModeProperty(S_IFLNK); }
  isFIFO(): boolean { return this._checkModeProperty(S_IFIFO); }
  isSocket(): boolean { return this._checkModeProperty(S_IFSOCK); }
}
// `_checkModeProperty` lives on Stats.prototype in Node, not the base.
delete (StatsBase.prototype as any)._checkModeProperty;

function dateGetter(proto: object, name: string, msName: string, toMs: (v: any) => number): void {
  const cache = Symbol(name);
  Object.defineProperty(proto, name, {
    enumerable: true,
    configurable: true,
    get(this: any) {
      return this[cache] ?? (this[cache] = new Date(toMs(this[msName])));
    },
    set(this: any, v: Date) {
      Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** fs.Stats. */
export class Stats extends StatsBase {
  dev: number; declare mode: number; nlink: number; uid: number; gid: number; rdev: number;
  blksize: number; ino: number; size: number; blocks: number;
  atimeMs: number; mtimeMs: number; ctimeMs: number; birthtimeMs: number;
  declare atime: Date; declare mtime: Date; declare ctime: Date; declare birthtime: Date;
  constructor(dev: number, mode: number, nlink: number, uid: number, gid: number, rdev: number, blksize: number,
    ino: number, size: number, blocks: number, atimeMs: number, mtimeMs: number, ctimeMs: number, birthtimeMs: number) {
    super();
    this.dev = dev; this.mode = mode; this.nlink = nlink; this.uid = uid; this.gid = gid; this.rdev = rdev;
    this.blksize = blksize; this.ino = ino; this.size = size; this.blocks = blocks;
    this.atimeMs = atimeMs; this.mtimeMs = mtimeMs; this.ctimeMs = ctimeMs; this.birthtimeMs = birthtimeMs;
  }
}
Object.defineProperty(Stats.prototype, '_checkModeProperty', {
  value(this: Stats, property: number) { return (this.mode & S_IFMT) === property; },
  writable: true, configurable: true, enumerable: false,
});
for (const n of ['atime', 'mtime', 'ctime', 'birthtime']) dateGetter(Stats.prototype, n, `${n}Ms`, (v) => v);

/** The `{ bigint: true }` flavour. */
export class BigIntStats extends StatsBase {
  dev: bigint; declare mode: bigint; nlink: bigint; uid: bigint; gid: bigint; rdev: bigint;
  blksize: bigint; ino: bigint; size: bigint; blocks: bigint;
  atimeMs: bigint; mtimeMs: bigint; ctimeMs: bigint; birthtimeMs: bigint;
  atimeNs: bigint; mtimeNs: bigint; ctimeNs: bigint; birthtimeNs: bigint;
  declare atime: Date; declare mtime: Date; declare ctime: Date; declare birthtime: Date;
  constructor(s: VfsStat) {
    super();
    const ns = (ms: number) => BigInt(Math.floor(ms)) * 1000000n + BigInt(Math.round((ms - Math.floor(ms)) * 1e6));
    this.dev = BigInt(s.dev); this.mode = BigInt(s.mode); this.nlink = BigInt(s.nlink); this.uid = BigInt(s.uid);
    this.gid = BigInt(s.gid); this.rdev = BigInt(s.rdev); this.blksize = BigInt(s.blksize); this.ino = BigInt(s.ino);
    this.size = BigInt(s.size); this.blocks = BigInt(s.blocks);
    this.atimeMs = BigInt(Math.floor(s.atimeMs)); this.mtimeMs = BigInt(Math.floor(s.mtimeMs));
    this.ctimeMs = BigInt(Math.floor(s.ctimeMs)); this.birthtimeMs = BigInt(Math.floor(s.birthtimeMs));
    this.atimeNs = ns(s.atimeMs); this.mtimeNs = ns(s.mtimeMs); this.ctimeNs = ns(s.ctimeMs); this.birthtimeNs = ns(s.birthtimeMs);
  }
}
Object.defineProperty(BigIntStats.prototype, '_checkModeProperty', {
  value(this: BigIntStats, property: number) { return (Number(this.mode) & S_IFMT) === property; },
  writable: true, configurable: true, enumerable: false,
});
for (const n of ['atime', 'mtime', 'ctime', 'birthtime']) dateGetter(BigIntStats.prototype, n, `${n}Ns`, (v: bigint) => Number(v / 1000000n));

/** Builds Stats (or BigIntStats) from a VFS stat record. */
export function makeStats(s: VfsStat, bigint = false): Stats | BigIntStats {
  // Workaround: the VFS reports blocks of its own allocation (ceil(cap/512));
  // Linux filesystems allocate 4 KiB blocks, which programs see as 8 per block.
  if ((s.mode & S_IFMT) === S_IFREG) s = { ...s, blocks: Math.ceil(s.size / 4096) * 8 };
  if (bigint) return new BigIntStats(s);
  return new Stats(s.dev, s.mode, s.nlink, s.uid, s.gid, s.rdev, s.blksize, s.ino, s.size, s.blocks,
    s.atimeMs, s.mtimeMs, s.ctimeMs, s.birthtimeMs);
}

/** Stats of a missing file, as `watchFile` reports it. */
export function emptyStats(bigint = false): Stats | BigIntStats {
  return makeStats({ dev: 0, ino: 0, mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 0, blocks: 0,
    atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0 }, bigint);
}

/** UV_DIRENT_* type of a VFS entry type. */
export function direntType(type: 'file' | 'dir' | 'symlink'): number {
  return type === 'dir' ? constants.UV_DIRENT_DIR : type === 'symlink' ? constants.UV_DIRENT_LINK : constants.UV_DIRENT_FILE;
}

/** fs.Dirent. */
export class Dirent {
  name: any;
  parentPath: any;
  [kType]: number;
  constructor(name: any, type: number, path: any) {
    this.name = name;
    this.parentPath = path;
    this[kType] = type;
  }
  isDirectory(): boolean { return this[kType] === constants.UV_DIRENT_DIR; }
  isFile(): boolean { return this[kType] === constants.UV_DIRENT_FILE; }
  isBlockDevice(): boolean { return this[kType] === constants.UV_DIRENT_BLOCK; }
  isCharacterDevice(): boolean { return this[kType] === constants.UV_DIRENT_CHAR; }
  isSymbolicLink(): boolean { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO(): boolean { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket(): boolean { return this[kType] === constants.UV_DIRENT_SOCKET; }
}
