/**
 * Entry point of the VFS module: every export takes pointers into this
 * instance's scratch area (see layout.ts), returns a result ≥ 0 or a negated
 * Linux errno, and never traps on bad input. Mutating and reading calls both
 * hold the lock in memory, so instances on one shared memory see a consistent
 * tree. Permissions are stored but only checked by `access` (the caller's fd
 * layer enforces access modes); atime is not updated by reads (noatime).
 */
import {
  FS_BASE, MAGIC, LAYOUT_VERSION, SB_MAGIC, SB_VERSION, SB_QUOTA, SB_USED, SB_TOP,
  SB_INODES, SB_NEXT_INO, SB_ATTACHED, HEAP_START, ROOT_INO,
  INODE_SIZE, I_MODE, I_OPEN, I_NLINK, I_UID, I_GID, I_SIZE, I_DATA, I_CAP, I_AUX, I_ATIME,
  I_MTIME, I_CTIME, ST_INO, S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, D_NAME, D_NAMELEN,
  SCRATCH_SIZE, SCR_DATA, SCR_DATA_SIZE, PATH_MAX, O_ACCMODE, O_CREAT, O_EXCL, O_TRUNC,
  O_DIRECTORY, O_NOFOLLOW,
} from "./layout";
import {
  EPERM, ENOENT, EBADF, EACCES, EBUSY, EEXIST, ENOTDIR, EISDIR, EINVAL, EMFILE, EFBIG, ENOSPC,
  ENAMETOOLONG, ENOTEMPTY, ELOOP,
} from "./errno";
import { lock, unlock } from "./lock";
import { alloc, free } from "./alloc";
import {
  now, inodePtr, validIno, isDir, isLink, isFile, direntType, touchMC, newInode, maybeRelease,
} from "./inode";
import { dirLookup, dirAdd, dirRemoveAt, dirSetAt, dirFindIno, foundOff } from "./dir";
import { fileWrite, fileTruncate, copyFile } from "./file";
import { resolve, FINAL_NOFOLLOW, FINAL_FOLLOW, FINAL_ENTRY, rParent, rName, rNameLen, rIno, rSlash, rIsSpecial, scratch, setScratch } from "./resolve";

export { setTime } from "./inode";
export { setCanBlock } from "./lock";
export * from "./layout";

// @ts-ignore: decorator
@inline function sb(off: u32): usize {
  return <usize>(FS_BASE + off);
}

/** Where this module's own static data ends; must stay below FS_BASE. */
export function heapBase(): u32 {
  return <u32>__heap_base;
}

/** Whether the last successful `open` created the file (O_CREAT on a missing name). */
let lastCreated: bool = false;
export function lastOpenCreated(): i32 {
  return lastCreated ? 1 : 0;
}

/** Last position actually written by `write` (resolves appends). */
let lastPos: f64 = 0;
export function lastWritePosition(): f64 {
  return lastPos;
}

/** Initialises a fresh memory: superblock, allocator, root directory. */
export function format(quota: f64): i32 {
  if (<u32>__heap_base > FS_BASE) return -EINVAL;
  const have = (<u64>memory.size()) << 16;
  if (have < <u64>HEAP_START) {
    if (memory.grow(<i32>((<u64>HEAP_START - have) >> 16)) < 0) return -ENOSPC;
  }
  memory.fill(sb(0), 0, HEAP_START - FS_BASE);
  store<u32>(sb(SB_VERSION), LAYOUT_VERSION);
  store<f64>(sb(SB_QUOTA), quota);
  store<f64>(sb(SB_USED), 0);
  store<u32>(sb(SB_TOP), HEAP_START);
  store<u32>(sb(SB_NEXT_INO), ROOT_INO);
  const root = newInode(S_IFDIR | 0o755);
  if (root != ROOT_INO) return -ENOSPC;
  const rp = inodePtr(root);
  store<u32>(rp + I_NLINK, 2);
  store<u32>(rp + I_AUX, ROOT_INO);
  store<u32>(sb(SB_MAGIC), MAGIC);
  return 0;
}

