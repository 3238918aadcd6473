/**
 * Directory contents: packed entries in insertion order (see layout.ts), in
 * one block that doubles as needed (at most 2^MAX_CLASS = 2 MiB, about 60k
 * entries of typical length; beyond that dirAdd reports ENOSPC). Lookup is a
 * linear scan.
 */
import { I_SIZE, I_DATA, I_CAP, D_INO, D_NAMELEN, D_TYPE, D_NAME } from "./layout";
import { alloc, free } from "./alloc";

/** Byte offset of the entry found by the last successful `dirLookup`. */
export let foundOff: u32 = 0;

function nameEq(a: usize, b: usize, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** ino of `name` in directory `dip`, or 0. Sets `foundOff`. */
export function dirLookup(dip: usize, name: usize, len: u32): u32 {
  const base = <usize>load<u32>(dip + I_DATA);
  const size = load<u32>(dip + I_SIZE);
  let off: u32 = 0;
  while (off < size) {
    const e = base + off;
    const n = <u32>load<u16>(e + D_NAMELEN);
    if (n == len && nameEq(e + D_NAME, name, len)) {
      foundOff = off;
      return load<u32>(e + D_INO);
    }
    off += D_NAME + n;
  }
  return 0;
}

/** Offset of the entry pointing at `ino`, or -1. */
export function dirFindIno(dip: usize, ino: u32): i32 {
  const base = <usize>load<u32>(dip + I_DATA);
  const size = load<u32>(dip + I_SIZE);
  let off: u32 = 0;
  while (off < size) {
    const e = base + off;
    if (load<u32>(e + D_INO) == ino) return <i32>off;
    off += D_NAME + <u32>load<u16>(e + D_NAMELEN);
  }
  return -1;
}

/** Appends an entry; false when out of space. */
export function dirAdd(dip: usize, ino: u32, type: u32, name: usize, len: u32): bool {
  const size = load<u32>(dip + I_SIZE);
  const cap = load<u32>(dip + I_CAP);
  const need = size + D_NAME + len;
  let base = <usize>load<u32>(dip + I_DATA);
  if (need > cap) {
    let ncap: u32 = cap == 0 ? 64 : cap;
    while (ncap < need) ncap <<= 1;
    const nb = alloc(ncap, true);
    if (nb == 0) return false;
    if (size != 0) memory.copy(nb, base, size);
    if (cap != 0) free(base, cap, true);
    base = nb;
    store<u32>(dip + I_DATA, <u32>nb);
    store<u32>(dip + I_CAP, ncap);
  }
  const e = base + size;
  store<u32>(e + D_INO, ino);
  store<u16>(e + D_NAMELEN, <u16>len);
  store<u8>(e + D_TYPE, <u8>type);
  store<u8>(e + D_TYPE + 1, 0);
  memory.copy(e + D_NAME, name, len);
  store<u32>(dip + I_SIZE, need);
  return true;
}

/** Removes the entry at byte offset `off`, keeping the order of the rest. */
export function dirRemoveAt(dip: usize, off: u32): void {
  const base = <usize>load<u32>(dip + I_DATA);
  const size = load<u32>(dip + I_SIZE);
  const e = base + off;
  const elen = D_NAME + <u32>load<u16>(e + D_NAMELEN);
  memory.copy(e, e + elen, size - off - elen);
  store<u32>(dip + I_SIZE, size - elen);
}

/** Points the entry at `off` to another inode. */
export function dirSetAt(dip: usize, off: u32, ino: u32, type: u32): void {
  const e = <usize>load<u32>(dip + I_DATA) + off;
  store<u32>(e + D_INO, ino);
  store<u8>(e + D_TYPE, <u8>type);
}
