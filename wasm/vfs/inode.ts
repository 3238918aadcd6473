/** Inode table: 64-byte records in 64 KiB pages reached through the page directory. */
import {
  FS_BASE, SB_INODE_DIR, SB_NEXT_INO, SB_FREE_INO, SB_INODES, MAX_INODE_PAGES, INODES_PER_PAGE,
  INODE_SIZE, I_MODE, I_OPEN, I_NLINK, I_SIZE, I_DATA, I_CAP, I_AUX, I_ATIME, I_MTIME, I_CTIME,
  I_BIRTHTIME, S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, CHUNK_SIZE, DT_FILE, DT_DIR, DT_LINK,
} from "./layout";
import { alloc, free } from "./alloc";

/** Per-instance clock, set by the binding before each call (ms since epoch). */
export let now: f64 = 0;
export function setTime(t: f64): void {
  now = t;
}

export function inodePtr(ino: u32): usize {
  const page = load<u32>(<usize>(FS_BASE + SB_INODE_DIR + ((ino >> 10) << 2)));
  return <usize>page + (<usize>(ino & (INODES_PER_PAGE - 1)) << 6);
}

/** True when `ino` names a live inode. */
export function validIno(ino: u32): bool {
  if (ino == 0 || ino >= load<u32>(<usize>(FS_BASE + SB_NEXT_INO))) return false;
  return load<u16>(inodePtr(ino) + I_MODE) != 0;
}

export function typeOf(ip: usize): u32 {
  return <u32>load<u16>(ip + I_MODE) & S_IFMT;
}
export function isDir(ip: usize): bool {
  return typeOf(ip) == S_IFDIR;
}
export function isLink(ip: usize): bool {
  return typeOf(ip) == S_IFLNK;
}
export function isFile(ip: usize): bool {
  return typeOf(ip) == S_IFREG;
}
export function direntType(ip: usize): u32 {
  const t = typeOf(ip);
  return t == S_IFDIR ? DT_DIR : t == S_IFLNK ? DT_LINK : DT_FILE;
}

export function touchMC(ip: usize): void {
  store<f64>(ip + I_MTIME, now);
  store<f64>(ip + I_CTIME, now);
}

/** Allocates an inode of the given mode; 0 when the table or quota is full. */
export function newInode(mode: u32): u32 {
  const sbFree = <usize>(FS_BASE + SB_FREE_INO);
  let ino = load<u32>(sbFree);
  if (ino != 0) {
    store<u32>(sbFree, load<u32>(inodePtr(ino) + I_AUX));
  } else {
    const sbNext = <usize>(FS_BASE + SB_NEXT_INO);
    ino = load<u32>(sbNext);
    const page = ino >> 10;
    if (page >= MAX_INODE_PAGES) return 0;
    const slot = <usize>(FS_BASE + SB_INODE_DIR + (page << 2));
    if (load<u32>(slot) == 0) {
      const p = alloc(INODES_PER_PAGE * INODE_SIZE, true);
      if (p == 0) return 0;
      memory.fill(p, 0, INODES_PER_PAGE * INODE_SIZE);
      store<u32>(slot, <u32>p);
    }
    store<u32>(sbNext, ino + 1);
  }
  const ip = inodePtr(ino);
  memory.fill(ip, 0, INODE_SIZE);
  store<u16>(ip + I_MODE, <u16>mode);
  store<f64>(ip + I_ATIME, now);
  store<f64>(ip + I_MTIME, now);
  store<f64>(ip + I_CTIME, now);
  store<f64>(ip + I_BIRTHTIME, now);
  const sbCount = <usize>(FS_BASE + SB_INODES);
  store<u32>(sbCount, load<u32>(sbCount) + 1);
  return ino;
}

/** Frees whatever storage an inode's data pointer owns and resets size/capacity. */
export function freeData(ip: usize): void {
  const cap = load<u32>(ip + I_CAP);
  const data = <usize>load<u32>(ip + I_DATA);
  if (cap != 0) {
    if (isFile(ip) && cap > CHUNK_SIZE) {
      const n = cap / CHUNK_SIZE;
      for (let i: u32 = 0; i < n; i++) free(<usize>load<u32>(data + (i << 2)), CHUNK_SIZE, true);
      free(data, load<u32>(ip + I_AUX), true);
    } else {
      free(data, cap, true);
    }
  }
  store<u32>(ip + I_DATA, 0);
  store<u32>(ip + I_CAP, 0);
  store<u32>(ip + I_SIZE, 0);
  if (isFile(ip)) store<u32>(ip + I_AUX, 0);
}

function freeInode(ino: u32): void {
  const ip = inodePtr(ino);
  freeData(ip);
  memory.fill(ip, 0, INODE_SIZE);
  const sbFree = <usize>(FS_BASE + SB_FREE_INO);
  store<u32>(ip + I_AUX, load<u32>(sbFree));
  store<u32>(sbFree, ino);
  const sbCount = <usize>(FS_BASE + SB_INODES);
  store<u32>(sbCount, load<u32>(sbCount) - 1);
}

/** Frees the inode once it has neither links nor open references. */
export function maybeRelease(ino: u32): void {
  const ip = inodePtr(ino);
  if (load<u32>(ip + I_NLINK) == 0 && load<u16>(ip + I_OPEN) == 0) freeInode(ino);
}