/** Joins a formatted memory: allocates this instance's scratch area (returned pointer). */
export function attach(): i32 {
  if (load<u32>(sb(SB_MAGIC)) != MAGIC || load<u32>(sb(SB_VERSION)) != LAYOUT_VERSION) return -EINVAL;
  lock();
  const p = alloc(SCRATCH_SIZE, false);
  if (p != 0) store<u32>(sb(SB_ATTACHED), load<u32>(sb(SB_ATTACHED)) + 1);
  unlock();
  if (p == 0) return -ENOSPC;
  setScratch(p);
  return <i32>p;
}

/** Frees this instance's scratch area. */
export function detach(): void {
  if (scratch == 0) return;
  lock();
  free(scratch, SCRATCH_SIZE, false);
  store<u32>(sb(SB_ATTACHED), load<u32>(sb(SB_ATTACHED)) - 1);
  unlock();
  setScratch(0);
}

/** Writes bytes used, quota and live inode count to the data area. */
export function usage(): i32 {
  lock();
  const out = scratch + SCR_DATA;
  store<f64>(out, load<f64>(sb(SB_USED)));
  store<f64>(out + 8, load<f64>(sb(SB_QUOTA)));
  store<u32>(out + 16, load<u32>(sb(SB_INODES)));
  unlock();
  return 0;
}

export function setQuota(quota: f64): void {
  lock();
  store<f64>(sb(SB_QUOTA), quota);
  unlock();
}

function pathA(): usize {
  return scratch;
}
function pathB(): usize {
  return scratch + 4096;
}

function statOut(ino: u32): void {
  const out = scratch + SCR_DATA;
  memory.copy(out, inodePtr(ino), INODE_SIZE);
  store<u32>(out + ST_INO, ino);
}

/** Creates a node named rName in rParent (caller checked absence). Returns ino or -errno. */
function createNode(mode: u32): i32 {
  const parent = rParent;
  const pp = inodePtr(parent);
  const ino = newInode(mode);
  if (ino == 0) return -ENOSPC;
  const ip = inodePtr(ino);
  if (!dirAdd(pp, ino, direntType(ip), rName, rNameLen)) {
    maybeRelease(ino);
    return -ENOSPC;
  }
  if ((mode & S_IFMT) == S_IFDIR) {
    store<u32>(ip + I_NLINK, 2);
    store<u32>(ip + I_AUX, parent);
    store<u32>(pp + I_NLINK, load<u32>(pp + I_NLINK) + 1);
  } else {
    store<u32>(ip + I_NLINK, 1);
  }
  touchMC(pp);
  return <i32>ino;
}

// ---------------------------------------------------------------- queries

function statImpl(len: u32, follow: bool): i32 {
  const r = resolve(pathA(), len, follow ? FINAL_FOLLOW : FINAL_NOFOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  statOut(rIno);
  return 0;
}
/** stat/lstat of path A (`len` bytes): inode record + ino in the data area. */
export function stat(len: u32, follow: bool): i32 {
  lock();
  const r = statImpl(len, follow);
  unlock();
  return r;
}

export function fstat(ino: u32): i32 {
  lock();
  let r = -EBADF;
  if (validIno(ino)) {
    statOut(ino);
    r = 0;
  }
  unlock();
  return r;
}

function readlinkImpl(len: u32): i32 {
  const r = resolve(pathA(), len, FINAL_NOFOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  const ip = inodePtr(rIno);
  if (!isLink(ip)) return -EINVAL;
  const n = load<u32>(ip + I_SIZE);
  memory.copy(scratch + SCR_DATA, <usize>load<u32>(ip + I_DATA), n);
  return <i32>n;
}
/** Symlink target of path A into the data area; returns its length. */
export function readlink(len: u32): i32 {
  lock();
  const r = readlinkImpl(len);
  unlock();
  return r;
}

function readdirImpl(len: u32, off: u32): i32 {
  const r = resolve(pathA(), len, FINAL_FOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  const ip = inodePtr(rIno);
  if (!isDir(ip)) return -ENOTDIR;
  const base = <usize>load<u32>(ip + I_DATA);
  const size = load<u32>(ip + I_SIZE);
  let end = off;
  while (end < size) {
    const elen = D_NAME + <u32>load<u16>(base + end + D_NAMELEN);
    if (end + elen - off > SCR_DATA_SIZE) break;
    end += elen;
  }
  if (end > off) memory.copy(scratch + SCR_DATA, base + off, end - off);
  return <i32>(end - off);
}
/**
 * Copies directory entries of path A starting at byte offset `off` into the
 * data area (whole entries only); returns the byte count, 0 at the end.
 */
export function readdir(len: u32, off: u32): i32 {
  lock();
  const r = readdirImpl(len, off);
  unlock();
  return r;
}

function realpathImpl(len: u32): i32 {
  const r = resolve(pathA(), len, FINAL_FOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  const out = scratch + SCR_DATA;
  // Build backwards from the end of the data area, then move to its start.
  let end = out + PATH_MAX * 2;
  let p = end;
  let ino = rIno;
  if (!rIsSpecial() && !isDir(inodePtr(rIno))) {
    p -= rNameLen;
    memory.copy(p, rName, rNameLen);
    p -= 1;
    store<u8>(p, 47);
    ino = rParent;
  }
  while (ino != ROOT_INO) {
    const ip = inodePtr(ino);
    const parent = load<u32>(ip + I_AUX);
    const pp = inodePtr(parent);
    const off = dirFindIno(pp, ino);
    if (off < 0) return -ENOENT;
    const e = <usize>load<u32>(pp + I_DATA) + <usize>off;
    const n = <u32>load<u16>(e + D_NAMELEN);
    if (p - out < n + 1) return -ENAMETOOLONG;
    p -= n;
    memory.copy(p, e + D_NAME, n);
    p -= 1;
    store<u8>(p, 47);
    ino = parent;
  }
  if (p == end) {
    p -= 1;
    store<u8>(p, 47);
  }
  const n = <u32>(end - p);
  memory.copy(out, p, n);
  return <i32>n;
}
/** Canonical absolute path of path A into the data area; returns its length. */
export function realpath(len: u32): i32 {
  lock();
  const r = realpathImpl(len);
  unlock();
  return r;
}

function accessImpl(len: u32, mode: u32): i32 {
  const r = resolve(pathA(), len, FINAL_FOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  const perms = (<u32>load<u16>(inodePtr(rIno) + I_MODE) >> 6) & 7;
  if ((mode & 7 & perms) != (mode & 7)) return -EACCES;
  return 0;
}
/** access(2) against the owner permission bits (the runtime has one user). */
export function access(len: u32, mode: u32): i32 {
  lock();
  const r = accessImpl(len, mode);
  unlock();
  return r;
}

// ---------------------------------------------------------------- open files

function openImpl(len: u32, flags: u32, mode: u32): i32 {
  lastCreated = false;
  const wr = (flags & O_ACCMODE) != 0;
  const excl = (flags & O_CREAT) != 0 && (flags & O_EXCL) != 0;
  const follow = (flags & O_NOFOLLOW) == 0 && !excl ? FINAL_FOLLOW : FINAL_NOFOLLOW;
  if ((flags & O_CREAT) != 0) {
    // Linux open_last_lookups: with O_CREAT a trailing slash is EISDIR before the final name is looked at.
    const c = resolve(pathA(), len, FINAL_ENTRY, 0);
    if (c < 0 && !(c == -ENOTDIR && rIno != 0)) return c;
    if (rSlash && !rIsSpecial()) return -EISDIR;
  }
  const r = resolve(pathA(), len, follow, 0);
  if (r < 0) return r;
  let ino = rIno;
  if (ino == 0) {
    if ((flags & O_CREAT) == 0) return -ENOENT;
    if (rSlash) return -EISDIR;
    const c = createNode(S_IFREG | (mode & 0o7777));
    if (c < 0) return c;
    ino = <u32>c;
    lastCreated = true;
  } else {
    if (excl) return -EEXIST;
    const ip = inodePtr(ino);
    if (isLink(ip)) return -ELOOP;
    if (isDir(ip)) {
      if (wr || (flags & O_CREAT) != 0) return -EISDIR;
    } else if ((flags & O_DIRECTORY) != 0) {
      return -ENOTDIR;
    }
    if ((flags & O_TRUNC) != 0 && wr && isFile(ip)) {
      fileTruncate(ip, 0);
      touchMC(ip);
    }
  }
  const ip = inodePtr(ino);
  const open = load<u16>(ip + I_OPEN);
  if (open == 0xFFFF) {
    maybeRelease(ino);
    return -EMFILE;
  }
  store<u16>(ip + I_OPEN, open + 1);
  return <i32>ino;
}
/** open(2) of path A with Linux O_* flags; returns the ino, holding an open reference. */
export function open(len: u32, flags: u32, mode: u32): i32 {
  lock();
  const r = openImpl(len, flags, mode);
  unlock();
  return r;
}

/** Drops an open reference; frees the inode if it was unlinked. */
export function close(ino: u32): i32 {
  lock();
  let r = -EBADF;
  if (validIno(ino)) {
    const ip = inodePtr(ino);
    const open = load<u16>(ip + I_OPEN);
    if (open != 0) {
      store<u16>(ip + I_OPEN, open - 1);
      maybeRelease(ino);
      r = 0;
    }
  }
  unlock();
  return r;
}

function readImpl(ino: u32, len: u32, pos: f64): i32 {
  if (!validIno(ino)) return -EBADF;
  const ip = inodePtr(ino);
  if (isDir(ip)) return -EISDIR;
  if (!isFile(ip)) return -EINVAL;
  if (!(pos >= 0)) return -EINVAL;
  const size = <f64>load<u32>(ip + I_SIZE);
  if (pos >= size) return 0;
  const avail = <u32>(size - pos);
  const n = len < avail ? len : avail;
  copyFile(ip, <u32>pos, scratch + SCR_DATA, n, false);
  return <i32>n;
}
/** Reads up to `len` (≤ SCR_DATA_SIZE) bytes at `pos` into the data area. */
export function read(ino: u32, len: u32, pos: f64): i32 {
  lock();
  const r = readImpl(ino, len > SCR_DATA_SIZE ? SCR_DATA_SIZE : len, pos);
  unlock();
  return r;
}

function writeImpl(ino: u32, len: u32, pos: f64): i32 {
  if (!validIno(ino)) return -EBADF;
  const ip = inodePtr(ino);
  if (isDir(ip)) return -EISDIR;
  if (!isFile(ip)) return -EINVAL;
  if (pos < 0) pos = <f64>load<u32>(ip + I_SIZE);
  if (pos + <f64>len > 4294901760) return -EFBIG;
  lastPos = pos;
  if (len == 0) return 0;
  const r = fileWrite(ip, <u32>pos, scratch + SCR_DATA, len);
  if (r >= 0) touchMC(ip);
  return r;
}
/** Writes `len` bytes from the data area at `pos` (negative = append at EOF). */
export function write(ino: u32, len: u32, pos: f64): i32 {
  lock();
  const r = writeImpl(ino, len > SCR_DATA_SIZE ? SCR_DATA_SIZE : len, pos);
  unlock();
  return r;
}

function truncIno(ip: usize, size: f64): i32 {
  if (isDir(ip)) return -EISDIR;
  if (!isFile(ip)) return -EINVAL;
  if (!(size >= 0)) return -EINVAL;
  if (size > 4294901760) return -EFBIG;
  const r = fileTruncate(ip, <u32>size);
  if (r == 0) touchMC(ip);
  return r;
}

export function ftruncate(ino: u32, size: f64): i32 {
  lock();
  const r = validIno(ino) ? truncIno(inodePtr(ino), size) : -EBADF;
  unlock();
  return r;
}

function truncateImpl(len: u32, size: f64): i32 {
  const r = resolve(pathA(), len, FINAL_FOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  return truncIno(inodePtr(rIno), size);
}
export function truncate(len: u32, size: f64): i32 {
  lock();
  const r = truncateImpl(len, size);
  unlock();
  return r;
}

// ---------------------------------------------------------------- namespace

function mkdirImpl(len: u32, mode: u32): i32 {
  const r = resolve(pathA(), len, FINAL_ENTRY, 0);
  if (r == -ENOTDIR && rIno != 0) return -EEXIST;
  if (r < 0) return r;
  if (rIno != 0) return -EEXIST;
  const c = createNode(S_IFDIR | (mode & 0o7777));
  return c < 0 ? c : 0;
}
export function mkdir(len: u32, mode: u32): i32 {
  lock();
  const r = mkdirImpl(len, mode);
  unlock();
  return r;
}

function removeEntry(parent: u32, name: usize, nlen: u32): void {
  const pp = inodePtr(parent);
  if (dirLookup(pp, name, nlen) != 0) dirRemoveAt(pp, foundOff);
  touchMC(pp);
}

function rmdirImpl(len: u32): i32 {
  const r = resolve(pathA(), len, FINAL_ENTRY, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  if (rNameLen == 0 || rIno == ROOT_INO) return -EBUSY;
  if (rIsSpecial()) return rNameLen == 1 ? -EINVAL : -ENOTEMPTY;
  const ip = inodePtr(rIno);
  if (!isDir(ip)) return -ENOTDIR;
  if (load<u32>(ip + I_SIZE) != 0) return -ENOTEMPTY;
  const ino = rIno;
  removeEntry(rParent, rName, rNameLen);
  const pp = inodePtr(rParent);
  store<u32>(pp + I_NLINK, load<u32>(pp + I_NLINK) - 1);
  store<u32>(ip + I_NLINK, 0);
  maybeRelease(ino);
  return 0;
}
export function rmdir(len: u32): i32 {
  lock();
  const r = rmdirImpl(len);
  unlock();
  return r;
}

function unlinkImpl(len: u32): i32 {
  const r = resolve(pathA(), len, FINAL_ENTRY, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  if (rIsSpecial()) return -EISDIR;
  const ip = inodePtr(rIno);
  if (isDir(ip)) return -EISDIR;
  const ino = rIno;
  removeEntry(rParent, rName, rNameLen);
  store<u32>(ip + I_NLINK, load<u32>(ip + I_NLINK) - 1);
  store<f64>(ip + I_CTIME, now);
  maybeRelease(ino);
  return 0;
}
export function unlink(len: u32): i32 {
  lock();
  const r = unlinkImpl(len);
  unlock();
  return r;
}

function symlinkImpl(tlen: u32, len: u32): i32 {
  if (tlen == 0) return -ENOENT;
  if (tlen >= PATH_MAX) return -ENAMETOOLONG;
  const r = resolve(pathA(), len, FINAL_ENTRY, 0);
  if (r == -ENOTDIR && rIno != 0) return -EEXIST;
  if (r < 0) return r;
  if (rIno != 0) return -EEXIST;
  if (rSlash) return -ENOENT;
  const buf = alloc(tlen, true);
  if (buf == 0) return -ENOSPC;
  const c = createNode(S_IFLNK | 0o777);
  if (c < 0) {
    free(buf, tlen, true);
    return c;
  }
  const ip = inodePtr(<u32>c);
  memory.copy(buf, pathB(), tlen);
  store<u32>(ip + I_DATA, <u32>buf);
  store<u32>(ip + I_CAP, tlen < 16 ? 16 : <u32>1 << (32 - clz<u32>(tlen - 1)));
  store<u32>(ip + I_SIZE, tlen);
  return 0;
}
/** Creates path A as a symlink whose target is path B (`tlen` bytes). */
export function symlink(tlen: u32, len: u32): i32 {
  lock();
  const r = symlinkImpl(tlen, len);
  unlock();
  return r;
}

function linkImpl(lenA: u32, lenB: u32): i32 {
  let r = resolve(pathA(), lenA, FINAL_NOFOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  const src = rIno;
  const sp = inodePtr(src);
  r = resolve(pathB(), lenB, FINAL_ENTRY, 1);
  if (r == -ENOTDIR && rIno != 0) return -EEXIST;
  if (r < 0) return r;
  if (rIno != 0) return -EEXIST;
  if (rSlash) return -ENOENT;
  if (isDir(sp)) return -EPERM;
  const pp = inodePtr(rParent);
  if (!dirAdd(pp, src, direntType(sp), rName, rNameLen)) return -ENOSPC;
  touchMC(pp);
  store<u32>(sp + I_NLINK, load<u32>(sp + I_NLINK) + 1);
  store<f64>(sp + I_CTIME, now);
  return 0;
}
/** Hard link: path B becomes another name of path A. */
export function link(lenA: u32, lenB: u32): i32 {
  lock();
  const r = linkImpl(lenA, lenB);
  unlock();
  return r;
}

function renameImpl(lenA: u32, lenB: u32): i32 {
  // Error precedence follows Linux do_renameat2: both parent walks, then
  // "."/".."/"/" (EBUSY), a missing source, trailing slashes, ancestor traps.
  let r = resolve(pathA(), lenA, FINAL_ENTRY, 0);
  const srcSlashErr = r == -ENOTDIR && rIno != 0;
  if (r < 0 && !srcSlashErr) return r;
  const srcSpecial = rIsSpecial();
  const src = rIno;
  const srcParent = rParent;
  const srcName = rName;
  const srcLen = rNameLen;
  r = resolve(pathB(), lenB, FINAL_ENTRY, 1);
  if (r < 0 && !(r == -ENOTDIR && rIno != 0)) return r;
  if (srcSpecial || rIsSpecial()) return -EBUSY;
  if (src == 0) return -ENOENT;
  const sp = inodePtr(src);
  const srcDir = isDir(sp);
  if (!srcDir && (srcSlashErr || rSlash)) return -ENOTDIR;
  const dst = rIno;
  const dstParent = rParent;
  if (srcParent != dstParent) {
    // Linux's lock_rename trap: the topmost of the two directories' lines.
    let d = dstParent;
    while (d != ROOT_INO && d != srcParent) d = load<u32>(inodePtr(d) + I_AUX);
    if (d == srcParent) {
      d = dstParent;
      while (d != ROOT_INO && d != src) d = load<u32>(inodePtr(d) + I_AUX);
      if (d == src) return -EINVAL;
    }
    if (dst != 0) {
      d = srcParent;
      while (d != ROOT_INO && d != dst) d = load<u32>(inodePtr(d) + I_AUX);
      if (d == dst) return -ENOTEMPTY;
    }
  }
  if (src == dst) return 0;
  const dp = dst != 0 ? inodePtr(dst) : 0;
  if (srcDir) {
    if (dst != 0) {
      if (!isDir(dp)) return -ENOTDIR;
      if (load<u32>(dp + I_SIZE) != 0) return -ENOTEMPTY;
    }
  } else if (dst != 0 && isDir(dp)) {
    return -EISDIR;
  }
  const dpp = inodePtr(dstParent);
  const spp = inodePtr(srcParent);
  if (dst != 0) {
    dirLookup(dpp, rName, rNameLen);
    dirSetAt(dpp, foundOff, src, direntType(sp));
  } else if (!dirAdd(dpp, src, direntType(sp), rName, rNameLen)) {
    return -ENOSPC;
  }
  if (dirLookup(spp, srcName, srcLen) == src) dirRemoveAt(spp, foundOff);
  touchMC(spp);
  touchMC(dpp);
  store<f64>(sp + I_CTIME, now);
  if (srcDir) {
    store<u32>(sp + I_AUX, dstParent);
    store<u32>(spp + I_NLINK, load<u32>(spp + I_NLINK) - 1);
    store<u32>(dpp + I_NLINK, load<u32>(dpp + I_NLINK) + 1);
  }
  if (dst != 0) {
    if (isDir(dp)) {
      store<u32>(dpp + I_NLINK, load<u32>(dpp + I_NLINK) - 1);
      store<u32>(dp + I_NLINK, 0);
    } else {
      store<u32>(dp + I_NLINK, load<u32>(dp + I_NLINK) - 1);
      store<f64>(dp + I_CTIME, now);
    }
    maybeRelease(dst);
  }
  return 0;
}
/** rename(2) from path A to path B. */
export function rename(lenA: u32, lenB: u32): i32 {
  lock();
  const r = renameImpl(lenA, lenB);
  unlock();
  return r;
}

function attrImpl(len: u32, follow: bool, what: u32, a: f64, b: f64): i32 {
  const r = resolve(pathA(), len, follow ? FINAL_FOLLOW : FINAL_NOFOLLOW, 0);
  if (r < 0) return r;
  if (rIno == 0) return -ENOENT;
  return setAttr(rIno, what, a, b);
}

/** what: 0 mode, 1 owner, 2 times; ctime becomes now. */
function setAttr(ino: u32, what: u32, a: f64, b: f64): i32 {
  const ip = inodePtr(ino);
  if (what == 0) {
    const m = (<u32>load<u16>(ip + I_MODE) & S_IFMT) | (<u32>a & 0o7777);
    store<u16>(ip + I_MODE, <u16>m);
  } else if (what == 1) {
    if (a >= 0) store<u32>(ip + I_UID, <u32>a);
    if (b >= 0) store<u32>(ip + I_GID, <u32>b);
  } else {
    store<f64>(ip + I_ATIME, a);
    store<f64>(ip + I_MTIME, b);
  }
  store<f64>(ip + I_CTIME, now);
  return 0;
}
export function chmod(len: u32, mode: u32, follow: bool): i32 {
  lock();
  const r = attrImpl(len, follow, 0, <f64>mode, 0);
  unlock();
  return r;
}
/** chown; a negative uid/gid leaves that id unchanged. */
export function chown(len: u32, uid: f64, gid: f64, follow: bool): i32 {
  lock();
  const r = attrImpl(len, follow, 1, uid, gid);
  unlock();
  return r;
}
export function utimes(len: u32, atime: f64, mtime: f64, follow: bool): i32 {
  lock();
  const r = attrImpl(len, follow, 2, atime, mtime);
  unlock();
  return r;
}

/**
 * fchmod(2), fchown(2), futimens(2): the same changes on an open ino, which
 * works after the file was renamed or unlinked (the path would not).
 */
export function fchmod(ino: u32, mode: u32): i32 {
  lock();
  const r = validIno(ino) ? setAttr(ino, 0, <f64>mode, 0) : -EBADF;
  unlock();
  return r;
}
export function fchown(ino: u32, uid: f64, gid: f64): i32 {
  lock();
  const r = validIno(ino) ? setAttr(ino, 1, uid, gid) : -EBADF;
  unlock();
  return r;
}
export function futimes(ino: u32, atime: f64, mtime: f64): i32 {
  lock();
  const r = validIno(ino) ? setAttr(ino, 2, atime, mtime) : -EBADF;
  unlock();
  return r;
}

